"""The corpus of broken meeting notes: each is refused by ``bantin report`` with exit 2, its file, line (and column),
before any writer sees it, and nothing changes.

The cases are here as bytes, beside the line they must produce, rather than as files: a control character or a
byte that is not UTF-8 reads better as an escape than in an editor. Each replaces the plains cluster's notes in a
private copy of the small project and runs the command line, as ``make report`` does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from bantin.cli import EXIT_BAD_INPUT
from helpers import small_project, snapshot

FRONT = "---\nmeeting_date: 2024-06-21\nmeeting_time_of_day: chiều\norganiser: Ban Dân vận\n---\n\n"
FILE = "data/notes/2024H1/dong-bang.md"


def notes(front: str = FRONT, body: str = "Các đơn vị đã thảo luận.\n", tail: bytes = b"") -> bytes:
    return (front + body).encode("utf-8") + tail


# case → (the notes' bytes, what the one error line says); the body starts on line 7
CASES = {
    "impossible_date": (
        notes(FRONT.replace("2024-06-21", "2024-02-30")),
        f"{FILE}, dòng 2: meeting_date ghi '2024-02-30', không đọc được (day is out of range for month)",
    ),
    "vertical_tab_in_the_body": (notes(body="Một dòng.\nab\x0bc\n"), f"{FILE}, dòng 8, cột 3: ký tự U+000B"),
    "escape_in_the_body": (notes(body="\x1b[31mĐỏ\n"), f"{FILE}, dòng 7, cột 1: ký tự U+001B"),
    "bidi_override_in_the_body": (notes(body="ab\u202edc\n"), f"{FILE}, dòng 7, cột 3: ký tự U+202E"),
    "lone_surrogate_as_bytes": (notes(tail=b"\xed\xa0\x80\n"), f"{FILE}, dòng 8: tệp ghi chú không phải mã UTF-8"),
    "lone_surrogate_as_a_yaml_escape": (
        notes(FRONT.replace("organiser: Ban Dân vận", 'organiser: "Ban\\ud800"')),
        f"{FILE}, dòng 4: organiser chứa ký tự U+D800",
    ),
    "escape_in_the_front_matter": (
        notes(FRONT.replace("organiser:", 'programme: "x\\e[2J"\norganiser:')),
        f"{FILE}, dòng 4: programme chứa ký tự U+001B",
    ),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return small_project(tmp_path_factory.mktemp("notes") / "project")


@pytest.mark.parametrize("case", CASES)
def test_each_broken_notes_file_is_refused_with_its_file_and_line(pristine, case, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(pristine.root, root)
    data, message = CASES[case]
    (root / FILE).write_bytes(data)
    before = {folder: snapshot(root / folder) for folder in ("outputs", "data/processed", "data/notes", "data/raw")}

    command = [sys.executable, "-m", "bantin.cli", "report", "--period", "2024H1", "--project", str(root)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)

    assert result.returncode == EXIT_BAD_INPUT, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Lỗi")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    for folder, files in before.items():
        assert snapshot(root / folder) == files, f"{folder} changed"


HOSTILE_MARKDOWN = (
    "Xem ![ảnh theo dõi](http://203.0.113.7/theo-doi.png) và [trang](https://example.org/a).\n\n"
    '<img src="http://203.0.113.7/a.png" onerror="alert(1)">\n\n'
    '<iframe src="http://203.0.113.7/f"></iframe> <script src="http://203.0.113.7/s.js"></script>\n'
)


def test_an_image_of_the_notes_is_its_words_and_address_and_raw_html_is_text_in_page_word_and_news():
    from bantin.bulletin import markdown, news

    page = markdown.html_of(HOSTILE_MARKDOWN)
    assert "<img" not in page and "<iframe" not in page and "<script" not in page
    assert "ảnh theo dõi (ảnh: http://203.0.113.7/theo-doi.png)" in page
    assert '<a href="https://example.org/a">trang</a>' in page
    words = [run for element in markdown.elements(HOSTILE_MARKDOWN) for run in getattr(element, "runs", ())]
    assert "ảnh theo dõi (ảnh: http://203.0.113.7/theo-doi.png)" in [run.text for run in words]
    assert {run.link for run in words if run.link} == {"https://example.org/a"}
    assert "ảnh theo dõi (ảnh: http://203.0.113.7/theo-doi.png)" in news.plain_paragraphs(HOSTILE_MARKDOWN)[0]

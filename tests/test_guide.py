"""The analysts' guide, docs/huong-dan/: its pictures show what the sample renders today, and it renders to a PDF
through the bulletins' own pipeline.

How a stale picture is caught, and why this way: comparing pixels would need Chromium, poppler and LibreOffice in
every test run, and screenshots are not byte-stable across machines. What a picture shows is text: the visible
words of outputs/index.html or validation.html, the words of page 1 of a PDF, the cells of a template. When
`make guide-images` takes a picture, it records in docs/huong-dan/hinh/nguon.json the sha256 of that text,
whitespace collapsed (bantin.guide.shown). The test renders the same sources again (the sample's 2026H1 in a
copy of the project, as the script does) and compares the hashes: a page whose words, figures or layout of
words changed since the pictures were taken fails here, naming the pictures to make again. A change of colour
or spacing alone is not caught: the pictures are illustrations, and their words are what a reader checks
against the screen. Hashing the outputs' bytes or their inputs' stamps (.bantin/state.json) instead would fail
on every change of code, since the code's hash is part of both.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from bantin import guide
from bantin.intake.template import template_bytes
from bantin.model.periods import Period

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / guide.GUIDE
REMAKE = "the guide's pictures no longer show what the sample renders: run `make guide-images` and commit them"


def recorded() -> dict[str, dict[str, str]]:
    return json.loads((ROOT / guide.RECORD).read_text(encoding="utf-8"))


def test_every_picture_the_guide_shows_is_one_the_script_makes_and_records():
    shown_in_text = {
        name for path in FOLDER.glob("*.md") for name in re.findall(r"\(hinh/([^)]+)\)", path.read_text("utf-8"))
    }
    assert shown_in_text == set(guide.PICTURES)
    assert all((ROOT / guide.IMAGES / name).is_file() for name in guide.PICTURES)
    assert {name: entry["source"] for name, entry in recorded().items()} == {
        name: source for name, (source, _, _) in guide.PICTURES.items()
    }


def test_the_template_picture_shows_the_template_make_template_writes_today(tmp_path, reference):
    period = Period.parse(str(guide.TEMPLATE_PERIOD))
    [unit] = [unit for unit in reference.units(period) if unit.code == guide.TEMPLATE_UNIT]
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_bytes(reference, period, unit))
    text = guide.shown(path)
    assert "Số liệu:" in text and unit.name in text
    assert hashlib.sha256(text.encode()).hexdigest() == recorded()["mau-bao-cao.png"]["shown_sha256"], REMAKE


def test_the_guide_is_one_page_of_all_its_chapters_with_its_links_within_and_its_pictures_inline():
    page = guide.guide_html(ROOT)
    chapters = guide.chapters(ROOT)
    assert len(chapters) == 8 and all(f'id="{path.stem}"' in page for path in chapters)
    assert not re.search(r'href="[^"#]*\.md', page)  # no link leads out of the page
    assert 'src="hinh/' not in page and page.count('src="data:image/png;base64,') == len(guide.PICTURES)


@pytest.mark.slow
def test_the_pictures_show_what_the_sample_renders_today(tmp_path):
    project = guide.render_sample(tmp_path / "project")
    now = guide.fingerprints(project.root)
    stale = sorted(name for name, entry in recorded().items() if now[name] != entry)
    assert not stale, f"{REMAKE}: {stale}"


@pytest.mark.slow
def test_the_guide_renders_to_a_pdf_with_the_projects_fonts(tmp_path):
    from pypdf import PdfReader

    from bantin.render.exporters import html_to_pdf

    path = tmp_path / "huong-dan.pdf"
    path.write_bytes(html_to_pdf(guide.guide_html(ROOT)))
    reader = PdfReader(path)
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
        if "/BaseFont" in font.get_object()
    }
    assert {"Liberation-Serif", "Liberation-Serif-Bold"} <= fonts
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "make template PERIOD=2026H2" in text and "Khi có sự cố" in text
    assert len(reader.pages) >= 8  # the contents, then a page or more per chapter

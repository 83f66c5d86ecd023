"""Every word of the site (index, validation report, the set's cover, data files, who reported) comes from
data/reference/site.toml; a mistake in it is named with its file and line; editing it re-renders what it words."""

from __future__ import annotations

import ast
import io
import json
import re
import subprocess
import sys
import unicodedata

import pytest
from openpyxl import load_workbook

from bantin.build.freshness import Inputs
from bantin.build.provenance import Code
from bantin.cli import EXIT_BAD_INPUT
from bantin.intake import completeness, consolidated
from bantin.model import site_wording
from bantin.model.errors import Problem, ReferenceDataError
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.render import collection, data_files, outputs, pages
from helpers import ROOT, small_project

H1 = Period.parse("2024H1")
SCOPE_OF_THE_SITE = [  # the modules whose words moved to site.toml (and the charts' to narrative.j2); the intake's
    "render/pages.py",  # own messages (completeness.gap_problems) and the terminal's are not the site's
    "render/data_files.py",
    "render/outputs.py",
    "render/collection.py",
    "bulletin/charts.py",
]
VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ")


def reworded(project, table: str, key: str, words: str) -> None:
    """Replace one entry of the project's site.toml (``table``: "" for the top level)."""
    path = project.reference_dir / site_wording.SITE_FILE
    text = path.read_text(encoding="utf-8")
    start = text.index(f"[{table}]\n") if table else 0
    line = re.compile(rf"^{key} = \".*\"$", re.M).search(text, start)
    path.write_text(text[: line.start()] + f'{key} = "{words}"' + text[line.end() :], encoding="utf-8")


def checked(project) -> tuple[object, dict]:
    observations = consolidated.consolidate(project, H1).observations
    return observations, completeness.by_cluster(project.reference, H1, observations)


def test_the_words_of_the_index_validation_report_and_cover_are_site_toml_s(project):
    reworded(project, "index", "subtitle", "Các kỳ bản tin ĐÃ SỬA")
    reworded(project, "index.files", "data_table", "Bảng số liệu CSV")
    reworded(project, "validation", "completeness", "Ai đã gửi")
    reworded(project, "cover", "contents", "Danh mục bản tin")
    reworded(project, "cover", "title", "Bộ {bulletin} – {period}")
    reworded(project, "data", "cluster_total", "Cộng {scope}")
    reworded(project, "", "reported", "{received} trên {expected} đơn vị đã nộp")
    observations, by_cluster = checked(project)
    status = json.loads(outputs.status(H1, project.reference, by_cluster, 0, "Toàn tỉnh"))

    catalogue = [{"period": "2024H1", "files": ["dong-bang.pdf", "data.csv", "status.json"], "status": status}]
    index = pages.index(catalogue, project.reference)
    assert "Các kỳ bản tin ĐÃ SỬA" in index and ">Bảng số liệu CSV</a>" in index
    assert "Cụm đồng bằng: 8 trên 8 đơn vị đã nộp" in index  # who reported: one entry, everywhere
    assert "Ai đã gửi" in pages.validation([], H1, project.reference, by_cluster)
    title = collection.set_title(project.reference, H1)
    assert title == "Bộ bản tin công tác dân vận – 6 tháng đầu năm 2024"
    contents = [{"scope": PROVINCE, "name": "Toàn tỉnh", "pages": 3, "first_page": 2}]
    assert "Danh mục bản tin" in pages.cover(project.reference, H1, title, contents, status)
    table = data_files.figures_table(observations, project.reference, H1)
    assert "Cộng cụm đồng bằng" in set(table["unit_name"])
    assert outputs.completeness_lines(project, H1) == []  # nothing published yet
    words = site_wording.of(project.reference_dir)
    assert by_cluster["dong-bang"].summary(words) == "8 trên 8 đơn vị đã nộp"


def test_the_words_of_the_data_workbook_are_site_toml_s(project):
    reworded(project, "data", "sheet", "Bảng số liệu")
    reworded(project, "data", "unit", "Tên đơn vị")
    observations, _ = checked(project)
    table = data_files.figures_table(observations, project.reference, H1)
    sheet = load_workbook(io.BytesIO(data_files.to_xlsx(table, project.reference, H1))).active
    assert sheet.title == "Bảng số liệu" and sheet["D1"].value == "Tên đơn vị"


def test_the_site_s_words_are_nfc_and_complete_for_every_template(project):
    words = site_wording.of(ROOT / "data" / "reference")
    for table in ("index", "validation", "cover", "data"):
        assert all(
            text == unicodedata.normalize("NFC", text) for text in words[table].values() if isinstance(text, str)
        )
    page = pages.validation(
        [
            Problem(
                "data/raw/2024H1/a.csv", "dòng 3", "Sai.", "Huyện ủy An Khánh", "Văn bản", rule="r1", rule_name="Số thử"
            )
        ],
        H1,
        project.reference,
    )
    for expected in ("Mức", "Vị trí", "Nội dung và cách sửa", "Lỗi", "(quy tắc: Số thử)", "Tệp"):
        assert expected in page


def test_a_site_toml_given_in_decomposed_unicode_is_read_as_nfc(project):
    reworded(project, "index", "subtitle", unicodedata.normalize("NFD", "Các kỳ bản tin"))
    assert site_wording.of(project.reference_dir)["index"]["subtitle"] == unicodedata.normalize("NFC", "Các kỳ bản tin")


def test_a_missing_site_toml_is_named(tmp_path):
    with pytest.raises(ReferenceDataError, match=r"^Thiếu tệp lời văn site.toml trong data/reference/\.$"):
        site_wording.of(tmp_path)


def test_a_site_toml_that_does_not_parse_is_named_at_its_line(tmp_path):
    (tmp_path / "site.toml").write_text('reported = "ok"\n\n[index]\nsubtitle = Các kỳ\n', encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"^site.toml, dòng 4: lỗi cú pháp lời văn \(Invalid value\)"):
        site_wording.of(tmp_path)


def test_an_entry_missing_or_not_text_is_named_with_its_table(tmp_path):
    (tmp_path / "site.toml").write_text('[index]\nperiod = "Kỳ"\n[cover]\npages = 3\n', encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"^site.toml: mục cover.pages phải là lời văn trong dấu ngoặc kép"):
        site_wording.of(tmp_path)
    (tmp_path / "site.toml").write_text('[index]\nperiod = "Kỳ"\n', encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"^site.toml: thiếu mục 'subtitle' trong bảng \[index\]\.$"):
        site_wording.of(tmp_path)["index"]["subtitle"]


def test_a_broken_site_toml_stops_a_report_with_its_line_and_exit_2(tmp_path):
    project = small_project(tmp_path / "project")
    path = project.reference_dir / site_wording.SITE_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    number = lines.index("[validation]") + 2
    lines.insert(number - 1, 'title = "Kiểm tra')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "bantin.cli", "report", "--period", "2024H1", "--project", str(project.root)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == EXIT_BAD_INPUT and "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Lỗi")]
    assert len(errors) == 1 and errors[0].startswith(f"Lỗi: site.toml, dòng {number}: lỗi cú pháp lời văn"), errors
    assert not list(project.outputs_dir.iterdir())  # nothing published


def test_editing_site_toml_makes_the_files_it_words_out_of_date(project):
    inputs = Inputs(project, Code("library"))
    before = (inputs.index([]), inputs.period(H1), inputs.collection(H1))
    reworded(project, "index", "subtitle", "Các kỳ bản tin khác")
    after = Inputs(project, Code("library"))
    assert after.index([]) != before[0] and after.period(H1) != before[1] and after.collection(H1) != before[2]


def test_no_vietnamese_word_is_left_in_the_python_of_the_site():
    """Only docstrings and comments may speak Vietnamese there: every word a reader sees is in a wording file."""
    left = []
    for name in SCOPE_OF_THE_SITE:
        path = ROOT / "lib" / "bantin" / name
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node) is not None
        }
        left += [
            f"{name}:{node.lineno} {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and _vietnamese(node.value)
        ]
    assert not left


def _vietnamese(text: str) -> bool:
    """A letter of Vietnamese's own (ă, đ, ơ, …) or a letter with a diacritic."""
    return any(char in VIETNAMESE or len(unicodedata.normalize("NFD", char)) > 1 for char in text if not char.isascii())

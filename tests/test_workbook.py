"""The reader of filled Excel templates: figures read back exactly, each located at its cell, and every broken
or hostile file refused with a message instead of a traceback."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from bantin.intake import sniff
from bantin.intake.layout import DATA_SHEET, LABEL_PERIOD, LABEL_UNIT_CODE, LABEL_UNIT_NAME, LABEL_VERSION
from bantin.intake.template import fill_sheet
from bantin.intake.workbook import read_workbook
from helpers import labelled_cell

# --- helpers ---------------------------------------------------------------------------------------


def filled(template: Path, destination: Path, values: dict[str, object], edit=None) -> dict[str, str]:
    """Fill ``template`` with ``values`` (indicator code → cell value) as a person would; return the cells."""
    book = openpyxl.load_workbook(template)
    sheet = book[DATA_SHEET]
    cells = fill_sheet(sheet, values)
    if edit:
        edit(book, sheet)
    destination.parent.mkdir(parents=True, exist_ok=True)
    book.save(destination)
    return cells


def rezipped(data: bytes, member: str, change) -> bytes:
    """``data`` with one zip member's text changed by ``change``."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == member:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(entry.filename, content)
    return output.getvalue()


def sample_figures(project, period: str) -> dict[str, dict[str, str]]:
    """The sample CSV figures of a period: unit → indicator → value as written."""
    figures: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted((project.raw_dir / period).glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as file:
            for row in csv.DictReader(file):
                figures[row["unit"]][row["indicator"]] = row["value"]
    return figures


def read(path: Path, data: bytes | None = None):
    return tuple(read_workbook(path, f"data/raw/2024H1/{path.name}", data))[:2]  # rows, problems


# --- reading a filled template ---------------------------------------------------------------------


def test_filled_templates_read_back_exactly_the_sample_figures(project, templates, tmp_path):
    figures = sample_figures(project, "2024H1")
    assert set(figures) == set(templates)
    expected, found = set(), set()
    for unit, values in figures.items():
        destination = tmp_path / "filled" / f"{unit}.xlsx"
        cells = filled(templates[unit], destination, {code: int(value) for code, value in values.items()})
        expected |= {(unit, code, int(value), f"{DATA_SHEET}!{cells[code]}") for code, value in values.items()}
        rows, problems = read(destination)
        assert problems == []
        assert {row.period for row in rows} == {"2024H1"}
        found |= {(row.unit, row.indicator, row.value, row.location) for row in rows}
    assert found == expected
    assert len(found) == 23 * 14


def test_an_untouched_template_reads_as_fourteen_blanks(templates):
    rows, problems = read(templates["an-khanh"])
    assert problems == []
    assert [row.value for row in rows] == [None] * 14
    assert {(row.period, row.unit) for row in rows} == {("2024H1", "an-khanh")}


def test_each_row_carries_the_file_name_and_the_hash_of_its_bytes(templates):
    data = templates["an-khanh"].read_bytes()
    rows, _ = read(templates["an-khanh"])
    assert {(row.file, row.sha256) for row in rows} == {
        ("data/raw/2024H1/an-khanh.xlsx", hashlib.sha256(data).hexdigest())
    }


def test_the_bytes_given_are_read_without_opening_the_path(templates, tmp_path):
    rows, problems = read(tmp_path / "nowhere.xlsx", templates["an-khanh"].read_bytes())
    assert problems == [] and len(rows) == 14


def test_reading_never_changes_the_file(templates, tmp_path):
    path = tmp_path / "submissions" / "an-khanh.xlsx"
    filled(templates["an-khanh"], path, {"van_ban": 9})
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert [p.name for p in path.parent.iterdir()] == ["an-khanh.xlsx"]


def test_a_unit_that_inserted_a_row_above_still_reads(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsx"
    cells = filled(
        templates["an-khanh"],
        path,
        {"van_ban": 9, "hoi_nghi_luot_nguoi": 4819},
        edit=lambda book, sheet: sheet.insert_rows(1),
    )
    rows, problems = read(path)
    assert problems == []
    by_code = {row.indicator: row for row in rows}
    assert (by_code["van_ban"].unit, by_code["van_ban"].period) == ("an-khanh", "2024H1")
    assert by_code["van_ban"].value == 9 and by_code["hoi_nghi_luot_nguoi"].value == 4819
    shifted = openpyxl.utils.cell.coordinate_from_string(cells["van_ban"])
    assert by_code["van_ban"].location == f"{DATA_SHEET}!{shifted[0]}{shifted[1] + 1}"


def test_the_unit_name_stands_in_for_a_blank_unit_code_in_nfc(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsx"

    def blank_code(book, sheet):
        labelled_cell(sheet, LABEL_UNIT_CODE).value = None
        labelled_cell(sheet, LABEL_UNIT_NAME).value = unicodedata.normalize("NFD", "Huyện ủy An Khánh")

    filled(templates["an-khanh"], path, {"van_ban": 9}, edit=blank_code)
    rows, problems = read(path)
    assert problems == []
    assert {row.unit for row in rows} == {"Huyện ủy An Khánh"}
    assert rows[0].unit == unicodedata.normalize("NFC", rows[0].unit)


def test_labels_are_found_whatever_their_case_spacing_or_colon(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsx"

    def relabel(book, sheet):
        labelled_cell(sheet, LABEL_UNIT_CODE).offset(column=-1).value = "  MÃ ĐƠN VỊ "
        labelled_cell(sheet, LABEL_PERIOD).offset(column=-1).value = unicodedata.normalize("NFD", "kỳ báo cáo")

    filled(templates["an-khanh"], path, {"van_ban": 9}, edit=relabel)
    rows, problems = read(path)
    assert problems == [] and {(row.unit, row.period) for row in rows} == {("an-khanh", "2024H1")}


def test_a_renamed_data_sheet_is_read_from_the_first_sheet(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsx"
    filled(templates["an-khanh"], path, {"van_ban": 9}, edit=lambda book, sheet: setattr(sheet, "title", "Sheet1"))
    rows, problems = read(path)
    assert problems == []
    assert rows[0].location == "Sheet1!D11" and rows[0].value == 9


def test_text_numbers_come_through_as_the_text_and_a_blank_as_none(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsx"
    filled(templates["an-khanh"], path, {"van_ban": "4.819", "kiem_tra": " 12 ", "kiem_tra_dang_vien": 3})
    values = {row.indicator: row.value for row in read(path)[0]}
    assert values["van_ban"] == "4.819" and values["kiem_tra"] == " 12 "
    assert values["kiem_tra_dang_vien"] == 3 and values["hoi_nghi"] is None


def test_a_missing_period_is_a_problem_at_its_cell_and_gives_no_rows(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsx"
    period_cell = {}

    def clear_period(book, sheet):
        cell = labelled_cell(sheet, LABEL_PERIOD)
        period_cell["where"] = f"{DATA_SHEET}!{cell.coordinate}"
        cell.value = None

    filled(templates["an-khanh"], path, {"van_ban": 9}, edit=clear_period)
    rows, [problem] = read(path)
    assert rows == []
    assert problem.location == period_cell["where"] and "kỳ báo cáo" in problem.message


def test_a_sheet_without_the_unit_labels_is_a_problem(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsx"

    def remove_unit(book, sheet):
        for label in (LABEL_UNIT_NAME, LABEL_UNIT_CODE):
            labelled_cell(sheet, label).offset(column=-1).value = None

    filled(templates["an-khanh"], path, {"van_ban": 9}, edit=remove_unit)
    rows, [problem] = read(path)
    assert rows == [] and problem.severity == "error" and "Mã đơn vị" in problem.message


def test_an_unknown_template_version_is_a_warning_and_the_figures_still_read(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsx"
    filled(
        templates["an-khanh"],
        path,
        {"van_ban": 9},
        edit=lambda book, sheet: setattr(labelled_cell(sheet, LABEL_VERSION), "value", "0.9"),
    )
    rows, [problem] = read(path)
    assert problem.severity == "warning" and "'0.9'" in problem.message
    assert len(rows) == 14


def test_a_formula_with_a_cached_value_counts_by_that_value(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsx"
    cells = filled(templates["an-khanh"], path, {"van_ban": "=4+5"})
    # openpyxl cannot compute; write the value Excel would have stored beside the formula.

    def cached(xml: str) -> str:
        return re.sub(r"<f>4\+5</f>(<v ?/>|<v></v>)", "<f>4+5</f><v>9</v>", xml)

    data = rezipped(path.read_bytes(), "xl/worksheets/sheet1.xml", cached)
    path.write_bytes(data)
    rows, problems = read(path)
    assert problems == []
    [row] = [row for row in rows if row.indicator == "van_ban"]
    assert (row.value, row.location) == (9, f"{DATA_SHEET}!{cells['van_ban']}")


def test_a_formula_without_a_cached_value_is_an_error_naming_the_cell(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsx"
    cells = filled(templates["an-khanh"], path, {"van_ban": "=4+5", "kiem_tra": 2})
    rows, [problem] = read(path)
    assert problem.severity == "error"
    assert problem.location == f"{DATA_SHEET}!{cells['van_ban']}"
    assert cells["van_ban"] in problem.message and "công thức" in problem.message
    assert "van_ban" not in {row.indicator for row in rows}  # not silently a blank


def test_a_workbook_with_macros_is_read_for_its_values(templates, tmp_path):
    path = tmp_path / "an-khanh.xlsm"
    filled(templates["an-khanh"], path, {"van_ban": 9})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not run, not kept")
    rows, problems = read(path)
    assert problems == [] and {row.indicator: row.value for row in rows}["van_ban"] == 9


# --- hostile and broken files ----------------------------------------------------------------------


def zip_of(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


def zip_bomb(size: int) -> bytes:
    """A workbook-looking zip with one member of ``size`` zeros, written in chunks: small on disk."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = bytes(2**20)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return output.getvalue()


# kind → (how to make the file, words its message must contain)
HOSTILE = {
    "csv_renamed": (lambda: b"period,unit,indicator,value\n2024H1,an-khanh,van_ban,9\n", "CSV"),
    "xls": (lambda: sniff.OLE2_SIGNATURE + bytes(1024), "Excel 97-2003"),
    "encrypted": (lambda: sniff.OLE2_SIGNATURE + bytes(64) + "EncryptedPackage".encode("utf-16-le"), "mật khẩu"),
    "empty": (lambda: b"", "rỗng"),
    "not_a_workbook": (lambda: zip_of({"readme.txt": b"hello"}), "xl/workbook.xml"),
    "word_document": (lambda: zip_of({"word/document.xml": b"<w/>"}), "Word"),
    "broken_workbook": (lambda: zip_of({"xl/workbook.xml": b"<not xml"}), "Không đọc được tệp Excel"),
    "zip_bomb": (lambda: zip_bomb(60 * 2**20), "MiB"),
    "ratio_bomb": (lambda: zip_bomb(4 * 2**20), "nén bất thường"),
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_file_that_is_not_a_readable_workbook_is_refused_with_a_message(kind, tmp_path):
    make, words = HOSTILE[kind]
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(make())
    rows, [problem] = read(path)
    assert rows == []
    assert (problem.severity, problem.location) == ("error", "")
    assert words in problem.message
    assert "Traceback" not in problem.message


def test_a_zip_bomb_is_refused_without_opening_it(monkeypatch, tmp_path):
    data = zip_bomb(60 * 2**20)
    assert len(data) < 2**20  # small on disk, 60 MiB once decompressed

    def must_not_open(*args, **kwargs):
        raise AssertionError("opened a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_open)
    monkeypatch.setattr(zipfile.ZipFile, "read", must_not_open)
    monkeypatch.setattr(zipfile.ZipFile, "open", must_not_open)
    rows, [problem] = read(tmp_path / "bomb.xlsx", data)
    assert rows == [] and "50 MiB" in problem.message


def test_a_workbook_with_a_link_to_another_file_is_read_from_its_cached_values_with_a_warning():
    path = Path(__file__).parent / "corpus" / "xlsx_with_an_external_link" / "an-khanh.xlsx"
    rows, problems = read(path)
    assert {row.indicator: row.value for row in rows}["hoi_nghi"] == -3  # the value cached in the linked formula
    assert [(problem.severity, problem.location) for problem in problems] == [("warning", "Số liệu!D16")]
    assert "liên kết tới tệp khác" in problems[0].message and problems[0].file.endswith("an-khanh.xlsx")

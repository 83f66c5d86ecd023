"""The Excel template writer: one prefilled, protected, validated workbook per unit, the same bytes every run."""

from __future__ import annotations

import datetime as dt
import unicodedata

import openpyxl
import pytest

from bantin.cli import main
from bantin.intake.layout import (
    DATA_SHEET,
    GUIDE_SHEET,
    LABEL_DATE,
    LABEL_PERIOD,
    LABEL_UNIT_CODE,
    LABEL_UNIT_NAME,
    LABEL_VERSION,
    NAME_PERIOD,
    NAME_UNIT,
    NAME_VERSION,
    TEMPLATE_VERSION,
)
from bantin.intake.template import fill_sheet, template_path, write_templates
from bantin.intake.template_workbook import VALUE_PROMPT
from bantin.model.errors import BantinError
from bantin.model.periods import Period
from helpers import labelled_cell


def test_every_active_unit_gets_a_template_with_its_code_name_and_period(project, reference, h1_2024):
    units = reference.units(h1_2024)
    paths = write_templates(project, h1_2024)
    folder = project.root / "data" / "templates" / "2024H1"
    assert paths == [folder / f"{unit.code}.xlsx" for unit in units]
    assert sorted(folder.iterdir()) == paths  # nothing else, no temporary file left behind
    for unit, path in zip(units, paths, strict=True):
        sheet = openpyxl.load_workbook(path)[DATA_SHEET]
        assert labelled_cell(sheet, LABEL_UNIT_NAME).value == unit.name
        assert labelled_cell(sheet, LABEL_UNIT_CODE).value == unit.code
        assert labelled_cell(sheet, LABEL_PERIOD).value == "2024H1"
        assert labelled_cell(sheet, LABEL_PERIOD).offset(column=1).value == "6 tháng đầu năm 2024"
        assert labelled_cell(sheet, LABEL_VERSION).value == TEMPLATE_VERSION
        assert "6 THÁNG ĐẦU NĂM 2024" in sheet["A1"].value


def test_the_table_lists_every_indicator_in_reference_order_with_label_and_unit(reference, templates, h1_2024):
    sheet = openpyxl.load_workbook(templates["an-khanh"])[DATA_SHEET]
    cells = fill_sheet(sheet, {})
    assert list(cells) == list(reference.indicators_in(h1_2024))
    for number, (code, coordinate) in enumerate(cells.items(), start=1):
        row = sheet[coordinate].row
        indicator = reference.indicators_in(h1_2024)[code]
        assert [sheet.cell(row, column).value for column in range(1, 4)] == [number, indicator.label, indicator.unit]
        assert sheet[coordinate].value is None


def test_the_defined_names_point_at_the_unit_period_and_version(templates):
    book = openpyxl.load_workbook(templates["bai-ngoc"])
    found = {}
    for name in (NAME_UNIT, NAME_PERIOD, NAME_VERSION):
        [(title, reference)] = list(book.defined_names[name].destinations)
        found[name] = book[title][reference.replace("$", "")].value
    assert found == {NAME_UNIT: "bai-ngoc", NAME_PERIOD: "2024H1", NAME_VERSION: TEMPLATE_VERSION}


def test_only_the_input_cells_are_unlocked_and_the_sheet_is_protected_without_password(templates):
    book = openpyxl.load_workbook(templates["an-khanh"])  # opens without any password
    sheet = book[DATA_SHEET]
    inputs = set(fill_sheet(sheet, {}).values()) | {labelled_cell(sheet, LABEL_DATE).coordinate}
    assert len(inputs) == 15
    unlocked = {
        cell.coordinate
        for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column)
        for cell in row
        if not cell.protection.locked
    }
    assert unlocked == inputs
    assert sheet.protection.sheet is True
    assert not sheet.protection.password and not sheet.protection.hashValue
    assert book[GUIDE_SHEET].protection.sheet is True


def test_every_value_cell_accepts_only_whole_numbers_from_zero_and_the_date_cell_a_date(templates):
    sheet = openpyxl.load_workbook(templates["an-khanh"])[DATA_SHEET]
    validations = sheet.data_validations.dataValidation

    def validation_of(coordinate):
        [found] = [dv for dv in validations if coordinate in dv.sqref]
        return found

    for coordinate in fill_sheet(sheet, {}).values():
        validation = validation_of(coordinate)
        assert (validation.type, validation.operator, validation.formula1) == ("whole", "greaterThanOrEqual", "0")
        assert validation.allow_blank and validation.showErrorMessage and validation.error and validation.errorTitle
        assert validation.prompt == VALUE_PROMPT
    date_cell = labelled_cell(sheet, LABEL_DATE)
    assert validation_of(date_cell.coordinate).type == "date"
    assert date_cell.number_format == "dd/mm/yyyy"


def test_the_guide_sheet_says_blank_is_not_zero_and_to_save_as_xlsx(templates):
    guide = openpyxl.load_workbook(templates["an-khanh"])[GUIDE_SHEET]
    text = " ".join(str(cell.value) for row in guide.iter_rows() for cell in row if cell.value)
    assert "để trống" in text and "không phải số 0" in text and ".xlsx" in text
    assert "Huyện ủy An Khánh" in text and "Ban Dân vận Tỉnh ủy" in text
    assert text == unicodedata.normalize("NFC", text)


def test_templates_are_the_same_bytes_run_after_run(project, h1_2024, templates):
    paths = write_templates(project, h1_2024)
    first = [path.read_bytes() for path in paths]
    assert [path.read_bytes() for path in write_templates(project, h1_2024)] == first
    assert {path.stem: path.read_bytes() for path in paths} == {code: p.read_bytes() for code, p in templates.items()}
    properties = openpyxl.load_workbook(paths[0]).properties
    assert properties.creator == "bantin"
    assert properties.created == properties.modified == dt.datetime(2024, 1, 1)


def test_a_year_gets_no_templates_since_they_are_per_half_year(project):
    with pytest.raises(BantinError, match="6 tháng"):
        write_templates(project, Period.parse("2024"))
    assert not template_path(project, Period.parse("2024H1"), "an-khanh").parent.exists()


def test_a_cluster_asked_for_gets_the_templates_of_its_units_only(project, reference, h1_2024):
    assert main(["template", "--period", "2024H1", "--cluster", "mien-nui", "--project", str(project.root)]) == 0
    written = sorted(path.stem for path in (project.root / "data" / "templates" / "2024H1").iterdir())
    assert written == [unit.code for unit in reference.units(h1_2024, "mien-nui")]
    assert written and len(written) < len(reference.units(h1_2024))


# The labels of the seed period (2024H1), word for word: the form as the district-level units knew it.
SEED_LABELS = {
    "kiem_tra": "Cuộc kiểm tra, giám sát về công tác dân vận do Ban Dân vận tham mưu cấp ủy",
    "hoi_nghi": "Hội nghị do cấp ủy cấp huyện, xã tổ chức",
    "hoi_nghi_luot_nguoi": "Lượt người tham dự các hội nghị do cấp ủy cấp huyện, xã tổ chức",
}


def template_labels(path) -> dict[str, str]:
    """Indicator code → the label in its row, as a template's data sheet reads."""
    sheet = openpyxl.load_workbook(path)[DATA_SHEET]
    return {code: sheet.cell(sheet[cell].row, 2).value for code, cell in fill_sheet(sheet, {}).items()}


def test_the_2026h2_template_names_no_district_level_and_no_ban_dan_van(project):
    assert main(["template", "--period", "2026H2", "--project", str(project.root)]) == 0
    paths = sorted((project.root / "data" / "templates" / "2026H2").glob("*.xlsx"))
    assert paths
    book = openpyxl.load_workbook(paths[0])
    texts = [str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value]
    assert not [text for text in texts if "cấp huyện" in text or "Ban Dân vận" in text]
    labels = template_labels(paths[0])
    assert labels["hoi_nghi"] == "Hội nghị do cấp ủy tổ chức"
    assert "tiep_xuc_dan" in labels and "tiep_xuc_dan_luot_nguoi" in labels  # on the form from 2025H2


def test_the_2024h1_template_keeps_the_seed_labels_and_has_no_indicator_of_later_forms(templates):
    labels = template_labels(templates["an-khanh"])
    assert {code: labels[code] for code in SEED_LABELS} == SEED_LABELS
    assert "tiep_xuc_dan" not in labels and len(labels) == 14


def test_the_2025h1_template_names_the_merged_commission(reference):
    period = Period.parse("2025H1")
    labels = {code: indicator.label for code, indicator in reference.indicators_in(period).items()}
    assert labels["kiem_tra"].endswith("do Ban Tuyên giáo và Dân vận tham mưu cấp ủy")
    assert labels["hoi_nghi"] == SEED_LABELS["hoi_nghi"]

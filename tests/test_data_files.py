"""The consolidated figures for spreadsheets (data.csv, data.xlsx): every unit and total, and names inert."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from bantin.intake import consolidated
from bantin.model.periods import Period
from bantin.model.reference import Reference
from bantin.render import data_files
from helpers import HOSTILE_NAME, REFERENCE_TOTALS


@pytest.mark.parametrize("text", ["=1+2", "+49", "-3+1", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_as_a_formula_is_neutralized(text):
    assert data_files.neutralize(text) == "'" + text


@pytest.mark.parametrize("value", ["Hòa Xuyên", "an-khanh", 12, None])
def test_other_values_are_left_as_they_are(value):
    assert data_files.neutralize(value) == value


def test_the_table_holds_every_unit_each_cluster_total_and_the_province(project, h1_2024):
    observations = consolidated.consolidate(project, h1_2024).observations
    table = data_files.figures_table(observations, Reference(project.reference_dir), h1_2024)
    assert len(table) == 23 + 3 + 1
    plains_total = table[table["unit_name"] == "Tổng cụm đồng bằng"].iloc[0]
    assert {code: plains_total[code] for code in REFERENCE_TOTALS} == REFERENCE_TOTALS
    assert table.iloc[-1]["unit_name"] == "Toàn tỉnh"


def test_a_hostile_name_is_inert_in_csv_and_xlsx(hostile_project, h1_2024):
    reference = Reference(hostile_project.reference_dir)
    observations = consolidated.consolidate(hostile_project, h1_2024).observations
    table = data_files.figures_table(observations, reference, h1_2024)
    exported = list(csv.reader(io.StringIO(data_files.to_csv(table).decode("utf-8-sig"))))
    assert any(row[3] == "'" + HOSTILE_NAME for row in exported)
    sheet = load_workbook(io.BytesIO(data_files.to_xlsx(table, reference, h1_2024))).active
    cells = [
        cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    assert cells and all(cell.data_type == "s" and cell.value.startswith("'") for cell in cells)


def test_the_workbook_headers_are_the_labels_of_the_period_and_only_its_indicators(project):
    reference = Reference(project.reference_dir)
    headers = {}
    for text in ("2024H1", "2026H1"):
        period = Period.parse(text)
        observations = consolidated.consolidate(project, period).observations
        table = data_files.figures_table(observations, reference, period)
        sheet = load_workbook(io.BytesIO(data_files.to_xlsx(table, reference, period))).active
        rows = list(sheet.iter_rows(max_row=2, values_only=True))
        headers[text] = dict(zip(rows[1][4:], rows[0][4:], strict=True))
    assert headers["2024H1"]["hoi_nghi"] == "Hội nghị do cấp ủy cấp huyện, xã tổ chức"
    assert "tiep_xuc_dan" not in headers["2024H1"]
    assert headers["2026H1"]["hoi_nghi"] == "Hội nghị do cấp ủy tổ chức"
    assert headers["2026H1"]["tiep_xuc_dan"].startswith("Cuộc tiếp dân, đối thoại trực tiếp")
    words = " ".join(headers["2026H1"].values())
    assert "cấp huyện" not in words and "Ban Dân vận" not in words

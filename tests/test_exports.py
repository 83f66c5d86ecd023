"""Figures for spreadsheets, and names from files or reference data that must stay inert."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from bantin.bulletin.blocks import ClusterBulletin
from bantin.core.errors import Problem
from bantin.core.reference import Reference
from bantin.intake import consolidated
from bantin.render import data_files, pages
from conftest import REFERENCE_TOTALS

HOSTILE_NAME = '=HYPERLINK("http://example.invalid","Bấm vào đây")'
HOSTILE_SHORT = "<script>alert(1)</script>"


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


@pytest.fixture
def hostile_project(project):
    units = project.reference_dir / "units.csv"
    rows = list(csv.DictReader(open(units, encoding="utf-8")))
    for row in rows:
        if row["code"] == "an-khanh":
            row["name"], row["short_name"] = HOSTILE_NAME, HOSTILE_SHORT
    with open(units, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return project


def test_a_hostile_name_is_inert_in_csv_and_xlsx(hostile_project, h1_2024):
    reference = Reference(hostile_project.reference_dir)
    table = data_files.figures_table(consolidated.consolidate(hostile_project, h1_2024).observations, reference, h1_2024)
    exported = list(csv.reader(io.StringIO(data_files.to_csv(table).decode("utf-8-sig"))))
    assert any(row[3] == "'" + HOSTILE_NAME for row in exported)
    sheet = load_workbook(io.BytesIO(data_files.to_xlsx(table, reference, h1_2024))).active
    cells = [
        cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    assert cells and all(cell.data_type == "s" and cell.value.startswith("'") for cell in cells)


def test_a_hostile_name_is_escaped_in_the_bulletin_and_the_validation_report(hostile_project, h1_2024):
    bulletin = ClusterBulletin.load("2024H1", "dong-bang", hostile_project.root)
    markup = bulletin.unit_table().data + bulletin.completeness().data
    assert HOSTILE_SHORT not in markup and "&lt;script&gt;" in markup
    problem = Problem("data/raw/2024H1/<b>.csv", "dòng 2", "<img src=x onerror=alert(1)>", HOSTILE_SHORT)
    report = pages.validation([problem], h1_2024, Reference(hostile_project.reference_dir))
    assert "<img" not in report and HOSTILE_SHORT not in report and "&lt;script&gt;" in report

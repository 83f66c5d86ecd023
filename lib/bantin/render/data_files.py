"""What a period gives spreadsheets: its figures (``data.csv``, ``data.xlsx``) and its problems (``validation.csv``).

The figures: one row per unit, then each cluster's total and the province's. Text that a spreadsheet would run as
a formula (beginning with = + - @, a tab or a carriage return) is neutralized with a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from bantin.bulletin import metrics, narrative
from bantin.intake.spreadsheet import workbook_bytes
from bantin.model import site_wording
from bantin.model.errors import Problem, ordered
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_KEYS = ["period", "cluster", "unit", "unit_name"]
_KEY_LABELS = ["period", "cluster", "unit_code", "unit"]  # their headings' entries in site.toml's [data]
# A problem's row: its ``kind`` (awaited, blank, late, no_deadline, unresolved, or empty for the checks' own:
# ``model.tally``) lets a spreadsheet count what the page and the terminal count; the rule in words.
PROBLEM_COLUMNS = ("severity", "kind", "file", "location", "unit", "indicator", "rule_name", "message")


def neutralize(value):
    """A text cell that cannot be run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def figures_table(observations: pd.DataFrame, reference: Reference, period: Period) -> pd.DataFrame:
    """Units, cluster totals and the province total (rows) by indicator code (columns: the period's form)."""
    total_of = site_wording.of(reference.folder)["data"]["cluster_total"]
    parts = []
    for cluster in reference.clusters_in(period):
        values = metrics.unit_values(observations, reference, period, cluster.code)
        units = {unit.code: unit.name for unit in reference.units(period, cluster.code)}
        block = values.reset_index(names="unit")
        block.insert(0, "unit_name", block["unit"].map(units))
        parts.append(block.assign(cluster=cluster.name))
        total = (
            metrics.totals(values)
            .to_frame()
            .T.assign(
                unit="",
                unit_name=site_wording.fill(total_of, scope=narrative.scope_in_text(reference, cluster.code, period)),
                cluster=cluster.name,
            )
        )
        parts.append(total)
    every_unit = metrics.unit_values(observations, reference, period)
    parts.append(
        metrics.totals(every_unit)
        .to_frame()
        .T.assign(unit="", unit_name=narrative.scope_name(reference, PROVINCE, period), cluster="")
    )
    table = pd.concat(parts, ignore_index=True).assign(period=str(period))
    indicators = list(reference.indicators_in(period))
    table[indicators] = table[indicators].astype("Int64")
    return table[_KEYS + indicators].map(neutralize)


def to_csv(table: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Vietnamese names correctly."""
    return b"\xef\xbb\xbf" + table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_xlsx(table: pd.DataFrame, reference: Reference, period: Period) -> bytes:
    """A workbook with Vietnamese headers (the labels in force in ``period``, over the codes), frozen headings, one
    sheet (its words: site.toml)."""
    words = site_wording.of(reference.folder)["data"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = words["sheet"]
    codes = list(table.columns[len(_KEYS) :])
    labels = reference.indicators_in(period)
    sheet.append([words[key] for key in _KEY_LABELS] + [labels[code].label for code in codes])
    sheet.append([""] * len(_KEYS) + codes)
    for row in table.itertuples(index=False):
        cells = [None if pd.isna(value) else value for value in row]
        sheet.append(cells)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, never a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="777777", size=8)
    for letter, width in zip("ABCD", (8, 16, 14, 28), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "E3"
    return workbook_bytes(workbook, dt.datetime.combine(period.end, dt.time()))  # dated by the data, not the clock


def problems_csv(problems: list[Problem]) -> bytes:
    """The validation report of a period for spreadsheets: one problem a row, in reading order; the same problems
    as the page's, so that counting its rows by ``severity`` and ``kind`` gives the page's counts."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PROBLEM_COLUMNS)
    for problem in ordered(problems):
        writer.writerow([neutralize(getattr(problem, column)) for column in PROBLEM_COLUMNS])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")

"""The Excel templates the units fill in: one workbook per unit and half-year, prefilled and protected.

``make template PERIOD=…`` writes ``data/templates/<PERIOD>/<unit>.xlsx`` for every unit active in the
half-year, built by ``template_workbook`` as ``layout`` says (the reader, ``workbook``, finds its cells by
the same constants). Excel's checks (data validation, protection) only advise the person typing: the
intake checks every figure again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from bantin import messages
from bantin.build.project import Project
from bantin.build.publish import Transaction
from bantin.intake.layout import (
    CODE_COLUMN,
    DATA_SHEET,
    HEADER_CODE,
    INFO_VALUE_COLUMN,
    LABEL_DATE,
    VALUE_COLUMN,
    info_row,
)
from bantin.intake.spreadsheet import workbook_bytes
from bantin.intake.template_workbook import build_template
from bantin.model.errors import BantinError
from bantin.model.periods import Period
from bantin.model.reference import Reference, Unit


def write_templates(project: Project, period: Period, cluster: str | None = None) -> list[Path]:
    """Write the template of every unit active in the half-year ``period`` (of one ``cluster``, if given).

    All of them or none, each file whole: a unit's staff never download half a workbook.
    """
    if period.is_year:
        raise BantinError(messages.TEMPLATE_NOT_FOR_A_YEAR.format(label=period.label, year=period.year))
    reference = project.reference
    templates = Transaction(project.root)
    paths = []
    for unit in reference.units(period, cluster):
        path = template_path(project, period, unit.code)
        templates.write(path, template_bytes(reference, period, unit))
        paths.append(path)
    templates.commit()
    return paths


def template_path(project: Project, period: Period, unit_code: str) -> Path:
    """``data/templates/<PERIOD>/<unit-code>.xlsx``."""
    return project.root / "data" / "templates" / str(period) / f"{unit_code}.xlsx"


def template_bytes(reference: Reference, period: Period, unit: Unit) -> bytes:
    """The ``.xlsx`` file of one unit's template, the same bytes every time for the same inputs."""
    workbook = build_template(reference, period, unit)
    return workbook_bytes(workbook, dt.datetime.combine(period.start, dt.time()))


def fill(template: Path, target: Path, figures: dict[str, object], submitted: dt.date | None = None) -> None:
    """``template`` filled in as a unit's staff would (openpyxl saves like Excel), saved to ``target``.

    ``figures`` maps indicator codes to what is typed in their cell; ``submitted`` is the date sent. For the
    benchmark and the tests: the tool itself never fills a template.
    """
    workbook = openpyxl.load_workbook(template)
    sheet = workbook[DATA_SHEET]
    fill_sheet(sheet, figures)
    if submitted:
        sheet.cell(info_row(LABEL_DATE), INFO_VALUE_COLUMN).value = submitted
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)


def fill_sheet(sheet: Worksheet, figures: dict[str, object]) -> dict[str, str]:
    """Type ``figures`` (indicator code → value) into a template's data sheet, finding each indicator's cell as a
    person would, by the code column below the table's header (rows may have been inserted above it).

    Returns every indicator's cell (code → coordinate, e.g. "D11"), typed in or not.
    """
    cells, below_header = {}, False
    for row in range(1, sheet.max_row + 1):
        code = sheet.cell(row, CODE_COLUMN).value
        if below_header and code:
            cells[code] = sheet.cell(row, VALUE_COLUMN).coordinate
        below_header = below_header or code == HEADER_CODE
    for code, value in figures.items():
        sheet[cells[code]] = value
    return cells

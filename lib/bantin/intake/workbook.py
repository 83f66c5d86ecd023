"""Reading a filled Excel template (``bantin.intake.template``) into raw rows, refusing hostile files.

The reader finds the unit, the period and the figures by the template's labels and headers, not by
fixed cells, so a unit that inserted a row still reads. It judges nothing about the figures (the
intake does, once for a whole period) except what only the reader can see: a file that is not a
workbook, one that would decompress into too much, a formula Excel never computed. It never
writes: submissions are read-only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

from bantin import messages
from bantin.intake import sniff
from bantin.intake.layout import (
    HEADER_CODE,
    HEADER_VALUE,
    KNOWN_VERSIONS,
    LABEL_DATE,
    LABEL_PERIOD,
    LABEL_UNIT_CODE,
    LABEL_UNIT_NAME,
    LABEL_VERSION,
)
from bantin.intake.rows import RawRow
from bantin.intake.sheet import Cell, Layout, cached_values, cell_text, label_key, scan
from bantin.model.errors import Problem
from bantin.model.text import nfc


class Read(NamedTuple):
    """What a workbook gave: its raw rows, the problems only the reader can see, and the cell that names its unit
    ("Số liệu!B5", "" when none does: the intake compares it with the unit the file's name suggests)."""

    rows: list[RawRow]
    problems: list[Problem]
    unit_cell: str = ""


def read_workbook(path: Path, name: str, data: bytes | None = None) -> Read:
    """The figures of a filled template, as found, and the problems only the reader can see.

    ``name`` is the file's path relative to the project, used in the rows and messages; ``data`` its
    bytes when already read. Never raises on a bad file: every failure is a ``Problem``.
    """
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            return Read([], [Problem(name, "", messages.FILE_UNREADABLE.format(reason=error.strerror or error))])
    refusal = sniff.container_problem(data)
    if refusal:
        return Read([], [Problem(name, "", refusal)])
    digest = hashlib.sha256(data).hexdigest()
    data, linked = without_external_links(data)
    try:
        layout = scan(data, data_only=False)
        formulas = [cell for cell in layout.cells() if cell.formula]
        cached = cached_values(data, layout.sheet, formulas) if formulas else {}
    except Exception as error:  # openpyxl and the XML parser raise many kinds; none may escape
        return Read([], [Problem(name, "", messages.WORKBOOK_UNREADABLE.format(reason=_describe(error)))])
    found = _rows(layout, cached, name, digest)
    if linked:
        found.problems.insert(0, _link_warning(layout, formulas, name))
    return found


def without_external_links(data: bytes) -> tuple[bytes, bool]:
    """The workbook without its links to other files (``xl/externalLinks/``), and whether it had any.

    Offices' workbooks often carry such links; what a linked formula showed is cached in its cell, which is what the
    intake reads. openpyxl would parse the link's parts, and through lxml it refuses a workbook whose
    ``externalReference`` names a prefix its element does not declare (one edited by hand or by another tool): the
    parts are taken out before anything parses the workbook. Called after ``sniff.container_problem``: the zip's
    sizes are within the limits.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        if not any(name.startswith(_LINK_FOLDER) for name in names):
            return data, False
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
            for info in archive.infolist():
                if info.filename.startswith(_LINK_FOLDER):
                    continue
                content = archive.read(info)
                for pattern in _LINK_MENTIONS.get(info.filename, ()):
                    content = pattern.sub(b"", content)
                target.writestr(info, content)
    return output.getvalue(), True


_LINK_FOLDER = "xl/externalLinks/"
_LINK_MENTIONS = {  # where a workbook names its links: the list in workbook.xml, their relationships and types
    "xl/workbook.xml": (
        re.compile(rb"<(?:\w+:)?externalReferences\b[^>]*/>"),
        re.compile(rb"<(?:\w+:)?externalReferences\b.*?</(?:\w+:)?externalReferences>", re.DOTALL),
    ),
    "xl/_rels/workbook.xml.rels": (re.compile(rb"<Relationship\b[^>]*externalLink[^>]*/>"),),
    "[Content_Types].xml": (re.compile(rb"<Override\b[^>]*externalLink[^>]*/>"),),
}


def _link_warning(layout: Layout, formulas: list[Cell], name: str) -> Problem:
    """A warning that the workbook's links were ignored, at the cells whose formulas follow one ("[1]Sheet1!A1")."""
    linked = [cell for cell in formulas if "[" in str(cell.value)]
    cells = ", ".join(f"{layout.sheet}!{cell.coordinate}" for cell in linked)
    where = f"{layout.sheet}!{linked[0].coordinate}" if linked else ""
    said = messages.EXTERNAL_LINK_CELLS.format(cells=cells) if cells else ""
    return Problem(name, where, messages.EXTERNAL_LINK_IGNORED.format(cells=said), severity="warning")


def _rows(layout: Layout, cached: dict, name: str, digest: str) -> Read:
    """The raw rows of a scanned sheet, or the problems that keep it from giving any."""
    problems: list[Problem] = []

    def where(cell: Cell) -> str:
        return f"{layout.sheet}!{cell.coordinate}"

    def value(cell: Cell | None) -> Any:
        if cell is None or not cell.formula:
            return _text_as_nfc(cell.value) if cell else None
        result = cached.get((cell.row, cell.column))
        if result is None:
            problems.append(Problem(name, where(cell), messages.FORMULA_NOT_COMPUTED.format(cell=cell.coordinate)))
        return _text_as_nfc(result)

    info = {key: (cell, value(cell)) for key, cell in layout.info.items()}
    unit = _identity(info, (LABEL_UNIT_CODE, LABEL_UNIT_NAME), messages.UNIT_NOT_KNOWN, name, layout.sheet, problems)
    unit_cell = next(
        (
            where(info[label_key(label)][0])
            for label in (LABEL_UNIT_CODE, LABEL_UNIT_NAME)
            if label_key(label) in info and cell_text(info[label_key(label)][1]).strip() == unit
        ),
        "",
    )
    period = _identity(info, (LABEL_PERIOD,), messages.PERIOD_NOT_KNOWN, name, layout.sheet, problems)
    problems += _version_problems(info, name, layout.sheet)
    submitted = _submission_date(info, name, layout.sheet, problems)
    problems += _table_problems(layout, name)
    if any(problem.severity == "error" for problem in problems):
        return Read([], problems, unit_cell)
    rows = []
    for code_cell, value_cell in layout.figures:
        indicator, found = cell_text(value(code_cell)), value(value_cell)
        if not indicator or (value_cell.formula and found is None):
            continue  # already a problem: a formula without a computed value is not a blank
        rows.append(RawRow(period, unit, indicator, found, name, digest, where(value_cell), submitted))
    return Read(rows, problems, unit_cell)


def _identity(info: dict, labels: tuple[str, ...], what: str, name: str, sheet: str, problems: list[Problem]) -> str:
    """The first non-blank value beside one of ``labels`` (in order), or "" with a problem saying why."""
    for label in labels:
        cell, found = info.get(label_key(label), (None, None))
        if cell is not None and cell.formula and found is None:
            return ""  # the uncached formula is already reported
        if cell_text(found).strip():
            return cell_text(found)
    present = [info[label_key(label)][0] for label in labels if label_key(label) in info]
    if not present:
        problems.append(Problem(name, "", messages.LABEL_NOT_FOUND.format(label=labels[0], sheet=sheet, what=what)))
    else:
        cell = present[0]
        blank = messages.LABEL_BLANK.format(cell=cell.coordinate, label=labels[0], what=what)
        problems.append(Problem(name, f"{sheet}!{cell.coordinate}", blank))
    return ""


def _submission_date(info: dict, name: str, sheet: str, problems: list[Problem]) -> str:
    """The "Ngày gửi báo cáo" the unit wrote (ISO), "" when blank; a warning when it is not a date."""
    cell, found = info.get(label_key(LABEL_DATE), (None, None))
    if found is None or (isinstance(found, str) and not found.strip()):
        return ""
    if isinstance(found, dt.datetime):
        return found.date().isoformat()
    if isinstance(found, dt.date):
        return found.isoformat()
    try:
        return dt.datetime.strptime(cell_text(found).strip(), "%d/%m/%Y").date().isoformat()
    except ValueError:
        problems.append(
            Problem(
                name,
                f"{sheet}!{cell.coordinate}",
                messages.SUBMITTED_NOT_A_DATE.format(found=found),
                severity="warning",
            )
        )
        return ""


def _version_problems(info: dict, name: str, sheet: str) -> list[Problem]:
    cell, found = info.get(label_key(LABEL_VERSION), (None, None))
    version = cell_text(found).strip()
    if version in KNOWN_VERSIONS:
        return []
    location = f"{sheet}!{cell.coordinate}" if cell else ""
    seen = messages.TEMPLATE_VERSION_SEEN.format(version=version) if version else messages.TEMPLATE_VERSION_UNKNOWN
    old = messages.TEMPLATE_VERSION_OLD.format(seen=seen, versions=", ".join(KNOWN_VERSIONS))
    return [Problem(name, location, old, severity="warning")]


def _table_problems(layout: Layout, name: str) -> list[Problem]:
    if layout.header_row is None:
        return [Problem(name, "", messages.HEADER_ROW_NOT_FOUND.format(header=HEADER_CODE, sheet=layout.sheet))]
    if layout.value_column is None:
        missing = messages.VALUE_COLUMN_NOT_FOUND.format(row=layout.header_row, header=HEADER_VALUE)
        return [Problem(name, f"{layout.sheet}!A{layout.header_row}", missing)]
    if not layout.figures:
        return [Problem(name, f"{layout.sheet}!A{layout.header_row}", messages.NO_FIGURES.format(header=HEADER_CODE))]
    return []


def _text_as_nfc(value: Any) -> Any:
    """A cell's value, its text (if it is text) in NFC."""
    return nfc(value) if isinstance(value, str) else value


def _describe(error: Exception) -> str:
    """openpyxl's own words, short: they help whoever looks at the file, not the unit's staff."""
    detail = error.args[0] if isinstance(error, KeyError) and error.args else error
    text = str(detail).strip() or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"

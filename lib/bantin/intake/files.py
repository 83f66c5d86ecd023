"""Reading a period's submissions folder: every file, whatever it really is, into raw rows.

The intake never stops at the first problem: every file is read, every problem is collected with
its file and location, and ``validate`` then checks the figures of the whole period at once.
Nothing here writes anything; ``data/raw/`` is read-only.

The rows come out as one table, column by column: a period may hold a million rows, and a Python object
per row (or per cell: the same unit code typed a thousand times is one string here) would cost more time
and memory than the figures themselves.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from array import array
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from bantin import formatting, messages
from bantin.build.project import Project
from bantin.intake import sniff
from bantin.intake.rows import RawRow
from bantin.model.errors import Problem
from bantin.model.periods import Period
from bantin.model.text import legacy_encoding, nfc

CSV_HEADER = ("period", "unit", "indicator", "value")
# A period may hold a million bad rows: in each file, a kind of problem is listed this many times, then one line
# stands for the rest of that kind (``further``), so that the report of a failed intake stays readable.
LISTED_PER_KIND = 100
# The raw rows' table: a ``RawRow``'s fields (``rows``), each prefixed "raw_" where the intake normalizes it.
RAW_COLUMNS = ["raw_period", "raw_unit", "raw_indicator", "raw_value", "file", "sha256", "location", "submitted"]


@dataclass(frozen=True)
class Submissions:
    """What a period's folder holds: its raw rows and what stopped some of them being read."""

    table: pd.DataFrame  # the raw rows, RAW_COLUMNS, file by file in name order, each file in its own order
    problems: list[Problem]
    files: list[str]
    unit_cells: dict[str, str] = field(default_factory=dict)  # a workbook → the cell that names its unit
    choices: bytes | None = None  # the analyst's decisions (messages.CHOICES_FILE), as found; never a submission


def read_folder(project: Project, period: Period) -> Submissions:
    """Every submission file of a half-year's folder ``data/raw/<PERIOD>/``, read as raw rows."""
    folder = project.raw_period_dir(period)
    entries = sorted(path for path in folder.iterdir() if not path.name.startswith((".", "~$")))
    inside = folder.resolve()
    tables: list[pd.DataFrame] = []
    problems: list[Problem] = []
    # A submission is a file of the folder itself: a symbolic link, or a path resolving elsewhere, is refused by
    # its name and never opened, so nothing of what it points to (/etc/passwd) reaches a message or a report.
    outside = [path for path in entries if path.is_symlink() or not path.resolve().is_relative_to(inside)]
    problems += [Problem(project.relative(path), "", messages.SUBMISSION_IS_A_LINK) for path in outside]
    paths = [path for path in entries if path not in outside and path.is_file()]
    # The analyst's decisions about the files (``intake.identity``) are an input of the period, not a submission.
    decisions = [path for path in paths if nfc(path.name).casefold() == messages.CHOICES_FILE]
    paths = [path for path in paths if path not in decisions]
    unit_cells: dict[str, str] = {}
    for path in paths:
        found, trouble, unit_cell = read_file(path, project.relative(path))
        tables.append(found)
        problems += trouble
        if unit_cell:
            unit_cells[project.relative(path)] = unit_cell
    if not paths and not outside:
        problems.append(Problem(project.relative(folder), "", messages.NO_SUBMISSION_FILES))
    table = pd.concat(tables, ignore_index=True) if tables else table_of([])
    choices = decisions[0].read_bytes() if decisions else None
    return Submissions(table, problems, [project.relative(path) for path in paths], unit_cells, choices)


def table_of(rows: list[RawRow]) -> pd.DataFrame:
    """Raw rows (a workbook's) as the table of RAW_COLUMNS, values as they were found."""
    return pd.DataFrame(
        {column: _objects(getattr(row, column.removeprefix("raw_")) for row in rows) for column in RAW_COLUMNS}
    )


def further(file: str, kind: str, count: int, first: str, last: str) -> Problem:
    """The one line of the report that stands for ``count`` more problems of ``kind`` in ``file``, from the
    location ``first`` to ``last``."""
    count = formatting.count(count, pad=False)
    return Problem(file, first, messages.FURTHER.format(count=count, kind=kind, last=last, listed=LISTED_PER_KIND))


def read_file(path: Path, name: str) -> tuple[pd.DataFrame, list[Problem], str]:
    """One submission, by what its content is, not only by what its name says: its rows, its problems, and where a
    workbook names its unit ("Số liệu!B5"; "" for a CSV)."""
    size = path.stat().st_size
    if size > sniff.MAX_FILE_BYTES:
        limit = sniff.MAX_FILE_BYTES // 1024 // 1024
        too_large = messages.FILE_TOO_LARGE.format(size=size // 1024 // 1024, limit=limit)
        return table_of([]), [Problem(name, "", too_large)], ""
    if size == 0:
        return table_of([]), [Problem(name, "", messages.FILE_EMPTY)], ""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls") or data.startswith(sniff.OLE2_SIGNATURE):
        from bantin.intake.workbook import read_workbook  # openpyxl loads only when a workbook is there to read

        found = read_workbook(path, name, data)  # it names what an old or encrypted Excel file is
        return table_of(found.rows), found.problems, found.unit_cell
    if suffix == ".csv":
        if data.startswith(sniff.ZIP_SIGNATURE):
            return table_of([]), [Problem(name, "", messages.CSV_IS_ZIP)], ""
        return *read_csv(data, name), ""
    refusal = messages.UNSUPPORTED_BY_SUFFIX.get(suffix, messages.FILE_TYPE_UNSUPPORTED)
    unsupported = refusal.format(suffix=suffix or messages.FILE_WITHOUT_SUFFIX)
    return table_of([]), [Problem(name, "", unsupported)], ""


def read_csv(data: bytes, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A long CSV ``period,unit,indicator,value``: UTF-8 with or without BOM, ',' or ';' between fields.

    The rows as a table (RAW_COLUMNS), each cell stripped of surrounding spaces, each located at its line.
    """
    text, complaint = decode(data)
    if complaint:
        return table_of([]), [Problem(name, "", complaint)]
    digest = hashlib.sha256(data).hexdigest()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = tuple(column.strip().lower() for column in next(reader, []))
    if header != CSV_HEADER:
        expected = ",".join(CSV_HEADER)
        found = delimiter.join(header) if header else messages.CSV_HEADER_EMPTY
        wrong = messages.CSV_HEADER_WRONG.format(expected=expected, found=found)
        return table_of([]), [Problem(name, messages.CSV_LINE.format(line=1), wrong)]
    cells, lines, widths = [], array("q"), []
    for row in reader:  # the csv module, in C, splits the lines; one short step a row keeps its line number
        if len(row) == len(CSV_HEADER):
            cells.append(row)
            lines.append(reader.line_num)
        elif any(cell.strip() for cell in row):
            widths.append((reader.line_num, len(row)))
    table = _csv_table(cells, lines, name, digest)
    expected, columns = len(CSV_HEADER), ", ".join(CSV_HEADER)
    problems = [
        Problem(
            name,
            messages.CSV_LINE.format(line=line),
            messages.CSV_WIDTH_WRONG.format(width=width, expected=expected, columns=columns),
        )
        for line, width in widths[:LISTED_PER_KIND]
    ]
    if len(widths) > LISTED_PER_KIND:
        first, last = (messages.CSV_LINE.format(line=widths[at][0]) for at in (LISTED_PER_KIND, -1))
        problems.append(further(name, messages.CSV_WIDTH_WRONG_KIND, len(widths) - LISTED_PER_KIND, first, last))
    if table.empty and not problems:
        problems.append(Problem(name, "", messages.CSV_HEADER_ONLY))
    return table, problems


def _csv_table(cells: list[list[str]], lines: array, name: str, digest: str) -> pd.DataFrame:
    """The rows of four cells as the table of RAW_COLUMNS; rows whose cells are all blank left out.

    ``cells`` is emptied on the way: its lists and their cells are freed before the table's texts are made, so
    that what stays is not scattered among what went (the memory of a million rows stays that of the table).
    """
    count = len(cells)
    grid = np.array(cells, dtype=object).reshape(count, len(CSV_HEADER))
    cells.clear()
    columns = {  # one string per distinct text
        column: np.fromiter(map(sys.intern, map(str.strip, grid[:, number])), dtype=object, count=count)
        for number, column in enumerate(RAW_COLUMNS[: len(CSV_HEADER)])
    }
    del grid
    # Each row's line, "dòng 12": the template's words around the number, put together as fast as an f-string (a
    # million calls of ``str.format`` with a named field would add a second).
    before, after = messages.CSV_LINE.format(line="\0").split("\0")
    table = pd.DataFrame(
        columns
        | {
            "file": _repeated(name, count),
            "sha256": _repeated(digest, count),
            "location": np.fromiter((f"{before}{line}{after}" for line in lines), dtype=object, count=count),
            "submitted": _repeated("", count),
        }
    )
    blank = np.logical_and.reduce([table[column].to_numpy() == "" for column in columns])
    return table[~blank].reset_index(drop=True) if blank.any() else table


def _repeated(text: str, count: int) -> np.ndarray:
    """A column of ``count`` times the same string object (``np.full`` would make a copy of it for each row)."""
    column = np.empty(count, dtype=object)
    column[:] = text
    return column


def _objects(values) -> np.ndarray:
    """Python values as a column of objects, kept as they are (no inference of a text or number type)."""
    values = list(values)
    column = np.empty(len(values), dtype=object)
    column[:] = values
    return column


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV, or why it cannot be read (Vietnamese)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", messages.CSV_UTF16
    if sniff.is_binary(data):
        return "", messages.CSV_BINARY
    try:
        return nfc(data.decode("utf-8-sig")), ""
    except UnicodeDecodeError as error:
        legacy = legacy_encoding(data)
        line = data[: error.start].count(b"\n") + 1
        if legacy:
            return "", messages.CSV_LEGACY_ENCODING.format(encoding=legacy)
        return "", messages.CSV_NOT_UTF8.format(line=line)

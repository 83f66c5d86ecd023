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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from bantin import formatting
from bantin.build.project import Project
from bantin.intake import normalize, sniff
from bantin.intake.rows import RawRow
from bantin.model.errors import Problem
from bantin.model.periods import Period
from bantin.model.text import nfc

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


def read_folder(project: Project, period: Period) -> Submissions:
    """Every submission file of a half-year's folder ``data/raw/<PERIOD>/``, read as raw rows."""
    folder = project.raw_period_dir(period)
    paths = sorted(path for path in folder.iterdir() if path.is_file() and not path.name.startswith((".", "~$")))
    tables: list[pd.DataFrame] = []
    problems: list[Problem] = []
    for path in paths:
        found, trouble = read_file(path, project.relative(path))
        tables.append(found)
        problems += trouble
    if not paths:
        problems.append(Problem(project.relative(folder), "", "Thư mục chưa có tệp số liệu nào (.xlsx hoặc .csv)."))
    table = pd.concat(tables, ignore_index=True) if tables else table_of([])
    return Submissions(table, problems, [project.relative(path) for path in paths])


def table_of(rows: list[RawRow]) -> pd.DataFrame:
    """Raw rows (a workbook's) as the table of RAW_COLUMNS, values as they were found."""
    return pd.DataFrame(
        {column: _objects(getattr(row, column.removeprefix("raw_")) for row in rows) for column in RAW_COLUMNS}
    )


def further(file: str, kind: str, count: int, first: str, last: str) -> Problem:
    """The one line of the report that stands for ``count`` more problems of ``kind`` in ``file``, from the
    location ``first`` to ``last``."""
    return Problem(
        file,
        first,
        f"… và {formatting.count(count, pad=False)} dòng khác của tệp có cùng loại lỗi ({kind}), đến {last}: mỗi "
        f"loại lỗi của một tệp chỉ được liệt kê {LISTED_PER_KIND} lần đầu; sửa các dòng này như các lỗi đã liệt kê.",
    )


def read_file(path: Path, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """One submission, by what its content is, not only by what its name says."""
    size = path.stat().st_size
    if size > sniff.MAX_FILE_BYTES:
        return table_of([]), [
            Problem(
                name,
                "",
                f"Tệp quá lớn ({size // 1024 // 1024} MB, tối đa {sniff.MAX_FILE_BYTES // 1024 // 1024} MB); không "
                "đọc.",
            )
        ]
    if size == 0:
        return table_of([]), [Problem(name, "", sniff.EMPTY)]
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls") or data.startswith(sniff.OLE2_SIGNATURE):
        from bantin.intake.workbook import read_workbook  # openpyxl loads only when a workbook is there to read

        rows, problems = read_workbook(path, name, data)  # it names what an old or encrypted Excel file is
        return table_of(rows), problems
    if suffix == ".csv":
        if data.startswith(sniff.ZIP_SIGNATURE):
            return table_of([]), [
                Problem(
                    name,
                    "",
                    "Tệp có đuôi .csv nhưng thực chất là tệp nén hoặc Excel: đổi đuôi thành .xlsx hoặc xuất lại dạng "
                    "CSV.",
                )
            ]
        return read_csv(data, name)
    return table_of([]), [
        Problem(name, "", f"Loại tệp {suffix or '(không đuôi)'} không được hỗ trợ: gửi mẫu Excel (.xlsx) hoặc CSV.")
    ]


def read_csv(data: bytes, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A long CSV ``period,unit,indicator,value``: UTF-8 with or without BOM, ',' or ';' between fields.

    The rows as a table (RAW_COLUMNS), each cell stripped of surrounding spaces, each located at its line.
    """
    text, complaint = _decode(data)
    if complaint:
        return table_of([]), [Problem(name, "", complaint)]
    digest = hashlib.sha256(data).hexdigest()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = tuple(column.strip().lower() for column in next(reader, []))
    if header != CSV_HEADER:
        expected = ",".join(CSV_HEADER)
        found = delimiter.join(header) if header else "(trống)"
        return table_of([]), [Problem(name, "dòng 1", f"Dòng tiêu đề phải là {expected!r}, tệp có {found!r}.")]
    cells, lines, widths = [], array("q"), []
    for row in reader:  # the csv module, in C, splits the lines; one short step a row keeps its line number
        if len(row) == len(CSV_HEADER):
            cells.append(row)
            lines.append(reader.line_num)
        elif any(cell.strip() for cell in row):
            widths.append((reader.line_num, len(row)))
    table = _csv_table(cells, lines, name, digest)
    problems = [
        Problem(name, f"dòng {line}", f"Dòng có {width} cột, cần đúng {len(CSV_HEADER)} cột ({', '.join(CSV_HEADER)}).")
        for line, width in widths[:LISTED_PER_KIND]
    ]
    if len(widths) > LISTED_PER_KIND:
        first, last = f"dòng {widths[LISTED_PER_KIND][0]}", f"dòng {widths[-1][0]}"
        problems.append(further(name, "số cột không đúng", len(widths) - LISTED_PER_KIND, first, last))
    if table.empty and not problems:
        problems.append(Problem(name, "", "Tệp chỉ có dòng tiêu đề, không có số liệu nào."))
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
    table = pd.DataFrame(
        columns
        | {
            "file": _repeated(name, count),
            "sha256": _repeated(digest, count),
            "location": np.fromiter((f"dòng {line}" for line in lines), dtype=object, count=count),
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


def _decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV, or why it cannot be read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", 'Tệp được lưu dạng Unicode UTF-16 ("Unicode Text"): lưu lại dạng "CSV UTF-8".'
    if sniff.is_binary(data):
        return "", "Tệp có đuôi .csv nhưng không phải văn bản (có byte 0): xuất lại dạng CSV UTF-8."
    try:
        return nfc(data.decode("utf-8-sig")), ""
    except UnicodeDecodeError as error:
        legacy = normalize.legacy_encoding(data)
        line = data[: error.start].count(b"\n") + 1
        if legacy:
            return (
                "",
                f"Tệp dùng bảng mã cũ {legacy}, không phải Unicode: chuyển sang Unicode (ví dụ bằng Unikey) và lưu lại "
                "dạng CSV UTF-8.",
            )
        return "", f'Tệp không phải mã UTF-8 (byte lạ ở dòng {line}): lưu lại dạng "CSV UTF-8".'

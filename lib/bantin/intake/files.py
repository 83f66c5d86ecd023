"""Reading a period's submissions folder: every file, whatever it really is, into raw rows.

The intake never stops at the first problem: every file is read, every problem is collected with
its file and location, and ``validate`` then checks the figures of the whole period at once.
Nothing here writes anything; ``data/raw/`` is read-only.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from bantin.core.errors import Problem
from bantin.core.periods import Period
from bantin.core.project import Project
from bantin.core.text import nfc
from bantin.intake import normalize, sniff
from bantin.intake.rows import RawRow

CSV_HEADER = ("period", "unit", "indicator", "value")


@dataclass(frozen=True)
class Submissions:
    """What a period's folder holds: its raw rows and what stopped some of them being read."""

    rows: list[RawRow]
    problems: list[Problem]
    files: list[str]


def read_folder(project: Project, period: Period) -> Submissions:
    """Every submission file of a half-year's folder ``data/raw/<PERIOD>/``, read as raw rows."""
    folder = project.raw_period_dir(period)
    paths = sorted(path for path in folder.iterdir() if path.is_file() and not path.name.startswith((".", "~$")))
    rows: list[RawRow] = []
    problems: list[Problem] = []
    for path in paths:
        found, trouble = read_file(path, project.relative(path))
        rows += found
        problems += trouble
    if not paths:
        problems.append(Problem(project.relative(folder), "", "Thư mục chưa có tệp số liệu nào (.xlsx hoặc .csv)."))
    return Submissions(rows, problems, [project.relative(path) for path in paths])


def read_file(path: Path, name: str) -> tuple[list[RawRow], list[Problem]]:
    """One submission, by what its content is, not only by what its name says."""
    size = path.stat().st_size
    if size > sniff.MAX_FILE_BYTES:
        return [], [
            Problem(
                name,
                "",
                f"Tệp quá lớn ({size // 1024 // 1024} MB, tối đa {sniff.MAX_FILE_BYTES // 1024 // 1024} MB); không "
                "đọc.",
            )
        ]
    if size == 0:
        return [], [Problem(name, "", sniff.EMPTY)]
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls") or data.startswith(sniff.OLE2_SIGNATURE):
        from bantin.intake.workbook import read_workbook  # openpyxl loads only when a workbook is there to read

        return read_workbook(path, name, data)  # it names what an old or encrypted Excel file is
    if suffix == ".csv":
        if data.startswith(sniff.ZIP_SIGNATURE):
            return [], [
                Problem(
                    name,
                    "",
                    "Tệp có đuôi .csv nhưng thực chất là tệp nén hoặc Excel: đổi đuôi thành .xlsx hoặc xuất lại dạng "
                    "CSV.",
                )
            ]
        return read_csv(data, name)
    return [], [
        Problem(name, "", f"Loại tệp {suffix or '(không đuôi)'} không được hỗ trợ: gửi mẫu Excel (.xlsx) hoặc CSV.")
    ]


def read_csv(data: bytes, name: str) -> tuple[list[RawRow], list[Problem]]:
    """A long CSV ``period,unit,indicator,value``: UTF-8 with or without BOM, ',' or ';' between fields."""
    text, complaint = _decode(data)
    if complaint:
        return [], [Problem(name, "", complaint)]
    digest = hashlib.sha256(data).hexdigest()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = tuple(column.strip().lower() for column in next(reader, []))
    if header != CSV_HEADER:
        expected = ",".join(CSV_HEADER)
        found = delimiter.join(header) if header else "(trống)"
        return [], [Problem(name, "dòng 1", f"Dòng tiêu đề phải là {expected!r}, tệp có {found!r}.")]
    rows, problems = [], []
    for row in reader:
        location = f"dòng {reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_HEADER):
            problems.append(
                Problem(
                    name, location, f"Dòng có {len(row)} cột, cần đúng {len(CSV_HEADER)} cột ({', '.join(CSV_HEADER)})."
                )
            )
            continue
        period, unit, indicator, value = (cell.strip() for cell in row)
        rows.append(RawRow(period, unit, indicator, value, name, digest, location))
    if not rows and not problems:
        problems.append(Problem(name, "", "Tệp chỉ có dòng tiêu đề, không có số liệu nào."))
    return rows, problems


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

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
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from bantin.bulletin import formatting
from bantin.core.errors import Problem
from bantin.intake.rows import RawRow
from bantin.intake.template import (
    DATA_SHEET,
    HEADER_CODE,
    HEADER_VALUE,
    INFO_VALUE_COLUMN,
    KNOWN_VERSIONS,
    LABEL_COLUMN,
    LABEL_DATE,
    LABEL_PERIOD,
    LABEL_UNIT_CODE,
    LABEL_UNIT_NAME,
    LABEL_VERSION,
)

# Limits checked on the zip's directory before anything is decompressed.
MAX_UNCOMPRESSED_BYTES = 50 * 2**20  # all members together; a filled template is a few dozen KB
MAX_COMPRESSION_RATIO = 100  # for a member larger than RATIO_CHECKED_ABOVE
RATIO_CHECKED_ABOVE = 2**20
MAX_MEMBERS = 1000

OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # Excel 97-2003 (.xls), or an encrypted .xlsx
WORKBOOK_PART = "xl/workbook.xml"

_RESAVE = "Mở tệp bằng Excel, chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx), rồi gửi lại."
_REFUSED = "hệ thống không đọc tệp này. Dùng lại mẫu gốc, nhập số liệu rồi gửi lại."


@dataclass(frozen=True)
class _Cell:
    """A cell the reader uses: where it is, what it holds, whether that is a formula."""

    row: int
    column: int
    value: Any
    formula: bool = False

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


@dataclass
class _Layout:
    """What one pass over the data sheet found."""

    sheet: str
    info: dict[str, _Cell] = field(default_factory=dict)  # label key → the cell beside the label
    header_row: int | None = None
    value_column: int | None = None
    code_column: int | None = None
    figures: list[tuple[_Cell, _Cell]] = field(default_factory=list)  # (code cell, value cell)

    def cells(self) -> list[_Cell]:
        return [*self.info.values(), *(cell for pair in self.figures for cell in pair)]


def read_workbook(path: Path, name: str, data: bytes | None = None) -> tuple[list[RawRow], list[Problem]]:
    """The figures of a filled template, as found, and the problems only the reader can see.

    ``name`` is the file's path relative to the project, used in the rows and messages; ``data`` its
    bytes when already read. Never raises on a bad file: every failure is a ``Problem``.
    """
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            return [], [Problem(name, "", f"Không đọc được tệp: {error.strerror or error}.")]
    refusal = container_problem(data)
    if refusal:
        return [], [Problem(name, "", refusal)]
    try:
        layout = _scan(data, data_only=False)
        formulas = [cell for cell in layout.cells() if cell.formula]
        cached = _cached_values(data, layout.sheet, formulas) if formulas else {}
    except Exception as error:  # openpyxl and the XML parser raise many kinds; none may escape
        return [], [Problem(name, "", f"Không đọc được tệp Excel: {_describe(error)}. {_RESAVE}")]
    return _rows(layout, cached, name, hashlib.sha256(data).hexdigest())


def container_problem(data: bytes) -> str:
    """Why ``data`` cannot safely be opened as an ``.xlsx`` workbook (Vietnamese), or "" if it can.

    Decides from the first bytes and the zip's directory alone: nothing is decompressed.
    """
    if not data:
        return "Tệp rỗng (0 byte). Gửi lại tệp báo cáo đã nhập số liệu."
    if data.startswith(OLE2_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "Tệp có đặt mật khẩu mở tệp nên hệ thống không đọc được. Gỡ mật khẩu, lưu lại rồi gửi lại."
        return f"Tệp ở định dạng Excel 97-2003 (.xls), hệ thống chỉ đọc tệp .xlsx. {_RESAVE}"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if _looks_like_text(data):
            return (
                "Tệp này là tệp văn bản (có thể là CSV) mang đuôi .xlsx, không phải sổ tính Excel. "
                "Nếu là CSV, đổi đuôi tệp thành .csv; nếu không, mở bằng Excel và lưu lại dạng .xlsx."
            )
        return f"Tệp không phải sổ tính Excel .xlsx (không nhận ra định dạng). {_RESAVE}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # a zip directory zipfile cannot make sense of
        return f"Tệp .xlsx bị hỏng, không mở được. {_RESAVE}"
    return _size_problem(members) or _workbook_problem({member.filename for member in members})


def _size_problem(members: list[zipfile.ZipInfo]) -> str:
    """A refusal when the zip would decompress into more than the limits allow."""
    if len(members) > MAX_MEMBERS:
        return f"Tệp có {len(members)} thành phần, quá nhiều đối với một mẫu báo cáo; {_REFUSED}"
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        return (
            f"Tệp khi giải nén lớn tới {formatting.decimal(total / 2**20, 0)} MiB (giới hạn {MAX_UNCOMPRESSED_BYTES // 2**20} MiB), "
            f"bất thường đối với một mẫu báo cáo; {_REFUSED}"
        )
    for member in members:
        if member.file_size > RATIO_CHECKED_ABOVE and member.file_size > MAX_COMPRESSION_RATIO * member.compress_size:
            return (
                f"Thành phần {member.filename!r} của tệp bị nén bất thường (hơn {MAX_COMPRESSION_RATIO} lần), "
                f"có thể là tệp độc hại; {_REFUSED}"
            )
    return ""


def _workbook_problem(names: set[str]) -> str:
    if WORKBOOK_PART in names:
        return ""
    kind = " (có vẻ là tệp Word .docx)" if "word/document.xml" in names else ""
    return f"Tệp nén không phải sổ tính Excel{kind}: thiếu phần {WORKBOOK_PART}. {_RESAVE}"


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" not in head and (b"," in head or b";" in head or b"\n" in head)


def _scan(data: bytes, data_only: bool) -> _Layout:
    """One streaming pass over the data sheet: the labelled cells, the header, the figure rows."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops; we only read values
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
        try:
            sheet = _data_sheet(workbook)
            layout = _Layout(sheet.title)
            sheet.reset_dimensions()  # a stored dimension may be wrong; read the rows that exist
            for row in sheet.iter_rows():
                cells = {cell.column: cell for cell in row if cell.value is not None}
                if cells:
                    _scan_row(layout, cells)
            return layout
        finally:
            workbook.close()


def _data_sheet(workbook):
    """The sheet titled "Số liệu", or else the first worksheet."""
    sheets = workbook.worksheets
    if not sheets:
        raise ValueError("tệp không có trang tính nào")
    return next((sheet for sheet in sheets if _key(sheet.title) == _key(DATA_SHEET)), sheets[0])


def _scan_row(layout: _Layout, cells: dict) -> None:
    """Take from one row what the layout needs: a label above the table, the header, or a figure."""
    any_cell = next(iter(cells.values()))
    row = any_cell.row
    if layout.header_row is None:
        label = cells.get(LABEL_COLUMN)
        if label is not None and isinstance(label.value, str):
            key = _key(label.value)
            if key in _INFO_KEYS and key not in layout.info:
                layout.info[key] = _cell_at(cells, row, INFO_VALUE_COLUMN)
        headers = {_key(cell.value): column for column, cell in cells.items() if isinstance(cell.value, str)}
        if _key(HEADER_CODE) in headers:
            layout.header_row = row
            layout.code_column = headers[_key(HEADER_CODE)]
            layout.value_column = headers.get(_key(HEADER_VALUE))
        return
    code = cells.get(layout.code_column)
    if code is not None and _text(code.value).strip() and layout.value_column is not None:
        layout.figures.append((_cell_at(cells, row, layout.code_column), _cell_at(cells, row, layout.value_column)))


def _cell_at(cells: dict, row: int, column: int) -> _Cell:
    cell = cells.get(column)
    if cell is None:
        return _Cell(row, column, None)
    return _Cell(row, column, cell.value, cell.data_type == "f")


def _cached_values(data: bytes, sheet_title: str, formulas: list[_Cell]) -> dict[tuple[int, int], Any]:
    """The values Excel stored when it last computed the given formula cells (None if it never did)."""
    wanted = {(cell.row, cell.column) for cell in formulas}
    last_row = max(row for row, _ in wanted)
    found: dict[tuple[int, int], Any] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            sheet = workbook[sheet_title]
            sheet.reset_dimensions()
            for row in sheet.iter_rows(max_row=last_row):
                for cell in row:
                    if cell.value is not None and (cell.row, cell.column) in wanted:
                        found[(cell.row, cell.column)] = cell.value
        finally:
            workbook.close()
    return found


def _rows(layout: _Layout, cached: dict, name: str, digest: str) -> tuple[list[RawRow], list[Problem]]:
    """The raw rows of a scanned sheet, or the problems that keep it from giving any."""
    problems: list[Problem] = []

    def where(cell: _Cell) -> str:
        return f"{layout.sheet}!{cell.coordinate}"

    def value(cell: _Cell | None) -> Any:
        if cell is None or not cell.formula:
            return _nfc(cell.value) if cell else None
        result = cached.get((cell.row, cell.column))
        if result is None:
            problems.append(
                Problem(
                    name,
                    where(cell),
                    f"Ô {cell.coordinate} chứa công thức nhưng chưa có giá trị đã tính. "
                    "Mở tệp bằng Excel, lưu lại rồi gửi lại (hoặc nhập thẳng con số vào ô).",
                )
            )
        return _nfc(result)

    info = {key: (cell, value(cell)) for key, cell in layout.info.items()}
    unit = _identity(info, (LABEL_UNIT_CODE, LABEL_UNIT_NAME), "mã đơn vị", name, layout.sheet, problems)
    period = _identity(info, (LABEL_PERIOD,), "kỳ báo cáo", name, layout.sheet, problems)
    problems += _version_problems(info, name, layout.sheet)
    submitted = _submission_date(info, name, layout.sheet, problems)
    problems += _table_problems(layout, name)
    if any(problem.severity == "error" for problem in problems):
        return [], problems
    rows = []
    for code_cell, value_cell in layout.figures:
        indicator, found = _text(value(code_cell)), value(value_cell)
        if not indicator or (value_cell.formula and found is None):
            continue  # already a problem: a formula without a computed value is not a blank
        rows.append(RawRow(period, unit, indicator, found, name, digest, where(value_cell), submitted))
    return rows, problems


def _identity(info: dict, labels: tuple[str, ...], what: str, name: str, sheet: str, problems: list[Problem]) -> str:
    """The first non-blank value beside one of ``labels`` (in order), or "" with a problem saying why."""
    for label in labels:
        cell, found = info.get(_key(label), (None, None))
        if cell is not None and cell.formula and found is None:
            return ""  # the uncached formula is already reported
        if _text(found).strip():
            return _text(found)
    present = [info[_key(label)][0] for label in labels if _key(label) in info]
    if not present:
        problems.append(
            Problem(
                name,
                "",
                f"Không tìm thấy ô {labels[0]!r} ở cột A của trang {sheet!r}, nên không biết {what}. "
                "Dùng đúng mẫu báo cáo đã được gửi, không xóa các dòng thông tin ở đầu trang.",
            )
        )
    else:
        cell = present[0]
        problems.append(
            Problem(
                name,
                f"{sheet}!{cell.coordinate}",
                f"Ô {cell.coordinate} ({labels[0]!r}) để trống, nên không biết {what}. "
                "Dùng đúng mẫu báo cáo đã được gửi, không xóa các ô đã điền sẵn.",
            )
        )
    return ""


def _submission_date(info: dict, name: str, sheet: str, problems: list[Problem]) -> str:
    """The "Ngày gửi báo cáo" the unit wrote (ISO), "" when blank; a warning when it is not a date."""
    cell, found = info.get(_key(LABEL_DATE), (None, None))
    if found is None or (isinstance(found, str) and not found.strip()):
        return ""
    if isinstance(found, dt.datetime):
        return found.date().isoformat()
    if isinstance(found, dt.date):
        return found.isoformat()
    try:
        return dt.datetime.strptime(_text(found).strip(), "%d/%m/%Y").date().isoformat()
    except ValueError:
        problems.append(
            Problem(
                name,
                f"{sheet}!{cell.coordinate}",
                f"Ngày gửi báo cáo {found!r} không phải ngày (dạng ngày/tháng/năm); "
                "số liệu vẫn được đọc nhưng không xác định được báo cáo có gửi đúng hạn không.",
                severity="warning",
            )
        )
        return ""


def _version_problems(info: dict, name: str, sheet: str) -> list[Problem]:
    cell, found = info.get(_key(LABEL_VERSION), (None, None))
    version = _text(found).strip()
    if version in KNOWN_VERSIONS:
        return []
    location = f"{sheet}!{cell.coordinate}" if cell else ""
    seen = f"phiên bản mẫu {version!r}" if version else "không rõ phiên bản mẫu"
    return [
        Problem(
            name,
            location,
            f"Tệp có {seen}, không phải mẫu hiện hành (phiên bản {', '.join(KNOWN_VERSIONS)}). "
            "Số liệu vẫn được đọc; kỳ sau hãy dùng mẫu mới do Ban Dân vận Tỉnh ủy gửi.",
            severity="warning",
        )
    ]


def _table_problems(layout: _Layout, name: str) -> list[Problem]:
    if layout.header_row is None:
        return [
            Problem(
                name,
                "",
                f"Không tìm thấy dòng tiêu đề của bảng số liệu (ô {HEADER_CODE!r}) trên trang {layout.sheet!r}. "
                "Dùng đúng mẫu báo cáo đã được gửi, không xóa hay sửa dòng tiêu đề và cột mã chỉ tiêu.",
            )
        ]
    if layout.value_column is None:
        return [
            Problem(
                name,
                f"{layout.sheet}!A{layout.header_row}",
                f"Dòng tiêu đề của bảng (dòng {layout.header_row}) không có cột {HEADER_VALUE!r}. "
                "Dùng đúng mẫu báo cáo đã được gửi, không đổi tên các cột.",
            )
        ]
    if not layout.figures:
        return [
            Problem(
                name,
                f"{layout.sheet}!A{layout.header_row}",
                f"Bảng số liệu không có chỉ tiêu nào (cột {HEADER_CODE!r} trống). Dùng đúng mẫu báo cáo đã được gửi.",
            )
        ]
    return []


def _key(text: str) -> str:
    """A label as compared: NFC, no surrounding spaces, case-folded, without a trailing ':'."""
    return unicodedata.normalize("NFC", text).strip().casefold().removesuffix(":").strip()


_INFO_KEYS = frozenset(
    _key(label) for label in (LABEL_UNIT_NAME, LABEL_UNIT_CODE, LABEL_PERIOD, LABEL_DATE, LABEL_VERSION)
)


def _nfc(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _text(value: Any) -> str:
    """An identifier cell as text: "" for blank, 2024 for 2024 or 2024.0, NFC strings as they are."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFC", str(value))


def _describe(error: Exception) -> str:
    """openpyxl's own words, short: they help whoever looks at the file, not the unit's staff."""
    detail = error.args[0] if isinstance(error, KeyError) and error.args else error
    text = str(detail).strip() or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"

"""What a submitted file really is, from its bytes, before anything parses it.

A unit may send an old .xls, a password-protected workbook, a CSV saved as .xlsx, a zip bomb, a Word file:
each is named here in Vietnamese, from the first bytes and the zip's directory alone. Nothing is
decompressed and nothing is written.
"""

from __future__ import annotations

import io
import zipfile

from bantin import formatting

MAX_FILE_BYTES = 10 * 1024 * 1024  # a unit's half-year figures fit in a few kilobytes
ZIP_SIGNATURE = b"PK\x03\x04"  # .xlsx (and .docx, .zip)
# Limits checked on the zip's directory before anything is decompressed.
MAX_UNCOMPRESSED_BYTES = 50 * 2**20  # all members together; a filled template is a few dozen KB
MAX_COMPRESSION_RATIO = 100  # for a member larger than RATIO_CHECKED_ABOVE
RATIO_CHECKED_ABOVE = 2**20
MAX_MEMBERS = 1000

OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # Excel 97-2003 (.xls), or an encrypted .xlsx
WORKBOOK_PART = "xl/workbook.xml"

RESAVE = "Mở tệp bằng Excel, chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx), rồi gửi lại."
_REFUSED = "hệ thống không đọc tệp này. Dùng lại mẫu gốc, nhập số liệu rồi gửi lại."
EMPTY = "Tệp rỗng (0 byte). Gửi lại tệp có số liệu."


def is_binary(data: bytes) -> bool:
    """A NUL byte near the start: no text file, in any encoding a CSV comes in but UTF-16, has one."""
    return b"\x00" in data[:4096]


def container_problem(data: bytes) -> str:
    """Why ``data`` cannot safely be opened as an ``.xlsx`` workbook (Vietnamese), or "" if it can.

    Decides from the first bytes and the zip's directory alone: nothing is decompressed.
    """
    if not data:
        return EMPTY
    if data.startswith(OLE2_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "Tệp có đặt mật khẩu mở tệp nên hệ thống không đọc được. Gỡ mật khẩu, lưu lại rồi gửi lại."
        return f"Tệp ở định dạng Excel 97-2003 (.xls), hệ thống chỉ đọc tệp .xlsx. {RESAVE}"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if _looks_like_text(data):
            return (
                "Tệp này là tệp văn bản (có thể là CSV) mang đuôi .xlsx, không phải sổ tính Excel. "
                "Nếu là CSV, đổi đuôi tệp thành .csv; nếu không, mở bằng Excel và lưu lại dạng .xlsx."
            )
        return f"Tệp không phải sổ tính Excel .xlsx (không nhận ra định dạng). {RESAVE}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # a zip directory zipfile cannot make sense of
        return f"Tệp .xlsx bị hỏng, không mở được. {RESAVE}"
    return _size_problem(members) or _workbook_problem({member.filename for member in members})


def _size_problem(members: list[zipfile.ZipInfo]) -> str:
    """A refusal when the zip would decompress into more than the limits allow."""
    if len(members) > MAX_MEMBERS:
        return f"Tệp có {len(members)} thành phần, quá nhiều đối với một mẫu báo cáo; {_REFUSED}"
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        return (
            f"Tệp khi giải nén lớn tới {formatting.decimal(total / 2**20, 0)} MiB (giới hạn "
            f"{MAX_UNCOMPRESSED_BYTES // 2**20} MiB), "
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
    return f"Tệp nén không phải sổ tính Excel{kind}: thiếu phần {WORKBOOK_PART}. {RESAVE}"


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    return not is_binary(head) and (b"," in head or b";" in head or b"\n" in head)

"""What a submitted file really is, from its bytes, before anything parses it.

A unit may send an old .xls, a password-protected workbook, a CSV saved as .xlsx, a zip bomb, a Word file:
each is named here (in the words of ``bantin.messages``), from the first bytes and the zip's directory alone.
Nothing is decompressed and nothing is written.
"""

from __future__ import annotations

import io
import zipfile

from bantin import formatting, messages

MAX_FILE_BYTES = 10 * 1024 * 1024  # a unit's half-year figures fit in a few kilobytes
ZIP_SIGNATURE = b"PK\x03\x04"  # .xlsx (and .docx, .zip)
# Limits checked on the zip's directory before anything is decompressed.
MAX_UNCOMPRESSED_BYTES = 50 * 2**20  # all members together; a filled template is a few dozen KB
MAX_COMPRESSION_RATIO = 100  # for a member larger than RATIO_CHECKED_ABOVE
RATIO_CHECKED_ABOVE = 2**20
MAX_MEMBERS = 1000

OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # Excel 97-2003 (.xls), or an encrypted .xlsx
WORKBOOK_PART = "xl/workbook.xml"


def is_binary(data: bytes) -> bool:
    """A NUL byte near the start: no text file, in any encoding a CSV comes in but UTF-16, has one."""
    return b"\x00" in data[:4096]


def container_problem(data: bytes) -> str:
    """Why ``data`` cannot safely be opened as an ``.xlsx`` workbook (Vietnamese), or "" if it can.

    Decides from the first bytes and the zip's directory alone: nothing is decompressed.
    """
    if not data:
        return messages.FILE_EMPTY
    if data.startswith(OLE2_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return messages.XLSX_ENCRYPTED
        return messages.XLSX_OLD_FORMAT
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if _looks_like_text(data):
            return messages.XLSX_IS_TEXT
        return messages.XLSX_UNKNOWN_FORMAT
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # a zip directory zipfile cannot make sense of
        return messages.XLSX_BROKEN
    return _size_problem(members) or _workbook_problem({member.filename for member in members})


def _size_problem(members: list[zipfile.ZipInfo]) -> str:
    """A refusal when the zip would decompress into more than the limits allow."""
    if len(members) > MAX_MEMBERS:
        return messages.XLSX_TOO_MANY_MEMBERS.format(count=len(members))
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        size, limit = formatting.decimal(total / 2**20, 0), MAX_UNCOMPRESSED_BYTES // 2**20
        return messages.XLSX_TOO_LARGE_UNZIPPED.format(size=size, limit=limit)
    for member in members:
        if member.file_size > RATIO_CHECKED_ABOVE and member.file_size > MAX_COMPRESSION_RATIO * member.compress_size:
            return messages.XLSX_MEMBER_OVERCOMPRESSED.format(member=member.filename, ratio=MAX_COMPRESSION_RATIO)
    return ""


def _workbook_problem(names: set[str]) -> str:
    if WORKBOOK_PART in names:
        return ""
    kind = messages.XLSX_LOOKS_LIKE_WORD if "word/document.xml" in names else ""
    return messages.XLSX_NOT_A_WORKBOOK.format(kind=kind, part=WORKBOOK_PART)


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    return not is_binary(head) and (b"," in head or b";" in head or b"\n" in head)

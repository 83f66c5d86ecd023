"""Saving openpyxl workbooks so that the same content gives the same bytes, run after run."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter


def workbook_bytes(workbook: Workbook, when: dt.datetime) -> bytes:
    """The workbook as bytes, with ``when`` as its creation time and every zip entry's time.

    openpyxl's ``save`` stamps the current time into the document properties and the zip entries;
    writing through ``ExcelWriter`` and re-stamping the entries keeps the file the same run after run.
    """
    workbook.properties.creator = "bantin"
    workbook.properties.last_modified_by = "bantin"
    workbook.properties.created = workbook.properties.modified = when
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _restamp(buffer.getvalue(), when)


def _restamp(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry dated ``when`` (zip dates start in 1980)."""
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 3
            target.writestr(info, source.read(entry))
    return output.getvalue()

"""Zip files whose bytes depend on their entries alone: the Word files and the archive to send.

Every entry gets the same date (the earliest a zip can hold), the same permissions and creating system, and the
same compression, so that equal entries give equal bytes, whenever and wherever they are written.
"""

from __future__ import annotations

import io
import zipfile

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_UNIX = 3  # the creating system written in each entry (Python writes the one it runs on)


def deterministic_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``entries`` (name, content), in their order, each with the same date, permissions and compression:
    equal entries, equal bytes."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type, info.external_attr, info.create_system = zipfile.ZIP_DEFLATED, 0o644 << 16, _UNIX
            archive.writestr(info, content, compresslevel=6)
    return output.getvalue()

"""Putting files in place so that a reader sees the old version or the new one, never a part."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o666 & ~_umask())  # mkstemp's 0600 would hide the file from colleagues
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def publish(files: dict[str, bytes], folder: Path) -> None:
    """Write a report's files into ``folder`` once all of them exist, each one atomically.

    A report whose rendering failed never reaches this point, so its previous files stay as they were.
    """
    for name, content in files.items():
        write_atomic(folder / name, content)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

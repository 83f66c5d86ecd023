"""Putting files in place so that a reader sees the old version or the new one, never a part.

Every file is written beside its target and renamed over it; a file whose content is unchanged is not
rewritten at all. One writer at a time: ``make report`` holds a lock on ``outputs/`` while it runs.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path

LOCK = ".bantin.lock"  # in the project folder: outputs/ stays exactly as the last good run left it


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
    """Write a report's files into ``folder`` once all of them exist, each one atomically, in order.

    A report whose rendering failed never reaches this point, so its previous files stay as they were.
    Put the file that vouches for the others (its provenance) last.
    """
    for name, content in files.items():
        write_if_changed(folder / name, content)


def write_if_changed(path: Path, content: bytes) -> bool:
    """``write_atomic``, unless ``path`` already holds exactly ``content`` (its date is then kept).

    Returns whether it wrote.
    """
    if path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content:
        return False
    write_atomic(path, content)
    return True


@contextlib.contextmanager
def run_lock(folder: Path, log=print):
    """Hold the project's lock (``folder/.bantin.lock``); a second run waits for the first, saying so."""
    with open(folder / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"Một lượt make report khác đang chạy và giữ {folder / LOCK}; chờ lượt đó xong…")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale_temporaries(*folders: Path) -> None:
    """Temporary files left by a run that was killed before it could rename them (held under the lock)."""
    for folder in folders:
        for path in folder.rglob(".*.tmp") if folder.is_dir() else []:
            path.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

"""A file the office edits, read once for as long as it is unchanged (its size and modification time)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def while_unchanged(load: Callable[[Path], T], path: Path) -> T:
    """``load(path)``, made again only once the file changed; a missing file is loaded each time (``load`` says
    what is wrong with it)."""
    try:
        status = path.stat()
    except OSError:
        return load(path)
    return _loaded(load, path, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=16)
def _loaded(load: Callable[[Path], T], path: Path, mtime_ns: int, size: int) -> T:
    return load(path)

"""Putting a run's files in place: all of them or none, and never a part of one.

A run stages every file it would write or remove in a ``Transaction`` and commits it once, at the end:

1. each new content goes to a temporary file beside its target (same folder, so the rename is atomic);
2. the temporaries are renamed over their targets one by one, each replaced file kept as a hard link;
3. only then are the kept copies dropped.

If any step fails — a read-only folder, a full disk, a file that another program (Excel on a shared drive)
holds — every target already renamed gets its kept copy back and the temporaries are removed: the folders
are as they were, and ``PublishError`` says in Vietnamese which file or folder failed and what to do.
A reader sees the old file or the new one, never a part. One run at a time holds the project's lock.
Standard library only.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from pathlib import Path

from bantin import messages
from bantin.model.errors import PublishError

LOCK = "run.lock"  # in the project's state folder (.bantin/)
_TEMPORARY, _KEPT = ".tmp", ".kept"  # suffixes of the hidden files a transaction leaves only if it is killed
UNCHANGED = messages.UNCHANGED  # said after every failure to publish


class Transaction:
    """The files one run writes and removes, put in place together by ``commit``."""

    def __init__(self, root: Path):
        self.root = root  # the project folder: messages name files relative to it
        self._writes: dict[Path, bytes] = {}
        self._removals: set[Path] = set()

    def write(self, path: Path, content: bytes) -> None:
        """Stage ``content`` for ``path``; a file that already holds exactly it is left alone (and its date)."""
        self._removals.discard(path)
        if _holds(path, content):
            self._writes.pop(path, None)
        else:
            self._writes[path] = content

    def remove(self, path: Path) -> None:
        self._writes.pop(path, None)
        if path.is_file():
            self._removals.add(path)

    def names(self, folder: Path) -> set[str]:
        """The files ``folder`` will hold once committed (hidden files aside)."""
        present = {entry.name for entry in _files(folder)}
        written = {path.name for path in self._writes if path.parent == folder}
        removed = {path.name for path in self._removals if path.parent == folder}
        return (present | written) - removed

    def folders(self, parent: Path) -> set[str]:
        """The folders directly in ``parent`` once committed (hidden ones aside)."""
        try:
            with os.scandir(parent) as entries:
                present = {entry.name for entry in entries if entry.is_dir() and not entry.name.startswith(".")}
        except (FileNotFoundError, NotADirectoryError):
            present = set()
        return present | {path.parent.name for path in self._writes if path.parent.parent == parent}

    def read(self, path: Path) -> bytes | None:
        """What ``path`` will hold once committed, or None if it will not exist."""
        if path in self._writes:
            return self._writes[path]
        if path in self._removals or not path.is_file():
            return None
        return path.read_bytes()

    def commit(self) -> None:
        """Every staged write and removal, or none of them (``PublishError``)."""
        created, temporaries, done = [], {}, []
        target = None
        try:
            for target, content in self._writes.items():
                created += _make_folders(target.parent)
                temporaries[target] = _write_temporary(target, content)
            for target, temporary in temporaries.items():
                kept = _keep(target)
                try:
                    os.replace(temporary, target)
                except BaseException:
                    _discard([kept] if kept else [])  # the target was not replaced: nothing to put back
                    raise
                done.append((target, kept))
            for target in sorted(self._removals):
                kept = _hidden_beside(target, _KEPT)
                os.replace(target, kept)
                done.append((target, kept))
        except BaseException as error:  # a failure, or an interrupt: back to how things were
            not_restored = _roll_back(done)
            _discard(list(temporaries.values()))
            _remove_folders(created)
            if isinstance(error, OSError):
                raise PublishError(
                    f"{explain(error, target, self.root)} {_after_roll_back(not_restored, self.root)}"
                ) from None
            raise
        _discard([kept for _, kept in done if kept])


def check_writable(root: Path, folders: list[Path]) -> None:
    """Fail at once, before any work, when a run could not write into one of ``folders`` (or create it)."""
    import tempfile  # only when a run writes: a run with nothing to do stays light

    for folder in folders:
        existing = next(parent for parent in (folder, *folder.parents) if parent.exists())
        try:
            handle, probe = tempfile.mkstemp(dir=existing, prefix=".bantin-probe-", suffix=_TEMPORARY)
            os.close(handle)
            os.unlink(probe)
        except OSError as error:
            raise PublishError(f"{explain(error, existing / '.bantin-probe', root)} {UNCHANGED}") from None


def explain(error: OSError, path: Path | None, root: Path) -> str:
    """What went wrong writing ``path``, and what to do about it, in one Vietnamese sentence."""
    if path is None:
        return messages.WRITE_FAILED.format(reason=error.strerror or error)
    name = _relative(path, root)
    folder = _relative(path.parent, root) + "/"
    code = error.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return messages.DISK_FULL.format(folder=folder, name=name)
    if code == errno.EROFS:
        return messages.READ_ONLY.format(folder=folder)
    if code in (errno.EBUSY, errno.ETXTBSY):
        return messages.LOCKED_FILE.format(name=name)
    if code in (errno.EACCES, errno.EPERM):
        if path.is_file():
            return messages.FILE_NOT_REPLACED.format(name=name, folder=folder)
        return messages.NO_WRITE_PERMISSION.format(folder=folder)
    return messages.WRITE_FAILED_NAMED.format(name=name, reason=error.strerror or error)


@contextlib.contextmanager
def run_lock(state_dir: Path, log=print):
    """Hold the project's lock (``.bantin/run.lock``); a second run waits for the first, saying so."""
    state_dir.mkdir(parents=True, exist_ok=True)
    with open(state_dir / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(messages.WAITING_FOR_LOCK.format(lock=state_dir / LOCK))
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftovers(*folders: Path) -> None:
    """The hidden files of a transaction that was killed before it could clean up (run under the lock)."""
    for folder in folders:
        for path in folder.rglob(".*") if folder.is_dir() else []:
            if path.is_file() and path.name.endswith((_TEMPORARY, _KEPT)):
                path.unlink(missing_ok=True)


def _holds(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def _files(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return [entry for entry in entries if entry.is_file() and not entry.name.startswith(".")]
    except (FileNotFoundError, NotADirectoryError):
        return []


def _write_temporary(target: Path, content: bytes) -> Path:
    import tempfile  # only when a run writes: a run with nothing to do stays light

    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=_TEMPORARY)
    try:
        os.fchmod(handle, 0o666 & ~_umask())  # mkstemp's 0600 would hide the file from colleagues
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _keep(target: Path) -> Path | None:
    """A second name for the file about to be replaced, to put it back if the transaction fails."""
    if not target.exists():
        return None
    kept = _hidden_beside(target, _KEPT)
    try:
        os.link(target, kept)
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES):
            raise
        import shutil  # a file system without hard links: rare, and imported then

        shutil.copy2(target, kept)
    return kept


def _hidden_beside(target: Path, suffix: str) -> Path:
    """A name that is free beside ``target`` (the run holds the lock: nobody else writes there)."""
    return target.with_name(f".{target.name}.{os.urandom(6).hex()}{suffix}")


def _roll_back(done: list[tuple[Path, Path | None]]) -> list[Path]:
    """Put back what was replaced or removed, newest first; the targets that could not be restored."""
    failed = []
    for target, kept in reversed(done):
        try:
            if kept is None:
                target.unlink(missing_ok=True)  # it did not exist before the transaction
            else:
                os.replace(kept, target)
        except OSError:
            failed.append(target)
    return failed


def _after_roll_back(not_restored: list[Path], root: Path) -> str:
    if not not_restored:
        return UNCHANGED
    names = ", ".join(_relative(path, root) for path in not_restored)
    return messages.NOT_RESTORED.format(names=names)


def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the ones created, deepest last."""
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    return list(reversed(missing))


def _remove_folders(created: list[Path]) -> None:
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _discard(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

"""When the tool itself fails — a bug, not the data: one line for the analyst, the whole story in a file.

The analyst sees what failed and where in the package, in one Vietnamese line, with the path of a report
(``.bantin/crash/<time>.txt``) holding the full traceback, the command and the versions, to send to whoever
maintains the tool. A traceback is never the first thing on the terminal. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import sys
import tempfile
import traceback
from pathlib import Path

from bantin import messages

PACKAGE = Path(__file__).resolve().parents[1]  # lib/bantin
FOLDER = "crash"  # in the project's state folder, .bantin/
_FRAME = re.compile(r"(/[^\s\"']*/bantin/[\w/]+\.py)(?:\", line |:)(\d+)")  # plain and IPython tracebacks


def summary(error: BaseException) -> str:
    """ "ZeroDivisionError: division by zero (bantin/metrics.py, dòng 30)": the error, and where in the package."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if _in_package(frame.filename)]
    where = messages.BUG_AT.format(file=_shown(frames[-1].filename), line=frames[-1].lineno) if frames else ""
    return f"{type(error).__name__}: {_first_line(str(error))}{where}"


def summary_of(name: str, value: str, text: str) -> str:
    """The same as ``summary`` for an error known only from its traceback's text (a notebook kernel's)."""
    frames = [(path, line) for path, line in _FRAME.findall(text) if _in_package(path)]
    where = messages.BUG_AT.format(file=_shown(frames[-1][0]), line=frames[-1][1]) if frames else ""
    return f"{name}: {_first_line(value)}{where}"


def save(state_dir: Path | None, details: str) -> Path:
    """Write a crash report under the project's state folder (or the temporary folder); return its path."""
    now = dt.datetime.now()
    header = messages.BUG_REPORT_HEAD.format(
        time=now.isoformat(timespec="seconds"),
        command=" ".join(sys.argv),
        folder=os.getcwd(),
        python=platform.python_version(),
        system=platform.platform(),
    )
    name = f"{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    for folder in ([state_dir / FOLDER] if state_dir else []) + [Path(tempfile.gettempdir()) / "bantin-crash"]:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(header + details.rstrip("\n") + "\n", encoding="utf-8")
            return folder / name
        except OSError:
            continue
    raise OSError("no folder to write the crash report in")


def message(what: str, report: Path, root: Path | None) -> str:
    """The one line the analyst reads."""
    where = report.relative_to(root).as_posix() if root and report.is_relative_to(root) else str(report)
    return messages.BUG.format(what=what, where=where)


def _in_package(path: str) -> bool:
    return Path(path).resolve().is_relative_to(PACKAGE)


def _shown(path: str) -> str:
    return Path(path).resolve().relative_to(PACKAGE.parent).as_posix()


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""

"""The consolidated data: validated observations of a period in ``data/processed/<PERIOD>.csv``.

Written only when every check passed, atomically (temporary file, then rename), and only when its
content changed, so a failed intake leaves the previous file byte for byte as it was.
"""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, fields
from pathlib import Path

import pandas as pd

from .errors import SubmissionError
from .intake import Observation, read_period
from .periods import Period
from .publish import write_atomic
from .project import Project
from .reference import Reference
from .validate import check_rules

COLUMNS = tuple(field.name for field in fields(Observation))


def consolidate(project: Project, period: Period, reference: Reference | None = None) -> pd.DataFrame:
    """Read, check and store a half-year's submissions; raise ``SubmissionError`` listing every error."""
    reference = reference or Reference(project.reference_dir)
    observations, problems = read_period(project, reference, period)
    problems += check_rules(observations, reference)
    if any(problem.severity == "error" for problem in problems):
        raise SubmissionError(problems)
    rows = sorted(astuple(obs) for obs in observations)
    _write_if_changed(project.processed_file(period), _to_csv(rows))
    return _frame(rows)


def load(project: Project, periods: list[Period], reference: Reference | None = None) -> pd.DataFrame:
    """The consolidated observations of the given half-years (years are expanded into their halves).

    A period whose stored file is missing or older than its submissions is consolidated again;
    a period with no submissions folder contributes nothing.
    """
    reference = reference or Reference(project.reference_dir)
    halves = sorted({half for period in periods for half in period.halves()})
    frames = []
    for half in halves:
        if not project.raw_period_dir(half).is_dir():
            continue
        if _is_fresh(project, half):
            frames.append(read_processed(project.processed_file(half)))
        else:
            frames.append(consolidate(project, half, reference))
    return pd.concat(frames, ignore_index=True) if frames else _frame([])


def read_processed(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame["value"] = pd.to_numeric(frame["value"].replace("", None)).astype("Int64")
    return frame


def _is_fresh(project: Project, period: Period) -> bool:
    target = project.processed_file(period)
    if not target.is_file():
        return False
    folder = project.raw_period_dir(period)
    sources = [folder, *folder.iterdir(), *project.reference_dir.iterdir()]
    return target.stat().st_mtime_ns >= max(path.stat().st_mtime_ns for path in sources)


def _to_csv(rows: list[tuple]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["value"] = frame["value"].astype("Int64")
    return frame


def _write_if_changed(path: Path, content: bytes) -> None:
    if path.is_file() and path.read_bytes() == content:
        path.touch()  # still fresh with respect to its sources
        return
    write_atomic(path, content)

"""The consolidated data: a period's validated observations in ``data/processed/<PERIOD>.csv``.

Written only when every check passed, atomically (temporary file, then rename), and only when its
content changed, so a failed intake leaves the previous files byte for byte as they were. The
warnings that did not block it are kept beside it (``<PERIOD>.warnings.csv``) for the bulletin's annex.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from . import completeness
from .errors import Problem, SubmissionError
from .intake import read_folder
from .periods import Period
from .project import Project
from .publish import write_if_changed
from .reference import Reference
from .validate import OBSERVATION_COLUMNS, Checked, check

WARNING_COLUMNS = ("file", "location", "unit", "unit_code", "indicator", "rule", "message")


def consolidate(project: Project, period: Period, reference: Reference | None = None, strict: bool = False) -> Checked:
    """Read, check and store a half-year's submissions; raise ``SubmissionError`` listing every error.

    ``strict``: a unit that sent nothing is an error, not only a gap the bulletin reports.
    """
    reference = reference or Reference(project.reference_dir)
    checked = check(read_folder(project, period), reference, period)
    if strict:
        folder = project.relative(project.raw_period_dir(period))
        checked = Checked(checked.observations, checked.problems + completeness.missing_unit_problems(reference, period, checked.observations, folder))
    if checked.errors:
        raise SubmissionError(checked.problems, period)
    observations = checked.observations.sort_values(["unit", "indicator"], kind="stable")
    _write_if_changed(project.processed_file(period), observations.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    _write_if_changed(_warnings_file(project, period), _warnings_csv(checked.warnings))
    return checked


def load(project: Project, periods: list[Period], reference: Reference | None = None) -> pd.DataFrame:
    """The consolidated observations of the given half-years (years are expanded into their halves).

    A period whose stored file is missing or older than its submissions is consolidated again;
    a period with no submissions folder contributes nothing.
    """
    reference = reference or Reference(project.reference_dir)
    frames = []
    for half in sorted({half for period in periods for half in period.halves()}):
        if not project.raw_period_dir(half).is_dir():
            continue
        if not _is_fresh(project, half):
            consolidate(project, half, reference)
        frames.append(read_processed(project.processed_file(half)))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=OBSERVATION_COLUMNS)


def read_processed(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame["value"] = pd.to_numeric(frame["value"].replace("", None)).astype("Int64")
    return frame


def read_warnings(project: Project, period: Period) -> list[Problem]:
    """The warnings of the half-years of ``period`` that did not block the consolidation."""
    problems = []
    for half in period.halves():
        path = _warnings_file(project, half)
        if path.is_file():
            with open(path, encoding="utf-8", newline="") as file:
                problems += [Problem(severity="warning", **row) for row in csv.DictReader(file)]
    return problems


def _warnings_file(project: Project, period: Period) -> Path:
    return project.processed_dir / f"{period}.warnings.csv"


def _warnings_csv(problems: list[Problem]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(WARNING_COLUMNS)
    writer.writerows([getattr(problem, column) for column in WARNING_COLUMNS] for problem in problems)
    return buffer.getvalue().encode("utf-8")


def _is_fresh(project: Project, period: Period) -> bool:
    target = project.processed_file(period)
    if not target.is_file() or not _warnings_file(project, period).is_file():
        return False
    folder = project.raw_period_dir(period)
    sources = [folder, *folder.iterdir(), *project.reference_dir.iterdir()]
    return target.stat().st_mtime_ns >= max(path.stat().st_mtime_ns for path in sources)


def _write_if_changed(path: Path, content: bytes) -> None:
    if not write_if_changed(path, content):
        path.touch()  # unchanged, and now known fresh with respect to its sources

"""The consolidated data: a half-year's checked observations, as ``data/processed/<HALF>.csv``.

``consolidate`` checks a half-year's submissions and returns what passed; it writes nothing. ``stored_files``
gives the bytes a run publishes into ``data/processed/``: the figures, each with its source, and the warnings
that did not block them (``<HALF>.warnings.csv``, for the bulletin's annex). Only ``make report`` writes them,
together with everything else it publishes (``pipeline``).

``load`` and ``read_warnings`` give them back, always as the stored files read them, from the source the caller
names (the notebooks' parameter ``data``):

- ``PUBLISHED`` (JupyterLab, ``explore``): ``data/processed/`` when it is up to date (``freshness``), or else the
  submissions, checked again in memory;
- ``STAGED`` (a run's notebooks): the run's staging folder, checked and not yet published
  (``Project.staging_dir``).
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path

import pandas as pd

from bantin import messages
from bantin.build.freshness import Inputs, State
from bantin.build.products import processed_files
from bantin.build.project import Project
from bantin.build.provenance import Code, library_digest
from bantin.intake import completeness
from bantin.intake.files import read_folder
from bantin.intake.validate import OBSERVATION_COLUMNS, Checked, check
from bantin.model.errors import BantinError, Problem, SubmissionError
from bantin.model.periods import Period
from bantin.model.reference import Reference

WARNING_COLUMNS = ("file", "location", "unit", "unit_code", "indicator", "rule", "message")
PUBLISHED, STAGED = "published", "staged"  # where ``load`` reads: the values of the notebooks' parameter ``data``
SOURCES = (PUBLISHED, STAGED)


def consolidate(project: Project, period: Period, reference: Reference | None = None, strict: bool = False) -> Checked:
    """Read and check a half-year's submissions; raise ``SubmissionError`` listing every error.

    ``strict``: a unit that sent nothing is an error, not only a gap the bulletin reports. The error carries, beside
    the errors, everything the report of a good run would say of the half-year (the units awaited, the figures left
    blank, the late submissions, a missing deadline) and who reported by cluster: one run says it all.
    """
    reference = reference or project.reference
    checked = check(read_folder(project, period), reference, period)
    if not (checked.errors or strict):  # the gaps of a good run are said with its report (``render.batch``)
        return checked
    folder = project.relative(project.raw_period_dir(period))
    gaps = completeness.gap_problems(reference, period, checked.observations, folder, strict, checked.failed)
    if checked.errors or any(problem.severity == "error" for problem in gaps):
        status = completeness.by_cluster(reference, period, checked.observations, checked.failed)
        raise SubmissionError(checked.problems + gaps, period, status)
    return checked


def stored_files(project: Project, half: Period, checked: Checked) -> dict[Path, bytes]:
    """What ``data/processed/`` holds for a checked half-year: its figures, then its warnings."""
    figures, warnings = processed_files(project, half)
    observations = checked.observations.sort_values(["unit", "indicator"], kind="stable")
    return {
        figures: observations.to_csv(index=False, lineterminator="\n").encode("utf-8"),
        warnings: _warnings_csv(checked.warnings),
    }


def load(
    project: Project, periods: list[Period], reference: Reference | None = None, source: str = PUBLISHED
) -> pd.DataFrame:
    """The consolidated observations of the given half-years (years are expanded into their halves), read from
    ``source`` (``SOURCES``). A half-year without a folder of submissions contributes nothing.
    """
    stored = _stored(project, [half for period in periods for half in period.halves()], reference, source)
    frames = [read_processed(io.BytesIO(figures)) for figures, _ in stored.values()]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=OBSERVATION_COLUMNS)


def read_warnings(
    project: Project, period: Period, reference: Reference | None = None, source: str = PUBLISHED
) -> list[Problem]:
    """The warnings of the half-years of ``period`` that did not block their consolidation, read from ``source``."""
    return [
        problem
        for _, warnings in _stored(project, period.halves(), reference, source).values()
        for problem in parse_warnings(warnings)
    ]


def read_processed(source: Path | io.BytesIO) -> pd.DataFrame:
    frame = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8")
    frame["value"] = pd.to_numeric(frame["value"].replace("", None)).astype("Int64")
    return frame


def parse_warnings(content: bytes) -> list[Problem]:
    rows = csv.DictReader(io.StringIO(content.decode("utf-8"), newline=""))
    return [Problem(severity="warning", **row) for row in rows]


def _stored(project: Project, halves, reference: Reference | None, source: str) -> dict[Period, tuple[bytes, bytes]]:
    """The two stored files of each half-year with submissions: staged by the run in progress, or published and
    up to date, or else made again in memory."""
    if source not in SOURCES:
        raise BantinError(messages.NO_SUCH_SOURCE.format(source=source, sources=messages.SOURCES_JOIN.join(SOURCES)))
    halves = sorted({half for half in halves if project.raw_period_dir(half).is_dir()})
    if source == STAGED:
        staging = project.staging_dir
        return {
            half: tuple((staging / path.name).read_bytes() for path in processed_files(project, half))
            for half in halves
        }
    reference = reference or project.reference
    state, inputs = (
        State.load(project),
        Inputs(project, Code(library_digest(project))),
    )  # the intake reads no lock, no git
    found = {}
    for half in halves:
        digest, paths = inputs.processed(half), processed_files(project, half)
        if all(state.is_fresh(project.relative(path), digest) for path in paths):
            found[half] = tuple(path.read_bytes() for path in paths)
        else:
            found[half] = _checked_again(project, half, digest, reference)
    return found


@lru_cache(maxsize=16)
def _checked_again(project: Project, half: Period, inputs: str, reference: Reference) -> tuple[bytes, bytes]:
    """The stored files of ``half`` as a run would write them; ``inputs`` keys the cache to what they are made of."""
    return tuple(stored_files(project, half, consolidate(project, half, reference)).values())


def _warnings_csv(problems: list[Problem]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(WARNING_COLUMNS)
    writer.writerows([getattr(problem, column) for column in WARNING_COLUMNS] for problem in problems)
    return buffer.getvalue().encode("utf-8")

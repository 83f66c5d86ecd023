"""The consolidated figures as one tidy table, for analysts exploring them (notebooks/explore.ipynb).

One row per half-year, per unit active in it and per indicator of that half-year's form, in the reference's order
(clusters as in clusters.csv, units by code, indicators as in indicators.csv), with the reference's names and the
labels in force then beside the codes. A unit belongs to the cluster it belonged to in that half-year. A figure
that was not reported is missing (``pd.NA``), never zero: a blank cell keeps the file and cell it was left blank
in, a unit that sent nothing has rows without a source.

The table keeps the columns ``period``, ``unit``, ``indicator`` and ``value`` of the consolidated
observations, so the functions of ``bantin.bulletin.metrics`` take it as it is.

A half-year whose submissions do not pass their check is left out of the table, with one
``SkippedPeriodWarning`` naming its report and the file and cell of each error, so that a bad file of one
unit does not stop anyone exploring the rest (``strict=True``: the ``SubmissionError`` is raised instead).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable

import pandas as pd

from bantin import messages
from bantin.build.project import Project
from bantin.intake import consolidated
from bantin.model.errors import BantinError, SubmissionError, ordered
from bantin.model.periods import Period
from bantin.model.reference import Reference
from bantin.render import failed_validation

KEYS = ["period", "unit", "indicator"]
PROVENANCE = ["source_file", "source_location", "submitted"]
COLUMNS = [
    "period",
    "period_label",
    "cluster",
    "cluster_name",
    "unit",
    "unit_name",
    "unit_short_name",
    "indicator",
    "indicator_label",
    "indicator_short_label",
    "unit_word",
    "value",
    *PROVENANCE,
]


LISTED = 10  # the errors a warning lists; the rest are counted, and all are in the report


class SkippedPeriodWarning(UserWarning):
    """A half-year left out of ``load``'s table: its submissions did not pass their check.

    A notebook can silence it: ``warnings.simplefilter("ignore", explore.SkippedPeriodWarning)``.
    """


def load(
    periods: str | Period | Iterable[str | Period] | None = None,
    project_dir: str | os.PathLike | None = None,
    strict: bool = False,
) -> pd.DataFrame:
    """Every consolidated figure of ``periods``, joined with the reference data, as one table.

    periods: a half-year (``"2024H1"``), a year (``"2024"``, its two halves) or a list of them;
        ``None``: every half-year that has submissions under ``data/raw/``.
    project_dir: a folder of the project; ``None``: the project found from the working directory.
    strict: a half-year whose submissions do not pass raises ``SubmissionError`` (its message lists every
        problem by file and cell) instead of being left out with a ``SkippedPeriodWarning``.

    The figures come from ``data/processed/`` while ``make report`` keeps it up to date; otherwise the
    submissions are checked again, in memory (``bantin.intake.consolidated.load``). Nothing is written but
    the report of a half-year that fails its check, in ``data/failed-validation/<HALF>/`` as ``make report``
    writes it (and removed once the half-year passes).
    """
    project = Project.find(project_dir)
    reference = project.reference
    frames, passed = [], []
    for half in half_years(project, periods):
        try:
            frames.append(consolidated.load(project, [half], reference))
        except SubmissionError as error:
            report = failed_validation.write_and_name(project, error)
            if strict:
                error.args = (f"{error.report()}\n{report}",)  # its own message only counts the errors
                raise
            warnings.warn(SkippedPeriodWarning(left_out(error, report)), stacklevel=2)
        else:
            passed.append(half)
    failed_validation.forget(project, passed)
    observations = pd.concat(frames, ignore_index=True) if frames else consolidated.load(project, [], reference)
    return join(observations, reference, passed)


def period_shown(data: pd.DataFrame, period: str) -> tuple[str, str]:
    """The period the one-period tables show: ``period``, or the latest loaded half-year when ``period`` was left
    out (its submissions failed their check); and what to tell the analyst about it ("" when nothing changed)."""
    loaded = sorted(Period.parse(text) for text in data["period"].unique())
    if not loaded or set(Period.parse(period).halves()) <= set(loaded):
        return period, ""
    return str(loaded[-1]), messages.PERIOD_NOT_SHOWN.format(period=period, shown=loaded[-1])


def left_out(error: SubmissionError, report: str) -> str:
    """What the warning of a half-year left out says: which, why, where to look, each error's file and cell."""
    errors = [problem for problem in ordered(error.problems) if problem.severity == "error"]
    lines = [messages.PERIOD_LEFT_OUT.format(period=error.period, count=len(errors))]
    lines += [f"  - {problem}" for problem in errors[:LISTED]]
    if len(errors) > LISTED:
        lines.append(messages.PERIOD_LEFT_OUT_MORE.format(count=len(errors) - LISTED))
    lines += [report, messages.PERIOD_LEFT_OUT_OTHERS]
    return "\n".join(lines)


def half_years(project: Project, periods: str | Period | Iterable[str | Period] | None) -> list[Period]:
    """The half-years of ``periods`` that have submissions, oldest first.

    A requested period none of whose half-years has a folder of submissions is an error naming it.
    """
    available = project.periods_with_submissions()
    if periods is None:
        return available
    requested = [periods] if isinstance(periods, str | Period) else list(periods)
    halves = set()
    for item in requested:
        period = Period.parse(str(item))
        found = [half for half in period.halves() if half in available]
        if not found:
            listed = ", ".join(map(str, available)) or messages.NO_PERIOD_WITH_SUBMISSIONS
            folders = ", ".join(str(project.raw_period_dir(half).relative_to(project.root)) for half in period.halves())
            raise BantinError(messages.PERIOD_WITHOUT_SUBMISSIONS.format(period=period, folders=folders, listed=listed))
        halves.update(found)
    return sorted(halves)


def join(observations: pd.DataFrame, reference: Reference, halves: list[Period]) -> pd.DataFrame:
    """The table of ``load``: every (half-year, active unit, indicator) of ``halves``, with its figure if any."""
    clusters = list(reference.clusters)
    rows = [
        (
            str(half),
            half.label,
            unit.cluster,
            reference.clusters[unit.cluster].name,
            unit.code,
            unit.name,
            unit.short_name,
            indicator.code,
            indicator.label,
            indicator.short_label,
            indicator.unit,
        )
        for half in halves
        for unit in sorted(reference.units(half), key=lambda unit: clusters.index(unit.cluster))
        for indicator in reference.indicators_in(half).values()
    ]
    grid = pd.DataFrame(rows, columns=[column for column in COLUMNS if column not in ("value", *PROVENANCE)])
    figures = observations[[*KEYS, "value", *PROVENANCE]]
    table = grid.merge(figures, on=KEYS, how="left", validate="one_to_one")
    table["value"] = table["value"].astype("Int64")
    return table[COLUMNS]

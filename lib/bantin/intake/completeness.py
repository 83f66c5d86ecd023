"""Who reported: expected units (those active in the period) against the units that sent figures.

A deadline, when ``data/reference/deadlines.csv`` gives one for the period, makes a submission late
if the date its unit wrote in the workbook ("Ngày gửi báo cáo") is after it; a CSV carries no date.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from bantin import formatting, messages
from bantin.model import site_wording, tally
from bantin.model.errors import Problem
from bantin.model.periods import Period
from bantin.model.reference import Reference, Unit

DEADLINES = "deadlines.csv"


@dataclass(frozen=True)
class Blank:
    """A figure a unit left blank in the file it sent: not reported, never taken as zero."""

    unit: Unit
    indicator: str  # its code
    file: str
    location: str  # the cell ("Báo cáo!D12") or the CSV line


@dataclass(frozen=True)
class ClusterCompleteness:
    cluster: str  # a cluster's code, or the province's
    expected: tuple[Unit, ...]
    received: tuple[Unit, ...]
    late: tuple[Unit, ...] = ()
    blanks: tuple[Blank, ...] = ()

    @property
    def missing(self) -> tuple[Unit, ...]:
        received = {unit.code for unit in self.received}
        return tuple(unit for unit in self.expected if unit.code not in received)

    @property
    def complete(self) -> bool:
        return not self.missing

    def summary(self, words: site_wording.SiteWording) -> str:
        """ "7/8 đơn vị đã gửi báo cáo", in the site's wording file's words (``site_wording.reported``)."""
        written = (formatting.count(len(units), pad=False) for units in (self.received, self.expected))
        return site_wording.reported(words, *written)


def combined(scope: str, parts: list[ClusterCompleteness]) -> ClusterCompleteness:
    """The completeness of several clusters together (the province's)."""
    return ClusterCompleteness(
        scope,
        tuple(unit for part in parts for unit in part.expected),
        tuple(unit for part in parts for unit in part.received),
        tuple(unit for part in parts for unit in part.late),
        tuple(blank for part in parts for blank in part.blanks),
    )


def by_cluster(
    reference: Reference, period: Period, observations: pd.DataFrame, failed: pd.DataFrame | None = None
) -> dict[str, ClusterCompleteness]:
    """Completeness of each cluster active in ``period`` (a year needs both halves of a unit).

    ``failed`` (``period, unit, indicator``: the cells that failed their check, ``validate.Checked.failed``) makes
    a failed intake's report right: a unit whose cells all failed has still reported, and a cell that failed is an
    error to fix, not a blank as well.
    """
    halves = [str(half) for half in period.halves()]
    active = {half: {unit.code for unit in reference.units(Period.parse(half))} for half in halves}
    known = set().union(*active.values())  # a failed row may name no unit of ours: it is an error, not a report
    rows = observations[observations["period"].isin(halves)]
    failed = failed[failed["period"].isin(halves) & failed["unit"].isin(known)] if failed is not None else rows.iloc[:0]
    sent: dict[str, set[str]] = {}
    pairs = pd.concat([rows[["period", "unit"]], failed[["period", "unit"]]]).drop_duplicates()
    for half, unit in zip(pairs["period"], pairs["unit"], strict=True):
        sent.setdefault(unit, set()).add(half)
    submitted = submission_dates(rows)
    received_codes = {  # a unit reported for every half-year it was active in (a year across a reorganisation)
        code for code, periods in sent.items() if {half for half in halves if code in active[half]} <= periods
    }
    left_blank = rows[rows["value"].isna() & (rows["source_file"].fillna("") != "")]
    left_out = _left_out(reference, rows, failed)
    deadline = deadlines(reference).get(str(period))
    result = {}
    for cluster in reference.clusters_in(period):
        expected = tuple(reference.units(period, cluster.code))
        received = tuple(unit for unit in expected if unit.code in received_codes)
        late = tuple(
            unit for unit in received if deadline and unit.code in submitted and submitted[unit.code] > deadline
        )
        units = {unit.code: unit for unit in received}
        blanks = tuple(
            Blank(units[row.unit], row.indicator, row.source_file, row.source_location)
            for row in left_blank[left_blank["unit"].isin(units)].itertuples(index=False)
        ) + tuple(Blank(units[unit], code, file, "") for unit, code, file in left_out if unit in units)
        result[cluster.code] = ClusterCompleteness(cluster.code, expected, received, late, blanks)
    return result


def submission_dates(rows: pd.DataFrame) -> dict[str, dt.date]:
    """Unit → the date its submission gives ("Ngày gửi báo cáo"; the latest, if several), for the units that give
    one (a CSV carries no date)."""
    dates = rows[rows["submitted"].fillna("") != ""].groupby("unit")["submitted"].max()
    return {unit: dt.date.fromisoformat(text) for unit, text in dates.items()}


def _left_out(reference: Reference, rows: pd.DataFrame, failed: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(unit, indicator, file) of each indicator of a half-year's form that a unit's submission has no row for (an
    older template, a CSV without it): a blank like a cell left empty. A cell that failed its check is not one.

    Tables all the way (a million rows may come in): each unit's submission crossed with its half-year's form, less
    the cells it has, a row or a failed cell."""
    sent = rows.loc[rows["source_file"].fillna("") != "", ["period", "unit", "indicator", "source_file"]]
    if sent.empty:
        return []
    files = sent.groupby(["period", "unit"], sort=True, as_index=False)["source_file"].first()
    forms = pd.DataFrame(
        [(half, code) for half in files["period"].unique() for code in reference.indicators_in(Period.parse(half))],
        columns=["period", "indicator"],
    )
    expected = files.merge(forms, on="period")
    given = pd.concat([sent[["period", "unit", "indicator"]], failed[["period", "unit", "indicator"]]])
    missing = expected.merge(given.drop_duplicates(), on=["period", "unit", "indicator"], how="left", indicator=True)
    missing = missing[missing["_merge"] == "left_only"]
    return list(zip(missing["unit"], missing["indicator"], missing["source_file"], strict=True))


def awaited(reference: Reference, clusters: dict[str, ClusterCompleteness]) -> list[tuple[str, tuple[Unit, ...], bool]]:
    """(cluster name, its units awaited, whether none of its units has reported) of each cluster with a gap."""
    return [
        (reference.clusters[code].name, item.missing, not item.received)
        for code, item in clusters.items()
        if item.missing
    ]


def gap_problems(
    reference: Reference,
    period: Period,
    observations: pd.DataFrame,
    folder: str,
    strict: bool = False,
    failed: pd.DataFrame | None = None,
) -> list[Problem]:
    """Each unit that sent nothing, each figure left blank and each submission after the deadline, as warnings
    (with ``strict``, the units awaited as errors); and a half-year without a deadline, as a warning too. Each
    problem's ``kind`` says which (``model.tally``). ``failed``: as ``by_cluster``'s."""
    deadline = deadlines(reference).get(str(period))
    by_deadline = messages.BY_DEADLINE.format(date=formatting.date_long(deadline)) if deadline else ""
    problems = []
    if not period.is_year and not deadline:
        problems.append(
            Problem(
                _reference_file(reference, DEADLINES),
                "",
                messages.NO_DEADLINE.format(period=period),
                severity="warning",
                kind=tally.NO_DEADLINE,
            )
        )
    rows = observations[observations["period"].isin([str(half) for half in period.halves()])]
    submitted, files = submission_dates(rows), rows.groupby("unit")["source_file"].first().to_dict()
    for status in by_cluster(reference, period, observations, failed).values():
        for unit in status.missing:
            message = (
                messages.UNIT_NOT_SENT_STRICT.format(period=period)
                if strict
                else messages.UNIT_NOT_SENT.format(period=period, by_deadline=by_deadline)
            )
            problems.append(
                Problem(
                    folder,
                    "",
                    message,
                    f"{unit.name} ({unit.code})",
                    severity="error" if strict else "warning",
                    unit_code=unit.code,
                    kind=tally.AWAITED,
                )
            )
        for unit in status.late:
            late = messages.SENT_LATE.format(
                date=formatting.date_long(submitted[unit.code]), deadline=formatting.date_long(deadline)
            )
            problems.append(
                Problem(
                    files.get(unit.code, folder),
                    "",
                    late,
                    f"{unit.name} ({unit.code})",
                    severity="warning",
                    unit_code=unit.code,
                    kind=tally.LATE,
                )
            )
        for blank in status.blanks:
            problems.append(
                Problem(
                    blank.file,
                    blank.location,
                    messages.FIGURE_BLANK,
                    f"{blank.unit.name} ({blank.unit.code})",
                    reference.indicators_in(period).get(blank.indicator, reference.indicators[blank.indicator]).label,
                    severity="warning",
                    unit_code=blank.unit.code,
                    kind=tally.BLANK,
                )
            )
    return problems


def _reference_file(reference: Reference, name: str) -> str:
    """A reference file as the reports name it, relative to the project ("data/reference/deadlines.csv")."""
    return f"{reference.folder.parent.name}/{reference.folder.name}/{name}"


def deadlines(reference: Reference) -> dict[str, dt.date]:
    """Period → deadline, from the optional ``data/reference/deadlines.csv`` (``period,deadline``)."""
    path = reference.folder / DEADLINES
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as file:
        return {row["period"].strip(): dt.date.fromisoformat(row["deadline"].strip()) for row in csv.DictReader(file)}

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
from bantin.model import site_wording
from bantin.model.errors import Problem
from bantin.model.periods import Period
from bantin.model.reference import Reference, Unit


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


def by_cluster(reference: Reference, period: Period, observations: pd.DataFrame) -> dict[str, ClusterCompleteness]:
    """Completeness of each cluster active in ``period`` (a year needs both halves of a unit)."""
    halves = [str(half) for half in period.halves()]
    rows = observations[observations["period"].isin(halves)]
    sent = rows.groupby("unit")["period"].agg(set).to_dict()
    dates = rows[rows["submitted"].fillna("") != ""].groupby("unit")["submitted"].max()
    submitted = {unit: dt.date.fromisoformat(text) for unit, text in dates.items()}
    active = {half: {unit.code for unit in reference.units(Period.parse(half))} for half in halves}
    received_codes = {  # a unit reported for every half-year it was active in (a year across a reorganisation)
        code for code, periods in sent.items() if {half for half in halves if code in active[half]} <= periods
    }
    left_blank = rows[rows["value"].isna() & (rows["source_file"].fillna("") != "")]
    left_out = _left_out(reference, rows)
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


def _left_out(reference: Reference, rows: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(unit, indicator, file) of each indicator of a half-year's form that a unit's submission has no row for (an
    older template, a CSV without it): a blank like a cell left empty."""
    sent = rows[rows["source_file"].fillna("") != ""]
    found = []
    for (half, unit), group in sent.groupby(["period", "unit"], sort=True):
        given = set(group["indicator"])
        found += [
            (unit, code, group["source_file"].iloc[0])
            for code in reference.indicators_in(Period.parse(half))
            if code not in given
        ]
    return found


def awaited(reference: Reference, clusters: dict[str, ClusterCompleteness]) -> list[tuple[str, tuple[Unit, ...], bool]]:
    """(cluster name, its units awaited, whether none of its units has reported) of each cluster with a gap."""
    return [
        (reference.clusters[code].name, item.missing, not item.received)
        for code, item in clusters.items()
        if item.missing
    ]


def gap_problems(
    reference: Reference, period: Period, observations: pd.DataFrame, folder: str, strict: bool = False
) -> list[Problem]:
    """Each unit that sent nothing and each figure left blank, as warnings (with ``strict``, the units as errors)."""
    deadline = deadlines(reference).get(str(period))
    by_deadline = messages.BY_DEADLINE.format(date=formatting.date_long(deadline)) if deadline else ""
    problems = []
    for status in by_cluster(reference, period, observations).values():
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
                )
            )
    return problems


def deadlines(reference: Reference) -> dict[str, dt.date]:
    """Period → deadline, from the optional ``data/reference/deadlines.csv`` (``period,deadline``)."""
    path = reference.folder / "deadlines.csv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as file:
        return {row["period"].strip(): dt.date.fromisoformat(row["deadline"].strip()) for row in csv.DictReader(file)}

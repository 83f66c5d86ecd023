"""Who reported: expected units (those active in the period) against the units that sent figures.

A deadline, when ``data/reference/deadlines.csv`` gives one for the period, makes a submission late
if the date its unit wrote in the workbook ("Ngày gửi báo cáo") is after it; a CSV carries no date.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from bantin.core.errors import Problem
from bantin.core.periods import Period
from bantin.core.reference import Reference, Unit


@dataclass(frozen=True)
class ClusterCompleteness:
    cluster: str
    expected: tuple[Unit, ...]
    received: tuple[Unit, ...]
    late: tuple[Unit, ...] = ()

    @property
    def missing(self) -> tuple[Unit, ...]:
        received = {unit.code for unit in self.received}
        return tuple(unit for unit in self.expected if unit.code not in received)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def summary(self) -> str:
        """ "7/8 đơn vị đã gửi báo cáo"."""
        return f"{len(self.received)}/{len(self.expected)} đơn vị đã gửi báo cáo"


def by_cluster(reference: Reference, period: Period, observations: pd.DataFrame) -> dict[str, ClusterCompleteness]:
    """Completeness of each cluster active in ``period`` (a year needs both halves of a unit)."""
    halves = [str(half) for half in period.halves()]
    rows = observations[observations["period"].isin(halves)]
    reported = rows.groupby("unit")["period"].nunique()
    dates = rows[rows["submitted"].fillna("") != ""].groupby("unit")["submitted"].max()
    submitted = {unit: dt.date.fromisoformat(text) for unit, text in dates.items()}
    received_codes = set(reported[reported == len(halves)].index)
    deadline = deadlines(reference).get(str(period))
    result = {}
    for cluster in reference.clusters_in(period):
        expected = tuple(reference.units(period, cluster.code))
        received = tuple(unit for unit in expected if unit.code in received_codes)
        late = tuple(
            unit for unit in received if deadline and unit.code in submitted and submitted[unit.code] > deadline
        )
        result[cluster.code] = ClusterCompleteness(cluster.code, expected, received, late)
    return result


def missing_unit_problems(
    reference: Reference, period: Period, observations: pd.DataFrame, folder: str
) -> list[Problem]:
    """With STRICT=1, each unit that sent nothing is an error."""
    problems = []
    for status in by_cluster(reference, period, observations).values():
        for unit in status.missing:
            problems.append(
                Problem(
                    folder,
                    "",
                    f"Đơn vị chưa gửi báo cáo kỳ {period} (chế độ STRICT=1 yêu cầu đủ mọi đơn vị).",
                    f"{unit.name} ({unit.code})",
                    unit_code=unit.code,
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

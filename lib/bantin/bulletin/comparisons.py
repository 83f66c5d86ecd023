"""The comparison block: a period against the previous one and the same period a year earlier, like for like.

A unit's figure is compared only when the unit reported it in both periods (``metrics.compare``), so that a
change never comes from a report missing on one side; the wording file says on what each comparison rests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from bantin import formatting
from bantin.bulletin import metrics, narrative
from bantin.model.periods import Period
from bantin.model.reference import Reference


@dataclass(frozen=True)
class Column:
    """One earlier period, as the comparison block shows it."""

    label: str  # "cùng kỳ năm 2023", "6 tháng cuối năm 2023"
    compared: metrics.Comparison
    is_year_earlier: bool
    changed_on: str = ""  # "ngày 01 tháng 7 năm 2025": when the scope's units changed since that period
    before: Period | None = None  # the earlier period itself

    @property
    def units(self) -> int:
        return self.compared.units

    @property
    def expected(self) -> int:
        return self.compared.expected


def against_earlier(
    observations: pd.DataFrame, reference: Reference, period: Period, cluster: str | None, text: narrative.Narrative
) -> list[Column]:
    """The previous period (unless it is the year earlier, as for a year), then the same period a year earlier."""
    previous, year_earlier = period.previous(), period.year_earlier()
    same = year_earlier.label if year_earlier.is_year else text.same_period(year_earlier.year)
    earlier = [(previous, previous.label, False)] if previous != year_earlier else []
    return [
        Column(
            label,
            metrics.compare(observations, reference, period, before, cluster),
            is_year,
            _changed_on(reference, period, before, cluster),
            before,
        )
        for before, label, is_year in earlier + [(year_earlier, same, True)]
    ]


def _changed_on(reference: Reference, period: Period, earlier: Period, cluster: str | None) -> str:
    """The day the scope's units changed after ``earlier`` (the first day of the newest units), or ""."""
    days = [unit.valid_from for unit in reference.units(period, cluster) if unit.valid_from > earlier.end]
    return formatting.date_long(min(days)) if days else ""


def changed_on(reference: Reference, period: Period, cluster: str | None) -> str:
    """The day the scope's units changed during ``period`` (a year across a reorganisation), or ""."""
    units = reference.units(period, cluster)
    days = [unit.valid_from for unit in units if unit.valid_from > period.start]
    days += [unit.valid_to + dt.timedelta(days=1) for unit in units if unit.valid_to and unit.valid_to < period.end]
    return formatting.date_long(min(days)) if days else ""


def basis(column: Column, text: narrative.Narrative) -> str:
    """What a column of the table rests on: "trên 02/08 đơn vị báo cáo cả hai kỳ", or why it cannot be compared."""
    refused = "" if column.compared.comparable else column.changed_on
    return text.basis(column.units, column.expected, refused)


def rows(
    columns: list[Column], totals: pd.Series, reference: Reference, text: narrative.Narrative, period: Period
) -> list[tuple[str, str, list[str]]]:
    """(indicator, its figure now, its change against each column) for the indicators of ``period``'s form; a
    change rests on fewer units than its column when some left the figure blank, and says so; against a period
    before the indicator existed, no change but the words that it is new (``metrics.is_new``)."""
    found = []
    for code, indicator in reference.indicators_in(period).items():
        changes = []
        for column in columns:
            since = metrics.is_new(reference, code, column.before) if column.before else None
            if since:
                changes.append(text.new_indicator(since.label))
                continue
            compared = column.compared
            change = text.change(compared.now[code], compared.before[code], indicator.unit)
            basis = int(compared.basis[code])
            if 0 < basis < compared.units:
                change += f", {text.figure_basis(basis)}"
            changes.append(change)
        found.append((indicator.short_label, formatting.count(totals[code]), changes))
    return found


def paragraph(columns: list[Column], text: narrative.Narrative) -> str:
    """The comparison paragraph of the wording file: the year earlier first, then the previous period."""
    year_earlier = next(column for column in columns if column.is_year_earlier)
    previous = next((column for column in columns if not column.is_year_earlier), None)
    return text.comparison(
        narrative.compared(year_earlier.compared, year_earlier.label, year_earlier.changed_on),
        narrative.compared(previous.compared, previous.label, previous.changed_on) if previous else None,
    )

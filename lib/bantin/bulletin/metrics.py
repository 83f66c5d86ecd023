"""Aggregates of the consolidated observations: per unit, per cluster, across periods.

All figures are counts; a missing figure stays missing (``pd.NA``), it is never taken as zero.
A year's figure is the sum of its two halves, and is missing when either half is.
The figures of a unit or a scope have a column for every indicator ever on the form (``Reference.indicators``),
so that periods add up and compare column by column; what a period shows, its tables and trend, has only the
indicators of its form (``Reference.indicators_in``), and an indicator missing in a period before it existed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bantin.bulletin import territory
from bantin.model.periods import Period
from bantin.model.reference import Reference

TOTAL = "total"
MODELS_REGISTERED, MODELS_RECOGNIZED = "models_registered", "models_recognized"  # roles in indicators.csv


def unit_values(
    observations: pd.DataFrame, reference: Reference, period: Period, cluster: str | None = None
) -> pd.DataFrame:
    """Figures of each unit active in ``period`` (rows, in code order) for each indicator of its form (columns)."""
    values = values_of(observations, [unit.code for unit in reference.units(period, cluster)], reference, period)
    return values[list(reference.indicators_in(period))]


def values_of(observations: pd.DataFrame, units: list[str], reference: Reference, period: Period) -> pd.DataFrame:
    """Figures of the given units (rows, in that order) for every indicator ever on the form (columns) in ``period``."""
    halves = [str(half) for half in period.halves()]
    reported = _reported(observations, units, halves)
    return _table(
        {
            indicator: [_over_halves(reported, [unit], indicator, halves) for unit in units]
            for indicator in reference.indicators
        },
        pd.Index(units, name="unit"),
    )


def _reported(observations: pd.DataFrame, units: list[str], halves: list[str]) -> dict[tuple[str, str, str], int]:
    """(unit, indicator, half-year) → the figure reported, for the given units and half-years; a figure left blank
    is not there. (A key twice: its first figure, as in the order of the consolidated data.)

    A bulletin asks this some fifty times, each for a few hundred figures: read row by row, not pivoted by pandas,
    whose every step costs more than these rows."""
    rows = observations[observations["period"].isin(halves) & observations["unit"].isin(units)]
    figures = rows["value"].to_numpy(dtype=object, na_value=None)
    reported: dict[tuple[str, str, str], int] = {}
    for key, figure in zip(zip(rows["unit"], rows["indicator"], rows["period"], strict=True), figures, strict=True):
        if figure is not None:
            reported.setdefault(key, int(figure))
    return reported


def _over_halves(reported: dict, units: list[str], indicator: str, halves: list[str]) -> int | None:
    """The sum of ``indicator`` over ``units`` and ``halves``; missing (None) when one of them did not report it,
    or there is no unit."""
    total = 0
    for unit in units:
        for half in halves:
            figure = reported.get((unit, indicator, half))
            if figure is None:
                return None
            total += figure
    return total if units else None


def _table(columns: dict[str, list], index: pd.Index) -> pd.DataFrame:
    """Figures by ``index`` (rows) and indicator (columns), missing as ``pd.NA``."""
    table = pd.DataFrame(columns, index=index, dtype="Int64")
    table.columns.name = "indicator"
    return table


def totals(values: pd.DataFrame) -> pd.Series:
    """The sum of each indicator over the units; missing only when no unit reported it."""
    return values.sum(axis=0, min_count=1).astype("Int64")


def cluster_totals(observations: pd.DataFrame, reference: Reference, period: Period, cluster: str | None) -> pd.Series:
    """A cluster's totals (the province's with ``cluster=None``)."""
    return totals(unit_values(observations, reference, period, cluster))


@dataclass(frozen=True)
class Comparison:
    """Two periods compared like for like: a territory's figure counts only when all its units reported it in both.

    A territory is a unit, or across a reorganisation the units that share former units (``territory``).
    ``now`` and ``before`` are the sums over the territories that count (missing when none does), ``basis`` the
    number of units behind each indicator; ``units`` the units whose territory reported in both periods, of
    ``expected``. ``comparable`` is False when the scope's territory is not that of any earlier units (a cluster
    drawn anew across former units); ``changed`` when the earlier figures are those of former units.
    """

    now: pd.Series
    before: pd.Series
    basis: pd.Series
    units: int
    expected: int
    comparable: bool = True
    changed: bool = False


def compare(observations: pd.DataFrame, reference: Reference, period: Period, earlier: Period, cluster: str | None):
    """The scope's units of ``period`` (a cluster, or the province with ``cluster=None``) against ``earlier``."""
    units = [unit.code for unit in reference.units(period, cluster)]
    counted = set(structure_at_end(reference, period, cluster))
    indicators = list(reference.indicators)
    found = territory.territories(reference, units, [period, earlier], cluster)
    if found is None:
        nothing = pd.Series(pd.NA, index=indicators, dtype="Int64")
        return Comparison(nothing, nothing, pd.Series(0, index=indicators), 0, len(counted), comparable=False)
    now, before = (
        territory_figures(observations, reference, found, period),
        territory_figures(observations, reference, found, earlier),
    )
    paired = now.notna() & before.notna()
    sizes = pd.Series([len(item & counted) for item in found])
    halves = [half for each in (period, earlier) for half in each.halves()]
    sent = {half: set(observations.loc[observations["period"] == str(half), "unit"]) for half in halves}
    complete = pd.Series([_all_reported(reference, item, sent) for item in found])
    return Comparison(
        totals(now.where(paired)),
        totals(before.where(paired)),
        paired.mul(sizes, axis=0).sum(axis=0).astype(int),
        int(sizes[complete].sum()),
        len(counted),
        changed=any(item - counted for item in found),
    )


def territory_figures(
    observations: pd.DataFrame, reference: Reference, territories: list[frozenset[str]], period: Period
) -> pd.DataFrame:
    """Each territory's figures over ``period`` (rows, in order): half-year by half-year, the sum over its units
    active then; missing when a half-year has no active unit or one of them did not report."""
    result = None
    for half in period.halves():
        members = {
            code: number
            for number, item in enumerate(territories)
            for code in territory.active_members(reference, item, half)
        }
        reported = _reported(observations, list(members), [str(half)])
        units: list[list[str]] = [[] for _ in territories]
        for code, number in members.items():
            units[number].append(code)
        sums = _table(
            {
                indicator: [_over_halves(reported, each, indicator, [str(half)]) for each in units]
                for indicator in reference.indicators
            },
            pd.RangeIndex(len(territories), name="unit"),
        )
        result = sums if result is None else result + sums
    return result


def structure_at_end(reference: Reference, period: Period, cluster: str | None) -> list[str]:
    """The scope's units at the end of ``period``: for a year across a reorganisation, those of its second half."""
    return [unit.code for unit in reference.units(period.halves()[-1], cluster)]


def changed_within(reference: Reference, period: Period, cluster: str | None) -> bool:
    """The scope's units changed during ``period`` (a year across a reorganisation): one of them was not active
    in each of its half-years."""
    halves = [{unit.code for unit in reference.units(half, cluster)} for half in period.halves()]
    return any(unit.code not in half for unit in reference.units(period, cluster) for half in halves)


def scope_totals(observations: pd.DataFrame, reference: Reference, period: Period, cluster: str | None):
    """The scope's totals over its territories (for a year across a reorganisation); None when its territory did
    not stay the same during ``period``."""
    units = [unit.code for unit in reference.units(period, cluster)]
    found = territory.territories(reference, units, [period], cluster)
    return None if found is None else totals(territory_figures(observations, reference, found, period))


def _all_reported(reference: Reference, item: frozenset[str], sent: dict[Period, set[str]]) -> bool:
    """Every unit of the territory active in each half-year of ``sent`` (half-year → units that reported) reported."""
    for half, reported in sent.items():
        members = territory.active_members(reference, item, half)
        if not members or not set(members) <= reported:
            return False
    return True


def reported_units(observations: pd.DataFrame, units: list[str], period: Period) -> set[str]:
    """The units among ``units`` that sent a report for ``period`` (for a year: for both halves)."""
    halves = [str(half) for half in period.halves()]
    rows = observations[observations["period"].isin(halves) & observations["unit"].isin(units)]
    sent = rows.groupby("unit")["period"].nunique()
    return set(sent[sent == len(halves)].index)


def cluster_table(observations: pd.DataFrame, reference: Reference, period: Period) -> pd.DataFrame:
    """Indicators of the period's form (rows) by cluster (columns, in the order of clusters.csv), with the province
    ``TOTAL``."""
    table = pd.DataFrame(
        {
            cluster.code: cluster_totals(observations, reference, period, cluster.code)
            for cluster in reference.clusters_in(period)
        }
    )
    table[TOTAL] = cluster_totals(observations, reference, period, None)
    return table.reindex(list(reference.indicators_in(period))).astype("Int64")


def ranking(observations: pd.DataFrame, reference: Reference, period: Period) -> pd.DataFrame:
    """Units by recognition rate, highest first (units without a rate last), with the figures behind it."""
    values = unit_values(observations, reference, period)
    units = {unit.code: unit for unit in reference.units(period)}
    registered, recognized = model_codes(reference)
    frame = pd.DataFrame(
        {
            "unit": values.index,
            "cluster": [units[code].cluster for code in values.index],
            "registered": values[registered].to_numpy(),
            "recognized": values[recognized].to_numpy(),
        }
    )
    frame["rate"] = [recognition_rate(r, c) for r, c in zip(frame["registered"], frame["recognized"], strict=True)]
    frame["rate"] = frame["rate"].astype("Float64")
    return frame.sort_values(["rate", "unit"], ascending=[False, True], na_position="last", kind="stable").reset_index(
        drop=True
    )


def unit_table(observations: pd.DataFrame, reference: Reference, period: Period, cluster: str) -> pd.DataFrame:
    """Indicators of the period's form (rows) by unit (columns), with the cluster total as the last column ``TOTAL``."""
    values = unit_values(observations, reference, period, cluster)
    table = values.T
    table[TOTAL] = totals(values)
    return table.reindex(list(reference.indicators_in(period)))


def model_codes(reference: Reference) -> tuple[str, str]:
    """The indicators of the "Dân vận khéo" models registered and recognized, by their role in indicators.csv."""
    return reference.indicator_with_role(MODELS_REGISTERED).code, reference.indicator_with_role(MODELS_RECOGNIZED).code


def recognition_rate(registered, recognized) -> float | None:
    """Share of the registered "Dân vận khéo" models that were recognized, in percent."""
    if pd.isna(registered) or pd.isna(recognized) or registered == 0:
        return None
    return 100.0 * float(recognized) / float(registered)


def trend(observations: pd.DataFrame, reference: Reference, cluster: str | None, until: Period) -> pd.DataFrame:
    """Cluster totals (the province's with ``cluster=None``) for every half-year with data up to ``until``, for the
    indicators of ``until``'s form: missing in the half-years before an indicator existed (``is_new``)."""
    last = until.halves()[-1]
    periods = sorted(
        {Period.parse(text) for text in observations["period"].unique()} | set(until.halves()),
    )
    periods = [period for period in periods if period <= last and reference.units(period, cluster)]  # from creation
    rows = {str(period): cluster_totals(observations, reference, period, cluster) for period in periods}
    return pd.DataFrame(rows).T.reindex(columns=list(reference.indicators_in(until))).astype("Int64")


def is_new(reference: Reference, code: str, earlier: Period) -> Period | None:
    """The half-year an indicator came onto the form, when that is after ``earlier`` began (so that ``earlier``
    has no figure of it to compare with); else None."""
    start = reference.indicators[code].valid_from
    if start is None or start <= earlier.start:
        return None
    return Period(start.year, 1 if start.month <= 6 else 2)


def reorganisations(reference: Reference, cluster: str | None, periods: list[str]) -> list[int]:
    """The positions in ``periods`` whose units are none of the previous period's: a reorganisation before each."""
    units = [{unit.code for unit in reference.units(Period.parse(text), cluster)} for text in periods]
    return [
        index
        for index in range(1, len(units))
        if units[index] and units[index - 1] and not units[index] & units[index - 1]
    ]


def coverage(observations: pd.DataFrame, reference: Reference, cluster: str | None, periods: list[str]) -> list[tuple]:
    """(units that reported, units expected) of the scope for each period of ``periods``."""
    found = []
    for text in periods:
        period = Period.parse(text)
        units = [unit.code for unit in reference.units(period, cluster)]
        found.append((len(reported_units(observations, units, period)), len(units)))
    return found


def units_against(
    observations: pd.DataFrame, reference: Reference, period: Period, earlier: Period, indicator: str
) -> pd.DataFrame:
    """Each unit active in ``period`` (rows, in code order) against ``earlier`` for one indicator, like for like by
    territory (``territory``), as ``compare`` does for a scope.

    Columns: ``now``, the unit's figure; ``before``, its figure in ``earlier`` where its territory then is its own:
    the unit itself, or the former units whose territory it alone took (missing where it shares that territory
    with other units of ``period``, or a unit of it did not report); ``territory_now`` and ``territory_before``,
    the figures of the whole territory it shares; ``shared_with``, the other units of ``period`` on that territory
    (a tuple of codes, empty when the territory is the unit's own); ``earlier_units``, the units of ``earlier`` on
    it (the unit itself when nothing changed).
    """
    units = [unit.code for unit in reference.units(period)]
    found = territory.territories(reference, units, [period, earlier], None) or [frozenset([code]) for code in units]
    now = territory_figures(observations, reference, found, period)[indicator]
    before = territory_figures(observations, reference, found, earlier)[indicator]
    own = values_of(observations, units, reference, period)[indicator]
    rows = []
    for code in units:
        number = next(index for index, item in enumerate(found) if code in item)
        item = found[number]
        shared = tuple(other for other in units if other in item and other != code)
        earlier_units = tuple(
            sorted({member for half in earlier.halves() for member in territory.active_members(reference, item, half)})
        )
        rows.append(
            (code, own[code], pd.NA if shared else before[number], now[number], before[number], shared, earlier_units)
        )
    columns = ["unit", "now", "before", "territory_now", "territory_before", "shared_with", "earlier_units"]
    frame = pd.DataFrame(rows, columns=columns).set_index("unit")
    for column in columns[1:5]:
        frame[column] = frame[column].astype("Int64")
    return frame

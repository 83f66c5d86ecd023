"""Aggregates of the consolidated observations: per unit, per cluster, across periods.

All figures are counts; a missing figure stays missing (``pd.NA``), it is never taken as zero.
A year's figure is the sum of its two halves, and is missing when either half is.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bantin.bulletin import territory
from bantin.core.periods import Period
from bantin.core.reference import Reference

TOTAL = "total"
MODELS_REGISTERED, MODELS_RECOGNIZED = "models_registered", "models_recognized"  # roles in indicators.csv


def unit_values(
    observations: pd.DataFrame, reference: Reference, period: Period, cluster: str | None = None
) -> pd.DataFrame:
    """Figures of each unit active in ``period`` (rows, in code order) for each indicator (columns)."""
    return values_of(observations, [unit.code for unit in reference.units(period, cluster)], reference, period)


def values_of(observations: pd.DataFrame, units: list[str], reference: Reference, period: Period) -> pd.DataFrame:
    """Figures of the given units (rows, in that order) for each indicator (columns) in ``period``."""
    indicators = list(reference.indicators)
    halves = [str(half) for half in period.halves()]
    rows = observations[observations["period"].isin(halves) & observations["unit"].isin(units)]
    per_half = rows.pivot_table(
        index=["unit", "indicator"], columns="period", values="value", aggfunc="first", dropna=False
    )
    per_half = per_half.reindex(columns=halves)
    summed = per_half.sum(axis=1, min_count=len(halves)).astype("Int64")
    table = summed.unstack("indicator") if len(summed) else pd.DataFrame()
    return table.reindex(index=units, columns=indicators).astype("Int64")


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
    indicators = list(reference.indicators)
    found = territory.territories(reference, units, period, earlier)
    if found is None:
        nothing = pd.Series(pd.NA, index=indicators, dtype="Int64")
        return Comparison(nothing, nothing, pd.Series(0, index=indicators), 0, len(units), comparable=False)
    now = values_of(observations, units, reference, period)
    before = values_of(observations, sorted({u for item in found for u in item.before}), reference, earlier)
    sent_now, sent_before = (
        reported_units(observations, units, period),
        reported_units(observations, before.index.tolist(), earlier),
    )
    now_sum, before_sum, basis, reported = {}, {}, dict.fromkeys(indicators, 0), 0
    for item in found:
        if not item.before:
            continue  # a new unit with no former one: nothing to compare it with
        if set(item.now) <= sent_now and set(item.before) <= sent_before:
            reported += len(item.now)
        paired = now.loc[list(item.now)].notna().all() & before.loc[list(item.before)].notna().all()
        for code in [code for code in indicators if paired[code]]:
            now_sum[code] = now_sum.get(code, 0) + int(now.loc[list(item.now), code].sum())
            before_sum[code] = before_sum.get(code, 0) + int(before.loc[list(item.before), code].sum())
            basis[code] += len(item.now)
    return Comparison(
        pd.Series(now_sum, index=indicators, dtype="Int64"),
        pd.Series(before_sum, index=indicators, dtype="Int64"),
        pd.Series(basis, index=indicators),
        reported,
        len(units),
        changed=any(item.changed for item in found),
    )


def reported_units(observations: pd.DataFrame, units: list[str], period: Period) -> set[str]:
    """The units among ``units`` that sent a report for ``period`` (for a year: for both halves)."""
    halves = [str(half) for half in period.halves()]
    rows = observations[observations["period"].isin(halves) & observations["unit"].isin(units)]
    sent = rows.groupby("unit")["period"].nunique()
    return set(sent[sent == len(halves)].index)


def cluster_table(observations: pd.DataFrame, reference: Reference, period: Period) -> pd.DataFrame:
    """Indicators (rows) by cluster (columns, in the order of clusters.csv), with the province ``TOTAL``."""
    table = pd.DataFrame(
        {
            cluster.code: cluster_totals(observations, reference, period, cluster.code)
            for cluster in reference.clusters_in(period)
        }
    )
    table[TOTAL] = cluster_totals(observations, reference, period, None)
    return table.astype("Int64")


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
    """Indicators (rows) by unit (columns), with the cluster total as the last column ``TOTAL``."""
    values = unit_values(observations, reference, period, cluster)
    table = values.T
    table[TOTAL] = totals(values)
    return table


def model_codes(reference: Reference) -> tuple[str, str]:
    """The indicators of the "Dân vận khéo" models registered and recognized, by their role in indicators.csv."""
    return reference.indicator_with_role(MODELS_REGISTERED).code, reference.indicator_with_role(MODELS_RECOGNIZED).code


def recognition_rate(registered, recognized) -> float | None:
    """Share of the registered "Dân vận khéo" models that were recognized, in percent."""
    if pd.isna(registered) or pd.isna(recognized) or registered == 0:
        return None
    return 100.0 * float(recognized) / float(registered)


def trend(observations: pd.DataFrame, reference: Reference, cluster: str | None, until: Period) -> pd.DataFrame:
    """Cluster totals (the province's with ``cluster=None``) for every half-year with data up to ``until``."""
    last = until.halves()[-1]
    periods = sorted(
        {Period.parse(text) for text in observations["period"].unique()} | set(until.halves()),
    )
    periods = [period for period in periods if period <= last]
    rows = {str(period): cluster_totals(observations, reference, period, cluster) for period in periods}
    return pd.DataFrame(rows).T.reindex(columns=list(reference.indicators)).astype("Int64")


def coverage(observations: pd.DataFrame, reference: Reference, cluster: str | None, periods: list[str]) -> list[tuple]:
    """(units that reported, units expected) of the scope for each period of ``periods``."""
    found = []
    for text in periods:
        period = Period.parse(text)
        units = [unit.code for unit in reference.units(period, cluster)]
        found.append((len(reported_units(observations, units, period)), len(units)))
    return found

"""Aggregates of the consolidated observations: per unit, per cluster, across periods.

All figures are counts; a missing figure stays missing (``pd.NA``), it is never taken as zero.
A year's figure is the sum of its two halves, and is missing when either half is.
"""

from __future__ import annotations

import pandas as pd

from bantin.core.periods import Period
from bantin.core.reference import Reference

TOTAL = "total"
MODELS_REGISTERED, MODELS_RECOGNIZED = "models_registered", "models_recognized"  # roles in indicators.csv


def unit_values(
    observations: pd.DataFrame, reference: Reference, period: Period, cluster: str | None = None
) -> pd.DataFrame:
    """Figures of each unit active in ``period`` (rows, in code order) for each indicator (columns)."""
    units = [unit.code for unit in reference.units(period, cluster)]
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

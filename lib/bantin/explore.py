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

Beside the table, helpers that answer the usual questions in one call each, as tables with Vietnamese column
names whose figures display the Vietnamese way (``Table``: 4.819, 70,7) and stay numbers for pandas:
``opening`` and ``structure`` (the latest period with submissions and its units), ``top_units`` (the units with the
highest figure of an indicator), ``top_units_against_earlier`` (the same against the previous period and the same
period a year earlier, like for like by territory across a reorganisation), ``unit_history``, ``late_units`` and
``unit_values``. What does not exist where it is asked for (an unknown unit or indicator, one not active or not on
the form in the period, a year across the reorganisation, a year with one half-year still to come) raises
``NotInPeriodError`` with a Vietnamese message saying why and what to ask instead, never a table of missing values.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import warnings
from collections.abc import Iterable

import pandas as pd

from bantin import formatting, messages
from bantin.build.project import Project
from bantin.bulletin import comparisons, metrics
from bantin.intake import completeness, consolidated
from bantin.intake.validate import indicator_span
from bantin.model.errors import BantinError, NotInPeriodError, SubmissionError, ordered
from bantin.model.periods import Period
from bantin.model.reference import Indicator, Reference, Unit
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


# -- the helpers: one question, one call ---------------------------------------------------------------------------
WORDS = messages.EXPLORE_COLUMNS


class Table(pd.DataFrame):
    """A helper's answer: a ``pandas.DataFrame`` whose figures stay numbers (sort, filter, add them up), displayed
    the Vietnamese way (``shown``): counts 4.819, rates 70,7, dates 12/06/2026, a missing figure "–"."""

    @property
    def _constructor(self):
        return Table

    def _repr_html_(self) -> str | None:
        return pd.DataFrame._repr_html_(shown(self))

    def __repr__(self) -> str:
        return pd.DataFrame.__repr__(shown(self))


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as text written the Vietnamese way, column by column (``bantin.formatting``): whole numbers as
    counts ("4.819", "-3"), other numbers with one decimal ("70,7"), dates as "12/06/2026", missing as "–"."""
    result = pd.DataFrame(frame).copy()
    for column in result.columns:
        values = result[column]
        if pd.api.types.is_integer_dtype(values) or pd.api.types.is_bool_dtype(values):
            result[column] = [formatting.count(value, pad=False) for value in values]
        elif pd.api.types.is_float_dtype(values):
            result[column] = [formatting.decimal(value) for value in values]
        elif values.map(lambda value: isinstance(value, dt.date)).any():
            result[column] = [
                formatting.date_numeric(value) if isinstance(value, dt.date) else formatting.MISSING for value in values
            ]
    return result


def latest_period(project_dir: str | os.PathLike | None = None) -> Period:
    """The latest half-year with submissions (a folder of ``data/raw/``)."""
    available = Project.find(project_dir).periods_with_submissions()
    if not available:
        raise NotInPeriodError(messages.EXPLORE_NO_PERIOD)
    return available[-1]


def opening(period: str | Period | None = None, project_dir: str | os.PathLike | None = None) -> str:
    """One line on ``period`` (default: the latest with submissions) and its structure: how many units report, of
    which kinds, in how many clusters, and which units never report."""
    project = Project.find(project_dir)
    period = Period.parse(str(period)) if period is not None else latest_period(project.root)
    reference = project.reference
    units = reference.units(period)
    kinds: dict[str, int] = {}
    for unit in units:
        kinds[unit.kind] = kinds.get(unit.kind, 0) + 1
    silent = [unit for unit in reference.units(period, silent=True) if not unit.reports]
    return messages.EXPLORE_OPENING.format(
        label=period.label,
        period=period,
        units=formatting.count(len(units), pad=False),
        kinds=", ".join(
            messages.EXPLORE_KIND_COUNT.format(count=formatting.count(count, pad=False), kind=kind)
            for kind, count in kinds.items()
        ),
        clusters=formatting.count(len(reference.clusters_in(period)), pad=False),
        silent=messages.EXPLORE_SILENT.format(names=", ".join(unit.name for unit in silent)) if silent else "",
    )


def structure(period: str | Period | None = None, project_dir: str | os.PathLike | None = None) -> Table:
    """The clusters of ``period`` (default: the latest with submissions), one row each in the order of clusters.csv,
    with their reporting units counted by kind (xã, phường…), in all, and those that never report; a total row."""
    project = Project.find(project_dir)
    period = Period.parse(str(period)) if period is not None else latest_period(project.root)
    reference = project.reference
    units = reference.units(period, silent=True)
    kinds = list(dict.fromkeys(unit.kind for unit in units if unit.reports))
    rows = []
    for cluster in reference.clusters_in(period):
        mine = [unit for unit in units if unit.cluster == cluster.code]
        rows.append(
            [cluster.name]
            + [sum(unit.reports and unit.kind == kind for unit in mine) for kind in kinds]
            + [sum(unit.reports for unit in mine), sum(not unit.reports for unit in mine)]
        )
    frame = Table(rows, columns=[WORDS["cluster_name"], *kinds, WORDS["units"], WORDS["silent"]])
    total = frame.drop(columns=WORDS["cluster_name"]).sum()
    frame.loc[len(frame)] = [WORDS["total"], *total.tolist()]
    for column in frame.columns[1:]:
        frame[column] = frame[column].astype("Int64")
    return frame


def top_units(
    period: str | Period | None, indicator: str, n: int = 10, project_dir: str | os.PathLike | None = None
) -> Table:
    """The ``n`` units with the highest figure of ``indicator`` in ``period`` (None: the latest with submissions),
    highest first (equal figures by unit code); units that did not report the figure are left out.

    Columns: the unit's code, name and cluster, then the figure, headed by the period's label; ranks from 1.
    """
    project, reference, period = _asked(project_dir, period)
    wanted = _indicator(reference, indicator, period)
    data = _loaded(project, period)
    values = metrics.unit_values(data, reference, period)[indicator].dropna()
    ranked = sorted(values.items(), key=lambda item: (-int(item[1]), item[0]))[:n]
    units = {unit.code: unit for unit in reference.units(period)}
    frame = Table(
        {
            WORDS["unit"]: [code for code, _ in ranked],
            WORDS["unit_name"]: [units[code].name for code, _ in ranked],
            WORDS["cluster_name"]: [reference.clusters[units[code].cluster].name for code, _ in ranked],
            period.label: pd.array([value for _, value in ranked], dtype="Int64"),
        },
        index=pd.RangeIndex(1, len(ranked) + 1, name=WORDS["rank"]),
    )
    frame.columns.name = wanted.short_label
    return frame


def top_units_against_earlier(
    period: str | Period | None, indicator: str, n: int = 10, project_dir: str | os.PathLike | None = None
) -> Table:
    """``top_units``, each unit against the previous period and the same period a year earlier (for a year: the
    year before), like for like by territory (``metrics.units_against``): a unit is compared with its own figure,
    or across a reorganisation with its predecessors' where it alone took their territory; where it shares that
    territory with other units, it has no earlier figure of its own and the column "So sánh với …" says so, with
    the whole territory's figures then and now. A change is missing when either figure is.
    """
    project, reference, period = _asked(project_dir, period)
    wanted = _indicator(reference, indicator, period)
    earlier = list(dict.fromkeys([period.previous(), period.year_earlier()]))
    data = _loaded(project, period, earlier, observations=True)  # the former city's units too (da-nang-cu)
    frame = top_units(period, indicator, n, project.root)
    names = {unit.code: unit.short_name for unit in reference.memberships}
    for before in earlier:
        if not reference.indicator_exists(indicator, before):  # new on the form since: nothing to compare with
            continue
        against = metrics.units_against(data, reference, period, before, indicator).reindex(frame[WORDS["unit"]])
        frame[before.label] = against["before"].array
        frame[WORDS["change"].format(label=before.label)] = (against["now"] - against["before"]).array
        frame[WORDS["basis"].format(label=before.label)] = [
            _basis(code, row, names) for code, row in zip(frame[WORDS["unit"]], against.itertuples(), strict=True)
        ]
    frame.columns.name = wanted.short_label
    return frame


def _basis(code: str, row, names: dict[str, str]) -> str:
    """What a unit's comparison rests on: the same unit, its predecessors' territory, or a shared territory."""
    if row.shared_with:
        return messages.EXPLORE_SHARED_TERRITORY.format(
            earlier=", ".join(names[unit] for unit in row.earlier_units),
            count=formatting.count(len(row.shared_with) + 1, pad=False),
            now=formatting.count(row.territory_now, pad=False),
            before=formatting.count(row.territory_before, pad=False),
        )
    if pd.isna(row.before):
        return messages.EXPLORE_NOT_SHOWN
    if tuple(row.earlier_units) == (code,):
        return messages.EXPLORE_SAME_UNIT
    return messages.EXPLORE_SAME_TERRITORY.format(units=", ".join(names[unit] for unit in row.earlier_units))


def unit_history(
    unit: str,
    periods: str | Period | Iterable[str | Period] | None = None,
    project_dir: str | os.PathLike | None = None,
) -> Table:
    """A unit's figures in each half-year (columns, oldest first) for every indicator ever on the form (rows, in the
    order of indicators.csv; missing where it was not on the form then).

    unit: its code (``an-khanh``), its short name (``An Khánh``) or its name.
    periods: the half-years or years to show (their halves); None: every half-year with submissions in which the
        unit was active. A half-year asked for in which the unit was not active is refused, saying when it was.
    For a unit of the merged city, its predecessors' figures are compared by territory in
    ``top_units_against_earlier``.
    """
    project = Project.find(project_dir)
    reference = project.reference
    found = _unit(reference, unit)
    available = project.periods_with_submissions()

    def active(half: Period) -> bool:
        return any(each.code == found.code for each in reference.units(half))

    if periods is None:
        halves = [half for half in available if active(half)]
    else:
        asked = [periods] if isinstance(periods, str | Period) else list(periods)
        halves = sorted({half for item in asked for half in Period.parse(str(item)).halves()})
    for half in [half for half in halves if not active(half)][:1]:
        raise NotInPeriodError(
            messages.EXPLORE_UNIT_NOT_ACTIVE.format(
                name=found.name, unit=found.code, period=half, label=half.label, span=_unit_span(reference, found.code)
            )
        )
    if not halves:
        raise NotInPeriodError(
            messages.EXPLORE_UNIT_WITHOUT_FIGURES.format(
                name=found.name,
                unit=found.code,
                span=_unit_span(reference, found.code),
                listed=", ".join(map(str, available)) or messages.NO_PERIOD_WITH_SUBMISSIONS,
            )
        )
    data = _loaded(project, *halves)
    mine = data[data["unit"] == found.code]
    table = mine.pivot(index="indicator", columns="period", values="value")
    table = table.reindex(index=list(reference.indicators), columns=[str(half) for half in halves])
    table = table.rename(index={code: item.short_label for code, item in reference.indicators.items()})
    table = table.rename(columns={str(half): half.label for half in halves}).astype("Int64")
    table.index.name, table.columns.name = WORDS["indicator_label"], found.name
    return Table(table)


def late_units(period: str | Period | None = None, project_dir: str | os.PathLike | None = None) -> Table:
    """The units of ``period`` (None: the latest with submissions) that sent their report after the deadline of
    ``data/reference/deadlines.csv`` (the date they wrote in the workbook, "Ngày gửi báo cáo"; a CSV carries none),
    then those that have sent nothing, each in cluster order. A period without a deadline lists only the latter,
    with a warning saying how to add one."""
    project, reference, period = _asked(project_dir, period)
    data = _loaded(project, period)
    sent = data[data["source_file"].notna()]
    deadline = completeness.deadlines(reference).get(str(period))
    if deadline is None:
        warnings.warn(messages.EXPLORE_NO_DEADLINE.format(period=period), stacklevel=2)
    dates = sent[sent["submitted"].fillna("") != ""].groupby("unit")["submitted"].max()
    files = sent.groupby("unit")["source_file"].first()
    rows = []
    for code, status in completeness.by_cluster(reference, period, sent).items():
        cluster = reference.clusters[code].name
        for unit in status.late:
            day = dt.date.fromisoformat(dates[unit.code])
            rows.append((unit, cluster, messages.EXPLORE_LATE, day, deadline, (day - deadline).days, files[unit.code]))
        rows += [(unit, cluster, messages.EXPLORE_NOT_SENT, None, deadline, pd.NA, None) for unit in status.missing]
    rows.sort(key=lambda row: row[2] != messages.EXPLORE_LATE)  # stable: the late first, each in cluster order
    columns = ["unit", "unit_name", "cluster_name", "status", "submitted", "deadline", "days_late", "file"]
    frame = Table(
        [(unit.code, unit.name, *rest) for unit, *rest in rows], columns=[WORDS[column] for column in columns]
    )
    frame[WORDS["days_late"]] = frame[WORDS["days_late"]].astype("Int64")
    return frame


def unit_values(
    period: str | Period | None = None, cluster: str | None = None, project_dir: str | os.PathLike | None = None
) -> Table:
    """``metrics.unit_values`` checked first: each unit active in ``period`` (rows) by each indicator of its form
    (columns, by their short labels); a year is the sum of its halves, and a year across the reorganisation or with
    a half-year still to come is refused with the reason, rather than given as a table of missing figures."""
    project, reference, period = _asked(project_dir, period)
    data = _loaded(project, period)
    values = metrics.unit_values(data, reference, period, cluster)
    names = {unit.code: unit.name for unit in reference.units(period)}
    labels = {code: item.short_label for code, item in reference.indicators_in(period).items()}
    table = values.rename(index=names, columns=labels)
    table.index.name, table.columns.name = WORDS["unit_name"], None
    return Table(table)


def _asked(project_dir, period) -> tuple[Project, Reference, Period]:
    """The project, its reference and the period asked for (None: the latest with submissions), checked: every
    half-year of it has submissions, and for a year, every unit is active in both halves."""
    project = Project.find(project_dir)
    reference = project.reference
    period = Period.parse(str(period)) if period is not None else latest_period(project.root)
    available = project.periods_with_submissions()
    have = [half for half in period.halves() if half in available]
    if period.is_year and len(have) == 1:
        [missing] = [half for half in period.halves() if half not in available]
        raise NotInPeriodError(
            messages.EXPLORE_YEAR_INCOMPLETE.format(
                year=period.year,
                have=have[0].label,
                missing=project.relative(project.raw_period_dir(missing)) + "/",
                have_code=have[0],
            )
        )
    if period.is_year and metrics.changed_within(reference, period, None):
        partial = [
            unit
            for unit in reference.units(period)
            if not all(any(each.code == unit.code for each in reference.units(half)) for half in period.halves())
        ]
        raise NotInPeriodError(
            messages.EXPLORE_YEAR_REORGANISED.format(
                year=period.year,
                date=comparisons.changed_on(reference, period, None),
                count=formatting.count(len(partial), pad=False),
                halves=", ".join(map(str, period.halves())),
            )
        )
    return project, reference, period


def _loaded(project: Project, *periods, observations: bool = False) -> pd.DataFrame:
    """``load``'s table for the half-years of ``periods`` that have submissions (lists flattened); the first period
    must be there, or its refusal says why (no submissions, or submissions that fail their check).

    observations: the consolidated observations of those half-years instead, the units of a predecessor cluster
    included (the former city's, which ``load``'s table leaves out: they are compared with, never shown).
    """
    wanted = [item for period in periods for item in (period if isinstance(period, list) else [period])]
    available = set(project.periods_with_submissions())
    halves = [half for period in wanted for half in period.halves() if half in available]
    if not any(half in available for half in wanted[0].halves()):
        load(wanted[0], project.root)  # raises, naming the folders and the periods that have submissions
    with warnings.catch_warnings():
        warnings.simplefilter("always", SkippedPeriodWarning)
        data = load(halves, project.root)
    missing = [half for half in wanted[0].halves() if str(half) not in set(data["period"])]
    if missing:
        raise NotInPeriodError(messages.EXPLORE_PERIOD_LEFT_OUT.format(period=missing[0]))
    if observations:
        passed = [Period.parse(text) for text in data["period"].unique()]
        return consolidated.load(project, passed, project.reference)
    return data


def _indicator(reference: Reference, code: str, period: Period) -> Indicator:
    """The indicator ``code`` as on ``period``'s form, or why it is not there."""
    if code not in reference.indicators:
        raise NotInPeriodError(
            messages.EXPLORE_INDICATOR_UNKNOWN.format(
                indicator=code,
                close=_close(code, list(reference.indicators)),
                period=period,
                codes=", ".join(reference.indicators_in(period)),
            )
        )
    if code not in reference.indicators_in(period):
        raise NotInPeriodError(
            messages.EXPLORE_INDICATOR_NOT_IN_PERIOD.format(
                indicator=code,
                label=reference.indicators[code].label,
                period=period,
                period_label=period.label,
                span=indicator_span(reference, code),
            )
        )
    return reference.indicators_in(period)[code]


def _unit(reference: Reference, asked: str) -> Unit:
    """The unit whose code or short name is ``asked`` (its latest membership), or why there is none."""
    latest: dict[str, Unit] = {}
    for unit in sorted(reference.memberships, key=lambda unit: unit.valid_from):
        latest[unit.code] = unit
    wanted = " ".join(str(asked).split()).casefold()
    for unit in latest.values():
        if wanted in (unit.code.casefold(), unit.short_name.casefold(), unit.name.casefold()):
            if not unit.reports:
                raise NotInPeriodError(messages.EXPLORE_UNIT_NEVER_REPORTS.format(name=unit.name, unit=unit.code))
            return unit
    close = _close(str(asked), list(latest) + [unit.short_name for unit in latest.values()])
    example = next(iter(latest))
    raise NotInPeriodError(messages.EXPLORE_UNIT_UNKNOWN.format(unit=asked, close=close, example=example))


def _unit_span(reference: Reference, code: str) -> str:
    """When a unit is active, in words: "từ ngày 01 tháng 7 năm 2025", or "từ … đến …"."""
    spans = [unit for unit in reference.memberships if unit.code == code]
    start = formatting.date_long(min(unit.valid_from for unit in spans))
    ends = [unit.valid_to for unit in spans]
    if None in ends:
        return messages.EXPLORE_UNIT_SPAN_OPEN.format(start=start)
    return messages.EXPLORE_UNIT_SPAN.format(start=start, end=formatting.date_long(max(ends)))


def _close(asked: str, choices: list[str]) -> str:
    """ " (có phải 'an-khanh'?)" for the choices nearest to a mistyped name, or ""."""
    found = difflib.get_close_matches(asked, choices, n=3, cutoff=0.6)
    return messages.EXPLORE_CLOSE.format(names=", ".join(repr(name) for name in found)) if found else ""

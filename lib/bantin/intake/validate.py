"""Checking a period's raw rows: one pass over everything, every problem reported, none fatal early.

1. Normalize: periods to their canonical form, unit and indicator names matched to the reference
   (codes, or names typed with any tone-mark placement), figures parsed from text.
2. Schema (the checks of a pandera schema, every failure collected): known and active units, known
   indicators, the folder's period, figures that are whole numbers ≥ 0.
3. Structure: a figure given twice in a file; which unit a file is (``identity``: the analyst's decisions, a file
   whose name suggests another unit than its template's, a unit whose figures come from two files).
4. Rules of ``data/reference/rules.csv`` between a unit's figures, in the spirit of DHIS2's
   validation rules: "left operator right", each side a sum of indicators; ``only_if`` means the
   left side may be above zero only if the right side is.

A period may hold a million rows, good or hostile, so every step works on whole columns: each distinct text
is normalized once, each check runs on a column at a time, and failing rows are grouped before any message is
written. A check about a file's unit or period is said once per file and value; in each file, a kind of problem
(a check) is listed ``LISTED_PER_KIND`` times at most, then one line stands for the rest (``files.further``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from bantin import formatting, messages
from bantin.intake import identity, normalize
from bantin.intake.files import LISTED_PER_KIND, Submissions, further
from bantin.intake.rules import check_rules, indicator_label, unit_code, unit_name
from bantin.model.errors import BantinError, Problem
from bantin.model.periods import Period
from bantin.model.reference import Reference

# No unit counts a billion of anything in half a year: a figure above this is a typing slip (or an attack),
# refused at its cell before it can overflow the 64-bit integers the figures are stored in.
MAX_COUNT = 10**9
OBSERVATION_COLUMNS = [
    "period",
    "unit",
    "indicator",
    "value",
    "source_file",
    "source_sha256",
    "source_location",
    "submitted",
]
FAILED_COLUMNS = ["period", "unit", "indicator"]


@dataclass(frozen=True)
class Checked:
    observations: pd.DataFrame  # the rows that passed, in OBSERVATION_COLUMNS
    problems: list[Problem]  # errors and warnings, each located
    # the cells that failed a check (``period, unit, indicator``): their figures are unknown, so a rule that reads
    # one is not evaluated for that unit (``rules.check_rules``), and the cell is not a blank (``completeness``)
    failed: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FAILED_COLUMNS))

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]


def check(submissions: Submissions, reference: Reference, period: Period) -> Checked:
    """Every problem of a half-year's submissions, and the observations that can be trusted."""
    frame = normalize.canonical(submissions.table, reference, period)
    folder = f"data/raw/{period}"
    frame, chosen, choice_problems = identity.decide(frame, submissions, folder, reference, period)
    failures = schema_failures(frame, reference, period)
    problems = identity.ignored(submissions.problems, chosen) + choice_problems
    problems += _schema_problems(frame, failures, reference, period)
    failed = np.zeros(len(frame), dtype=bool)
    failed[frame.index.get_indexer(failures["row"])] = True
    good = frame.loc[~failed, ["unit", "indicator", "number", "file", "sha256", "location", "submitted"]]
    good = good[good["indicator"].isin(list(reference.indicators_in(period)))]  # a blank row of an indicator not then
    repeated, duplicate_problems = duplicates(good, reference, period)
    good = good[~repeated]
    elsewhere, identity_problems = identity.conflicts(good, submissions, chosen, folder, reference, period)
    good = good[~elsewhere]
    duplicate_problems += identity_problems
    observations = pd.DataFrame(
        {
            "period": str(period),
            "unit": good["unit"].astype("str"),
            "indicator": good["indicator"].astype("str"),
            "value": good["number"].astype("Int64"),
            "source_file": good["file"].astype("str"),
            "source_sha256": good["sha256"].astype("str"),
            "source_location": good["location"].astype("str"),
            "submitted": good["submitted"].astype("str"),
        },
        columns=OBSERVATION_COLUMNS,
    ).reset_index(drop=True)
    cells = frame.loc[failed, ["unit", "indicator"]].astype("str").drop_duplicates()
    failed_cells = cells.assign(period=str(period))[FAILED_COLUMNS].reset_index(drop=True)
    problems += duplicate_problems + check_rules(observations, reference, period, failed_cells)
    return Checked(observations, problems, failed_cells)


def schema_failures(frame: pd.DataFrame, reference: Reference, period: Period) -> pd.DataFrame:
    """(row, check) of every failed check, by row: the checks of one pandera schema, each run on its column.

    The checks run one by one rather than through ``schema.validate``, whose report of the failure cases (a
    text naming every failing value) would cost more than the checks themselves on a million hostile rows.
    """
    import pandera.pandas as pa  # here, not at the top: a kernel that only reads consolidated data never needs it

    active = [unit.code for unit in reference.units(period, predecessors=True, silent=True)]
    reporting = [unit.code for unit in reference.units(period, predecessors=True)]
    known, existing = list(reference.indicators), list(reference.indicators_in(period))
    schema = pa.DataFrameSchema(
        {
            "period": pa.Column(checks=pa.Check.isin([str(period)], name="period_of_folder")),
            "unit": pa.Column(
                checks=[
                    pa.Check.isin(sorted(reference.unit_codes()), name="unit_known"),
                    pa.Check.isin(active, name="unit_active"),
                    pa.Check.isin(reporting, name="unit_reports"),
                ],
            ),
            "indicator": pa.Column(checks=pa.Check.isin(known, name="indicator_known")),
            "number": pa.Column(
                checks=[
                    pa.Check(lambda s: s.isna() | (s >= 0), name="not_negative"),
                    pa.Check(lambda s: s.isna() | (s <= MAX_COUNT), name="too_large"),
                    pa.Check(lambda s: s.isna() | (s.abs() > MAX_COUNT) | (s % 1 == 0), name="whole"),
                ],
                nullable=True,
            ),
        },
        checks=[
            pa.Check(lambda df: df["blank"] | df["number"].notna(), name="is_number"),
            # a figure (not a blank: an old template's empty row) for an indicator not on the period's form
            pa.Check(
                lambda df: df["blank"] | df["indicator"].isin(existing) | ~df["indicator"].isin(known),
                name="indicator_of_period",
            ),
        ],
    )
    found = [_failed(check, frame[name]) for name, column in schema.columns.items() for check in column.checks]
    found += [_failed(check, frame[["blank", "number", "indicator"]]) for check in schema.checks]
    failures = pd.concat(found, ignore_index=True)
    # A unit is said once, by its first failing check: unknown, else not active in the period, else not reporting.
    for check, earlier in (("unit_active", ("unit_known",)), ("unit_reports", ("unit_known", "unit_active"))):
        said = failures.loc[failures["check"].isin(earlier), "row"]
        failures = failures[~((failures["check"] == check) & failures["row"].isin(said))]
    return failures.sort_values(["row", "check"], ignore_index=True)


def _failed(check, data: pd.Series | pd.DataFrame) -> pd.DataFrame:
    """The rows of ``data`` that fail ``check`` (a blank figure passes: the check skips it), named by it."""
    passed = check(data).check_output.reindex(data.index, fill_value=True).to_numpy(dtype=bool)
    return _found(data.index[~passed], check.name)


def _found(rows, check, file=None, key=None) -> pd.DataFrame:
    """Failing rows as ``_grouped`` takes them: row, check, file and key, numbered from 0 in their order."""
    columns = {"row": np.asarray(rows), "check": np.empty(len(rows), dtype=object)}
    columns["check"][:] = check  # one name, or one per row
    if file is not None:
        columns |= {"file": np.asarray(file, dtype=object), "key": np.asarray(key, dtype=object)}
    return pd.DataFrame(columns)


def duplicates(
    frame: pd.DataFrame, reference: Reference, period: Period | None = None
) -> tuple[np.ndarray, list[Problem]]:
    """A figure given twice in one file: which rows of ``frame`` to leave out, and the problems. (A unit whose
    figures come from two files is ``identity.conflicts``'s.)"""
    keys = ["file", "unit", "indicator"]
    again = frame.duplicated(keys, keep="first").to_numpy()
    earliest = frame.groupby(keys, sort=False)["location"].transform("first") if again.any() else None
    repeated = frame.index[again]
    problems = _grouped(
        _found(repeated, "repeated", frame.loc[repeated, "file"], repeated),
        frame,
        lambda row, check, more: Problem(
            frame.at[row, "file"],
            frame.at[row, "location"],
            messages.TYPED_TWICE.format(first=earliest[row]),
            unit_name(reference, frame.at[row, "unit"]),
            indicator_label(reference, frame.at[row, "indicator"], period),
            unit_code=unit_code(reference, frame.at[row, "unit"]),
        ),
    )
    return again, problems


# Checks about a whole file's unit or period: said once per file and value, not on every line.
_ONCE_PER_FILE = {
    "period_of_folder": "raw_period",
    "unit_known": "raw_unit",
    "unit_active": "unit",
    "unit_reports": "unit",
}


def _schema_problems(
    frame: pd.DataFrame, failures: pd.DataFrame, reference: Reference, period: Period
) -> list[Problem]:
    rows, checks = failures["row"].to_numpy(), failures["check"].to_numpy(dtype=object)
    key = rows.astype(object)  # each failing row is a problem of its own…
    for check, column in _ONCE_PER_FILE.items():  # …except a file's unit or period: once per file and value
        at = checks == check
        key[at] = frame.loc[rows[at], column].to_numpy()
    found = _found(rows, checks, frame.loc[rows, "file"], key)
    example = next(iter(sorted(reference.unit_codes())), "")

    def problem(row: int, check: str, more: int) -> Problem:
        found = _schema_problem(frame.loc[row], check, reference, period, example)
        if not more:
            return found
        count = formatting.count(more, pad=False)
        return replace(found, message=messages.SAME_ON_MORE_ROWS.format(message=found.message, count=count))

    return _grouped(found, frame, problem)


def _grouped(found: pd.DataFrame, frame: pd.DataFrame, make: Callable[[int, str, int], Problem]) -> list[Problem]:
    """The problems of failing rows: ``found`` holds, in order, each failing row of ``frame``, its check, its
    file and its key (rows of a file with the same check and key make one problem).

    ``make(row, check, more)`` writes the problem of a key's first row, ``more`` being how many more rows share
    it. In each file, the first ``LISTED_PER_KIND`` keys of a check are listed, then one line for the others.
    """
    if found.empty:
        return []
    group = found.groupby(["file", "check", "key"], sort=False).ngroup().to_numpy()  # numbered as they come
    lines = np.bincount(group)
    firsts = np.unique(group, return_index=True)[1]  # the position in ``found`` of each group's first row
    kinds = found.groupby(["file", "check"], sort=False).ngroup().to_numpy()[firsts]
    listed = pd.Series(kinds).groupby(kinds).cumcount().to_numpy() < LISTED_PER_KIND
    rows, checks = found["row"].to_numpy(), found["check"].to_numpy()
    problems = [
        (position, make(rows[position], checks[position], lines[group[position]] - 1)) for position in firsts[listed]
    ]
    rest = found[~listed[group]]
    for (file, check), part in rest.groupby(["file", "check"], sort=False):
        first, last = part["row"].min(), part["row"].max()
        where = frame.at[first, "location"], frame.at[last, "location"]
        problems.append((part.index[0], further(file, messages.KIND_OF_PROBLEM[check], len(part), *where)))
    return [problem for _, problem in sorted(problems, key=lambda pair: pair[0])]


def _schema_problem(row: pd.Series, check: str, reference: Reference, period: Period, example: str) -> Problem:
    about_the_unit = check in _ONCE_PER_FILE  # not about a figure
    indicator = "" if about_the_unit else indicator_label(reference, row["indicator"], period)
    return Problem(
        row["file"],
        row["location"],
        _message(row, check, period, example, reference),
        unit_name(reference, row["unit"]),
        indicator,
        unit_code=unit_code(reference, row["unit"]),
    )


def _message(row: pd.Series, check: str, period: Period, example: str, reference: Reference) -> str:
    if check == "period_of_folder" and not _is_period(row["raw_period"]):
        return messages.PERIOD_OF_FILE_INVALID.format(raw_period=row["raw_period"], period=period)
    fields = dict(row.to_dict(), raw_value=normalize.shown(row["raw_value"]))
    if check == "indicator_of_period":
        fields["span"] = indicator_span(reference, row["indicator"])
    return messages.CHECK_FAILED[check].format(
        folder_period=period, example_unit=example, max_count=formatting.count(MAX_COUNT), **fields
    )


def indicator_span(reference: Reference, code: str) -> str:
    """When an indicator is on the form, in words: "từ ngày 01 tháng 7 năm 2025", "đến ngày …", or both."""
    indicator = reference.indicators[code]
    parts = [
        template.format(date=formatting.date_long(day))
        for template, day in (
            (messages.INDICATOR_FROM, indicator.valid_from),
            (messages.INDICATOR_TO, indicator.valid_to),
        )
        if day
    ]
    return " ".join(parts)


def _is_period(text: str) -> bool:
    try:
        Period.parse(text)
    except BantinError:
        return False
    return True

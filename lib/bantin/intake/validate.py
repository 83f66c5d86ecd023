"""Checking a period's raw rows: one pass over everything, every problem reported, none fatal early.

1. Normalize: periods to their canonical form, unit and indicator names matched to the reference
   (codes, or names typed with any tone-mark placement), figures parsed from text.
2. Schema (pandera, lazily, so every failure is collected): known and active units, known
   indicators, the folder's period, figures that are whole numbers ≥ 0.
3. Structure: a figure given twice in a file, a unit whose figures come from two files.
4. Rules of ``data/reference/rules.csv`` between a unit's figures, in the spirit of DHIS2's
   validation rules: "left operator right", each side a sum of indicators; ``only_if`` means the
   left side may be above zero only if the right side is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from bantin import formatting
from bantin.core.errors import BantinError, Problem
from bantin.core.periods import Period
from bantin.core.reference import Reference
from bantin.core.text import nfc
from bantin.intake import normalize
from bantin.intake.files import Submissions
from bantin.intake.rules import check_rules, indicator_label, unit_code, unit_name

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


@dataclass(frozen=True)
class Checked:
    observations: pd.DataFrame  # the rows that passed, in OBSERVATION_COLUMNS
    problems: list[Problem]  # errors and warnings, each located

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]


def check(submissions: Submissions, reference: Reference, period: Period) -> Checked:
    """Every problem of a half-year's submissions, and the observations that can be trusted."""
    frame = normalized(submissions, reference, period)
    failures = schema_failures(frame, reference, period)
    problems = list(submissions.problems) + _schema_problems(frame, failures, reference, period)
    good = frame.drop(index={index for index, _ in failures})
    duplicate_rows, duplicate_problems = duplicates(good, reference)
    good = good.drop(index=duplicate_rows)
    observations = pd.DataFrame(
        {
            "period": str(period),
            "unit": good["unit"],
            "indicator": good["indicator"],
            "value": good["number"].astype("Int64"),
            "source_file": good["file"],
            "source_sha256": good["sha256"],
            "source_location": good["location"],
            "submitted": good["submitted"],
        },
        columns=OBSERVATION_COLUMNS,
    ).reset_index(drop=True)
    problems += duplicate_problems + check_rules(observations, reference)
    return Checked(observations, problems)


def normalized(submissions: Submissions, reference: Reference, period: Period) -> pd.DataFrame:
    """The raw rows as a table, with period, unit, indicator and figure brought to canonical form."""
    frame = pd.DataFrame(
        [
            (row.period, row.unit, row.indicator, row.value, row.file, row.sha256, row.location, row.submitted)
            for row in submissions.rows
        ],
        columns=["raw_period", "raw_unit", "raw_indicator", "raw_value", "file", "sha256", "location", "submitted"],
    )
    for column in ("raw_period", "raw_unit", "raw_indicator"):  # a cell may hold a number or nothing
        frame[column] = [nfc("" if value is None else str(value)).strip() for value in frame[column]]
    units = _lookup(reference)
    indicators = {normalize.name_key(code): code for code in reference.indicators}
    indicators |= {normalize.name_key(i.label): i.code for i in reference.indicators.values()}
    frame["period"] = frame["raw_period"].map(_canonical_period)
    frame["unit"] = [units.get(normalize.name_key(text), text) for text in frame["raw_unit"]]
    frame["indicator"] = [indicators.get(normalize.name_key(text), text) for text in frame["raw_indicator"]]
    parsed = [normalize.parse_count(value) for value in frame["raw_value"]]
    frame["number"] = pd.Series([number for number, _ in parsed], index=frame.index, dtype="float64")
    frame["blank"] = pd.Series([blank for _, blank in parsed], index=frame.index, dtype="bool")
    return frame


def schema_failures(frame: pd.DataFrame, reference: Reference, period: Period) -> list[tuple[int, str]]:
    """(row index, check name) of every failed check, found in one lazy pandera validation."""
    import pandera.pandas as pa  # here, not at the top: a kernel that only reads consolidated data never needs it

    if frame.empty:
        return []
    active = [unit.code for unit in reference.units(period, predecessors=True)]
    schema = pa.DataFrameSchema(
        {
            "period": pa.Column(str, pa.Check.isin([str(period)], name="period_of_folder", error="period_of_folder")),
            "unit": pa.Column(
                str,
                [
                    pa.Check.isin(sorted(reference.unit_codes()), name="unit_known", error="unit_known"),
                    pa.Check.isin(active, name="unit_active", error="unit_active"),
                ],
            ),
            "indicator": pa.Column(
                str, pa.Check.isin(list(reference.indicators), name="indicator_known", error="indicator_known")
            ),
            "number": pa.Column(
                float,
                [
                    pa.Check(lambda s: s.isna() | (s >= 0), name="not_negative", error="not_negative"),
                    pa.Check(lambda s: s.isna() | (s <= MAX_COUNT), name="too_large", error="too_large"),
                    pa.Check(lambda s: s.isna() | (s.abs() > MAX_COUNT) | (s % 1 == 0), name="whole", error="whole"),
                ],
                nullable=True,
            ),
        },
        checks=[pa.Check(lambda df: df["blank"] | df["number"].notna(), name="is_number", error="is_number")],
        coerce=False,
    )
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases.dropna(subset=["index"])
        found = {(int(index), check) for index, check in zip(cases["index"], cases["check"], strict=True)}
        unknown_units = {index for index, check in found if check == "unit_known"}
        return sorted(
            (index, check) for index, check in found if not (check == "unit_active" and index in unknown_units)
        )
    return []


def duplicates(frame: pd.DataFrame, reference: Reference) -> tuple[list[int], list[Problem]]:
    """A figure given twice in one file; a unit whose figures come from two files, naming both."""
    problems, dropped = [], []
    repeated = frame[frame.duplicated(["file", "unit", "indicator"], keep="first")]
    for index, row in repeated.iterrows():
        first = frame[(frame.file == row.file) & (frame.unit == row.unit) & (frame.indicator == row.indicator)].iloc[0]
        problems.append(
            Problem(
                row.file,
                row.location,
                f"Số liệu bị nhập hai lần trong cùng tệp (đã có ở {first.location}): xóa một trong hai.",
                unit_name(reference, row.unit),
                indicator_label(reference, row.indicator),
                unit_code=unit_code(reference, row.unit),
            )
        )
        dropped.append(index)
    files_per_unit = frame.groupby("unit", sort=True)["file"].unique()
    for unit, files in files_per_unit.items():
        for extra in sorted(files)[1:]:
            rows = frame[(frame.unit == unit) & (frame.file == extra)]
            problems.append(
                Problem(
                    extra,
                    rows.iloc[0].location,
                    f"Đơn vị đã có báo cáo kỳ này trong tệp {sorted(files)[0]}: mỗi đơn vị chỉ gửi một báo cáo mỗi kỳ. "
                    "Giữ lại một tệp.",
                    unit_name(reference, unit),
                    unit_code=unit_code(reference, unit),
                )
            )
            dropped += list(rows.index)
    return dropped, problems


_SCHEMA_MESSAGES = {
    "period_of_folder": (
        "Kỳ báo cáo {raw_period!r} khác với kỳ của thư mục ({folder_period}): sửa kỳ, hoặc chuyển tệp vào thư mục "
        "data/raw/{raw_period}/."
    ),
    "unit_known": (
        "Đơn vị {raw_unit!r} không có trong danh mục đơn vị (data/reference/units.csv): ghi đúng mã đơn vị, ví dụ "
        "{example_unit!r}."
    ),
    "unit_active": (
        "Đơn vị {unit!r} không hoạt động trong kỳ {folder_period} (theo thời gian hiệu lực trong "
        "data/reference/units.csv)."
    ),
    "indicator_known": (
        "Chỉ tiêu {raw_indicator!r} không có trong danh mục chỉ tiêu (data/reference/indicators.csv): ghi đúng mã chỉ "
        "tiêu, ví dụ 'van_ban'."
    ),
    "is_number": "Giá trị '{raw_value}' không phải là số: nhập số nguyên không âm, hoặc để trống nếu chưa có số liệu.",
    "not_negative": "Giá trị '{raw_value}' là số âm: số liệu phải là số nguyên không âm.",
    "whole": "Giá trị '{raw_value}' không phải số nguyên: số liệu là số đếm, nhập số nguyên không âm.",
    "too_large": (
        "Giá trị '{raw_value}' quá lớn cho một số đếm (tối đa {max_count}): kiểm tra lại, có thể gõ thừa chữ số."
    ),
}


# Checks about a whole file's unit or period: said once per file and value, not on every line.
_ONCE_PER_FILE = {"period_of_folder": "raw_period", "unit_known": "raw_unit", "unit_active": "unit"}


def _schema_problems(
    frame: pd.DataFrame, failures: list[tuple[int, str]], reference: Reference, period: Period
) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[tuple, int] = {}  # (file, check, value) → position of its problem
    further: dict[int, int] = {}  # position → how many more lines share it
    for index, check in failures:
        row = frame.loc[index]
        key = (row["file"], check, row[_ONCE_PER_FILE[check]]) if check in _ONCE_PER_FILE else None
        if key in first:
            further[first[key]] = further.get(first[key], 0) + 1
            continue
        if key:
            first[key] = len(problems)
        problems.append(_schema_problem(row, check, reference, period))
    for position, count in further.items():
        problems[position] = replace(
            problems[position], message=f"{problems[position].message} (và {count} dòng khác có cùng lỗi)"
        )
    return problems


def _schema_problem(row: pd.Series, check: str, reference: Reference, period: Period) -> Problem:
    indicator = (
        "" if check in _ONCE_PER_FILE else indicator_label(reference, row["indicator"])
    )  # about the unit, not a figure
    return Problem(
        row["file"],
        row["location"],
        _message(row, check, reference, period),
        unit_name(reference, row["unit"]),
        indicator,
        unit_code=unit_code(reference, row["unit"]),
    )


def _message(row: pd.Series, check: str, reference: Reference, period: Period) -> str:
    if check == "period_of_folder" and not _is_period(row["raw_period"]):
        return f"Kỳ báo cáo {row['raw_period']!r} không hợp lệ: ghi {period} (dạng 2024H1 hoặc 2024H2)."
    example = next(iter(sorted(reference.unit_codes())), "")
    fields = dict(row.to_dict(), raw_value=_shown(row["raw_value"]))
    return _SCHEMA_MESSAGES[check].format(
        folder_period=period, example_unit=example, max_count=formatting.count(MAX_COUNT), **fields
    )


def _shown(value) -> str:
    """A cell's content as the person who typed it would recognize it."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y %H:%M") if isinstance(value, dt.datetime) else value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if len(text) <= 30 else f"{text[:30]}…"  # a thousand digits are no help


def _is_period(text: str) -> bool:
    try:
        Period.parse(text)
    except BantinError:
        return False
    return True


def _lookup(reference: Reference) -> dict[str, str]:
    """Name keys of every unit's code, full name and short name → unit code."""
    keys = {}
    for unit in reference.memberships:
        for text in (unit.code, unit.name, unit.short_name):
            keys.setdefault(normalize.name_key(text), unit.code)
    return keys


def _canonical_period(text) -> str:
    try:
        return str(Period.parse(str(text)))
    except BantinError:
        return str(text)

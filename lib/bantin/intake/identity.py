"""Which unit a file is: the unit its name suggests, its template's, the analyst's decisions, duplicates.

A commune may fill another commune's template (Đá Bàn sends Khánh Nguyên's, filled, as ``x-da-ban.xlsx``): the
figures read are then the other unit's by the template, and the file's name is the only trace of who sent them.

- ``named_unit``: the unit a file's name suggests, by its code or its short or full name, however the name was
  typed (case, tone marks, separators): ``x-da-ban.xlsx``, ``Bao cao Da Ban (1).xlsx``, ``ĐÁ BÀN.xlsx``.
- ``decide``: the analyst's decisions, ``data/raw/<PERIOD>/chon-bao-cao.csv`` (``messages.CHOICES_FILE``), one
  line per file: ``file,unit,decision,reason``, the decision ``dùng`` (the file is the report of ``unit``, whatever
  its template says) or ``bỏ qua`` (the file is not read). The file is an input of the period like a submission
  (its folder's digest covers it: editing it renders again), so a clean render reproduces what it decided.
- ``conflicts``: a workbook whose name suggests another unit than its template's (a warning, an error when that
  unit has not reported and nothing else says whose figures these are); a unit whose figures come from several
  files (a warning, read once, when they are equal; an error showing them side by side when they differ).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

import numpy as np
import pandas as pd

from bantin import formatting, messages
from bantin.intake.files import LISTED_PER_KIND, Submissions, decode, further
from bantin.intake.normalize import name_key
from bantin.intake.rules import indicator_label, unit_name
from bantin.model.errors import Problem
from bantin.model.periods import Period
from bantin.model.reference import Reference
from bantin.model.tally import UNRESOLVED
from bantin.model.text import nfc

USE, IGNORE = "use", "ignore"
# The decisions as typed (folded: case, tone marks and separators aside) → what they mean.
DECISIONS = {"dung": USE, "bo qua": IGNORE}
# The columns of the decisions' file, in English or in Vietnamese (folded) → their role.
COLUMNS = {"file": "file", "tep": "file", "unit": "unit", "don vi": "unit"}
COLUMNS |= {"decision": "decision", "quyet dinh": "decision", "reason": "reason", "ly do": "reason"}
_LETTERS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Choice:
    """One decision of the analyst: the file (relative to the project), USE or IGNORE, for which unit, why."""

    file: str
    decision: str
    unit: str  # a unit code (USE), "" (IGNORE)
    reason: str
    line: str  # where it is written: "dòng 2"


def words(text: str) -> tuple[str, ...]:
    """The words of a name as compared with a file's name: lower case, without tone marks or diacritics (đ → d)."""
    decomposed = unicodedata.normalize("NFD", nfc(str(text)).casefold().replace("đ", "d"))
    return tuple(_LETTERS.findall("".join(ch for ch in decomposed if not unicodedata.combining(ch))))


def folded(text: str) -> str:
    return " ".join(words(text))


class Names:
    """The units of a period as their names and codes appear in file names."""

    def __init__(self, reference: Reference, period: Period):
        self.keys: dict[tuple[str, ...], set[str]] = {}
        for unit in reference.units(period, predecessors=True):
            for text in (unit.code, unit.short_name, unit.name):
                key = words(text)
                if key:
                    self.keys.setdefault(key, set()).add(unit.code)
        self.longest = max(map(len, self.keys), default=0)

    def named_unit(self, file: str) -> str:
        """The one unit the file's name names (its code), or "" when it names none, or several."""
        found = words(PurePosixPath(file).stem)
        spans = [
            (start, start + length, code)
            for start in range(len(found))
            for length in range(1, min(self.longest, len(found) - start) + 1)
            for code in self.keys.get(found[start : start + length], ())
        ]
        # A name within a longer one ("Hòa" in "Hòa Khánh") is not a name of its own.
        outer = {
            code
            for start, end, code in spans
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, other in spans if other != code)
        }
        return next(iter(outer)) if len(outer) == 1 else ""


def decide(
    frame: pd.DataFrame, submissions: Submissions, folder: str, reference: Reference, period: Period
) -> tuple[pd.DataFrame, dict[str, Choice], list[Problem]]:
    """The analyst's decisions applied to the normalized rows: a file ignored leaves out its rows, a file used for a
    unit has its rows read as that unit's. Returns the rows, the decisions by file, and the problems: the
    decisions' file's own mistakes (errors, at its lines), and a warning on each file decided, saying what and why.
    """
    if submissions.choices is None:
        return frame, {}, []
    choices_file = f"{folder}/{messages.CHOICES_FILE}"
    chosen, problems = _read_choices(submissions.choices, choices_file, submissions.files, folder, reference, period)
    said = []
    for choice in chosen.values():
        where = messages.CHOICES_FILE, choice.line, choice.reason
        rows = frame["file"].to_numpy() == choice.file
        if choice.decision == IGNORE:
            frame = frame[~rows]
            said.append(
                Problem(
                    choice.file,
                    "",
                    messages.CHOICE_IGNORED.format(choices=where[0], line=where[1], reason=where[2]),
                    severity="warning",
                )
            )
            continue
        units = pd.unique(frame.loc[rows, "unit"])
        if len(units) > 1:
            many = messages.CHOICE_MANY_UNITS.format(file=PurePosixPath(choice.file).name, count=len(units))
            problems.append(Problem(choices_file, choice.line, many))
            continue
        template = units[0] if len(units) else ""
        read_as = messages.CHOICE_READ_AS.format(
            unit=reference.unit_names.get(choice.unit, choice.unit),
            unit_code=choice.unit,
            choices=messages.CHOICES_FILE,
            line=choice.line,
            reason=choice.reason,
        )
        if template and template != choice.unit:
            read_as += messages.CHOICE_READ_AS_TEMPLATE.format(template=unit_name(reference, template))
        cell = submissions.unit_cells.get(choice.file, "")
        said.append(
            Problem(
                choice.file, cell, read_as, unit_name(reference, choice.unit), unit_code=choice.unit, severity="warning"
            )
        )
        frame = frame.copy(deep=False)
        unit = frame["unit"].to_numpy(dtype=object, copy=True)
        unit[rows] = choice.unit
        frame["unit"] = unit
    return frame.reset_index(drop=True), chosen, problems + said


def ignored(problems: list[Problem], chosen: dict[str, Choice]) -> list[Problem]:
    """The reading problems of the files the analyst decided not to read are not problems of the period."""
    return [
        problem for problem in problems if chosen.get(problem.file) is None or chosen[problem.file].decision != IGNORE
    ]


def _read_choices(
    data: bytes, name: str, files: list[str], folder: str, reference: Reference, period: Period
) -> tuple[dict[str, Choice], list[Problem]]:
    """The decisions of the file, by submission; every mistake of the file at its line."""
    text, complaint = decode(data)
    if complaint:
        return {}, [Problem(name, "", complaint)]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, [])
    roles = [COLUMNS.get(folded(column), "") for column in header]
    if sorted(filter(None, roles)) != sorted(set(COLUMNS.values())):
        found = delimiter.join(header)
        return {}, [
            Problem(
                name,
                messages.CSV_LINE.format(line=1),
                messages.CHOICES_HEADER_WRONG.format(choices=messages.CHOICES_FILE, found=found),
            )
        ]
    by_name = {nfc(PurePosixPath(file).name).casefold(): file for file in files}
    units = {}
    for unit in reference.units(period, predecessors=True):
        for text in (unit.code, unit.name, unit.short_name):
            units.setdefault(name_key(text), unit.code)
    chosen: dict[str, Choice] = {}
    problems: list[Problem] = []
    for row in reader:
        line = messages.CSV_LINE.format(line=reader.line_num)
        cells = {role: nfc(cell).strip() for role, cell in zip(roles, row, strict=False) if role}
        if not any(cells.values()):
            continue
        file = by_name.get(nfc(PurePosixPath(cells.get("file", "").replace("\\", "/")).name).casefold())
        decision = DECISIONS.get(folded(cells.get("decision", "")))
        unit_text, reason = cells.get("unit", ""), cells.get("reason", "")
        unit = units.get(name_key(unit_text), "") if unit_text else ""
        wrong = []
        if file is None:
            wrong.append(messages.CHOICE_NO_SUCH_FILE.format(file=cells.get("file", ""), folder=folder))
        elif file in chosen:
            wrong.append(messages.CHOICE_FILE_TWICE.format(file=PurePosixPath(file).name, first=chosen[file].line))
        if decision is None:
            wrong.append(messages.CHOICE_DECISION_UNKNOWN.format(decision=cells.get("decision", "")))
        elif decision == USE and not unit_text:
            wrong.append(messages.CHOICE_UNIT_MISSING)
        elif decision == IGNORE and unit_text:
            wrong.append(messages.CHOICE_UNIT_NOT_FOR_IGNORE.format(unit=unit_text))
        if decision == USE and unit_text and not unit:
            wrong.append(messages.CHOICE_UNIT_UNKNOWN.format(unit=unit_text, period=period))
        if not reason:
            wrong.append(messages.CHOICE_REASON_MISSING)
        problems += [Problem(name, line, message) for message in wrong]
        if not wrong:
            chosen[file] = Choice(file, decision, unit, reason, line)
    return chosen, problems


def conflicts(
    good: pd.DataFrame,
    submissions: Submissions,
    chosen: dict[str, Choice],
    folder: str,
    reference: Reference,
    period: Period,
) -> tuple[np.ndarray, list[Problem]]:
    """Files whose name and template disagree, units reported in several files: which rows of ``good`` (the rows
    that passed the schema) to leave out, and the problems."""
    howto = messages.CHOICES_HOWTO.format(choices=f"{folder}/{messages.CHOICES_FILE}")
    files = pd.factorize(good["file"], sort=True)[1]
    reported = set(good["unit"].unique())
    first_file = good.groupby("unit", sort=False)["file"].transform("min")
    later = (good["file"] != first_file).to_numpy()
    several = set(good.loc[later, "unit"].unique())
    names = Names(reference, period) if submissions.unit_cells or several else None

    def named(file: str) -> str:
        return names.named_unit(file) if file not in chosen else ""

    problems = []
    templates = good.groupby("file", sort=False)["unit"].unique() if submissions.unit_cells else {}
    for file, cell in submissions.unit_cells.items():
        if file in chosen or file not in templates.index or len(templates[file]) != 1:
            continue
        template, suggested = templates[file][0], named(file)
        if not suggested or suggested == template:
            continue
        awaited = suggested not in reported and template not in several
        fields = dict(
            named=unit_name(reference, suggested),
            named_short=_short(reference, suggested),
            unit=unit_name(reference, template),
            unit_short=_short(reference, template),
            cell=cell,
            howto=howto,
        )
        message = (messages.NAME_NOT_TEMPLATE_AWAITED if awaited else messages.NAME_NOT_TEMPLATE).format(**fields)
        severity = "error" if awaited else "warning"
        kind = "" if awaited else UNRESOLVED  # the analyst's decision is awaited (chon-bao-cao.csv): no issue till then
        problems.append(
            Problem(
                file, cell, message, unit_name(reference, template), unit_code=template, severity=severity, kind=kind
            )
        )
    problems += _several(good, sorted(several), files, named, reported, submissions, reference, period, howto)
    return later, problems


def _several(good, units, files, named, reported, submissions, reference, period, howto) -> list[Problem]:
    """A problem for each unit whose figures come from several files: a warning when they are equal (read once, from
    the first file), an error showing them side by side when they differ."""
    if not units:
        return []
    rows = good[good["unit"].isin(units)]
    hashed = pd.util.hash_pandas_object(rows[["indicator", "number"]], index=False).to_numpy()
    signature = pd.Series(hashed, rows.index).groupby([rows["unit"], rows["file"]], sort=True).agg(["sum", "count"])
    problems, differing = [], 0
    for unit in units:
        of_unit = signature.loc[unit]
        unit_files = list(of_unit.index)
        if (of_unit == of_unit.iloc[0]).all(axis=None):
            for file in unit_files[1:]:
                located = rows.loc[(rows["unit"] == unit) & (rows["file"] == file), "location"].iloc[0]
                cell = submissions.unit_cells.get(file, located)
                message = messages.UNIT_IN_TWO_FILES.format(file=unit_files[0])
                problems.append(
                    Problem(
                        file,
                        cell,
                        message,
                        unit_name(reference, unit),
                        unit_code=unit,
                        severity="warning",
                        kind=UNRESOLVED,
                    )
                )
            continue
        differing += 1
        # The problem goes with the file whose name is not the unit's, if there is one (that is the file to look at).
        strange = [file for file in unit_files if named(file) and named(file) != unit]
        file = (strange or unit_files[1:])[0]
        if differing > LISTED_PER_KIND:
            continue
        cell = (
            submissions.unit_cells.get(file)
            or rows.loc[(rows["unit"] == unit) & (rows["file"] == file), "location"].iloc[0]
        )
        listed = messages.FILES_JOIN.join(
            messages.NAMED_FILE.format(
                file=other, named=_short(reference, named(other)) if named(other) else messages.NAMED_NOBODY
            )
            for other in unit_files
        )
        awaited = "".join(
            messages.AWAITED_NAMED.format(
                named=unit_name(reference, named(other)), named_short=_short(reference, named(other)), file=other
            )
            for other in unit_files
            if named(other) and named(other) != unit and named(other) not in reported
        )
        message = messages.UNIT_IN_FILES_DIFFERING.format(
            count=len(unit_files),
            files=listed,
            differences=_differences(rows[rows["unit"] == unit], unit_files, reference, period),
            awaited=awaited,
            howto=howto,
        )
        problems.append(Problem(file, cell, message, unit_name(reference, unit), unit_code=unit))
    if differing > LISTED_PER_KIND:
        first = rows["location"].iloc[0]
        problems.append(
            further(
                rows["file"].iloc[0], messages.KIND_OF_PROBLEM["other_file"], differing - LISTED_PER_KIND, first, first
            )
        )
    return problems


def _differences(rows: pd.DataFrame, files: list[str], reference: Reference, period: Period) -> str:
    """The indicators whose figures differ between the files, each with its figure in each file."""
    table = rows.drop_duplicates(["file", "indicator"]).set_index(["indicator", "file"])["number"]
    order = {code: at for at, code in enumerate(reference.indicators)}
    said = []
    for indicator in sorted(rows["indicator"].unique(), key=lambda code: order.get(code, len(order))):
        values = []
        for file in files:
            if (indicator, file) not in table.index:
                values.append(messages.DIFFERENCE_ABSENT)
            elif pd.isna(table[(indicator, file)]):
                values.append(messages.DIFFERENCE_BLANK)
            else:
                values.append(formatting.count(int(table[(indicator, file)]), pad=False))
        if len(set(values)) > 1:
            label = indicator_label(reference, indicator, period)
            said.append(
                messages.DIFFERENCE.format(indicator=label, values=messages.DIFFERENCE_VALUES_JOIN.join(values))
            )
    return messages.DIFFERENCES_JOIN.join(said)


def _short(reference: Reference, code: str) -> str:
    """A unit's short name ("Đá Bàn"), its code when it has none."""
    unit = next((unit for unit in reference.memberships if unit.code == code), None)
    return unit.short_name if unit is not None and unit.short_name else code

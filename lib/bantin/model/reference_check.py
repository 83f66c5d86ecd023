"""The reference data held to the standard of the submissions: every mistake found at once, each at its line.

``check(folder)`` reads ``clusters.csv``, ``units.csv``, ``successions.csv``, ``indicators.csv``, ``rules.csv``,
``deadlines.csv`` and ``organisation.toml`` whole, and raises one ``ReferenceDataError`` carrying every
``Problem`` found (file, line or TOML table, what to fix, in ``bantin.messages``' words), or nothing. It is run
once, where a project's reference is first asked for (``build.project.Project.reference``): before the argument
check, a template or a report reads a single code, so a mistake is named at its line instead of surfacing later
as a false complaint about a submission or a crash of a writer. It only reads.

What it holds the files to:

- every file: UTF-8 (a legacy Vietnamese encoding named, as for a submission: ``text.legacy_encoding``); no
  character that is not text (``text.unreadable``); the columns of ``COLUMNS``, those it marks filled in every
  row; codes that are keys written once (``KEYS``); dates as YYYY-MM-DD, ``valid_to`` not before ``valid_from``;
- clusters: a role that is empty or ``predecessor``;
- units: a known cluster; a unit in one cluster at a time (its dated rows do not overlap);
- indicators: an indicator's rows, one per span of its label (``valid_from``, ``valid_to``, empty: open), do not
  overlap;
- successions: known units, share ``whole`` or ``part``; no cycle; a unit succeeded wholly has no other
  successor; a successor begins the day after its predecessor ends (a unit's span: its rows' first and last day),
  or, taking it whole, was there before and goes on (an absorption: a district merged into another);
- rules: indicators known, operator, importance and missing-value strategy among the allowed;
- deadlines: a half-year each, written once;
- organisation.toml: dates, the keys each body needs, and bodies that follow each other without gap or overlap.

Standard library only (``csv``, ``tomllib``): the argument check and a run with nothing to do go through it, and
must not load pandas. So the columns' rules are a small table here (``COLUMNS``, ``KEYS``, ``DATES``) rather than a
pandera schema like the submissions' (``intake.validate``); the files are a few hundred lines, read in a
millisecond or two.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from bantin import messages
from bantin.model import organisation
from bantin.model.errors import Problem, ReferenceDataError
from bantin.model.periods import Period
from bantin.model.reference import IF_MISSING, NOT_REPORTING, OPERATORS, PREDECESSOR, SHARES
from bantin.model.text import legacy_encoding, nfc, unreadable

# Each CSV's columns: name → filled in every row. A file's other columns are free (the reader ignores them).
COLUMNS = {
    "clusters.csv": {"code": True, "name": True},
    "units.csv": {
        "code": True,
        "name": True,
        "short_name": False,
        "cluster": True,
        "valid_from": True,
        "valid_to": False,
    },
    "successions.csv": {"unit": True, "predecessor": True, "share": True},
    "indicators.csv": {
        "code": True,
        "label": True,
        "short_label": True,
        "unit": True,
        "valid_from": False,
        "valid_to": False,
    },
    "rules.csv": {
        "code": True,
        "name": True,
        "left": True,
        "operator": True,
        "right": True,
        "importance": True,
        "if_missing": True,
        "message": True,
    },
    "deadlines.csv": {"period": True, "deadline": True},
}
OPTIONAL = {"successions.csv", "deadlines.csv"}  # the others are required (their absence is a problem too)
KEYS = {  # what is written once in each file (units.csv, indicators.csv: a code has a row per span, checked by dates)
    "clusters.csv": ("code",),
    "successions.csv": ("unit", "predecessor"),
    "rules.csv": ("code",),
    "deadlines.csv": ("period",),
}
DATES = {
    "units.csv": ("valid_from", "valid_to"),
    "indicators.csv": ("valid_from", "valid_to"),
    "deadlines.csv": ("deadline",),
}
ALLOWED = {  # a column's values, by file (units.csv's optional ``reports``: empty means yes)
    "units.csv": {"reports": ("yes", NOT_REPORTING)},
    "successions.csv": {"share": SHARES},
    "rules.csv": {"operator": OPERATORS, "importance": ("error", "warning"), "if_missing": IF_MISSING},
}
ORGANISATION = "organisation.toml"


@dataclass
class Row:
    line: int
    values: dict[str, str]
    dates: dict[str, dt.date | None] = field(default_factory=dict)

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class Findings:
    """The problems found so far, each at its file (as the project names it) and location."""

    prefix: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, location: str, message: str) -> None:
        self.problems.append(Problem(f"{self.prefix}/{file}", location, message))

    def at_line(self, file: str, line: int, message: str) -> None:
        self.add(file, messages.CSV_LINE.format(line=line), message)


def check(folder: Path, shown_as: str = "data/reference") -> None:
    """Raise a ``ReferenceDataError`` with every problem of the reference data in ``folder``, or return."""
    found = problems(folder, shown_as)
    if found:
        raise ReferenceDataError(problems=found)


def problems(folder: Path, shown_as: str = "data/reference") -> list[Problem]:
    """Every problem of the reference data in ``folder``, its files named ``<shown_as>/<file>``."""
    findings = Findings(shown_as)
    tables = {name: _table(folder, name, findings) for name in COLUMNS}
    _clusters(tables["clusters.csv"], findings)
    spans = _units(tables["units.csv"], tables["clusters.csv"], findings)
    _successions(tables["successions.csv"], spans, findings)
    _indicators(tables["indicators.csv"], findings)
    _rules(tables["rules.csv"], tables["indicators.csv"], findings)
    _deadlines(tables["deadlines.csv"], findings)
    _organisation(folder / ORGANISATION, findings)
    return findings.problems


def _text(path: Path, name: str, findings: Findings) -> str | None:
    """The file's text (NFC), or None when it is absent or not UTF-8 (which ``findings`` then says)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if name not in OPTIONAL:
            findings.add(name, "", messages.REFERENCE_FILE_MISSING.format(path=path.name))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        legacy = legacy_encoding(data)
        if legacy:
            findings.add(name, "", messages.REFERENCE_LEGACY_ENCODING.format(encoding=legacy))
        else:
            line = data[: error.start].count(b"\n") + 1
            findings.add(name, "", messages.REFERENCE_NOT_UTF8.format(line=line))
        return None
    for line, column, code in unreadable(text):
        findings.at_line(name, line, messages.REFERENCE_NOT_TEXT.format(code=code, column=column))
    return nfc(text)


def _table(folder: Path, name: str, findings: Findings) -> list[Row] | None:
    """A CSV's rows with their first line, stripped and in NFC, dates read; None when it could not be read."""
    text = _text(folder / name, name, findings)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [column.strip() for column in next(reader, [])]
    missing = [column for column in COLUMNS[name] if column not in header]
    if missing:
        findings.at_line(name, 1, messages.REFERENCE_HEADER_MISSING.format(columns=", ".join(missing)))
        return None
    rows, first = [], {}
    previous = reader.line_num
    for cells in reader:
        line, previous = previous + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        row = Row(line, {key: cell.strip() for key, cell in zip(header, cells, strict=False) if key})
        for column, filled in COLUMNS[name].items():
            if filled and not row[column]:
                findings.at_line(name, line, messages.REFERENCE_VALUE_MISSING.format(column=column))
        for column, allowed in ALLOWED.get(name, {}).items():
            if row[column] and row[column] not in allowed:
                message = messages.REFERENCE_ONE_OF.format(column=column, value=row[column], allowed=", ".join(allowed))
                findings.at_line(name, line, message)
        for column in DATES.get(name, ()):
            row.dates[column] = _date(row[column], column, name, line, findings)
        if name in KEYS:
            key = tuple(row[column] for column in KEYS[name])
            if key in first:
                what, value = messages.REFERENCE_KEY_NAMES[name], " → ".join(reversed(key))
                findings.at_line(
                    name, line, messages.REFERENCE_REPEATED.format(what=what, value=value, first=first[key])
                )
            first.setdefault(key, line)
        rows.append(row)
    return rows


def _date(text: str, column: str, name: str, line: int, findings: Findings) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        findings.at_line(name, line, messages.REFERENCE_BAD_DATE.format(column=column, text=text))
        return None


def _clusters(rows: list[Row] | None, findings: Findings) -> None:
    for row in rows or ():
        if row["role"] not in ("", PREDECESSOR):
            message = messages.REFERENCE_ROLE.format(role=row["role"], predecessor=PREDECESSOR)
            findings.at_line("clusters.csv", row.line, message)


@dataclass(frozen=True)
class Span:
    """A unit's life, from its rows in units.csv: the first day of the first, the last of the last (None: open)."""

    start: dt.date
    end: dt.date | None


def _units(rows: list[Row] | None, clusters: list[Row] | None, findings: Findings) -> dict[str, Span | None] | None:
    """Check units.csv; each unit's span, None for a unit with a malformed row (all None: the file was not read)."""
    if rows is None:
        return None
    known = {row["code"] for row in clusters} if clusters is not None else None
    by_code: dict[str, list[Row]] = {}
    for row in rows:
        if known is not None and row["cluster"] and row["cluster"] not in known:
            findings.at_line("units.csv", row.line, messages.REFERENCE_CLUSTER_UNKNOWN.format(cluster=row["cluster"]))
        start, end = row.dates["valid_from"], row.dates["valid_to"]
        if start and end and end < start:
            findings.at_line("units.csv", row.line, messages.REFERENCE_SPAN_REVERSED.format(start=start, end=end))
        elif start and not (row["valid_to"] and end is None):
            by_code.setdefault(row["code"], []).append(row)
    spans: dict[str, Span | None] = {row["code"]: None for row in rows}
    written = Counter(row["code"] for row in rows)
    for code, memberships in by_code.items():
        if len(memberships) < written[code]:
            continue  # a row of the unit is malformed, and said so: its span is not known
        memberships.sort(key=lambda row: row.dates["valid_from"])
        for earlier, later in pairwise(memberships):
            earlier_end = earlier.dates["valid_to"]
            if earlier_end is None or earlier_end >= later.dates["valid_from"]:
                message = messages.REFERENCE_TWO_CLUSTERS.format(
                    code=code,
                    cluster=later["cluster"],
                    start=later.dates["valid_from"],
                    line=earlier.line,
                    other=earlier["cluster"],
                    end=earlier_end or messages.REFERENCE_OPEN_END,
                )
                findings.at_line("units.csv", later.line, message)
        ends = [row.dates["valid_to"] for row in memberships]
        spans[code] = Span(memberships[0].dates["valid_from"], None if None in ends else max(ends))
    return spans


def _successions(rows: list[Row] | None, spans: dict[str, Span | None] | None, findings: Findings) -> None:
    """Known units, no cycle, no unit wholly succeeded and succeeded again, dates that follow each other."""
    name = "successions.csv"
    edges: dict[str, list[Row]] = {}  # predecessor → the rows naming its successors
    for row in rows or ():
        unit, predecessor = row["unit"], row["predecessor"]
        unknown = [code for code in (unit, predecessor) if code and spans is not None and code not in spans]
        for code in unknown:
            findings.at_line(name, row.line, messages.REFERENCE_UNIT_UNKNOWN.format(unit=code))
        edges.setdefault(predecessor, []).append(row)
        if unknown or spans is None or unit == predecessor or spans[unit] is None or spans[predecessor] is None:
            continue
        before, after = spans[predecessor], spans[unit]
        if before.end is None:
            findings.at_line(name, row.line, messages.REFERENCE_PREDECESSOR_ACTIVE.format(predecessor=predecessor))
        elif after.start != before.end + dt.timedelta(days=1) and not _absorbs(row, before, after):
            message = messages.REFERENCE_SUCCESSION_DATES.format(
                unit=unit, start=after.start, predecessor=predecessor, end=before.end
            )
            findings.at_line(name, row.line, message)
    for predecessor, successors in edges.items():
        whole = next((row for row in successors if row["share"] == "whole"), None)
        for row in successors:
            if whole is not None and row is not whole and row["unit"] != whole["unit"]:
                message = messages.REFERENCE_WHOLLY_TWICE.format(
                    predecessor=predecessor, other=whole["unit"], line=whole.line, unit=row["unit"]
                )
                findings.at_line(name, max(row.line, whole.line), message)
    for cycle in _cycles(edges):
        chain = " → ".join([row["predecessor"] for row in cycle] + [cycle[0]["predecessor"]])
        lines = ", ".join(str(row.line) for row in sorted(cycle, key=lambda row: row.line))
        first = min(row.line for row in cycle)
        findings.at_line(name, first, messages.REFERENCE_SUCCESSION_CYCLE.format(chain=chain, lines=lines))


def _absorbs(row: Row, before: Span, after: Span) -> bool:
    """A unit that takes a former unit whole while it goes on itself (a district merged into another): it was
    there before the former unit ended and is there the day after."""
    day_after = before.end + dt.timedelta(days=1)
    return row["share"] == "whole" and after.start <= before.end and (after.end is None or after.end >= day_after)


def _cycles(edges: dict[str, list[Row]]) -> list[list[Row]]:
    """Each circle of successions (a depth-first search's edges back to a unit on its path), as its rows."""
    found: list[list[Row]] = []
    state: dict[str, str] = {}
    path: list[Row] = []

    def visit(code: str) -> None:
        state[code] = "open"
        for row in edges.get(code, ()):
            successor = row["unit"]
            if state.get(successor) == "open":
                first = next((i for i, step in enumerate(path) if step["predecessor"] == successor), len(path))
                found.append(path[first:] + [row])
            elif successor not in state:
                path.append(row)
                visit(successor)
                path.pop()
        state[code] = "done"

    for code in sorted(edges):
        if code not in state:
            visit(code)
    return found


def _indicators(rows: list[Row] | None, findings: Findings) -> None:
    """An indicator's rows are spans of its label: each in order, none overlapping another of the same code."""
    by_code: dict[str, list[Row]] = {}
    for row in rows or ():
        start, end = row.dates["valid_from"], row.dates["valid_to"]
        if start and end and end < start:
            findings.at_line("indicators.csv", row.line, messages.REFERENCE_SPAN_REVERSED.format(start=start, end=end))
        elif not (row["valid_from"] and start is None) and not (row["valid_to"] and end is None):
            by_code.setdefault(row["code"], []).append(row)
    for code, spans in by_code.items():
        spans.sort(key=lambda row: row.dates["valid_from"] or dt.date.min)
        for earlier, later in pairwise(spans):
            earlier_end = earlier.dates["valid_to"]
            if earlier_end is None or later.dates["valid_from"] is None or earlier_end >= later.dates["valid_from"]:
                message = messages.REFERENCE_LABELS_OVERLAP.format(
                    code=code,
                    start=later.dates["valid_from"] or messages.REFERENCE_OPEN_START,
                    line=earlier.line,
                    end=earlier_end or messages.REFERENCE_OPEN_END,
                )
                findings.at_line("indicators.csv", max(earlier.line, later.line), message)


def _rules(rows: list[Row] | None, indicators: list[Row] | None, findings: Findings) -> None:
    if rows is None or indicators is None:
        return
    known = {row["code"] for row in indicators}
    for row in rows:
        terms = [term.strip() for side in ("left", "right") for term in row[side].split("+") if term.strip()]
        unknown = [term for term in terms if term not in known]
        if unknown:
            message = messages.REFERENCE_RULE_UNKNOWN.format(rule=row["name"], codes=", ".join(unknown))
            findings.at_line("rules.csv", row.line, message)


def _deadlines(rows: list[Row] | None, findings: Findings) -> None:
    for row in rows or ():
        period = Period.named(row["period"])  # as written: the deadlines are looked up by str(period)
        if row["period"] and (period is None or period.is_year):
            findings.at_line("deadlines.csv", row.line, messages.REFERENCE_DEADLINE_PERIOD.format(text=row["period"]))


def _closing(entry: dict, common: dict, where: str, findings: Findings) -> None:
    """The optional keys of a body: the number line's symbol a string, "Nơi nhận" a list of strings, the signer a
    table of strings (its title, its name), nothing else in it."""
    symbol = entry.get("document_symbol", common.get("document_symbol"))
    if symbol is not None and not isinstance(symbol, str):
        findings.add(ORGANISATION, where, messages.REFERENCE_TOML_TEXT.format(key="document_symbol"))
    recipients = entry.get(organisation.RECIPIENTS, common.get(organisation.RECIPIENTS))
    if recipients is not None and not (
        isinstance(recipients, list) and all(isinstance(item, str) and item.strip() for item in recipients)
    ):
        findings.add(ORGANISATION, where, messages.REFERENCE_TOML_LIST.format(key=organisation.RECIPIENTS))
    signer = entry.get(organisation.SIGNER, common.get(organisation.SIGNER))
    keys = ", ".join(organisation.SIGNER_KEYS)
    if signer is not None and not (
        isinstance(signer, dict)
        and set(signer) <= set(organisation.SIGNER_KEYS)
        and all(isinstance(value, str) for value in signer.values())
    ):
        findings.add(ORGANISATION, where, messages.REFERENCE_TOML_SIGNER.format(key=organisation.SIGNER, keys=keys))


def _organisation(path: Path, findings: Findings) -> None:
    """Each body's dates and words, and bodies that follow each other, day after day, without gap or overlap."""
    import tomllib

    text = _text(path, ORGANISATION, findings)
    if text is None:
        return
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        findings.add(ORGANISATION, "", messages.REFERENCE_TOML_SYNTAX.format(error=error))
        return
    common = {key for key, value in data.items() if isinstance(value, str) and value}
    bodies = []
    entries = data.get("organisation", [{}])
    for number, entry in enumerate(entries if isinstance(entries, list) else [entries], start=1):
        where = messages.REFERENCE_TABLE.format(number=number)
        if not isinstance(entry, dict):
            findings.add(ORGANISATION, where, messages.REFERENCE_TOML_KEYS.format(keys=", ".join(organisation.KEYS)))
            continue
        dates = {}
        for key in ("valid_from", "valid_to"):
            value = entry.get(key)
            if value is not None and not isinstance(value, dt.date):
                findings.add(ORGANISATION, where, messages.REFERENCE_TOML_DATE.format(key=key))
                value = None
            dates[key] = value
        missing = [key for key in organisation.KEYS if key not in common and not entry.get(key)]
        if missing:
            findings.add(ORGANISATION, where, messages.REFERENCE_TOML_KEYS.format(keys=", ".join(missing)))
        for key in organisation.LISTS:
            value = entry.get(key, data.get(key, []))
            if not isinstance(value, list) or not all(isinstance(each, str) for each in value):
                findings.add(
                    ORGANISATION, where, messages.ORGANISATION_LIST_INVALID.format(where="", key=key).lstrip(": ")
                )
        _closing(entry, data, where, findings)
        start, end = dates["valid_from"] or dt.date.min, dates["valid_to"]
        if end is not None and end < start:
            findings.add(ORGANISATION, where, messages.REFERENCE_SPAN_REVERSED.format(start=start, end=end))
            continue
        bodies.append((start, end, where))
    bodies.sort(key=lambda body: body[0])
    for (_, end, where), (start, _, other) in pairwise(bodies):
        shown_end = end or messages.REFERENCE_OPEN_END
        if end is None or end >= start:
            findings.add(
                ORGANISATION, where, messages.REFERENCE_BODIES_OVERLAP.format(end=shown_end, other=other, start=start)
            )
        elif start != end + dt.timedelta(days=1):
            findings.add(ORGANISATION, where, messages.REFERENCE_BODIES_GAP.format(end=end, other=other, start=start))
    terms = data.get("term", [])
    for number, entry in enumerate(terms if isinstance(terms, list) else [terms], start=1):
        entry = entry if isinstance(entry, dict) else {}
        if not (
            isinstance(entry.get("party_committee"), str)
            and isinstance(entry.get("name"), str)
            and isinstance(entry.get("valid_from"), dt.date)
        ):
            where = messages.REFERENCE_TERM_TABLE.format(number=number)
            findings.add(ORGANISATION, where, messages.TERM_INVALID.format(where="").lstrip(": "))

"""The register of what the office has issued: ``data/issued.csv``, one line per issue of a period's bulletins.

An issue is the period's bulletins as sent, under one number and one date: "Số 07-BT/BTGDVTU", "Đà Nẵng, ngày 05
tháng 01 năm 2027". Under Hướng dẫn 36-HD/VPTW a body numbers its documents from 01 again for each kind of document
in each term of its cấp ủy: a series here is the party committee, the symbol (its kind and body, "BT/BTGDVTU") and
the term (``organisation.toml``'s ``[[term]]`` tables), and ``next_number`` is the next number in it.

The register is the office's record, kept in git with ``issued/``: it is appended to by ``make issue`` and never
rewritten. Its columns (``COLUMNS``): the period, the number as printed ("07"), the symbol, the date of issue
(ISO), the party committee and term of the series, the number of the issue this one corrects (empty for a first
issue), whether it was issued while units were awaited (``yes``/``no``), the folder that holds its files, and the
digest of what its bulletins were made from (their stamps: data, reference, notes, notebooks, code), by which a
folder lost from a checkout is made again only from the very same inputs.

Standard library only: a run with nothing to do reads it to say what was issued.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path

from bantin import messages
from bantin.model.errors import BantinError, ReferenceDataError
from bantin.model.text import nfc

FILE = "issued.csv"  # in data/
COLUMNS = ("period", "number", "symbol", "date", "party_committee", "term", "replaces", "partial", "folder", "stamp")
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Issue:
    """One issue of a period: its number and symbol, its date, and what it corrects.

    It is also what an issued render gives the notebooks (their parameter ``issue``, ``as_parameter``): a draft
    has none.
    """

    period: str
    number: str  # as printed: "07"
    symbol: str  # "BT/BTGDVTU"
    date: dt.date
    party_committee: str = ""
    term: str = ""
    replaces: str = ""  # the number of the issue of the same period and series this one corrects ("07"), or ""
    partial: bool = False  # issued while units were awaited (PARTIAL=1)
    folder: str = ""  # where its files are, relative to the project: issued/<PERIOD>/<number>-<symbol>
    stamp: str = ""  # the digest of its bulletins' stamps (``render.issue``)

    @property
    def reference(self) -> str:
        """ "07-BT/BTGDVTU": the number and symbol, as the head prints them after "Số"."""
        return f"{self.number}-{self.symbol}"

    @property
    def date_numeric(self) -> str:
        """ "05/01/2027": the date as a sentence that cites the issue writes it."""
        return f"{self.date.day:02d}/{self.date.month:02d}/{self.date.year}"

    def as_parameter(self, replaced: Issue | None = None) -> dict:
        """What the notebooks receive as ``issue``: plain values only (papermill writes them into the notebook)."""
        value = {
            "period": self.period,
            "number": self.number,
            "symbol": self.symbol,
            "date": self.date.isoformat(),
            "party_committee": self.party_committee,
            "term": self.term,
            "partial": self.partial,
        }
        if replaced is not None:
            value["replaces"] = {
                "number": replaced.number,
                "symbol": replaced.symbol,
                "date": replaced.date.isoformat(),
            }
        return value

    @classmethod
    def from_parameter(cls, value: dict | None) -> Issue | None:
        """The issue a notebook was given (``as_parameter``); None for a draft (the parameter's default)."""
        if not value:
            return None
        return cls(
            str(value["period"]),
            str(value["number"]),
            str(value["symbol"]),
            dt.date.fromisoformat(value["date"]),
            str(value.get("party_committee", "")),
            str(value.get("term", "")),
            str((value.get("replaces") or {}).get("number", "")),
            bool(value.get("partial", False)),
        )

    @staticmethod
    def replaced_of(value: dict | None) -> Issue | None:
        """The issue a corrected render replaces, as far as its parameter says (number, symbol, date)."""
        replaced = (value or {}).get("replaces")
        if not replaced:
            return None
        return Issue(value["period"], replaced["number"], replaced["symbol"], dt.date.fromisoformat(replaced["date"]))


@dataclass(frozen=True)
class Register:
    """Every issue on record, in the order they were issued."""

    path: Path
    issues: tuple[Issue, ...]

    @classmethod
    def read(cls, path: Path, relative: str = "") -> Register:
        """The register at ``path`` (none yet: empty); a line that cannot be read is refused at its line."""
        shown = relative or path.name
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            return cls(path, ())
        except UnicodeDecodeError:
            raise BantinError(messages.REGISTER_NOT_UTF8.format(file=shown)) from None
        rows = list(csv.DictReader(io.StringIO(text)))
        issues = []
        for line, row in enumerate(rows, start=2):
            try:
                issues.append(_issue(row))
            except (KeyError, ValueError, TypeError):
                raise BantinError(messages.REGISTER_LINE_INVALID.format(file=shown, line=line)) from None
        return cls(path, tuple(issues))

    def of_period(self, period: str) -> list[Issue]:
        """The period's issues, the first first (each later one corrects the one before)."""
        return [issue for issue in self.issues if issue.period == period]

    def latest(self, period: str) -> Issue | None:
        issues = self.of_period(period)
        return issues[-1] if issues else None

    def series(self, party_committee: str, symbol: str, term: str) -> list[Issue]:
        return [
            issue
            for issue in self.issues
            if (issue.party_committee, issue.symbol, issue.term) == (party_committee, symbol, term)
        ]

    def next_number(self, party_committee: str, symbol: str, term: str) -> str:
        """The next number of the series, from 01 in each term: "01", "02", … "10", … as Hướng dẫn 36 writes it."""
        numbers = [int(issue.number) for issue in self.series(party_committee, symbol, term)]
        return f"{max(numbers, default=0) + 1:02d}"

    def with_issue(self, issue: Issue) -> bytes:
        """The register's bytes with ``issue`` added at the end (the caller writes them, with the issue's files)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for each in (*self.issues, issue):
            writer.writerow(_row(each))
        return out.getvalue().encode("utf-8")


def _issue(row: dict) -> Issue:
    number = row["number"].strip()
    int(number)  # a number, or the line is refused
    partial = row["partial"].strip()
    if partial not in (YES, NO):
        raise ValueError(partial)
    return Issue(
        nfc(row["period"].strip()),
        number,
        nfc(row["symbol"].strip()),
        dt.date.fromisoformat(row["date"].strip()),
        nfc(row["party_committee"].strip()),
        nfc(row["term"].strip()),
        row["replaces"].strip(),
        partial == YES,
        row["folder"].strip(),
        (row.get("stamp") or "").strip(),
    )


def _row(issue: Issue) -> list[str]:
    return [
        issue.period,
        issue.number,
        issue.symbol,
        issue.date.isoformat(),
        issue.party_committee,
        issue.term,
        issue.replaces,
        YES if issue.partial else NO,
        issue.folder,
        issue.stamp,
    ]


def folder_name(number: str, symbol: str) -> str:
    """ "07-BT-BTGDVTU": the folder of an issue under ``issued/<PERIOD>/`` (a symbol's "/" cannot be in a name)."""
    return f"{number}-{symbol}".replace("/", "-").replace(os.sep, "-")


@dataclass(frozen=True)
class Term:
    """A term of a party committee (``organisation.toml``'s ``[[term]]``): its name and the day it began."""

    party_committee: str
    name: str  # "2025–2030"
    valid_from: dt.date


def read_terms(data: dict, file: str) -> tuple[Term, ...]:
    """The ``[[term]]`` tables of ``organisation.toml`` (already parsed), oldest first."""
    terms = []
    for number, entry in enumerate(data.get("term", []), start=1):
        where = messages.TERM_AT.format(file=file, number=number)
        committee, name, start = entry.get("party_committee"), entry.get("name"), entry.get("valid_from")
        if not isinstance(committee, str) or not isinstance(name, str) or not isinstance(start, dt.date):
            raise ReferenceDataError(messages.TERM_INVALID.format(where=where))
        terms.append(Term(nfc(committee), nfc(name), start))
    return tuple(sorted(terms, key=lambda term: term.valid_from))


def term_on(terms: tuple[Term, ...], party_committee: str, day: dt.date) -> Term | None:
    """The term of ``party_committee`` in which ``day`` falls (the last one begun by then), or None."""
    begun = [term for term in terms if term.party_committee == party_committee and term.valid_from <= day]
    return begun[-1] if begun else None


def today() -> dt.date:
    """Today in Vietnam (UTC+7, no summer time), whatever the machine's time zone: the default date of issue."""
    return dt.datetime.now(OFFICE_TIME).date()


OFFICE_TIME = dt.timezone(dt.timedelta(hours=7))

"""What the head of a document of Hướng dẫn 36-HD/VPTW says, draft or issued: one rule for the bulletins, the
printable set's cover and a correction's notice, each in its own wording file's words.

A draft is headed by the organisation of its period's end, marked "DỰ THẢO", its number left blank and its date
without day and month; an issue, by the organisation in force on its date of issue, with its number and that date;
a correction says which issue it replaces.
"""

from __future__ import annotations

from dataclasses import dataclass

from bantin import formatting
from bantin.bulletin.document import DATE_BLANK, NUMBER_BLANK
from bantin.model.periods import Period
from bantin.model.reference import Reference
from bantin.model.register import Issue
from bantin.model.site_wording import fill


@dataclass(frozen=True)
class HeadLines:
    """The lines of a head, filled in."""

    organisation: dict  # who issues the document (``Reference.organisation_for`` / ``organisation_at``)
    place_and_date: str  # "Đà Nẵng, ngày 05 tháng 01 năm 2027"; a draft's "Đà Nẵng, ngày    tháng    năm 2026"
    number: str  # "Số 07-BT/BTGDVTU", a draft's with its number blank; "" for an organisation without a symbol
    mark: str  # a draft's mark, "DỰ THẢO"; "" for an issue
    replaces: str  # a correction's "(Thay thế Bản tin số 01-BT/BTGDVTU ngày 10/07/2026)"; "" otherwise


def issuer(reference: Reference, period: Period, issue: Issue | None) -> dict:
    """The organisation in force on the date of ``issue``, or for a draft the one of ``period``'s end."""
    return reference.organisation_at(issue.date) if issue is not None else reference.organisation_for(period)


def head_lines(
    reference: Reference,
    period: Period,
    words,
    issue: Issue | None = None,
    replaced: Issue | None = None,
    year: int | None = None,
) -> HeadLines:
    """The head of ``period``'s document: a draft (``issue`` None; ``year``, its date's year, by default the period
    end's) or ``issue``, correcting ``replaced`` if given. ``words``: a wording file's ``draft``, ``draft_date``,
    ``issued_date``, ``number_line`` and ``replaces`` (only those the document needs are read)."""
    organisation = issuer(reference, period, issue)
    place = organisation["place"]
    if issue is None:
        year = year or period.end.year
        place_and_date = fill(words["draft_date"], place=place, blank=DATE_BLANK, year=str(year))
        symbol, number, mark = organisation.get("document_symbol", ""), NUMBER_BLANK, words["draft"]
    else:
        place_and_date = fill(words["issued_date"], place=place, date=formatting.date_long(issue.date))
        symbol, number, mark = issue.symbol, issue.number, ""
    number_line = fill(words["number_line"], number=number, symbol=symbol) if symbol else ""
    replaces = ""
    if replaced is not None:
        replaces = fill(words["replaces"], reference=replaced.reference, date=replaced.date_numeric)
    return HeadLines(organisation, place_and_date, number_line, mark, replaces)

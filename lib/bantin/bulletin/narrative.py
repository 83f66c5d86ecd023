"""The bulletin's words: ``data/reference/narrative.j2`` filled with the figures.

The wording file is a Jinja template of macros (headline, lead, paragraph_1, paragraph_2, …, change,
comparison, the captions and titles) and of the ``sections`` and ``words`` of the tables and charts, that an
analyst edits without touching Python; it runs in Jinja's sandbox. Here it gets the figures, the filters
that write numbers the bulletins' way and the tests for missing and zero figures; what comes back is cleaned
of the template's line breaks, one line per paragraph.
"""

from __future__ import annotations

import re
import traceback
from functools import cached_property
from pathlib import Path

import jinja2
import pandas as pd
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from bantin import formatting, messages
from bantin.bulletin.notes import Notes
from bantin.model.errors import ReferenceDataError
from bantin.model.files import while_unchanged
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference
from bantin.model.text import in_sentence, nfc

WORDING_FILE = "narrative.j2"  # in data/reference/, beside the reference data
_SPACE_BEFORE = re.compile(r"\s+([,;.:)”])")
_SPACE_AFTER = re.compile(r"([(“])\s+")


class Wording:
    """The compiled wording file; ``for_figures`` gives the macros bound to one bulletin's figures."""

    def __init__(self, path: Path):
        self.path = path
        environment = SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(path.parent),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,  # plain text: the HTML fragments escape it
            extensions=["jinja2.ext.do"],
        )
        environment.filters.update(n=_count, pct=formatting.percent, in_sentence=in_sentence)
        environment.tests.update(missing=formatting.is_missing, zero=_is_zero, positive=_is_positive)
        try:
            self.template = environment.get_template(path.name)
        except jinja2.TemplateSyntaxError as error:
            raise ReferenceDataError(
                messages.WORDING_SYNTAX.format(file=path.name, line=error.lineno, what=error.message)
            ) from None
        except jinja2.TemplateNotFound:
            raise ReferenceDataError(messages.WORDING_MISSING.format(file=path.name)) from None

    def for_figures(self, context: dict) -> Narrative:
        try:
            return Narrative(self.template.make_module(context), self)
        except Exception as error:
            raise self.located(error) from None

    @cached_property
    def plain(self) -> Narrative:
        """What needs no figures: the sections, the words, the document's title."""
        return self.for_figures({})

    def located(self, error: Exception, block: str = "") -> ReferenceDataError:
        """An error raised while the wording file ran, said at its line with what it means.

        Macros called directly (not through ``render``) keep the compiled code's line numbers in their
        frames; the template maps them back to lines of the wording file.
        """
        lines = [
            frame.lineno
            for frame in traceback.extract_tb(error.__traceback__)
            if frame.filename == self.template.filename
        ]
        if lines:
            where = messages.WORDING_AT_LINE.format(line=self.template.get_corresponding_lineno(lines[-1]))
        else:
            where = messages.WORDING_IN_BLOCK.format(block=block)
        if isinstance(error, SecurityError):
            what = messages.WORDING_FORBIDDEN
        elif isinstance(error, jinja2.UndefinedError):
            what = messages.WORDING_UNDEFINED
        else:
            what = messages.WORDING_BROKEN
        text = messages.WORDING_FAILED.format(file=self.path.name, where=where, what=what, error=str(error).rstrip("."))
        return ReferenceDataError(text)


class Narrative:
    """The wording's macros for one bulletin: each returns clean Vietnamese text."""

    def __init__(self, module, wording: Wording):
        self._module, self._wording = module, wording

    def _call(self, name: str, *args) -> str:
        try:
            return clean(str(getattr(self._module, name)(*args)))
        except Exception as error:  # anything the wording file does wrong is said at its line
            raise self._wording.located(error, name) from None

    def headline(self) -> str:
        return self._call("headline")

    def lead(self) -> str:
        return self._call("lead")

    def paragraphs(self) -> list[str]:
        """paragraph_1, paragraph_2, … as many as the wording file defines, in order; empty ones left out."""
        found, number = [], 1
        while hasattr(self._module, f"paragraph_{number}"):
            found.append(self._call(f"paragraph_{number}"))
            number += 1
        return [paragraph for paragraph in found if paragraph]

    def document_title(self, scope_name: str, period_label: str) -> str:
        return self._call("document_title", scope_name, period_label)

    def rate_caption(self, rate: float | None) -> str:
        return self._call("rate_caption", rate)

    def same_period(self, year: int) -> str:
        return self._call("same_period", year)

    def period_tick(self, period: Period) -> str:
        return self._call("period_tick", period.year, period.half)

    def change(self, current, previous, unit_word: str, reference: str = "") -> str:
        return self._call("change", _value(current), _value(previous), unit_word, reference)

    def comparison(self, year_earlier: dict, previous: dict | None) -> str:
        """The comparison paragraph; each comparison as ``compared`` gives it (``previous``: None for a year)."""
        return self._call("comparison", year_earlier, previous or {})

    def basis(self, units: int, expected: int, changed_on: str = "") -> str:
        return self._call("basis", units, expected, changed_on)

    def new_indicator(self, since: str) -> str:
        """In place of a change, against a period before the indicator existed: "chỉ tiêu mới từ …"."""
        return self._call("new_indicator", since)

    def figure_basis(self, units: int) -> str:
        return self._call("figure_basis", units)

    @property
    def sections(self) -> Entries:
        """Titles of the bulletin's sections."""
        return Entries(self._wording.path.name, "sections", getattr(self._module, "sections", {}))

    @property
    def words(self) -> Entries:
        """Words of the tables and charts."""
        return Entries(self._wording.path.name, "words", getattr(self._module, "words", {}))

    @property
    def correction(self) -> Entries:
        """Words of the "Đính chính" notice of a correction (``bulletin.correction``)."""
        return Entries(self._wording.path.name, "correction", getattr(self._module, "correction", {}))


class Entries(dict):
    """A dict of the wording file (``sections``, ``words``); an entry it lacks is said as a mistake in the file."""

    def __init__(self, file: str, name: str, entries: dict):
        super().__init__({key: nfc(str(text)) for key, text in entries.items()})
        self.file, self.name = file, name

    def __missing__(self, key: str):
        raise ReferenceDataError(messages.WORDING_ENTRY_MISSING.format(file=self.file, key=key, where=self.name))


def wording_of(reference: Reference) -> Wording:
    """The wording file beside the reference data, compiled once as long as it is unchanged."""
    return while_unchanged(Wording, reference.folder / WORDING_FILE)


def scope_name(reference: Reference, scope: str, period: Period | None = None) -> str:
    """ "Cụm đồng bằng", or for ``PROVINCE`` the whole territory's name of the organisation issuing ``period``'s
    bulletins ("Toàn tỉnh", "Toàn thành phố"; without a period, the organisation now)."""
    if scope == PROVINCE:
        return _organisation(reference, period)["province_name"]
    return reference.clusters[scope].name


def scope_in_text(reference: Reference, scope: str, period: Period | None = None) -> str:
    """How sentences name the scope: "cụm đồng bằng", "trong tỉnh"."""
    if scope == PROVINCE:
        return _organisation(reference, period)["in_province"]
    return in_sentence(reference.clusters[scope].name)


def _organisation(reference: Reference, period: Period | None) -> dict:
    return reference.organisation_for(period) if period else reference.organisation


def document_title(reference: Reference, period: Period, scope: str) -> str:
    """ "Bản tin công tác dân vận – Cụm đồng bằng – 6 tháng đầu năm 2024" (scope: a cluster or ``PROVINCE``)."""
    return wording_of(reference).plain.document_title(scope_name(reference, scope, period), period.label)


def context(
    totals: pd.Series,
    period: Period,
    scope: str,
    unit_names: list[str],
    notes: Notes,
    organisation: dict,
    is_province: bool = False,
    reported: int | None = None,
    blanks: list[dict] = (),
    kinds: list[str] = (),
    on_form: list[str] = (),
) -> dict:
    """Everything the wording file may use (see its header); ``kinds``: what the scope's units are ("xã", …)."""
    return {
        "v": figures(totals),
        "reported": len(unit_names) if reported is None else reported,
        "expected": len(unit_names),
        "blanks": list(blanks),
        "on_form": list(on_form),
        "period": period.label,
        "period_short": period.short_label,
        "scope": scope,
        "is_province": is_province,
        "unit_names": unit_names,
        "organiser": notes.organiser or organisation["issuing_body_title"],
        "reporting_units": reporting_units(organisation, kinds),
        "unit_title": organisation.get("unit_title", ""),
        "committees": organisation["committees"],
        "province_name": organisation["province_name"],
        "predecessors": organisation.get("predecessors", ""),
        "of_province": organisation["of_province"],
        "leadership": organisation["leadership"],
        "initiative": organisation["initiative"],
        "advising": organisation["advising"],
        "programme": notes.programme,
        "meeting_when": meeting_when(notes),
    }


def reporting_units(organisation: dict, kinds: list[str]) -> str:
    """How sentences name the scope's units together: the organisation's ``reporting_units``, its ``{kinds}``
    filled with the kinds of units the scope has, in the order of ``unit_kinds`` ("Đảng ủy các xã, phường": no
    "đặc khu" where the scope has none)."""
    order = list(organisation.get("unit_kinds", ()))
    present = sorted(set(kinds), key=lambda kind: (order.index(kind) if kind in order else len(order), kind))
    return organisation["reporting_units"].replace("{kinds}", ", ".join(present))


def compared(comparison, label: str, changed_on: str = "") -> dict:
    """A like-for-like comparison (``metrics.Comparison``) as the wording file's ``compared`` reads it."""
    return {
        "label": label,
        "comparable": comparison.comparable,
        "changed": comparison.changed,
        "changed_on": changed_on,
        "now": figures(comparison.now),
        "before": figures(comparison.before),
        "basis": {code: int(units) for code, units in comparison.basis.items()},
        "units": comparison.units,
        "expected": comparison.expected,
    }


def blanks(left_blank: tuple, reference: Reference, period: Period) -> list[dict]:
    """The figures left blank by units that reported (``completeness.Blank``), per indicator of ``period``'s form
    (with its label then), for ``blanks``."""
    units: dict[str, list[str]] = {}
    for blank in left_blank:
        units.setdefault(blank.indicator, []).append(blank.unit.short_name)
    return [
        {"label": indicator.short_label, "units": list(dict.fromkeys(units[code]))}
        for code, indicator in reference.indicators_in(period).items()
        if code in units
    ]


def figures(totals: pd.Series) -> dict[str, int | None]:
    """Indicator → its figure as a Python int, or None when not reported."""
    return {code: _value(value) for code, value in totals.items()}


def clean(text: str) -> str:
    """One line, single spaces, no space before punctuation or inside quotes and brackets, NFC."""
    text = " ".join(text.split())
    text = _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))
    return nfc(text)


def meeting_when(notes: Notes) -> str:
    """ "chiều 21/6" from the notes, or "" without a meeting date."""
    if not notes.meeting_date:
        return ""
    return f"{notes.meeting_time_of_day} {formatting.date_short(notes.meeting_date)}".strip()


def _value(value) -> int | None:
    return None if formatting.is_missing(value) else int(value)


def _count(value) -> str:
    if formatting.is_missing(value):
        raise ValueError(messages.WORDING_MISSING_COUNT)
    if value == 0:
        raise ValueError(messages.WORDING_ZERO_COUNT)
    return formatting.count(value)


def _is_zero(value) -> bool:
    return not formatting.is_missing(value) and value == 0


def _is_positive(value) -> bool:
    return not formatting.is_missing(value) and value > 0

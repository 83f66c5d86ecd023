"""The bulletin's sentences: the wording of ``data/reference/narrative.yaml`` filled with figures."""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from . import formatting
from .errors import ReferenceDataError
from .notes import Notes
from .periods import Period
from .reference import Reference


@dataclass(frozen=True)
class Wording:
    """The templates of ``narrative.yaml``."""

    templates: dict
    source: Path

    @classmethod
    def load(cls, path: Path) -> Wording:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        return cls(yaml.safe_load(text), path)

    def fill(self, key: str, fields: dict[str, str], template: str | None = None) -> str:
        """The template at ``key`` (dotted, e.g. ``lead.meeting``) with its fields filled in."""
        if template is None:
            template = self.templates
            for part in key.split("."):
                template = template[part]
        try:
            return string.Formatter().vformat(template, (), fields)
        except KeyError as error:
            raise ReferenceDataError(
                f"{self.source.name}, mục {key}: không có trường {{{error.args[0]}}}; "
                f"các trường có thể dùng: {', '.join(sorted(fields))}."
            ) from None


def fields(
    totals: pd.Series, reference: Reference, period: Period, cluster: str, notes: Notes, wording: Wording
) -> dict[str, str]:
    """Every field a sentence may use, as text."""
    name = reference.clusters[cluster].name
    values = {
        code: wording.templates["missing"] if formatting.is_missing(value) else formatting.count(value)
        for code, value in totals.items()
    }
    values.update(
        period=period.label,
        period_short=period.short_label,
        year=str(period.year),
        cluster=name[:1].lower() + name[1:],
        organiser=notes.organiser or reference.organisation.get("issuing_body_title", ""),
        programme=notes.programme,
        meeting_when=_meeting_when(notes),
    )
    return values


def headline(wording: Wording, values: dict[str, str]) -> str:
    return wording.fill("headline", values)


def lead(wording: Wording, values: dict[str, str], notes: Notes) -> str:
    return wording.fill("lead.meeting" if notes.meeting_date and notes.programme else "lead.no_meeting", values)


def paragraphs(wording: Wording, values: dict[str, str]) -> list[str]:
    return [wording.fill(f"paragraphs[{i}]", values, text) for i, text in enumerate(wording.templates["paragraphs"])]


def describe_change(wording: Wording, row: pd.Series, unit_word: str) -> str:
    """"tăng 12 văn bản (+10,3%)", "giảm 03 hội nghị (-20,0%)", "không thay đổi", …"""
    if pd.isna(row["difference"]):
        return wording.fill("change.unknown", {})
    difference = int(row["difference"])
    if difference == 0:
        return wording.fill("change.same", {})
    values = {
        "difference": formatting.count(abs(difference)),
        "unit": unit_word,
        "percent": "" if pd.isna(row["percent"]) else ("+" if difference > 0 else "-") + formatting.percent(abs(row["percent"])),
    }
    if difference > 0:
        return wording.fill("change.increase" if values["percent"] else "change.increase_from_zero", values)
    return wording.fill("change.decrease", values)


def _meeting_when(notes: Notes) -> str:
    if not notes.meeting_date:
        return ""
    day = formatting.date_short(notes.meeting_date)
    return f"{notes.meeting_time_of_day} {day}".strip()

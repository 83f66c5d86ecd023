"""What a reader hands to the intake: the figures of a file as found there, before any check.

Readers (``read_csv`` in ``intake``, ``workbook.read_workbook``) locate every value precisely and
otherwise judge nothing: normalizing, matching names and validating are the intake's job, done once
for a whole period.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RawRow:
    period: str  # as written in the file: "2024H1", "2024S1", …
    unit: str  # as written: a unit code, or a unit's name ("Huyện ủy Hòa Xuyên", "Hoà Xuyên")
    indicator: str  # as written: an indicator code
    value: Any  # as found: text typed in a CSV or a cell, a number, a date, a bool, or None for blank
    file: str  # path relative to the project, e.g. "data/raw/2024H1/an-khanh.xlsx"
    sha256: str  # of the whole file
    location: str  # "dòng 5" (a CSV line) or "Số liệu!D12" (a cell)
    submitted: str = ""  # the date the unit wrote on its report (ISO), where the file has one

"""Numbers and dates written the Vietnamese way: the one place where figures become text.

Babel's ``vi`` locale gives the separators (4.819; 57,7); on top of it, the bulletins' display rule
writes counts from 1 to 9 with a leading zero ("06 hội nghị"), as the reference bulletin does.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from numbers import Real

from babel.numbers import format_decimal

LOCALE = "vi"
MISSING = "–"  # what a table shows for a figure that was not reported


def is_missing(value) -> bool:
    return value is None or (isinstance(value, Real) and math.isnan(value)) or str(value) == "<NA>"


def count(value, *, pad: bool = True) -> str:
    """A count as the bulletins write it: 4819 → "4.819", 6 → "06" (``pad=False``: "6"), 0 → "0"."""
    if is_missing(value):
        return MISSING
    number = int(value)
    if number != value:
        raise ValueError(f"not a whole count: {value!r}")
    return _count(number, pad)


@lru_cache(maxsize=4096)
def _count(number: int, pad: bool) -> str:
    """Babel's figures, each worked out once per process: a bulletin writes thousands (its tables, its charts' axes
    at every drawing), the same few hundred again and again."""
    text = format_decimal(number, locale=LOCALE)
    return f"0{text}" if pad and 1 <= number <= 9 else text


def decimal(value, digits: int = 1) -> str:
    """A measured quantity: 57.7 → "57,7"; 1234.5 → "1.234,5"."""
    if is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(value, digits: int = 1) -> str:
    """A percentage given in percent units: 57.7 → "57,7%"."""
    return MISSING if is_missing(value) else f"{decimal(value, digits)}%"


def date_long(day: dt.date) -> str:
    """The date line of Hướng dẫn 36-HD/VPTW: "ngày 05 tháng 02 năm 2024", "ngày 21 tháng 6 năm 2024".

    Days under 10 and the months January and February take a leading zero.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_short(day: dt.date) -> str:
    """The short date of a news text: "21/6"."""
    return f"{day.day}/{day.month}"


def date_numeric(day: dt.date) -> str:
    """A date in a table: "12/06/2026"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"

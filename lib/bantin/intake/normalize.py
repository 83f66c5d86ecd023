"""Text and numbers as people type them, brought to one form before anything is checked.

- Unicode NFC everywhere; names compared by a key that ignores case, spacing and where the tone mark
  sits ("Hoà"/"Hòa", "Thuỷ"/"Thủy" are the same name).
- Counts typed as text: "4819", "4.819", "4 819", " 12 " → a number; blank → missing, never zero.
- Legacy Vietnamese encodings (TCVN3/ABC, VNI) recognized by name (``model.text.legacy_encoding``, which the
  reference data's check uses too), so the analyst is told what to do.

A period's million cells hold a few thousand distinct texts: columns are brought to one form one distinct
value at a time (``distinct``, ``parse_counts``), never cell by cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import numpy as np
import pandas as pd

from bantin.model.errors import BantinError
from bantin.model.periods import Period
from bantin.model.reference import Reference
from bantin.model.text import TONE_MARKS, nfc

_THOUSANDS = re.compile(r"\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+")
_SEPARATORS = re.compile(r"[.\s\u00a0\u202f]")
_WORD = re.compile(r"\w+", re.UNICODE)
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d+[.,]\d+")


def canonical(table: pd.DataFrame, reference: Reference, period: Period) -> pd.DataFrame:
    """The raw rows' table (``files.RAW_COLUMNS``) with period, unit, indicator and figure brought to canonical
    form, each distinct text once."""
    frame = table.copy(deep=False)  # new columns, the table's own left as they are
    units = _lookup(reference)
    indicators = {name_key(code): code for code in reference.indicators}
    indicators |= {name_key(span.label): span.code for span in reference.indicator_spans}  # every label ever used
    for column, canonical in (
        ("period", _canonical_period),
        ("unit", lambda text: units.get(name_key(text), text)),
        ("indicator", lambda text: indicators.get(name_key(text), text)),
    ):
        codes, uniques = distinct(frame[f"raw_{column}"])
        texts = [nfc("" if value is None else str(value)).strip() for value in uniques]  # a number, or nothing
        frame[f"raw_{column}"] = np.array(texts, dtype=object)[codes]
        frame[column] = np.array([canonical(text) for text in texts], dtype=object)[codes]
    frame["number"], frame["blank"] = parse_counts(frame["raw_value"])
    return frame


def name_key(text: str) -> str:
    """A key equal for the same name however its tone marks, case and spacing were typed.

    Each syllable's tone mark is moved to the end of the syllable, the other diacritics (â, ă, ê, ô,
    ơ, ư, đ) stay, so "Hoà Xuyên" and "hòa  xuyên" share a key but "Hóa" and "Hòa" do not.
    """

    def syllable(match: re.Match) -> str:
        letters = unicodedata.normalize("NFD", match.group().casefold())
        tones = "".join(sorted(ch for ch in letters if ch in TONE_MARKS))
        return "".join(ch for ch in letters if ch not in TONE_MARKS) + tones

    text = str(text)
    if text.isascii():  # no tone mark to move (a code, or a name typed without accents): the words in lower case
        return " ".join(_WORD.findall(text.lower()))
    return " ".join(syllable(match) for match in _WORD.finditer(nfc(text)))


def parse_count(value) -> tuple[float, bool]:
    """A figure as found in a file → (number, blank). The number is NaN when blank or not a number.

    Text may carry thousands separators ("4.819", "4 819") and surrounding spaces. Whole-number
    floats from spreadsheets are numbers; dates and booleans are not counts. Range and wholeness
    are checked by the validation schema, not here.
    """
    if value is None:
        return math.nan, True
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        return math.nan, False
    if isinstance(value, (int, float)):
        return _float(value), False
    text = nfc(str(value)).strip()
    if not text:
        return math.nan, True
    if _THOUSANDS.fullmatch(text):
        text = _SEPARATORS.sub("", text)
    if _INTEGER.fullmatch(text):
        return _float(int(text)), False
    if _DECIMAL.fullmatch(text):  # "2,5" or "2.5": a number, but not a count
        return float(text.replace(",", ".")), False
    return math.nan, False


def parse_counts(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``parse_count`` of every value of a column, each distinct value parsed once: (numbers, blanks)."""
    codes, uniques = distinct(values)
    parsed = [parse_count(value) for value in uniques]
    numbers = np.array([number for number, _ in parsed], dtype="float64")
    blanks = np.array([blank for _, blank in parsed], dtype="bool")
    return numbers[codes], blanks[codes]


def distinct(values: pd.Series) -> tuple[np.ndarray, list]:
    """The distinct values of a column and, for each cell, the position of its value among them.

    Equal texts share their position. Any other value (a number, a date, a bool or a blank cell of a workbook)
    has a position of its own: 1, 1.0 and True are equal to Python, not to whoever typed them.
    """
    array = np.asarray(values, dtype=object)
    if pd.api.types.infer_dtype(array, skipna=False) == "string":
        codes, uniques = pd.factorize(array)
        return codes, list(uniques)
    text = np.fromiter((type(value) is str for value in array), dtype=bool, count=len(array))
    codes = np.empty(len(array), dtype=np.intp)
    codes[text], uniques = pd.factorize(array[text])
    others = np.flatnonzero(~text)
    codes[others] = np.arange(len(uniques), len(uniques) + len(others))
    return codes, [*uniques, *array[others]]


def _lookup(reference: Reference) -> dict[str, str]:
    """Name keys of every unit's code, full name and short name → unit code."""
    keys = {}
    for unit in reference.memberships:
        for text in (unit.code, unit.name, unit.short_name):
            keys.setdefault(name_key(text), unit.code)
    return keys


def _canonical_period(text) -> str:
    try:
        return str(Period.parse(str(text)))
    except BantinError:
        return str(text)


def shown(value) -> str:
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


def _float(number: int | float) -> float:
    """A number as a float; one too large for a float is infinite (the schema refuses it as too large)."""
    try:
        return float(number)
    except OverflowError:
        return math.inf if number > 0 else -math.inf

"""Text and numbers as people type them, brought to one form before anything is checked.

- Unicode NFC everywhere; names compared by a key that ignores case, spacing and where the tone mark
  sits ("Hoà"/"Hòa", "Thuỷ"/"Thủy" are the same name).
- Counts typed as text: "4819", "4.819", "4 819", " 12 " → a number; blank → missing, never zero.
- Legacy Vietnamese encodings (TCVN3/ABC, VNI) recognized by name, so the analyst is told what to do.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from bantin.core.text import nfc

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_THOUSANDS = re.compile(r"\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+")
_SEPARATORS = re.compile(r"[.\s\u00a0\u202f]")
_WORD = re.compile(r"\w+", re.UNICODE)

# Characters that Vietnamese text in the legacy encodings turns into when read as Windows-1252.
_TCVN3_MARKS = set("¸µ¶·¹®©ª«¬¨§¼½¾ÆÇÌÎÏÑÒÓÔÕÖ×ØÜÝÞßãäåæçèéëìíîïóôõöøùúûüýþ")
_VNI_PAIR = re.compile(r"[aeiouyAEIOUY][øùûõïâêôöñ]|[ÑñÖöÔô](?![a-z])")


def name_key(text: str) -> str:
    """A key equal for the same name however its tone marks, case and spacing were typed.

    Each syllable's tone mark is moved to the end of the syllable, the other diacritics (â, ă, ê, ô,
    ơ, ư, đ) stay, so "Hoà Xuyên" and "hòa  xuyên" share a key but "Hóa" and "Hòa" do not.
    """

    def syllable(match: re.Match) -> str:
        letters = unicodedata.normalize("NFD", match.group().casefold())
        tones = "".join(sorted(ch for ch in letters if ch in TONE_MARKS))
        return "".join(ch for ch in letters if ch not in TONE_MARKS) + tones

    return " ".join(syllable(match) for match in _WORD.finditer(nfc(str(text))))


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
    if re.fullmatch(r"[+-]?\d+", text):
        return _float(int(text)), False
    if re.fullmatch(r"[+-]?\d+[.,]\d+", text):  # "2,5" or "2.5": a number, but not a count
        return float(text.replace(",", ".")), False
    return math.nan, False


def _float(number: int | float) -> float:
    """A number as a float; one too large for a float is infinite (the schema refuses it as too large)."""
    try:
        return float(number)
    except OverflowError:
        return math.inf if number > 0 else -math.inf


def legacy_encoding(data: bytes) -> str | None:
    """ "TCVN3 (ABC)", "VNI" or "Windows-1258" when bytes that are not UTF-8 look like Vietnamese in one."""
    text = data.decode("cp1252", errors="replace")
    # VNI writes a vowel then its marks ("aù"); TCVN3 replaces the vowel itself ("Kh¸nh").
    vni = len(_VNI_PAIR.findall(text))
    tcvn3 = sum(ch in _TCVN3_MARKS and (i == 0 or text[i - 1].lower() not in "aeiouy") for i, ch in enumerate(text))
    if tcvn3 >= 2 and tcvn3 >= vni:
        return "TCVN3 (ABC)"
    if vni >= 2:
        return "VNI"
    if any(mark in data.decode("cp1258", errors="replace") for mark in TONE_MARKS):
        return "Windows-1258"
    return None

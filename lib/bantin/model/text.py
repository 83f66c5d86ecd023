"""Text as the project keeps it: Unicode NFC, whatever form a file or a keyboard gave it; what is not text in it;
and the legacy Vietnamese encoding a file that is not UTF-8 was saved in (submissions and reference data alike)."""

from __future__ import annotations

import re
import unicodedata

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
# Characters that Vietnamese text in the legacy encodings turns into when read as Windows-1252.
_TCVN3_MARKS = set("¸µ¶·¹®©ª«¬¨§¼½¾ÆÇÌÎÏÑÒÓÔÕÖ×ØÜÝÞßãäåæçèéëìíîïóôõöøùúûüýþ")
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_VNI_PAIR = re.compile(r"[aeiouyAEIOUY][øùûõïâêôöñ]|[ÑñÖöÔô](?![a-z])")


def in_sentence(name: str) -> str:
    """A name as a sentence says it after other words: its first letter lowered, the rest as written ("Cụm đồng
    bằng phía Nam" → "cụm đồng bằng phía Nam", never "phía nam")."""
    return name[:1].lower() + name[1:]


def two_lines(text: str, tail: int = 2) -> tuple[str, ...]:
    """``text`` on two lines, its last ``tail`` syllables on the second, for a label that may take two lines but
    never three. Most Vietnamese words are of two syllables and a name ends with its qualifier: ("Cụm đồng bằng",
    "phía Nam"), ("6 tháng đầu", "năm 2026"), ("7/8", "đơn vị"); a period under a chart ends with its year:
    ``tail=1``, ("6 tháng đầu", "2024"). A text of ``tail`` syllables or fewer stays whole."""
    words = text.split(" ")
    if len(words) <= tail:
        return (text,)
    return " ".join(words[:-tail]), " ".join(words[-tail:])


def nfc(text: str) -> str:
    """``text`` in Unicode NFC: "ệ" as one code point however it was typed (Unikey, macOS, a copied PDF)."""
    return unicodedata.normalize("NFC", text)


# Allowed beyond printable text: tab, line feed, carriage return. Refused: the other C0 and C1 controls (an
# XML writer, openpyxl and python-docx refuse them, a terminal obeys ESC), surrogates (no UTF-8 can hold them),
# non-characters, and the bidirectional overrides and isolates that reorder what a reader sees (Trojan Source).
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unreadable(text: str) -> list[tuple[int, int, str]]:
    """Where ``text`` holds a character that is not text: (line, column, "U+001B"), lines and columns from 1.

    Every reader-facing input (reference data, notes, submissions' names) is checked with this before any
    writer sees it: the finding names the line, the column and the code point, which an editor can find.
    """
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for column, char in enumerate(line, start=1):
            if _unreadable(char):
                found.append((number, column, f"U+{ord(char):04X}"))
    return found


def _unreadable(char: str) -> bool:
    if char in _ALLOWED_CONTROLS:
        return False
    code = ord(char)
    category = unicodedata.category(char)
    noncharacter = 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
    return category in ("Cc", "Cs") or noncharacter or char in _BIDI_CONTROLS


def legacy_encoding(data: bytes) -> str | None:
    """ "TCVN3 (ABC)", "VNI" or "Windows-1258" when bytes that are not UTF-8 look like Vietnamese in one."""
    # Windows-1258 writes each tone as a combining mark after its vowel ("u\u0309"): when every mark read so sits
    # after a vowel, it is that, whatever a whole file's "ơ", "ư", "ă" (TCVN3's letters in Windows-1252) suggest.
    as_1258 = data.decode("cp1258", errors="replace")
    marks = [i for i, ch in enumerate(as_1258) if ch in TONE_MARKS]
    if marks and all(i > 0 and as_1258[i - 1] in _VOWELS for i in marks):
        return "Windows-1258"
    text = data.decode("cp1252", errors="replace")
    # VNI writes a vowel then its marks ("aù"); TCVN3 replaces the vowel itself ("Kh¸nh").
    vni = len(_VNI_PAIR.findall(text))
    tcvn3 = sum(ch in _TCVN3_MARKS and (i == 0 or text[i - 1].lower() not in "aeiouy") for i, ch in enumerate(text))
    if tcvn3 >= 2 and tcvn3 >= vni:
        return "TCVN3 (ABC)"
    if vni >= 2:
        return "VNI"
    if marks:
        return "Windows-1258"
    return None

"""Text as the project keeps it: Unicode NFC, whatever form a file or a keyboard gave it."""

from __future__ import annotations

import unicodedata


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

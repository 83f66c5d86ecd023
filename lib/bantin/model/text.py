"""Text as the project keeps it: Unicode NFC, whatever form a file or a keyboard gave it."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """``text`` in Unicode NFC: "ệ" as one code point however it was typed (Unikey, macOS, a copied PDF)."""
    return unicodedata.normalize("NFC", text)

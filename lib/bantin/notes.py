"""The analyst's notes for a meeting: ``data/notes/<PERIOD>/<cluster>.md``.

YAML front matter (``meeting_date``, ``meeting_time_of_day``, ``organiser``, ``programme``) and a
Markdown body with the discussion and proposals, printed as written.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BantinError


@dataclass(frozen=True)
class Notes:
    meeting_date: dt.date | None = None
    meeting_time_of_day: str = ""  # "sáng", "chiều"
    organiser: str = ""
    programme: str = ""
    body: str = ""  # Markdown


def read_notes(path: Path) -> Notes:
    """The notes in ``path``, or empty notes when the analyst has written none."""
    if not path.is_file():
        return Notes()
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig"))
    meta: dict = {}
    if text.startswith("---"):
        _, front, text = (text.split("---", 2) + ["", ""])[:3]
        try:
            meta = yaml.safe_load(front) or {}
        except yaml.YAMLError as error:
            raise BantinError(f"{path}: phần đầu (giữa hai dòng ---) không đúng cú pháp YAML: {error}") from None
    date = meta.get("meeting_date")
    if date is not None and not isinstance(date, dt.date):
        raise BantinError(f"{path}: meeting_date phải có dạng YYYY-MM-DD, tệp ghi {date!r}.")
    return Notes(
        meeting_date=date,
        meeting_time_of_day=str(meta.get("meeting_time_of_day", "")),
        organiser=str(meta.get("organiser", "")),
        programme=str(meta.get("programme", "")),
        body=text.strip(),
    )

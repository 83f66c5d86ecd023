"""The analyst's notes for a meeting: ``data/notes/<PERIOD>/<cluster>.md``.

YAML front matter (``meeting_date``, ``meeting_time_of_day``, ``organiser``, ``programme``) and a
Markdown body with the discussion and proposals, printed as written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from bantin import messages
from bantin.model.errors import BantinError
from bantin.model.text import nfc


@dataclass(frozen=True)
class Notes:
    meeting_date: dt.date | None = None
    meeting_time_of_day: str = ""  # "sáng", "chiều"
    organiser: str = ""
    programme: str = ""
    body: str = ""  # Markdown


def read_notes(path: Path, name: str = "") -> Notes:
    """The notes in ``path``, or empty notes when the analyst has written none.

    ``name``: how messages name the file (relative to the project), by default its path.
    """
    name = name or str(path)
    if not path.is_file():
        return Notes()
    try:
        text = nfc(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise BantinError(messages.NOTES_NOT_UTF8.format(file=name)) from None
    meta: dict = {}
    if text.startswith("---"):
        _, front, text = (text.split("---", 2) + ["", ""])[:3]
        try:
            meta = yaml.safe_load(front) or {}
        except yaml.YAMLError as error:
            raise BantinError(_yaml_problem(name, error)) from None
        if not isinstance(meta, dict):
            raise BantinError(messages.NOTES_FRONT_NOT_KEYS.format(file=name))
    date = meta.get("meeting_date")
    if date is not None and not isinstance(date, dt.date):
        raise BantinError(messages.NOTES_MEETING_DATE_INVALID.format(file=name, date=date))
    return Notes(
        meeting_date=date,
        meeting_time_of_day=str(meta.get("meeting_time_of_day", "")),
        organiser=str(meta.get("organiser", "")),
        programme=str(meta.get("programme", "")),
        body=text.strip(),
    )


def _yaml_problem(name: str, error: yaml.YAMLError) -> str:
    """ "data/notes/…/cum-1.md, dòng 3: … (expected ',' or ']', but got ':'; bắt đầu từ dòng 2)": where the parser
    stopped, and where what it was reading began. The front matter starts on the file's first line, as YAML counts
    from 0."""
    problem, context = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    where = messages.NOTES_FRONT_STOPPED_AT.format(line=problem.line + 1) if problem else ""
    began = ""
    if context and problem and context.line != problem.line:
        began = messages.NOTES_FRONT_BEGAN_AT.format(line=context.line + 1)
    what = getattr(error, "problem", None) or error
    return messages.NOTES_FRONT_NOT_YAML.format(file=name, where=where, what=what, began=began)

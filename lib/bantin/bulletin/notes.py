"""The analyst's notes for a meeting: ``data/notes/<PERIOD>/<cluster>.md``.

YAML front matter (``meeting_date``, ``meeting_time_of_day``, ``organiser``, ``programme``) and a
Markdown body with the discussion and proposals, printed as written.

The notes are text and nothing else: bytes that are not UTF-8, a character that is not text (a control, a
surrogate, a bidirectional override: ``model.text.unreadable``), typed or written as a YAML escape, and a date the
calendar lacks are refused with the file and line (and column) before
any writer sees them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from bantin import messages
from bantin.model.errors import BantinError
from bantin.model.text import nfc, unreadable


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
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BantinError(messages.NOTES_NOT_UTF8.format(file=name, line=line)) from None
    _refuse_unreadable(text, name)
    text = nfc(text)
    meta: dict = {}
    if text.startswith("---"):
        _, front, text = (text.split("---", 2) + ["", ""])[:3]
        meta = _front_matter(front, name)
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


def _refuse_unreadable(text: str, name: str) -> None:
    """A ``BantinError`` at the first character of ``text`` that is not text. (A character reference, "&#27;",
    stays text: the notes' Markdown shows it as written.)"""
    found = unreadable(text)
    if found:
        line, column, code = found[0]
        more = messages.NOTES_UNREADABLE_MORE.format(count=len(found) - 1) if len(found) > 1 else ""
        raise BantinError(messages.NOTES_UNREADABLE.format(file=name, line=line, column=column, code=code, more=more))


def _front_matter(front: str, name: str) -> dict:
    """The front matter's keys and values, each value built on its own so that a bad one is named by its line: a
    date the calendar lacks (2024-02-30), a text whose YAML escapes ("\\x1b", "\\ud800") give what is not text.
    The front matter starts on the file's first line, as YAML counts from 0."""
    try:
        root = yaml.compose(front, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise BantinError(_yaml_problem(name, error)) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise BantinError(messages.NOTES_FRONT_NOT_KEYS.format(file=name))
    builder = yaml.SafeLoader("")
    meta = {}
    for key_node, value_node in root.value:
        line = value_node.start_mark.line + 1
        try:
            key = builder.construct_object(key_node, deep=True)
            value = builder.construct_object(value_node, deep=True)
            meta[key] = value
        except TypeError:  # a key that is a list or a mapping
            raise BantinError(messages.NOTES_FRONT_NOT_KEYS.format(file=name)) from None
        except (ValueError, yaml.YAMLError) as error:  # ValueError: "day is out of range for month"
            what = getattr(error, "problem", None) or error
            problem = messages.NOTES_FRONT_VALUE_INVALID.format(
                file=name, line=line, key=key_node.value, value=value_node.value, what=what
            )
            raise BantinError(problem) from None
        for text in _texts(value):
            if unreadable(text):
                code = unreadable(text)[0][2]
                problem = messages.NOTES_FRONT_UNREADABLE.format(file=name, line=line, key=key_node.value, code=code)
                raise BantinError(problem)
    return meta


def _texts(value) -> list[str]:
    """The strings a YAML value holds, at any depth."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for pair in value.items() for item in pair for text in _texts(item)]
    if isinstance(value, list | tuple | set):
        return [text for item in value for text in _texts(item)]
    return []


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

"""The site's words: ``data/reference/site.toml``, beside the bulletins' ``narrative.j2``.

The index of ``outputs/``, the validation report, the printable set's cover, the data files and the line that
says who reported (the terminal's, the index's and the bulletins') take every word from it. Its entries are
plain strings grouped in tables (``[index]``, ``[validation]``, …); ``{name}`` in an entry is replaced by a
figure or a name (``fill``), the figures written by ``formatting`` wherever Babel is loaded. Why TOML and not
Jinja like ``narrative.j2``: docs/decisions/0007-site-wording.md.

Standard library only: a run with nothing to do prints the line of who reported without loading anything
heavy.
"""

from __future__ import annotations

import re
from pathlib import Path

from bantin import messages
from bantin.model.errors import ReferenceDataError
from bantin.model.files import while_unchanged
from bantin.model.text import nfc

SITE_FILE = "site.toml"  # in data/reference/, beside narrative.j2
_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)$")


class Words(dict):
    """One table of the file (or the file's top level): an entry it lacks is said as a mistake in the file."""

    def __init__(self, file: str, table: str, entries: dict):
        super().__init__(entries)
        self._file, self._table = file, table  # not entries' names: a template reads words.validation.file

    def __missing__(self, key: str):
        where = messages.SITE_WORDING_TABLE.format(table=self._table) if self._table else messages.SITE_WORDING_TOP
        raise ReferenceDataError(messages.WORDING_ENTRY_MISSING.format(file=self._file, key=key, where=where))


class SiteWording(Words):
    """The read file: its top-level entries, and each table as ``Words`` (a template reads ``words.index.title``:
    no entry may be named like a method of ``dict``, such as ``items`` or ``values``)."""

    def __init__(self, path: Path):
        self._path = path
        super().__init__(path.name, "", _entries(path.name, "", _read(path)))


def reported(words: SiteWording, received: str, expected: str) -> str:
    """ "7/8 đơn vị đã gửi báo cáo" (``received``, ``expected``: the figures as written): the one home of who
    reported, for the bulletins, the index, the cover and the terminal."""
    return fill(words["reported"], received=received, expected=expected)


def scope_line(words: SiteWording, name: str, received: str, expected: str, blanks: str | None) -> str:
    """ "Cụm đồng bằng: 2/8 đơn vị đã gửi báo cáo, 3 số liệu để trống" (``blanks``: None when none was left)."""
    said = reported(words, received, expected)
    if blanks is None:
        return fill(words["scope_reported"], scope=name, reported=said)
    return fill(words["scope_reported_with_blanks"], scope=name, reported=said, blanks=blanks)


def fill(text: str, **values: str) -> str:
    """``text`` with each ``{name}`` replaced by ``values[name]`` (text already: figures are written by
    ``formatting``); other braces are left as they are."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def of(folder: Path) -> SiteWording:
    """The site's wording file of the reference data in ``folder``, read once as long as it is unchanged."""
    return while_unchanged(SiteWording, folder / SITE_FILE)


def _read(path: Path) -> dict:
    import tomllib  # the standard library's, read only when words are needed

    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ReferenceDataError(messages.WORDING_MISSING.format(file=path.name)) from None
    except UnicodeDecodeError:
        raise ReferenceDataError(messages.SITE_WORDING_NOT_UTF8.format(file=path.name)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = _AT_LINE.search(message)
        where = messages.SITE_WORDING_AT_LINE.format(line=line.group(1)) if line else ""
        what = _AT_LINE.sub("", message)
        raise ReferenceDataError(messages.SITE_WORDING_SYNTAX.format(file=path.name, where=where, what=what)) from None


def _entries(file: str, table: str, data: dict) -> dict:
    """The entries of one table, NFC; a table within it as ``Words``; anything but text said as a mistake."""
    entries = {}
    for key, value in data.items():
        name = f"{table}.{key}" if table else key
        if isinstance(value, dict):
            entries[key] = Words(file, name, _entries(file, name, value))
        elif isinstance(value, str):
            entries[key] = nfc(value)
        else:
            raise ReferenceDataError(messages.SITE_WORDING_NOT_TEXT.format(file=file, entry=name))
    return entries

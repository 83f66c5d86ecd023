"""Who issues the bulletins, by date: ``data/reference/organisation.toml``.

Each ``[[organisation]]`` table is one issuing body with its dates (``valid_from``, ``valid_to``); the keys
written above the tables hold for all of them. A file without ``[[organisation]]`` is one organisation, in
force at every date. A bulletin is headed by the organisation in force at the end of its period.

Beside its words (strings: ``KEYS`` and the optional ``document_symbol``), an organisation may say whom the bulletin
is sent to, ``recipients`` (a list of strings), and who signs it, ``[organisation.signer]`` (``title``, its lines
split by "\n", and ``name``, either may be empty): ``read`` gives them as ``recipients`` (a tuple, empty when not
set) and ``signer`` (``{"title": …, "name": …}``, or None).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bantin import messages
from bantin.model.errors import ReferenceDataError
from bantin.model.text import nfc

KEYS = (  # what each organisation must say (see the file's header)
    "party_committee",
    "issuing_body",
    "issuing_body_title",
    "place",
    "party_heading",
    "bulletin_title",
    "reporting_units",
    "committees",
    "province_name",
    "in_province",
    "of_province",
    "leadership",
    "initiative",
    "advising",
)
LISTS = ("unit_kinds",)  # keys whose value is a list of words
OPTIONAL = ("document_symbol",)  # the number line's symbol ("BT/BTGDVTU"): no number line without it
RECIPIENTS, SIGNER, SIGNER_KEYS = "recipients", "signer", ("title", "name")


def read(path: Path) -> tuple[dict, ...]:
    """Every organisation of the file, oldest first, each a dict of its words and its two dates."""
    import tomllib  # read when a bulletin needs the words: not by the argument check, nor a run with nothing to do

    try:
        with open(path, "rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        raise ReferenceDataError(messages.REFERENCE_FILE_MISSING.format(path=path)) from None
    except tomllib.TOMLDecodeError as error:
        raise ReferenceDataError(messages.ORGANISATION_SYNTAX.format(file=path.name, error=error)) from None
    common = {key: nfc(value) for key, value in data.items() if isinstance(value, str)}
    found = []
    for number, entry in enumerate(data.get("organisation", [{}]), start=1):
        where = messages.ORGANISATION_AT.format(file=path.name, number=number)
        dates = {key: entry.get(key) for key in ("valid_from", "valid_to")}
        for key, value in dates.items():
            if value is not None and not isinstance(value, dt.date):
                raise ReferenceDataError(messages.ORGANISATION_DATE_INVALID.format(where=where, key=key))
        words = common | {key: nfc(value) for key, value in entry.items() if isinstance(value, str)}
        for key in LISTS:
            value = entry.get(key, data.get(key, []))
            if not isinstance(value, list) or not all(isinstance(each, str) for each in value):
                raise ReferenceDataError(messages.ORGANISATION_LIST_INVALID.format(where=where, key=key))
            words[key] = tuple(nfc(each) for each in value)
        missing = [key for key in KEYS if not words.get(key)]
        if missing:
            raise ReferenceDataError(messages.ORGANISATION_KEYS_MISSING.format(where=where, keys=", ".join(missing)))
        closing = {RECIPIENTS: recipients(entry.get(RECIPIENTS, data.get(RECIPIENTS))), SIGNER: signer(entry, data)}
        found.append(
            words | closing | {"valid_from": dates["valid_from"] or dt.date.min, "valid_to": dates["valid_to"]}
        )
    return tuple(sorted(found, key=lambda entry: entry["valid_from"]))


def terms(path: Path):
    """The terms of the party committees (``[[term]]`` tables: ``party_committee``, ``name``, ``valid_from``), oldest
    first: an issue is numbered in the series of its committee's term on its date (``model.register``)."""
    import tomllib

    from bantin.model.register import read_terms

    with open(path, "rb") as file:
        return read_terms(tomllib.load(file), path.name)


def recipients(value) -> tuple[str, ...]:
    """The "Nơi nhận" entries, in NFC (the reference check has refused what is not a list of strings)."""
    return tuple(nfc(item) for item in value if isinstance(item, str)) if isinstance(value, list) else ()


def signer(entry: dict, common: dict) -> dict | None:
    """The signer block, ``{"title": …, "name": …}`` in NFC, or None when the organisation has none."""
    table = entry.get(SIGNER, common.get(SIGNER))
    if not isinstance(table, dict):
        return None
    return {key: nfc(table[key]) if isinstance(table.get(key), str) else "" for key in SIGNER_KEYS}


def in_force(organisations: tuple[dict, ...], day: dt.date) -> dict:
    """The organisation in force on ``day``; before the first one's date, the first."""
    current = organisations[0]
    for entry in organisations:
        if entry["valid_from"] <= day and (entry["valid_to"] is None or day <= entry["valid_to"]):
            current = entry
    return current

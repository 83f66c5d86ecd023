"""A bulletin's blocks as typed values: what a block says, apart from how a page or a Word file shows it.

A notebook displays each block (``Block``) twice: as the HTML fragment of ``templates/`` (the page, the PDF) and
as ``MIMETYPE``, a plain JSON value the Word writer (``render.word``) builds from; the HTML is never read back.

The JSON (version ``VERSION``) is ``{"version": 1, "kind": <the block>, "content": [<element>, …]}``, with
``"new_page": true`` when the block starts a page. ``kind`` names the block (``KINDS``); ``content`` is made of
elements, each a dict with its ``kind``:

- ``paragraph``: ``style`` (``PARAGRAPH_STYLES``; ``body``: as its container, a quotation or a list, says) and
  ``runs``;
- ``heading``: ``style`` (``HEADING_STYLES``) and ``runs``;
- ``head``: the official head, ``party_committee``, ``issuing_body``, ``party_heading``, ``place_and_date``,
  ``number`` (the number line under the issuing body: a draft's "Số      -BT/BTGDVTU", an issue's "Số
  07-BT/BTGDVTU"; absent or empty: none) and ``mark`` (a draft's "DỰ THẢO", printed in a frame under the number
  line; absent or empty: none, as in an issued bulletin);
- ``closing``: the end of the bulletin, ``recipients_heading`` ("Nơi nhận:") and ``recipients`` (its entries, each
  printed after "- "; empty: no "Nơi nhận" block), ``signer_title`` (its lines) and ``signer_name`` (empty: no name
  line); ``signer_title`` empty: no signer block;
- ``table``: ``rows``, each ``{"cells": […]}`` with ``"header": true`` (a header row) or ``"gap": true`` (rows
  left out); a cell has ``runs`` and, when set, ``label`` (words, not a figure), ``total``, ``pad`` (an empty
  cell that keeps a stacked part's columns aligned), ``span`` (columns); ``"part": true`` for a stacked part;
- ``list``: ``ordered``, ``start`` and ``items``, each a list of elements;
- ``quote``: ``content``, a list of elements;
- ``code``: ``text``, kept as written;
- ``rule``: a horizontal line.

A run is ``{"text": "…"}`` or ``{"break": true}`` (a line break), with, when set, ``bold``, ``italic``, ``code``,
``note`` (a small note under a heading) and ``link`` (an address, only ``http(s):`` or ``mailto:``: ``linked``).
Its text is as the page shows it: white space collapses as in HTML. A chart's JSON is its kind and ``title``; the
Word file takes its PNG.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

MIMETYPE = "application/vnd.bantin.block+json"
VERSION = 1
KINDS = ("head", "completeness", "headline", "paragraphs", "comparison", "figures", "ranking", "notes", "annex")
KINDS += ("chart", "closing")
PARAGRAPH_STYLES = ("body", "lead", "subtitle", "replaces", "caption", "completeness", "notice")
HEADING_STYLES = ("title", "headline", "section", "subsection")
NUMBER_BLANK = (
    "\u00a0" * 8
)  # a draft's number in its number line: no-break spaces, which neither HTML nor Word collapse
# A draft's day and month, left to be filled by hand: no-break spaces too, four as wide as the two digits they await,
# so that a draft's date line is as wide as its issue's ("Quảng Nam, ngày 21 tháng 12 năm 2024" fits its column).
DATE_BLANK = "\u00a0" * 4
_LINKED = re.compile(r"(https?|mailto):")  # what a link may open: never a script, nor a file on the reader's disk


def linked(address: str | None) -> str | None:
    """``address`` when a link may open it (``http(s):``, ``mailto:``), else None: the words stay, not the link."""
    return address if address and _LINKED.match(address) else None


@dataclass(frozen=True)
class Run:
    """A stretch of text in one format; ``text`` None is a line break (in that format)."""

    text: str | None
    bold: bool = False
    italic: bool = False
    code: bool = False
    note: bool = False
    link: str | None = None

    def to_json(self) -> dict:
        found = {"text": self.text} if self.text is not None else {"break": True}
        flags = {"bold": self.bold, "italic": self.italic, "code": self.code, "note": self.note, "link": self.link}
        return found | {name: value for name, value in flags.items() if value}


def runs(*texts: str) -> tuple[Run, ...]:
    """Plain runs of ``texts``."""
    return tuple(Run(text) for text in texts)


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: str = "body"
    kind = "paragraph"

    def to_json(self) -> dict:
        return {"kind": self.kind, "style": self.style, "runs": [run.to_json() for run in self.runs]}


@dataclass(frozen=True)
class Heading(Paragraph):
    style: str = "section"
    kind = "heading"


@dataclass(frozen=True)
class Head:
    """The official head of Hướng dẫn 36-HD/VPTW: issuing body on the left, party heading, place and date right."""

    party_committee: str
    issuing_body: str
    party_heading: str
    place_and_date: str
    number: str = ""  # the number line, "Số      -BT/BTGDVTU" (a draft's: the number left blank), or none
    mark: str = ""  # a draft's mark, "DỰ THẢO", in a frame under the number line; none once issued

    def to_json(self) -> dict:
        return {"kind": "head", **asdict(self)}


@dataclass(frozen=True)
class Closing:
    """The end of Hướng dẫn 36-HD/VPTW: "Nơi nhận" and its entries on the left, the signer on the right."""

    recipients_heading: str
    recipients: tuple[str, ...] = ()
    signer_title: tuple[str, ...] = ()  # its lines ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")
    signer_name: str = ""

    def to_json(self) -> dict:
        found = asdict(self) | {"recipients": list(self.recipients), "signer_title": list(self.signer_title)}
        return {"kind": "closing", **found}


@dataclass(frozen=True)
class Cell:
    runs: tuple[Run, ...] = ()
    label: bool = False
    total: bool = False
    pad: bool = False
    span: int = 1

    def to_json(self) -> dict:
        flags = {"label": self.label, "total": self.total, "pad": self.pad, "span": self.span if self.span > 1 else 0}
        return {"runs": [run.to_json() for run in self.runs]} | {name: value for name, value in flags.items() if value}


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool = False
    gap: bool = False

    def to_json(self) -> dict:
        flags = {"header": self.header, "gap": self.gap}
        return {"cells": [cell.to_json() for cell in self.cells]} | {name: True for name, on in flags.items() if on}


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    part: bool = False

    def to_json(self) -> dict:
        return {"kind": "table", "rows": [row.to_json() for row in self.rows]} | ({"part": True} if self.part else {})


@dataclass(frozen=True)
class ItemList:
    items: tuple[tuple, ...]  # each item: its elements
    ordered: bool = False
    start: int = 1

    def to_json(self) -> dict:
        items = [[element.to_json() for element in item] for item in self.items]
        return {"kind": "list", "ordered": self.ordered, "start": self.start, "items": items}


@dataclass(frozen=True)
class Quote:
    content: tuple

    def to_json(self) -> dict:
        return {"kind": "quote", "content": [element.to_json() for element in self.content]}


@dataclass(frozen=True)
class Code:
    text: str

    def to_json(self) -> dict:
        return {"kind": "code", "text": self.text}


@dataclass(frozen=True)
class Rule:
    def to_json(self) -> dict:
        return {"kind": "rule"}


@dataclass(frozen=True)
class Block:
    """One displayed block: its ``kind`` (``KINDS``), its elements, and the HTML fragment the page shows (``data``,
    as IPython's ``HTML`` holds it)."""

    kind: str
    content: tuple = ()
    data: str = field(default="", repr=False)
    new_page: bool = False

    def to_json(self) -> dict:
        found = {"version": VERSION, "kind": self.kind, "content": [element.to_json() for element in self.content]}
        return found | ({"new_page": True} if self.new_page else {})

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.data, MIMETYPE: self.to_json(), "text/plain": f"<{self.kind}>"}

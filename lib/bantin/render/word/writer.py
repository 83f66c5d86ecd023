"""Word paragraphs, runs and pictures (``Writer``), where a ``Context`` says: the pieces ``blocks`` and ``tables``
build with.

A paragraph is made of pieces (text, or None for a line break; each in its run format); white space collapses
as in HTML, so that the Word file says what the page shows, and text is Unicode NFC.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from bantin.model.text import nfc
from bantin.render.word.styles import FRAME, PLAIN, TEXT_HEIGHT, TEXT_WIDTH, Fmt, run_format, sub, twips

_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's white space (never the no-break space)
_BREAKS = re.compile(r"(\t|\n)")
_JUSTIFICATION = {ALIGN.LEFT: "left", ALIGN.CENTER: "center", ALIGN.RIGHT: "right", ALIGN.JUSTIFY: "both"}


@dataclass(frozen=True)
class Context:
    """Where a block's paragraphs go (``add``), in which style, with which run format, alignment and keeping."""

    add: Callable
    style: str = "Normal"
    fmt: Fmt = PLAIN
    align: ALIGN | None = None
    keep: bool = False  # with the next paragraph (a table's rows that must stay on one page)
    depth: int = 0  # of nested lists
    pre: bool = False


class Writer:
    """Appends a notebook's displayed blocks to a python-docx ``document``, in order."""

    def __init__(self, document):
        self.part, self.story = document.part, document  # the story: what python-docx's wrappers hang on
        self.root = Context(add=document.element.body.sectPr.addprevious)
        self.issuer = ""  # the official head's issuing body, for the document's properties
        self.marker: str | None = None  # a list item's bullet or number, for its first paragraph
        self.page_break = False  # the next paragraph starts a page (the full ranking, in an annex)

    def picture(self, png: bytes) -> None:
        """A chart: its PNG as large as drawn at its resolution, smaller when that would not fit the text area."""
        image = Image.from_blob(png)
        scale = min(1.0, Twips(twips(TEXT_WIDTH)) / image.width, Twips(twips(TEXT_HEIGHT)) / image.height)
        p = self.paragraph([], replace(self.root, style="BanTinBieuDo"), force=True)
        run = Run(sub(p, "w:r"), Paragraph(p, self.story))
        run.add_picture(io.BytesIO(png), Emu(int(image.width * scale)), Emu(int(image.height * scale)))

    def paragraph(self, pieces: list, context: Context, force: bool = False):
        """A paragraph (w:p) of ``pieces``: (text, or None for a line break; its format). None when there is no
        text, unless ``force``d."""
        runs = [(text and text.rstrip("\n"), fmt) for text, fmt in pieces] if context.pre else _collapse(pieces)
        if not force and not any(text for text, _ in runs):
            return None
        p = OxmlElement("w:p")
        context.add(p)
        properties = sub(p, "w:pPr")
        if context.style != "Normal":
            sub(properties, "w:pStyle", val=context.style)
        if context.keep:
            sub(properties, "w:keepNext")
        if self.page_break:
            sub(properties, "w:pageBreakBefore")
            self.page_break = False
        if context.depth:  # a list item: its marker hangs in the indent
            sub(properties, "w:ind", left=twips(4 + 6 * context.depth), hanging=twips(6))
            if self.marker:
                runs, self.marker = [(f"{self.marker}\t", PLAIN), *runs], None
        if context.align is not None:
            sub(properties, "w:jc", val=_JUSTIFICATION[context.align])
        if context.fmt.size:  # the paragraph mark's size too: an empty cell is no taller than its neighbours
            sub(sub(properties, "w:rPr"), "w:sz", val=round(context.fmt.size * 2))
        if not len(properties):
            p.remove(properties)
        for text, fmt in runs:
            self._run(p, text, fmt)
        return p

    def _run(self, p, text: str | None, fmt: Fmt) -> None:
        parent = p
        if fmt.link:
            parent = sub(p, "w:hyperlink")
            parent.set(qn("r:id"), self.part.relate_to(fmt.link, RT.HYPERLINK, is_external=True))
        r = sub(parent, "w:r")
        properties = sub(r, "w:rPr")  # its children in the schema's order
        if fmt.link:
            sub(properties, "w:rStyle", val="Hyperlink")
        if fmt.code:
            sub(properties, "w:rFonts", ascii="Courier New", hAnsi="Courier New", cs="Courier New")
        for on, tags in ((fmt.bold, ("w:b", "w:bCs")), (fmt.italic, ("w:i", "w:iCs"))):
            for tag in tags if on is not None else ():
                sub(properties, tag, val=int(on))
        if fmt.color:
            sub(properties, "w:color", val=fmt.color)
        if fmt.size:
            sub(properties, "w:sz", val=round(fmt.size * 2))
            sub(properties, "w:szCs", val=round(fmt.size * 2))
        if fmt.framed:  # a character border: the box fits the words, in Word and LibreOffice alike
            size, color, space = FRAME
            sub(properties, "w:bdr", val="single", sz=size, space=space, color=color)
        if not len(properties):
            r.remove(properties)
        for part in _BREAKS.split(text) if text is not None else [None]:
            if part is None or part == "\n":
                sub(r, "w:br")
            elif part == "\t":
                sub(r, "w:tab")
            elif part:
                sub(r, "w:t").text = part
                r[-1].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def pieces(runs: list[dict], fmt: Fmt) -> list:
    """The pieces of a block's ``runs`` (its JSON): text in NFC, or None for a line break, each in ``fmt`` and its
    own format."""
    return [
        (nfc(run["text"]) if "text" in run else None, fmt | run_format(run))
        for run in runs
        if run.get("text") or run.get("break")
    ]


def _collapse(pieces: list) -> list:
    """HTML's white space: each stretch of it one space, none at a line's start or end; equal neighbours merged."""
    runs: list = []
    space = True  # the text so far ends with a space, or a line starts
    for text, fmt in pieces:
        if text is None:
            _trim(runs)
            runs.append((None, fmt))
            space = True
            continue
        text = _SPACE.sub(" ", text)
        text = text.lstrip(" ") if space else text
        if text:
            space = text.endswith(" ")
            if runs and runs[-1][0] is not None and runs[-1][1] == fmt:
                runs[-1] = (runs[-1][0] + text, fmt)
            else:
                runs.append((text, fmt))
    _trim(runs)
    return runs


def _trim(runs: list) -> None:
    while runs and runs[-1][0] is not None and runs[-1][0].endswith(" "):
        runs[-1] = (runs[-1][0][:-1], runs[-1][1])
        if not runs[-1][0]:
            runs.pop()

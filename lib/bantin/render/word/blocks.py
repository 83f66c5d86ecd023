"""The bulletin's HTML blocks as Word paragraphs, runs, tables and pictures (``Writer``).

An HTML fragment is parsed by lxml and walked as a browser lays it out: a block element (p, h3, section, li…)
starts a paragraph, inline elements (strong, em, a, code, span, br) become runs of that paragraph, white space
collapses as in HTML, text is Unicode NFC. Each paragraph takes the style its element maps to
(``styles.PARAGRAPHS``), or the one its container gives (a lead's paragraphs are bold, a quotation's
indented); tables are ``tables``'. The news item (``section.news-item``) is on screen only: left out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import lxml.html
from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from bantin.model.text import nfc
from bantin.render.word import tables
from bantin.render.word.styles import (
    INLINE,
    PARAGRAPHS,
    PLAIN,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    Fmt,
    borders,
    class_format,
    sub,
    twips,
)

UNSEEN = {"script", "style", "svg", "template", "noscript"}  # elements whose text is not the page's
BLOCKS = {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer"}
BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section"}
BLOCKS |= {"table", "ul"} | UNSEEN
SKIPPED = "news-item"  # a class whose element is never in the Word file
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's white space (never the no-break space)
_BREAKS = re.compile(r"(\t|\n)")
_JUSTIFICATION = {ALIGN.LEFT: "left", ALIGN.CENTER: "center", ALIGN.RIGHT: "right", ALIGN.JUSTIFY: "both"}
_LINKED = re.compile(r"(https?|mailto):")  # what a link may open: never a script, nor a file on the reader's disk


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

    def html(self, fragment: str) -> None:
        self.flow(lxml.html.fragment_fromstring(fragment, create_parent="div"), self.root)

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
        for on, tags in ((fmt.bold, ("w:b", "w:bCs")), (fmt.italic, ("w:i", "w:iCs")), (fmt.strike, ("w:strike",))):
            for tag in tags if on is not None else ():
                sub(properties, tag, val=int(on))
        if fmt.color:
            sub(properties, "w:color", val=fmt.color)
        if fmt.size:
            sub(properties, "w:sz", val=round(fmt.size * 2))
            sub(properties, "w:szCs", val=round(fmt.size * 2))
        if fmt.underline is not None:
            sub(properties, "w:u", val="single" if fmt.underline else "none")
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

    def flow(self, element, context: Context) -> None:
        """``element``'s content: its stretches of inline content as paragraphs in ``context``, its blocks in turn."""
        pieces: list[tuple[str | None, Fmt]] = []
        _text(element.text, context.fmt, pieces)
        for child in element:
            if isinstance(child.tag, str) and child.tag in BLOCKS:
                self.paragraph(pieces, context)
                pieces = []
                self._block(child, context)
            elif isinstance(child.tag, str):
                _inline(child, context.fmt, pieces)
            _text(child.tail, context.fmt, pieces)
        self.paragraph(pieces, context)

    def _block(self, element, context: Context) -> None:
        tag, classes = element.tag, element.get("class", "").split()
        if SKIPPED in classes or tag in UNSEEN:
            return
        style = next((s for (t, c), s in PARAGRAPHS.items() if t == tag and (c is None or c in classes)), context.style)
        context = replace(context, style=style, fmt=context.fmt | class_format(element))
        if tag == "p" and (following := element.getnext()) is not None and following.tag == "table":
            context = replace(context, keep=True)  # a paragraph that introduces a table stays with it
        self.page_break |= "ranking-annex" in classes
        if tag == "table" and "heading" in classes:
            self.issuer = tables.official_head(self, element, context)
        elif tag == "table":
            tables.figures(self, element, context)
        elif tag in ("ul", "ol"):
            start = int(element.get("start", "1")) if element.get("start", "").isdigit() else 1
            for number, item in enumerate((child for child in element if child.tag == "li"), start):
                self.marker = f"{number}." if tag == "ol" else "•◦▪"[context.depth % 3]
                self.flow(item, replace(context, style="ListParagraph", depth=context.depth + 1))
        elif tag == "hr":
            rule = self.paragraph([], replace(context, style="BanTinBang"), force=True)
            borders(sub(rule[0], "w:pBdr"), "b", color="999999")
        elif tag == "pre":
            self.flow(element, replace(context, pre=True, fmt=context.fmt | Fmt(code=True), align=ALIGN.LEFT))
        else:
            self.flow(element, context)


def _text(text: str | None, fmt: Fmt, pieces: list) -> None:
    if text:
        pieces.append((nfc(text), fmt))


def _inline(element, fmt: Fmt, pieces: list) -> None:
    """An inline element's text in its format (strong, em, a link…); a line break as None."""
    if element.tag == "br":
        pieces.append((None, fmt))
        return
    if element.tag in UNSEEN or SKIPPED in element.get("class", "").split():
        return
    fmt = fmt | INLINE.get(element.tag, PLAIN) | class_format(element)
    if element.tag == "a" and _LINKED.match(element.get("href", "")):
        fmt = fmt | Fmt(link=element.get("href"))
    _text(element.text, fmt, pieces)
    for child in element:
        if isinstance(child.tag, str):
            _inline(child, fmt, pieces)
        _text(child.tail, fmt, pieces)


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

"""A block's JSON (``bulletin.document``) as Word paragraphs and tables, in the order of its elements.

Each paragraph takes the style its element says (``styles.PARAGRAPHS``, ``styles.HEADINGS``), or its container's
(a quotation's paragraphs are indented, a list's hang their marker); a paragraph that introduces a table stays
with it; tables are ``tables``'. A block that asks for a page of its own (``new_page``: none does today, the annexes
follow the text) breaks before its first paragraph.
"""

from __future__ import annotations

from dataclasses import replace

from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN

from bantin.render.word import tables
from bantin.render.word.styles import HEADINGS, PARAGRAPHS, Fmt, borders, sub
from bantin.render.word.writer import Context, Writer, pieces

MARKERS = "•◦▪"  # a bulleted list's, by depth


def block(writer: Writer, found: dict) -> None:
    """The block ``found`` (its JSON) at the end of the document."""
    writer.page_break |= bool(found.get("new_page")) and bool(found.get("content"))
    elements(writer, found.get("content", []), writer.root)


def elements(writer: Writer, content: list[dict], context: Context) -> None:
    for index, element in enumerate(content):
        following = content[index + 1]["kind"] if index + 1 < len(content) else None
        after = content[index + 1] if following else {}
        kind = element["kind"]
        if kind == "paragraph":
            style = PARAGRAPHS.get(element.get("style", "body"), context.style)
            inside = replace(context, style=style, keep=context.keep or following == "table")
            writer.paragraph(pieces(element["runs"], context.fmt), inside)
        elif kind == "heading":
            inside = replace(context, style=HEADINGS[element["style"]])
            writer.paragraph(pieces(element["runs"], context.fmt), inside)
        elif kind == "head":
            writer.issuer = tables.official_head(writer, element, context)
        elif kind == "closing":
            tables.closing(writer, element, context)
        elif kind == "table":
            captioned = following == "paragraph" and after.get("style") == "caption"
            tables.figures(writer, element, context, captioned)
            if following == "table":  # Word would join two tables that touch
                writer.paragraph([], replace(context, style="BanTinBang"), force=True)
        elif kind == "list":
            for number, item in enumerate(element["items"], element.get("start", 1)):
                writer.marker = f"{number}." if element.get("ordered") else MARKERS[context.depth % 3]
                elements(writer, item, replace(context, style="ListParagraph", depth=context.depth + 1))
        elif kind == "quote":
            elements(writer, element["content"], replace(context, style="Quote"))
        elif kind == "code":
            inside = replace(context, pre=True, fmt=context.fmt | Fmt(code=True), align=ALIGN.LEFT)
            writer.paragraph(pieces([{"text": element["text"]}], inside.fmt), inside)
        elif kind == "rule":
            rule = writer.paragraph([], replace(context, style="BanTinBang"), force=True)
            borders(sub(rule[0], "w:pBdr"), "b", color="999999")

"""The bulletin's HTML tables as Word tables: the official head, and the figures tables (``table.figures``).

The head is a borderless two-column table, as Vietnamese offices lay it out in Word. A figures table is a real
table: explicit column widths (the grid's and each cell's, so that Word and LibreOffice agree), 0.5 pt grey
borders, its header rows shaded and repeated on every page, no row split across two pages, numbers right and
labels left, totals bold on a light fill; a stacked part (``table.figures.part``) stays on one page, its padding
cells without border or fill; a short table stays on one page with its caption.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from bantin.model.text import nfc
from bantin.render.word.styles import TEXT_WIDTH, Fmt, borders, class_format, sub, twips

if TYPE_CHECKING:
    from bantin.render.word.blocks import Context, Writer

HEAD_FILL, TOTAL_FILL, GAP_COLOR = "E8EDF3", "F4F6F9", "555555"
WHOLE = 25  # rows: a table up to this long is kept on one page; a longer one keeps its first rows together
ISSUER_SHARE = 0.42  # of the text width: the head's left column
PART_LABEL_SHARE = 0.26  # of the text width: a stacked part's label column (the parts share their widths)


def official_head(writer: Writer, table, context: Context) -> str:
    """The official head: issuing body (left), party heading, place and date (right); no borders. Returns the
    issuing body's lines, for the document's properties."""
    cells = table.findall(".//td")
    left = twips(TEXT_WIDTH * ISSUER_SHARE)
    widths = [left, twips(TEXT_WIDTH) - left]
    tbl = _grid(widths, "nil", (0, 0))
    row = sub(tbl, "w:tr")
    for cell, width in zip(cells, widths, strict=False):
        tc, _ = _cell(row, width)
        inside = replace(context, add=tc.append, style="BanTinDauTrang")
        writer.flow(cell, inside)
        _fill(writer, tc, inside)
    context.add(tbl)
    lines = [" ".join(line.text_content().split()) for line in cells[0]] if cells else []
    return nfc(" – ".join(line for line in lines if line not in ("", "*")))


def figures(writer: Writer, table, context: Context) -> None:
    """A figures table, or one stacked part of it, where ``context`` adds its blocks."""
    part = "part" in table.get("class", "").split()
    rows = [(row, row.getparent().tag == "thead") for row in table.iter("tr")]
    grid = [[cell for cell in row if cell.tag in ("td", "th")] for row, _ in rows]
    widths = _widths(grid, [head for _, head in rows], part)
    tbl = _grid(widths, "single", (40, 30 if part else 60))
    following = table.getnext()
    captioned = following is not None and following.tag == "p" and "caption" in following.get("class", "")
    whole = part or len(rows) <= WHOLE
    for index, ((row, head), cells) in enumerate(zip(rows, grid, strict=True)):
        tr = sub(tbl, "w:tr")
        properties = sub(tr, "w:trPr")
        sub(properties, "w:cantSplit")
        if head:
            sub(properties, "w:tblHeader")
        last = index == len(rows) - 1
        keep = head or (whole and (not last or captioned)) or index < 3  # with the next row (or the caption)
        gap, column, after_pad = "gap" in row.get("class", "").split(), 0, False
        for cell in cells:
            classes, span = cell.get("class", "").split(), _span(cell)
            tc, properties = _cell(tr, sum(widths[column : column + span]), span)
            column += span
            pad = "pad" in classes  # an empty cell of a short part: no border, no fill
            if pad or gap:
                _open(sub(properties, "w:tcBorders"), pad, after_pad)
            fill = None if pad else TOTAL_FILL if "total" in classes else HEAD_FILL if head else None
            if fill:
                sub(properties, "w:shd", val="clear", color="auto", fill=fill)
            sub(properties, "w:vAlign", val="bottom" if head else "center")
            style = "BanTinBangDauCot" if head else "BanTinBang" if "label" in classes or gap else "BanTinBangSo"
            align = ALIGN.LEFT if head and "label" in classes else ALIGN.CENTER if gap else None
            size = (8 if head else 9) if part else None
            fmt = context.fmt | Fmt(size=size, color=GAP_COLOR if gap else None) | class_format(cell)
            inside = replace(context, add=tc.append, style=style, fmt=fmt, align=align, keep=keep)
            writer.flow(cell, inside)
            _fill(writer, tc, inside)
            after_pad = pad
    context.add(tbl)
    if following is not None and following.tag == "table":  # Word would join two tables that touch
        writer.paragraph([], replace(context, style="BanTinBang"), force=True)


def _open(box, pad: bool, after_pad: bool) -> None:
    """A padding cell's borders: none, but on its left when it follows a figure; the ranking's gap: no sides."""
    if pad:
        borders(box, "t", "nil")
        borders(box, "l", "nil" if after_pad else "single")
        borders(box, "br", "nil")
    else:
        borders(box, "lr", "nil")


def _grid(widths: list[int], border: str, margins: tuple[int, int]):
    """An empty table of fixed column ``widths`` (twips), laid out alike by Word and LibreOffice."""
    tbl = OxmlElement("w:tbl")
    properties = sub(tbl, "w:tblPr")
    sub(properties, "w:tblW", w=sum(widths), type="dxa")
    borders(sub(properties, "w:tblBorders"), "tlbrHV", border)
    sub(properties, "w:tblLayout", type="fixed")
    cell_margins = sub(properties, "w:tblCellMar")
    for side, margin in zip(("top", "left", "bottom", "right"), margins * 2, strict=True):
        sub(cell_margins, f"w:{side}", w=margin, type="dxa")
    columns = sub(tbl, "w:tblGrid")
    for width in widths:
        sub(columns, "w:gridCol", w=width)
    return tbl


def _cell(row, width: int, span: int = 1):
    tc = sub(row, "w:tc")
    properties = sub(tc, "w:tcPr")
    sub(properties, "w:tcW", w=width, type="dxa")
    if span > 1:
        sub(properties, "w:gridSpan", val=span)
    return tc, properties


def _fill(writer: Writer, tc, context: Context) -> None:
    """A cell holds at least one paragraph."""
    if tc.find(qn("w:p")) is None:
        writer.paragraph([], context, force=True)


def _span(cell) -> int:
    return int(cell.get("colspan", "1")) if cell.get("colspan", "").isdigit() else 1


def _widths(grid: list[list], heads: list[bool], part: bool) -> list[int]:
    """Column widths (twips) filling the text width: a stacked part's label column 26%, its other columns equal
    (the parts share their widths, as in the PDF); another table's as wide as their contents ask."""
    count = max(sum(_span(cell) for cell in row) for row in grid)
    share = PART_LABEL_SHARE * (count - 1) / (1 - PART_LABEL_SHARE)
    weights = [share] + [1.0] * (count - 1) if part else [4.0] * count
    for row, head in zip(grid, heads, strict=True):
        column = 0
        for cell in row if not part else ():
            text = " ".join(cell.text_content().split())
            if _span(cell) == 1:
                longest = max((len(word) for word in text.split()), default=0)
                weights[column] = max(weights[column], min(max(longest + 2, len(text) / 2) if head else len(text), 60))
            column += _span(cell)
    total = twips(TEXT_WIDTH)
    widths = [int(total * weight / sum(weights)) for weight in weights]
    widths[0] += total - sum(widths)
    return widths

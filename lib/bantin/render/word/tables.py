"""The bulletin's tables in Word: the official head, its end ("Nơi nhận" and the signer), and the figures tables
(a block's ``table`` elements).

The head and the end are borderless two-column tables, as Vietnamese offices lay them out in Word. A figures
table is a real table: explicit column widths (the grid's and each cell's, so that Word and LibreOffice agree),
0.5 pt grey borders, its header rows shaded and repeated on every page, no row split across two pages, numbers
right and labels left, totals bold on a light fill; a stacked part (``"part": true``) stays on one page, its
padding cells without border or fill; a short table stays on one page with its caption.
"""

from __future__ import annotations

from dataclasses import replace

from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from bantin.model.text import nfc
from bantin.render.word.styles import FRAMED, PLAIN, STRONG, TEXT_WIDTH, Fmt, borders, sub, twips
from bantin.render.word.writer import Context, Writer, pieces

HEAD_FILL, TOTAL_FILL, GAP_COLOR = "E8EDF3", "F4F6F9", "555555"
WHOLE = 25  # rows: a table up to this long is kept on one page; a longer one keeps its first rows together
ISSUER_SHARE = 0.48  # of the text width: the head's left column (its 14 pt bold issuing body on one line)
CLOSING_SHARE = 0.5  # of the text width: the end's left column ("Nơi nhận")
PART_LABEL_SHARE = 0.26  # of the text width: a stacked part's label column (the parts share their widths)
STAR = "*"  # under the issuing body
MARK_PADDING = "\u00a0"  # either side of a draft's mark, inside its frame (a no-break space: never collapsed)


def official_head(writer: Writer, head: dict, context: Context) -> str:
    """The official head: issuing body, number line and a draft's framed mark (left), party heading, place and date
    (right); no borders. Returns the issuing body's lines, for the document's properties."""
    left = twips(TEXT_WIDTH * ISSUER_SHARE)
    widths = [left, twips(TEXT_WIDTH) - left]
    tbl = _grid(widths, "nil", (0, 0))
    row = sub(tbl, "w:tr")
    issuer = [(head["party_committee"], "BanTinDauTrang", PLAIN), (head["issuing_body"], "BanTinDauTrang", STRONG)]
    issuer.append((STAR, "BanTinDauTrang", PLAIN))
    if head.get("number"):  # the number line (absent from the JSON of a notebook rendered before it was printed)
        issuer.append((head["number"], "BanTinDauTrang", PLAIN))
    if head.get("mark"):  # a draft's (absent from the JSON of a notebook rendered before drafts were marked)
        issuer.append((f"{MARK_PADDING}{head['mark']}{MARK_PADDING}", "BanTinDuThao", FRAMED))
    party = [(head["party_heading"], "BanTinTieuDeDang", PLAIN), (head["place_and_date"], "BanTinDiaDanhNgay", PLAIN)]
    for lines, width in zip((issuer, party), widths, strict=True):
        tc, _ = _cell(row, width)
        inside = replace(context, add=tc.append, style="BanTinDauTrang")
        for text, style, fmt in lines:
            writer.paragraph(pieces([{"text": text}], fmt), replace(inside, style=style, fmt=inside.fmt | fmt))
        _fill(writer, tc, inside)
    context.add(tbl)
    lines = [" ".join(head[name].split()) for name in ("party_committee", "issuing_body")]
    return nfc(" – ".join(line for line in lines if line))


def closing(writer: Writer, closing: dict, context: Context) -> None:
    """The end: "Nơi nhận" and its entries (each after "- ") on the left, the signer's title, the space for the
    signature and the name on the right; either side may be empty."""
    left = twips(TEXT_WIDTH * CLOSING_SHARE)
    widths = [left, twips(TEXT_WIDTH) - left]
    # An empty line before it, as the page's space above it: a table just before (the comparison's) would
    # otherwise touch it, and Word and LibreOffice join two tables that touch into one.
    writer.paragraph([], replace(context, style="BanTinBang"), force=True)
    tbl = _grid(widths, "nil", (0, 0))
    row = sub(tbl, "w:tr")
    sub(sub(row, "w:trPr"), "w:cantSplit")  # on one page
    recipients = closing.get("recipients", [])
    received = [(closing["recipients_heading"], "BanTinNoiNhan")] if recipients else []
    received += [(f"- {recipient}", "BanTinNoiNhanMuc") for recipient in recipients]
    title = closing.get("signer_title", [])
    signed = [(line, "BanTinNguoiKy") for line in title]
    if title:
        signed.append((closing.get("signer_name", ""), "BanTinNguoiKyTen"))  # the signature's space above it
    for lines, width in zip((received, signed), widths, strict=True):
        tc, _ = _cell(row, width)
        inside = replace(context, add=tc.append, keep=True)
        for text, style in lines:
            writer.paragraph(pieces([{"text": text}], inside.fmt), replace(inside, style=style), force=True)
        _fill(writer, tc, replace(inside, style="BanTinNoiNhanMuc"))
    context.add(tbl)


def figures(writer: Writer, table: dict, context: Context, captioned: bool) -> None:
    """A figures table, or one stacked part of it, where ``context`` adds its blocks; ``captioned``: its caption
    follows it."""
    part, rows = bool(table.get("part")), table["rows"]
    widths = _widths(rows, part)
    tbl = _grid(widths, "single", (40, 30 if part else 60))
    whole = part or len(rows) <= WHOLE
    for index, row in enumerate(rows):
        head, gap = bool(row.get("header")), bool(row.get("gap"))
        tr = sub(tbl, "w:tr")
        properties = sub(tr, "w:trPr")
        sub(properties, "w:cantSplit")
        if head:
            sub(properties, "w:tblHeader")
        last = index == len(rows) - 1
        keep = head or (whole and (not last or captioned)) or index < 3  # with the next row (or the caption)
        column, after_pad = 0, False
        for cell in row["cells"]:
            span = cell.get("span", 1)
            tc, properties = _cell(tr, sum(widths[column : column + span]), span)
            column += span
            pad, label = cell.get("pad", False), cell.get("label", False)  # a pad: an empty cell of a short part
            if pad or gap:
                _open(sub(properties, "w:tcBorders"), pad, after_pad)
            fill = None if pad else TOTAL_FILL if cell.get("total") else HEAD_FILL if head else None
            if fill:
                sub(properties, "w:shd", val="clear", color="auto", fill=fill)
            sub(properties, "w:vAlign", val="bottom" if head else "center")
            style = "BanTinBangDauCot" if head else "BanTinBang" if label or gap else "BanTinBangSo"
            align = ALIGN.LEFT if head and label else ALIGN.CENTER if gap else None
            size = (8 if head else 9) if part else None
            fmt = (
                context.fmt
                | Fmt(size=size, color=GAP_COLOR if gap else None)
                | (STRONG if cell.get("total") else Fmt())
            )
            inside = replace(context, add=tc.append, style=style, fmt=fmt, align=align, keep=keep)
            writer.paragraph(pieces(cell["runs"], fmt), inside)
            _fill(writer, tc, inside)
            after_pad = pad
    context.add(tbl)


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


def _widths(rows: list[dict], part: bool) -> list[int]:
    """Column widths (twips) filling the text width: a stacked part's label column 26%, its other columns equal
    (the parts share their widths, as in the PDF); another table's as wide as their contents ask."""
    count = max(sum(cell.get("span", 1) for cell in row["cells"]) for row in rows)
    share = PART_LABEL_SHARE * (count - 1) / (1 - PART_LABEL_SHARE)
    weights = [share] + [1.0] * (count - 1) if part else [4.0] * count
    for row in rows if not part else ():
        column = 0
        for cell in row["cells"]:
            text = " ".join("".join(run.get("text", "") for run in cell["runs"]).split())
            if cell.get("span", 1) == 1:
                longest = max((len(word) for word in text.split()), default=0)
                width = max(longest + 2, len(text) / 2) if row.get("header") else len(text)
                weights[column] = max(weights[column], min(width, 60))
            column += cell.get("span", 1)
    total = twips(TEXT_WIDTH)
    widths = [int(total * weight / sum(weights)) for weight in weights]
    widths[0] += total - sum(widths)
    return widths

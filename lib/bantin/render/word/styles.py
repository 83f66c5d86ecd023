"""The Word file's look, as ``templates/bulletin/bulletin.css`` is the HTML's: page, fonts, named styles.

Hướng dẫn 36-HD/VPTW as Vietnamese offices expect it in Word: A4 with the PDF's margins, Times New Roman in every
slot (Latin, East Asian, complex script; language vi-VN), 14 pt body text, page numbers from page 2. Paragraphs
take Word's own styles where Word has one (Title, Subtitle, Heading 1–3, Caption, Quote, List Paragraph, Header:
the navigation pane lists the headline and the sections) and named styles "Bản tin – …" for the rest, so that an
editor restyles a kind of paragraph in one place. ``PARAGRAPHS``, ``HEADINGS`` and ``RUNS`` say which style or run
format each paragraph, heading and run of a block's JSON (``bulletin.document``) takes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, fields, replace
from functools import cache

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from bantin.bulletin.document import linked

FONT = "Times New Roman"
PAGE, MARGINS = (210, 297), (20, 15, 20, 30)  # mm: A4; top, right, bottom, left, as the PDF's @page
TEXT_WIDTH, TEXT_HEIGHT = PAGE[0] - MARGINS[1] - MARGINS[3], PAGE[1] - MARGINS[0] - MARGINS[2] - 20  # mm, a chart's
_BEFORE_BORDERS = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr")
_SIDES = (("t", "top"), ("l", "left"), ("b", "bottom"), ("r", "right"), ("H", "insideH"), ("V", "insideV"))


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


@dataclass(frozen=True)
class Look:
    """A paragraph style: its name in Word, its font (pt), its paragraph (indents in mm, spacing in pt)."""

    name: str
    size: float = 14
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    color: str | None = None
    align: ALIGN = ALIGN.JUSTIFY
    first_line: float = 0
    left: float = 0  # and right, for a paragraph in a box
    before: float = 0
    after: float = 6
    line: float = 1.15
    keep: bool = False  # with the next paragraph
    outline: int | None = None  # a heading's level in Word's navigation pane
    border: tuple[str, int, str, int] | None = None  # sides ("tlbr"), width (eighths of a pt), colour, space (pt)


_HEAD = {"size": 14, "align": ALIGN.CENTER, "after": 0, "line": 1.0}  # Hướng dẫn 36, Phụ lục 3: 14 pt
_CELL = {"size": 9, "align": ALIGN.LEFT, "after": 0, "line": 1.0}  # as the PDF's table.figures
_BOX = ("tlbr", 10, "9B1C1C", 4)  # aside.incomplete: 1.2 pt, dark red
STYLES = {  # style id: look
    "Normal": Look("Normal", first_line=10),
    "Title": Look("Title", size=16, bold=True, align=ALIGN.CENTER, before=24, after=2, keep=True),
    "Subtitle": Look("Subtitle", bold=True, align=ALIGN.CENTER, after=12, keep=True),
    "Heading1": Look("Heading 1", size=16, bold=True, align=ALIGN.LEFT, keep=True, outline=0),  # black
    "Heading2": Look("Heading 2", bold=True, caps=True, align=ALIGN.LEFT, before=20, after=8, keep=True, outline=1),
    "Heading3": Look("Heading 3", bold=True, align=ALIGN.LEFT, before=8, after=4, keep=True, outline=2),
    "Caption": Look("Caption", size=10, italic=True, before=3),
    "Quote": Look("Quote", italic=True, left=10),
    "ListParagraph": Look("List Paragraph", left=10),
    "Header": Look("Header", align=ALIGN.CENTER, after=0, line=1.0),
    "BanTinDauTrang": Look("Bản tin – Đầu trang", **_HEAD),
    "BanTinTieuDeDang": Look("Bản tin – Tiêu đề Đảng", bold=True, underline=True, **_HEAD | {"size": 15}),
    "BanTinDiaDanhNgay": Look("Bản tin – Địa danh, ngày", italic=True, before=6, **_HEAD),
    "BanTinDuThao": Look("Bản tin – Dự thảo", bold=True, before=8, **_HEAD),  # its words framed (Fmt.framed)
    "BanTinThayThe": Look("Bản tin – Thay thế", italic=True, align=ALIGN.CENTER, after=12, keep=True),
    "BanTinCauMoDau": Look("Bản tin – Câu mở đầu", bold=True, first_line=10),
    "BanTinTinhHinh": Look("Bản tin – Tình hình báo cáo", size=11, italic=True, align=ALIGN.CENTER, after=16),
    "BanTinChuaDu": Look("Bản tin – Chưa đủ số liệu", size=11.5, color="7A1212", left=3, after=16, border=_BOX),
    "BanTinBieuDo": Look("Bản tin – Biểu đồ", align=ALIGN.CENTER, before=8, after=8, line=1.0),
    # The end (Hướng dẫn 36-HD/VPTW): "Nơi nhận:" 12 pt bold italic, its entries 11 pt; the signer 14 pt bold, the
    # name under the space for the signature (72 pt, as the PDF's).
    "BanTinNoiNhan": Look("Bản tin – Nơi nhận", size=12, bold=True, italic=True, align=ALIGN.LEFT, after=0, line=1.0),
    "BanTinNoiNhanMuc": Look("Bản tin – Nơi nhận, mục", size=11, align=ALIGN.LEFT, after=0, line=1.0),
    "BanTinNguoiKy": Look("Bản tin – Người ký", bold=True, align=ALIGN.CENTER, after=0, line=1.0),
    "BanTinNguoiKyTen": Look("Bản tin – Người ký, họ tên", bold=True, align=ALIGN.CENTER, before=72, after=0, line=1.0),
    "BanTinBang": Look("Bản tin – Bảng", **_CELL),
    "BanTinBangSo": Look("Bản tin – Bảng, số", **_CELL | {"align": ALIGN.RIGHT}),
    "BanTinBangDauCot": Look("Bản tin – Bảng, đầu cột", bold=True, **_CELL | {"align": ALIGN.CENTER}),
}
PARAGRAPHS = {  # a paragraph's style in a block's JSON → its style id (body: its container's)
    "lead": "BanTinCauMoDau",
    "subtitle": "Subtitle",
    "replaces": "BanTinThayThe",
    "caption": "Caption",
    "completeness": "BanTinTinhHinh",
    "notice": "BanTinChuaDu",
}
HEADINGS = {"title": "Title", "headline": "Heading1", "section": "Heading2", "subsection": "Heading3"}


@dataclass(frozen=True)
class Fmt:
    """How a run of text differs from its paragraph's style (None: as the style says)."""

    bold: bool | None = None
    italic: bool | None = None
    code: bool | None = None
    size: float | None = None
    color: str | None = None
    link: str | None = None
    framed: bool | None = None  # a box around the run's text (a draft's mark)

    def __or__(self, other: Fmt) -> Fmt:
        if other is PLAIN:
            return self
        return replace(
            self, **{f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name) is not None}
        )


PLAIN = Fmt()
RUNS = {  # a run's flags in a block's JSON → its format; a note: the comparison's basis under its heading
    "bold": Fmt(bold=True),
    "italic": Fmt(italic=True),
    "code": Fmt(code=True),
    "note": Fmt(bold=False, italic=True, size=9),
}
STRONG = Fmt(bold=True)  # the official head's issuing body, a total
FRAMED = Fmt(framed=True)  # a draft's mark, "DỰ THẢO"
FRAME = (8, "000000", 1)  # the mark's frame: 1 pt (eighths of a point), black, its space (pt), as the PDF's


def run_format(run: dict) -> Fmt:
    """The format of a run of a block's JSON: its flags (``RUNS``), and its link when it may open it."""
    fmt = PLAIN
    for flag, flagged in RUNS.items():
        if run.get(flag):
            fmt = fmt | flagged
    address = linked(run.get("link"))
    return fmt | Fmt(link=address) if address else fmt


def sub(parent, tag: str, **attributes):
    """A new ``tag`` (w:…) at the end of ``parent``, with ``attributes`` (w:…)."""
    child = parent.makeelement(_qn(tag), {_qn(f"w:{name}"): str(value) for name, value in attributes.items()})
    parent.append(child)
    return child


def borders(box, sides: str, value: str = "single", size: int = 4, color: str = "777777", space: int = 0) -> None:
    """Borders of a table, a cell or a paragraph (``box``): ``sides`` among "tlbrHV" (H, V: between rows, columns)."""
    line = {"val": "nil"} if value == "nil" else {"val": value, "sz": size, "space": space, "color": color}
    for side, name in _SIDES:
        if side in sides:
            sub(box, f"w:{name}", **line)


@cache
def _qn(tag: str) -> str:
    return qn(tag)


@cache
def empty_document() -> bytes:
    """The document every bulletin starts from: python-docx's template restyled (``STYLES``, A4), pages numbered.

    The template's parts that would misinform (a thumbnail of another document, "Microsoft Macintosh Word" as
    the application) are dropped, and its coloured table styles (a third of a megabyte, each bulletin's to read
    and write again)."""
    document = Document()
    for relationships, kinds in (
        (document.part.package.rels, ("thumbnail", "extended-properties")),
        (document.part.rels, ("stylesWithEffects", "customXml")),
    ):
        for rId in [rId for rId, rel in relationships.items() if rel.reltype.rsplit("/", 1)[-1] in kinds]:
            relationships.pop(rId)
    styles = document.styles
    for style in styles.element.findall(qn("w:style")):  # Word's coloured table styles: built into Word anyway
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in ("TableNormal", "TableGrid"):
            styles.element.remove(style)
    for fonts in styles.element.iter(qn("w:rFonts")):  # the theme's Calibri and Cambria give way to Times New Roman
        for slot in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{slot}"), None)
    defaults = styles.element.find(qn("w:docDefaults"))
    run = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _set(run.get_or_add_rFonts(), ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)
    _set(run.find(qn("w:lang")), val="vi-VN", eastAsia="vi-VN")
    _set(defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}").get_or_add_spacing(), after=0, line=240, lineRule="auto")
    for style_id, look in STYLES.items():
        _define(styles, style_id, look)
    hyperlink = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.underline, hyperlink.font.color.rgb = True, RGBColor.from_string("0563C1")
    compatibility = document.settings.element.find(qn("w:compat"))  # a line ended by <br> is not stretched
    compatibility.insert(0, OxmlElement("w:doNotExpandShiftReturn"))
    section = document.sections[0]
    section.page_width, section.page_height = Twips(twips(PAGE[0])), Twips(twips(PAGE[1]))
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = map(
        Twips, map(twips, MARGINS)
    )
    section.header_distance = section.footer_distance = Twips(twips(10))
    section.different_first_page_header_footer = True  # page 1: the official head, no number
    section.first_page_header.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    number = section.header.paragraphs[0]
    number.style = styles["Header"]
    sub(sub(sub(number._p, "w:fldSimple", instr=" PAGE "), "w:r"), "w:t").text = "2"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _define(styles, style_id: str, look: Look) -> None:
    """Word's style of that name (or a new one) set to ``look`` and nothing else: no theme colour, no border."""
    try:
        style = styles[look.name]
    except KeyError:
        style = styles.add_style(look.name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.styleId = style_id
    for properties in style.element.findall(qn("w:pPr")) + style.element.findall(qn("w:rPr")):
        style.element.remove(properties)
    if style_id != "Normal":
        style.base_style = styles["Normal"]
    paragraph, font = style.paragraph_format, style.font
    paragraph.alignment, paragraph.line_spacing, paragraph.keep_with_next = look.align, look.line, look.keep
    paragraph.first_line_indent, paragraph.left_indent = Twips(twips(look.first_line)), Twips(twips(look.left))
    paragraph.space_before, paragraph.space_after = Pt(look.before), Pt(look.after)
    font.size, font.bold, font.italic, font.all_caps = Pt(look.size), look.bold, look.italic, look.caps
    font.underline = look.underline
    if look.color:
        font.color.rgb = RGBColor.from_string(look.color)
    properties = style.element.get_or_add_pPr()
    if look.outline is not None:
        properties.get_or_add_outlineLvl().val = look.outline
    if look.border:
        paragraph.right_indent = Twips(twips(look.left))
        box, earlier = OxmlElement("w:pBdr"), {qn(f"w:{name}") for name in _BEFORE_BORDERS}
        properties.insert(next((i for i, e in enumerate(properties) if e.tag not in earlier), len(properties)), box)
        sides, size, color, space = look.border
        borders(box, sides, size=size, color=color, space=space)


def _set(element, **attributes) -> None:
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), str(value))

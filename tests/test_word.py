"""The bulletin as a Word file, made from the JSON of the notebook's displayed blocks: built here from the
project's own blocks, displayed as the notebooks display them, without a kernel. (Opening the files in
LibreOffice is checked by hand: LibreOffice is not installed where the tests run.)"""

from __future__ import annotations

import base64
import copy
import io
import re
import struct
import unicodedata
import zipfile

import nbformat
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from IPython.core.formatters import format_display_data
from nbconvert.exporters import get_exporter

from bantin.bulletin import document as typed
from bantin.bulletin import markdown
from bantin.bulletin.blocks import ClusterBulletin, ProvinceBulletin
from bantin.bulletin.document import MIMETYPE as BLOCK
from bantin.render.archives import ZIP_DATE
from bantin.render.word import MIMETYPE, BulletinWordExporter, notebook_to_docx
from bantin.render.word.styles import empty_document
from helpers import REFERENCE_SENTENCES, ROOT, copy_project, folded

FOOTER = "Số liệu 9cb46a3013 · mã nguồn 1a2b3c4d · môi trường 5e6f7a8b"
TEXT_WIDTH = round(165 * 1440 / 25.4)  # twips: A4 less the 30 and 15 mm margins
NEWS_HINT = "Phần này không in."  # a sentence only the news item (on screen) has


def displayed(bulletin, layout: str) -> nbformat.NotebookNode:
    """``bulletin``'s blocks as the notebook ``layout`` displays them, in its order, one output per ``display``
    call (a PNG in base64, as the kernel sends it); its markdown cells kept (the Word file leaves them out), and
    the title and footer the run gives."""
    notebook = nbformat.read(ROOT / "notebooks" / layout, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            for name in re.findall(r"display\(bulletin\.(\w+)\(\)\)", cell.source):
                data, metadata = format_display_data(getattr(bulletin, name)())
                data = {kind: base64.b64encode(v).decode() if isinstance(v, bytes) else v for kind, v in data.items()}
                cell.outputs.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata))
    notebook.metadata |= {"title": bulletin.title, "bantin": {"footer": FOOTER}}
    return notebook


def of_blocks(*blocks) -> nbformat.NotebookNode:
    """A notebook that displays ``blocks``, one cell each, as a kernel would."""
    cells = [nbformat.v4.new_code_cell(outputs=[display(block)]) for block in blocks]
    return nbformat.v4.new_notebook(cells=cells)


def display(block) -> nbformat.NotebookNode:
    data, metadata = format_display_data(block)
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata)


def html_only(html: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "…"})


def outputs(notebook: nbformat.NotebookNode) -> list:
    return [output for cell in notebook.cells for output in cell.get("outputs", [])]


def read(data: bytes):
    return Document(io.BytesIO(data))


def text(document) -> str:
    """Every paragraph's text, the tables' cells' included, in order, one a line."""
    return "\n".join(Paragraph(p, document).text for p in document.element.body.iter(qn("w:p")))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("word") / "project")


@pytest.fixture(scope="module")
def plains(sample) -> nbformat.NotebookNode:
    """The plains cluster's notebook for 2024H1, as the run leaves it."""
    return displayed(ClusterBulletin.load("2024H1", "dong-bang", str(sample.root)), "bulletin.ipynb")


@pytest.fixture(scope="module")
def docx(plains) -> bytes:
    return notebook_to_docx(plains)


@pytest.fixture(scope="module")
def document(docx):
    return read(docx)


def figures_tables(document) -> list:
    return document.tables[1:]  # the first is the official head


def test_the_word_file_opens_with_the_official_head_as_a_borderless_two_column_table(document):
    body = document.element.body
    assert body[0].tag == qn("w:tbl")
    head = document.tables[0]
    assert len(head.columns) == 2 and len(head.rows) == 1
    left, right = (int(column.get(qn("w:w"))) for column in head._tbl.tblGrid)
    assert left + right == TEXT_WIDTH and round(left / TEXT_WIDTH, 2) == 0.48
    sides = head._tbl.tblPr.find(qn("w:tblBorders"))
    assert [side.get(qn("w:val")) for side in sides] == ["nil"] * 6
    issuer, party = head.rows[0].cells
    number = "Số " + "\u00a0" * 8 + "-BT/BDVTU"  # a draft's: the number left blank (no-break spaces)
    mark = "\u00a0DỰ THẢO\u00a0"  # a draft's mark, in its frame
    assert [p.text for p in issuer.paragraphs] == ["TỈNH ỦY QUẢNG NAM", "BAN DÂN VẬN", "*", number, mark]
    assert all(p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in issuer.paragraphs)
    assert issuer.paragraphs[1].runs[0].bold
    heading, place = party.paragraphs
    assert heading.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and heading.style.font.underline and heading.style.font.bold
    blank = "\u00a0" * 4  # a draft's day and month, to be filled by hand; the year of its meeting
    assert place.text == f"Quảng Nam, ngày {blank} tháng {blank} năm 2024" and place.style.font.italic
    title, subtitle = document.paragraphs[:2]
    assert (title.text, title.style.name, subtitle.text) == (
        "BẢN TIN CÔNG TÁC DÂN VẬN",
        "Title",
        "Cụm đồng bằng – 6 tháng đầu năm 2024",
    )
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_the_heads_sizes_and_faces_are_those_of_huong_dan_36(document):
    """Phụ lục 3 of Hướng dẫn 36-HD/VPTW: the parent committee 14 pt upright, the issuing body 14 pt bold, the number
    line 14 pt, a draft's mark 14 pt bold, "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt bold underlined, place and date 14 pt
    italic, the document's name 16 pt bold, its subject 14 pt bold: each run's size, bold and italic as Word resolves
    them (run, then style)."""

    def look(paragraph):
        [run] = paragraph.runs
        style = paragraph.style.font
        pick = lambda own, styled: styled if own is None else own  # noqa: E731
        return (
            run.text,
            pick(run.font.size, style.size).pt,
            bool(pick(run.bold, style.bold)),
            bool(pick(run.italic, style.italic)),
        )

    issuer, party = document.tables[0].rows[0].cells
    assert [look(p)[1:] for p in issuer.paragraphs] == [
        (14, False, False),
        (14, True, False),
        (14, False, False),
        (14, False, False),
        (14, True, False),  # a draft's mark
    ]
    assert [look(p)[1:] for p in party.paragraphs] == [(15, True, False), (14, False, True)]
    assert party.paragraphs[0].style.font.underline
    title, subtitle = document.paragraphs[:2]
    assert look(title)[1:] == (16, True, False) and look(subtitle)[1:] == (14, True, False)
    assert document.styles["Normal"].font.size == Pt(14)


@pytest.mark.parametrize("sentence", REFERENCE_SENTENCES)
def test_the_word_file_says_what_the_bulletin_says(document, sentence):
    assert sentence in folded(text(document))


def test_paragraphs_take_named_styles_in_times_new_roman_14_pt(document):
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert not [name for name in fonts.attrib if "heme" in name]  # no theme font (Calibri) in any slot
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "vi-VN"
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(14) and normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(normal.paragraph_format.first_line_indent.mm) == 10 and normal.paragraph_format.space_after == Pt(6)
    styles = {p.text: p.style for p in document.paragraphs}
    headline = styles["Công nhận 514 mô hình dân vận khéo"]
    assert headline.name == "Heading 1" and headline.font.size == Pt(16) and headline.font.color.rgb is None  # black
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "Subtitle"):  # no theme colour (Word's blue) left
        assert document.styles[name].font.color.rgb is None and document.styles[name].font.color.theme_color is None
    section = styles["So sánh với các kỳ trước"]  # uppercase on the page, as the CSS's text-transform
    assert section.name == "Heading 2" and section.font.all_caps and section.font.bold
    lead = next(p for p in document.paragraphs if p.text.startswith("Thực hiện Chương trình công tác dân vận"))
    assert lead.style.name == "Bản tin – Câu mở đầu" and lead.style.font.bold
    body = [p for p in document.paragraphs if p.text.startswith("Trong 6 tháng đầu năm 2024")]
    assert body and body[0].style.name == "Normal" and all(run._r.rPr is None for run in body[0].runs)


def test_every_figures_table_repeats_its_header_row_on_each_page(document):
    tables = figures_tables(document)
    assert len(tables) == 2  # by unit, and the comparison
    for table in tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert all(row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
        fills = {cell.tcPr.find(qn("w:shd")).get(qn("w:fill")) for cell in rows[0].tc_lst}
        assert fills <= {"E8EDF3", "F4F6F9"} and "E8EDF3" in fills
        grid = [int(column.get(qn("w:w"))) for column in table._tbl.tblGrid]
        assert sum(grid) == TEXT_WIDTH and table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for row in rows:
            assert [int(cell.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for cell in row.tc_lst] == grid


def test_numbers_stand_right_labels_left_and_the_total_column_is_bold(document):
    units = figures_tables(document)[0]
    header = [cell.text for cell in units.rows[0].cells]
    assert header[0] == "Chỉ tiêu" and header[-1] == "Toàn cụm" and len(header) == 10
    grid = [int(column.get(qn("w:w"))) for column in units._tbl.tblGrid]
    assert grid[0] == max(grid)  # the labels' column is the widest
    models = next(row for row in units.rows if row.cells[0].text == "Mô hình “Dân vận khéo” được công nhận")
    label, *figures, total = (cell.paragraphs[0] for cell in models.cells)
    assert label.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert {p.style.paragraph_format.alignment for p in figures} == {WD_ALIGN_PARAGRAPH.RIGHT}
    assert total.text == "514" and total.runs[0].bold and not figures[0].runs[0].bold
    assert models.cells[-1]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "F4F6F9"
    assert {run.font.size for p in [label, *figures] for run in p.runs} == {None}  # the style's 9 pt
    assert label.style.font.size == Pt(9)  # as the PDF's tables


def test_the_comparison_headings_keep_their_basis_on_a_second_line(document):
    comparison = figures_tables(document)[1]
    heading = comparison.rows[0].cells[2].paragraphs[0]
    assert heading.text == "So với 6 tháng cuối năm 2023\ntrên 08/08 đơn vị báo cáo cả hai kỳ"
    basis = heading.runs[-1]
    assert basis.italic and basis.bold is False and basis.font.size == Pt(9)


def test_the_charts_are_their_png_at_print_resolution_fitting_the_text_width(plains, document):
    pngs = [base64.b64decode(output.data["image/png"]) for output in outputs(plains) if "image/png" in output.data]
    assert len(pngs) == 2 and len(document.inline_shapes) == 2
    images = [rel.target_part.blob for rel in document.part.rels.values() if rel.reltype.endswith("/image")]
    assert images == pngs  # the very bytes: never recompressed
    for shape, png in zip(document.inline_shapes, pngs, strict=True):
        width, height = struct.unpack(">II", png[16:24])
        assert shape.width <= Mm(165) and shape.width > Mm(150)
        assert shape.height / shape.width == pytest.approx(height / width, rel=0.01)


def test_the_news_item_is_left_out_of_the_word_file(plains, docx):
    news = [output for output in outputs(plains) if "news-item" in output.data.get("text/html", "")]
    assert len(news) == 1 and NEWS_HINT in news[0].data["text/html"] and BLOCK not in news[0].data
    assert NEWS_HINT not in text(read(docx)) and "Tin gửi báo, đài" not in text(read(docx))


def test_a_block_with_html_and_no_json_is_not_in_the_word_file(plains):
    notebook = copy.deepcopy(plains)
    [comparison] = [output for output in outputs(notebook) if output.data.get(BLOCK, {}).get("kind") == "comparison"]
    assert "So sánh với các kỳ trước" in text(read(notebook_to_docx(notebook)))
    del comparison.data[BLOCK]  # its HTML is still there, and says it
    assert "So sánh với các kỳ trước" in comparison.data["text/html"]
    assert "So sánh với các kỳ trước" not in text(read(notebook_to_docx(notebook)))


def test_only_what_the_code_cells_display_is_in_the_word_file():
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("## Hướng dẫn cho chuyên viên"),
            nbformat.v4.new_code_cell(
                outputs=[
                    nbformat.v4.new_output("stream", name="stdout", text="dòng in ra\n"),
                    nbformat.v4.new_output("error", ename="ValueError", evalue="lỗi", traceback=["lỗi"]),
                    nbformat.v4.new_output("display_data", data={"text/plain": "chỉ có chữ thường"}),
                    html_only("<p>Chỉ có HTML</p>"),
                    display(typed.Block("paragraphs")),
                    nbformat.v4.new_output(
                        "execute_result",
                        data={BLOCK: typed.Block("paragraphs", (typed.Paragraph((typed.Run("Kết quả"),)),)).to_json()},
                        execution_count=1,
                    ),
                ]
            ),
        ]
    )
    assert text(read(notebook_to_docx(notebook))) == "Kết quả"


def test_two_conversions_give_the_same_bytes(plains, docx):
    empty_document.cache_clear()  # as a fresh process would start
    assert notebook_to_docx(copy.deepcopy(plains)) == docx
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert {member.date_time for member in package.infolist()} == {ZIP_DATE}
        assert not [member.filename for member in package.infolist() if b"python-docx" in package.read(member)]
        assert "docProps/thumbnail.jpeg" not in package.namelist()  # python-docx's template's, of another document
    properties = read(docx).core_properties
    assert properties.title == "Bản tin công tác dân vận – Cụm đồng bằng – 6 tháng đầu năm 2024"
    assert properties.author == properties.last_modified_by == "TỈNH ỦY QUẢNG NAM – BAN DÂN VẬN"
    assert (properties.created, properties.modified, properties.revision) == (None, None, 1)


def test_pages_are_a4_with_the_bulletins_margins_and_numbers_from_page_two(document):
    [section] = document.sections
    assert [round(length.mm) for length in (section.page_width, section.page_height)] == [210, 297]
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    assert [round(margin.mm) for margin in margins] == [20, 15, 20, 30]
    assert section.different_first_page_header_footer
    assert section.first_page_header._element.find(f".//{qn('w:fldSimple')}") is None
    assert "".join(p.text for p in section.first_page_header.paragraphs) == ""
    number = section.header._element.find(f".//{qn('w:fldSimple')}")
    assert number.get(qn("w:instr")).strip() == "PAGE" and not section.header.is_linked_to_previous
    header = section.header.paragraphs[0].style
    assert header.font.size == Pt(14) and header.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_the_provenance_line_is_in_the_documents_comments_never_on_the_page(document):
    assert document.core_properties.comments == FOOTER
    assert not [p for p in document.element.body.iter(qn("w:p")) if "9cb46a3013" in Paragraph(p, document).text]
    assert not re.search(r"[0-9a-f]{10}", text(document))


def test_an_incomplete_bulletin_is_marked_in_a_dark_red_box(project):
    path = project.root / "data/raw/2024H1/dong-bang.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if ",an-khanh," not in line) + "\n", encoding="utf-8")
    block = ClusterBulletin.load("2024H1", "dong-bang", str(project.root)).completeness()
    [mark] = read(notebook_to_docx(of_blocks(block))).paragraphs
    assert mark.text.startswith("BẢN TIN CHƯA ĐỦ SỐ LIỆU – 7/8 đơn vị đã gửi báo cáo")
    assert mark.runs[0].bold and mark.style.name == "Bản tin – Chưa đủ số liệu"
    assert str(mark.style.font.color.rgb) == "7A1212"
    box = mark.style.element.pPr.find(qn("w:pBdr"))
    assert [(side.tag.split("}")[1], side.get(qn("w:color"))) for side in box] == [
        ("top", "9B1C1C"),
        ("left", "9B1C1C"),
        ("bottom", "9B1C1C"),
        ("right", "9B1C1C"),
    ]


def test_stacked_parts_share_their_columns_and_stay_whole_their_padding_bare(sample):
    block = ClusterBulletin.load("2026H1", "mien-nui-tay", str(sample.root)).unit_table()
    document = read(notebook_to_docx(of_blocks(block)))
    first, second = document.tables
    grids = [[int(column.get(qn("w:w"))) for column in table._tbl.tblGrid] for table in (first, second)]
    assert grids[0] == grids[1] and round(grids[0][0] / TEXT_WIDTH, 2) == 0.26
    body = document.element.body
    assert body.index(second._tbl) == body.index(first._tbl) + 2  # a paragraph between: Word would join them
    for table in (first, second):
        rows = table._tbl.tr_lst
        keeps = [all(p.pPr.find(qn("w:keepNext")) is not None for p in row.iter(qn("w:p"))) for row in rows]
        assert keeps[:-1] == [True] * (len(rows) - 1)  # each row with the next: the part on one page
        assert {run.font.size for cell in table.rows[1].cells for p in cell.paragraphs for run in p.runs} == {Pt(9)}
    pads = [cell for cell in second._tbl.iter(qn("w:tc")) if not Paragraph(cell.p_lst[0], None).text]
    assert pads and all(pad.tcPr.find(qn("w:shd")) is None for pad in pads)
    for pad in pads:
        sides = {side.tag.split("}")[1]: side.get(qn("w:val")) for side in pad.tcPr.find(qn("w:tcBorders"))}
        assert sides["top"] == sides["bottom"] == sides["right"] == "nil"


def test_the_full_ranking_follows_the_text_its_heading_kept_with_its_rows_and_the_excerpt_marks_its_gap(sample):
    province = ProvinceBulletin.load("2026H1", str(sample.root))
    document = read(notebook_to_docx(of_blocks(province.ranking(), province.ranking_annex())))
    excerpt, full = document.tables
    [gap] = [row for row in excerpt._tbl.tr_lst if len(row.tc_lst) == 1]
    assert gap.tc_lst[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "6"
    annex = next(p for p in document.paragraphs if p.text.startswith("Phụ lục: Xếp hạng"))
    assert not annex.paragraph_format.page_break_before and annex.style.name == "Heading 2"  # no page of its own
    assert annex.style.paragraph_format.keep_with_next  # its heading on the page of its first rows
    assert len(full.rows) == 1 + 93 and full._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None


def test_the_notes_markdown_keeps_its_emphasis_lists_links_and_quotations():
    notes = (
        "### Ý kiến tại hội nghị\n\n"
        "Các đơn vị **thống nhất** các *kiến nghị* (xem [cổng tin](https://example.vn/a), [đây](javascript:alert(1)),"
        " [tệp](file:///etc/passwd), mã `DVK`):  \ndòng hai\n\n"
        "- Một;\n- Hai:\n  - hai a.\n\n3. Ba\n\n> Dân biết, dân bàn.\n"
    )
    document = read(notebook_to_docx(of_blocks(typed.Block("notes", markdown.elements(notes)))))
    lines = [p.text for p in document.paragraphs]
    assert lines == [
        "Ý kiến tại hội nghị",
        "Các đơn vị thống nhất các kiến nghị (xem cổng tin, đây, tệp, mã DVK):\ndòng hai",
        "•\tMột;",
        "•\tHai:",
        "◦\thai a.",
        "3.\tBa",
        "Dân biết, dân bàn.",
    ]
    runs = {run.text: run for run in document.paragraphs[1].iter_inner_content() if hasattr(run, "bold")}
    assert runs["thống nhất"].bold and runs["kiến nghị"].italic and runs["DVK"].font.name == "Courier New"
    [link] = document.paragraphs[1].hyperlinks  # a script's or a file's address is never a link
    assert (link.text, link.address) == ("cổng tin", "https://example.vn/a")
    items = document.paragraphs[2:6]
    assert {p.style.name for p in items} == {"List Paragraph"}
    assert items[2].paragraph_format.left_indent > items[1].paragraph_format.left_indent  # nested deeper
    assert document.paragraphs[0].style.name == "Heading 2" and document.paragraphs[-1].style.name == "Quote"


def test_an_unsafe_link_written_into_a_blocks_json_stays_out_of_the_word_file():
    runs = (typed.Run("mở", link="javascript:alert(1)"), typed.Run(" "), typed.Run("thư", link="mailto:ban@example.vn"))
    [paragraph] = read(notebook_to_docx(of_blocks(typed.Block("paragraphs", (typed.Paragraph(runs),))))).paragraphs
    assert paragraph.text == "mở thư" and [link.address for link in paragraph.hyperlinks] == ["mailto:ban@example.vn"]


def test_white_space_collapses_as_in_html_and_the_text_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Công nhận")
    said = (typed.Run(f"\n  {decomposed}\n\t "), typed.Run(" 514 ", bold=True), typed.Run("  mô   hình "))
    document = read(notebook_to_docx(of_blocks(typed.Block("paragraphs", (typed.Paragraph(said),)))))
    [paragraph] = document.paragraphs
    assert paragraph.text == "Công nhận 514 mô hình" == unicodedata.normalize("NFC", paragraph.text)
    assert [run.text for run in paragraph.runs] == ["Công nhận ", "514 ", "mô hình"]


def test_jupyter_nbconvert_finds_the_word_exporter(plains, docx):
    exporter = get_exporter("bantin_docx")
    assert exporter is BulletinWordExporter and exporter.output_mimetype == MIMETYPE
    output, resources = exporter().from_notebook_node(plains)
    assert output == docx and resources["output_extension"] == ".docx"


def test_the_end_sets_the_recipients_left_and_the_signer_right_as_huong_dan_36_does(sample):
    """ "Nơi nhận:" 12 pt bold italic and its entries 11 pt after "- " on the left; the signer's title 14 pt bold on
    the right, then the space for the signature and no name (the sample's is empty); a borderless table."""
    closing = ClusterBulletin.load("2026H1", "trung-tam", str(sample.root)).closing()
    document = read(notebook_to_docx(of_blocks(closing)))
    [table] = document.tables
    assert [side.get(qn("w:val")) for side in table._tbl.tblPr.find(qn("w:tblBorders"))] == ["nil"] * 6
    left, right = table.rows[0].cells
    heading, *entries = left.paragraphs
    assert heading.text == "Nơi nhận:" and heading.style.font.size == Pt(12)
    assert heading.style.font.bold and heading.style.font.italic
    assert entries[0].text == "- Ban Tuyên giáo và Dân vận Trung ương (để báo cáo)"
    assert entries[-1].text == "- Lưu Văn phòng Ban." and {p.style.font.size for p in entries} == {Pt(11)}
    *title, name = right.paragraphs
    assert [p.text for p in title] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    assert all(p.style.font.size == Pt(14) and p.style.font.bold for p in title)
    assert name.text == "" and name.style.paragraph_format.space_before == Pt(72)  # the signature's space


def test_the_end_never_touches_the_table_before_it_which_word_would_join_to_it(sample):
    province = ProvinceBulletin.load("2026H1", str(sample.root))
    body = read(notebook_to_docx(of_blocks(province.comparison(), province.closing()))).element.body
    tables = [index for index, element in enumerate(body) if element.tag == qn("w:tbl")]
    assert len(tables) == 2 and tables[1] - tables[0] > 1  # a paragraph between them

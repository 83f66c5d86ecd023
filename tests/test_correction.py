"""A correction's notice ("Đính chính", issue 25): a bulletin's sentences, those changed since its issue, and the
notice that lists the changed figures and sentences, rendered by the bulletins' exporters. The notebooks here are
made of the project's own blocks, displayed as a kernel displays them, without a kernel."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import lxml.html
import nbformat
import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from IPython.core.formatters import format_display_data
from pypdf import PdfReader

from bantin import formatting
from bantin.build.issues import FigureChange, figure_changes
from bantin.bulletin import document as typed
from bantin.bulletin.blocks import ClusterBulletin
from bantin.bulletin.correction import Notice, sentence_changes, sentences, split
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference
from bantin.model.register import Issue
from bantin.render.correction import HTML, PDF, WORD, notebook_of, notice_files
from bantin.render.exporters import BulletinHTMLExporter
from bantin.render.word import notebook_to_docx
from helpers import copy_project, folded

ISSUED = Issue("2026H1", "07", "BT/BTGDVTU", dt.date(2027, 1, 2), "THÀNH ỦY ĐÀ NẴNG", "2025–2030")
CORRECTION = Issue("2026H1", "08", "BT/BTGDVTU", dt.date(2027, 1, 5), "THÀNH ỦY ĐÀ NẴNG", "2025–2030", "07")
# The blocks the notebooks display, in their order (as notebooks/bulletin.ipynb calls them).
SHOWN = ("header", "completeness", "headline", "lead", "figures", "unit_table", "comparison", "analyst_notes")
SHOWN += ("annex", "closing")


def of_blocks(*blocks) -> nbformat.NotebookNode:
    """A notebook that displays ``blocks``, one cell each, as a kernel would."""
    cells = []
    for block in blocks:
        data, metadata = format_display_data(block)
        output = nbformat.v4.new_output("display_data", data=data, metadata=metadata)
        cells.append(nbformat.v4.new_code_cell(outputs=[output]))
    return nbformat.v4.new_notebook(cells=cells)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("correction") / "project")


@pytest.fixture(scope="module")
def northern(sample) -> ClusterBulletin:
    return ClusterBulletin.load("2026H1", "phia-bac", str(sample.root))


@pytest.fixture(scope="module")
def rendered(northern) -> nbformat.NotebookNode:
    return of_blocks(*(getattr(northern, name)() for name in SHOWN))


# -- a bulletin's sentences ------------------------------------------------------------------------------------------
def test_a_rendered_bulletins_sentences_are_its_texts_in_reading_order(northern, rendered):
    found = sentences(rendered)
    headline, lead = northern.text.headline(), northern.text.lead()
    assert found.index(headline) < found.index(lead)  # the headline, then the lead: one sentence each
    assert northern.text.sections["table"] in found  # a heading is a sentence of its own
    first = northern.text.paragraphs()[0]
    assert first in found  # the first paragraph is one sentence: "2.653" and "58,0%" end nothing
    assert found == [unicodedata.normalize("NFC", sentence) for sentence in found]


def test_the_head_the_end_and_the_tables_are_not_sentences(northern, rendered):
    text = " ".join(sentences(rendered))
    organisation = northern.reference.organisation_for(northern.period)
    assert organisation["party_heading"] not in text and organisation["place"] + ", ngày" not in text
    assert organisation["bulletin_title"] not in text
    assert "Nơi nhận" not in text and organisation["recipients"][0] not in text
    assert northern.units[0].short_name not in text  # the unit table's columns
    assert all(label.short_label not in text for label in northern.reference.indicators_in(northern.period).values())


def test_a_paragraph_ends_a_sentence_at_a_full_stop_a_question_or_an_exclamation_followed_by_a_space():
    text = (
        "Tổ chức 50 hội nghị với 4.819 lượt người. Tỷ lệ 57,7% số mô hình. Đây là mô hình “Dân vận khéo.” Vì sao?  Có!"
    )
    assert split(text + "\nChưa hết") == [
        "Tổ chức 50 hội nghị với 4.819 lượt người.",
        "Tỷ lệ 57,7% số mô hình.",
        "Đây là mô hình “Dân vận khéo.”",
        "Vì sao?",
        "Có!",
        "Chưa hết",
    ]


def test_the_notes_lists_and_quotations_are_read_and_a_line_break_reads_as_a_space():
    paragraph = typed.Paragraph((typed.Run("Một dòng"), typed.Run(None), typed.Run("tiếp theo. Câu hai")))
    item = typed.ItemList(((typed.Paragraph(typed.runs("Mục một.")),), (typed.Paragraph(typed.runs("Mục hai.")),)))
    quote = typed.Quote((typed.Paragraph(typed.runs("Trích dẫn. Hết trích.")),))
    notes = typed.Block("notes", (typed.Heading(typed.runs("Ý kiến tại hội nghị")), paragraph, item, quote), "<p/>")
    decomposed = unicodedata.normalize("NFD", "Hội nghị đã thảo luận.")
    lead = typed.Block("paragraphs", (typed.Paragraph(typed.runs(decomposed)),), "<p/>")
    assert sentences(of_blocks(lead, notes)) == [
        "Hội nghị đã thảo luận.",  # NFC
        "Ý kiến tại hội nghị",
        "Một dòng tiếp theo.",
        "Câu hai",
        "Mục một.",
        "Mục hai.",
        "Trích dẫn.",
        "Hết trích.",
    ]


# -- the sentences that changed --------------------------------------------------------------------------------------
A, B, C, D = "Câu một.", "Câu hai.", "Câu ba.", "Câu bốn."


def test_equal_sentences_give_no_change():
    assert sentence_changes([A, B, C], [A, B, C]) == []


def test_a_sentence_whose_wording_changed_is_given_old_and_new():
    assert sentence_changes([A, B, C], [A, "Câu hai, đã sửa.", C]) == [(B, "Câu hai, đã sửa.")]


def test_a_sentence_added_has_no_old_and_one_removed_no_new():
    assert sentence_changes([A, C], [A, B, C]) == [("", B)]
    assert sentence_changes([A, B, C], [A, C]) == [(B, "")]


def test_a_longer_replacement_pairs_what_it_can_and_adds_the_rest():
    assert sentence_changes([A, B, D], [A, "Hai.", "Ba.", D]) == [(B, "Hai."), ("", "Ba.")]
    assert sentence_changes([A, B, C, D], [A, "Hai.", D]) == [(B, "Hai."), (C, "")]


# -- the notice ------------------------------------------------------------------------------------------------------
def two_figures(reference: Reference) -> list[FigureChange]:
    units = reference.units(Period.parse("2026H1"), "phia-bac")
    return [
        FigureChange("2026H1", units[0].code, "van_ban", "12", "21"),
        FigureChange("2026H1", units[1].code, "hoi_nghi_luot_nguoi", "", "4819"),
    ]


ONE_SENTENCE = {
    "phia-bac": [("Tổ chức 09 cuộc kiểm tra, giám sát.", "Tổ chức 10 cuộc kiểm tra, giám sát.")],
    PROVINCE: [],
}


@pytest.fixture(scope="module")
def files(sample) -> dict[str, bytes]:
    reference = sample.reference
    return notice_files(sample, reference, "2026H1", CORRECTION, ISSUED, two_figures(reference), ONE_SENTENCE)


def pdf_text(pdf: bytes) -> str:
    return folded(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


@pytest.mark.slow  # renders the notice's PDF
def test_the_notice_is_an_html_page_a_pdf_and_a_word_file(files):
    assert set(files) == {HTML, PDF, WORD} == {"dinh-chinh.html", "dinh-chinh.pdf", "dinh-chinh.docx"}
    assert files[PDF].startswith(b"%PDF") and files[WORD].startswith(b"PK")
    assert files[HTML].startswith(b"<!DOCTYPE html>")


@pytest.mark.slow  # renders the notice's PDF
def test_the_notices_pdf_has_the_head_its_number_and_date_the_subject_and_each_row(sample, files):
    text = pdf_text(files[PDF])
    for line in (
        "THÀNH ỦY ĐÀ NẴNG",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 08-BT/BTGDVTU",
        "Đà Nẵng, ngày 05 tháng 01 năm 2027",
        "ĐÍNH CHÍNH",
        "Bản tin công tác dân vận số 07-BT/BTGDVTU ngày 02/01/2027 (6 tháng đầu năm 2026)",
        "Ban Tuyên giáo và Dân vận Thành ủy đính chính Bản tin công tác dân vận số 07-BT/BTGDVTU",
        "Các bản tin số 08-BT/BTGDVTU đã sửa lại được gửi kèm Đính chính này và thay thế các bản tin số "
        "07-BT/BTGDVTU ngày 02/01/2027.",
        "Nơi nhận:",
    ):
        assert line in text
    units = sample.reference.units(Period.parse("2026H1"), "phia-bac")
    first, second = text.index(units[0].name), text.index(units[1].name)
    assert "12 21" in text[first:second] and "– 4.819" in text[second:]


@pytest.mark.slow  # renders the notice's PDF
def test_a_changed_sentence_is_listed_under_its_bulletins_name_as_printed_and_now(files):
    text = pdf_text(files[PDF])
    bulletin = text.index("Cụm phía Bắc")
    printed = text.index("Đã in: “Tổ chức 09 cuộc kiểm tra, giám sát.”")
    now = text.index("Nay sửa lại: “Tổ chức 10 cuộc kiểm tra, giám sát.”")
    assert bulletin < printed < now
    assert "Toàn thành phố" not in text  # the province's bulletin: no sentence changed


def test_the_notice_is_headed_by_the_body_in_force_on_its_date_not_in_the_periods(reference):
    old = Issue("2024H1", "03", "BT/BDVTU", dt.date(2024, 7, 1))
    notice = Notice(reference, Period.parse("2024H1"), CORRECTION, old, [], {"dong-bang": [(A, B)]})
    head = notice.head().content[0]
    assert (head.party_committee, head.number) == ("THÀNH ỦY ĐÀ NẴNG", "Số 08-BT/BTGDVTU")
    assert head.place_and_date == "Đà Nẵng, ngày 05 tháng 01 năm 2027"


def test_a_sentence_added_or_removed_is_printed_alone(reference):
    changes = {"phia-bac": [("", "Câu mới."), ("Câu bỏ.", "")]}
    block = Notice(reference, Period.parse("2026H1"), CORRECTION, ISSUED, [], changes).sentence_list()
    lines = ["".join(run.text for run in element.runs) for element in block.content]
    assert lines == ["Nội dung được sửa lại", "Cụm phía Bắc", "Nay sửa lại: “Câu mới.”", "Đã in: “Câu bỏ.”"]


def test_the_notice_is_worded_by_the_wording_file(tmp_path):
    project = copy_project(tmp_path / "project")
    wording = project.reference_dir / "narrative.j2"
    wording.write_text(wording.read_text("utf-8").replace('"ĐÍNH CHÍNH"', '"ĐÍNH CHÍNH SỐ LIỆU"'), "utf-8")
    notice = Notice(project.reference, Period.parse("2026H1"), CORRECTION, ISSUED, two_figures(project.reference), {})
    assert "ĐÍNH CHÍNH SỐ LIỆU" in notice.head().data
    assert notice.head().content[1].runs[0].text == "ĐÍNH CHÍNH SỐ LIỆU"


@pytest.mark.slow  # renders the notice's PDF
def test_the_same_notice_gives_the_same_bytes(sample, files):
    again = notice_files(
        sample,
        sample.reference,
        Period.parse("2026H1"),
        CORRECTION,
        ISSUED,
        two_figures(sample.reference),
        ONE_SENTENCE,
    )
    assert again == files


# -- the property: a correction lists exactly the changed figures ---------------------------------------------------
def word_rows(docx: bytes) -> list[tuple[str, ...]]:
    """The rows of the Word file's table of changed figures (the one headed "Đơn vị"), without its header."""
    for table in Document(io.BytesIO(docx)).tables:
        rows = [tuple(" ".join(cell.text.split()) for cell in row.cells) for row in table.rows]
        if rows and rows[0][0] == "Đơn vị":
            return rows[1:]
    return []


def html_rows(html: str) -> list[tuple[str, ...]]:
    found = lxml.html.fromstring(html).xpath('//section[@class="correction-figures"]//tbody/tr')
    return [tuple(" ".join(cell.text_content().split()) for cell in row) for row in found]


def figure(value: str) -> str:
    return formatting.count(int(value)) if value else "–"


PERIODS = ("2026H1", "2026")  # a half-year, and a year: its figures in both halves, the notice with a column "Kỳ"


@st.composite
def issued_and_edits(draw, reference: Reference):
    """An issued set of figures of a period (a few units, indicators and halves; some blank) and random edits of it:
    values changed, figures blanked, figures added (where there was none, or a blank)."""
    period = Period.parse(draw(st.sampled_from(PERIODS)))
    halves = [str(half) for half in period.halves()]
    units = [unit.code for unit in reference.units(period)]
    indicators = list(reference.indicators_in(period))
    chosen_units = draw(st.lists(st.sampled_from(units), min_size=1, max_size=4, unique=True))
    chosen_indicators = draw(st.lists(st.sampled_from(indicators), min_size=1, max_size=4, unique=True))
    keys = [(half, unit, code) for half in halves for unit in chosen_units for code in chosen_indicators]
    value = st.integers(0, 20000).map(str)
    issued = {key: draw(st.one_of(value, st.just(""))) for key in draw(st.lists(st.sampled_from(keys), unique=True))}
    edits = draw(
        st.lists(st.tuples(st.sampled_from(keys), st.sampled_from(("change", "blank", "add")), value), max_size=8)
    )
    return period, issued, edits


def edited(issued: dict, edits: list) -> dict:
    current = dict(issued)
    for key, kind, value in edits:
        if kind == "change" and current.get(key):
            current[key] = value
        elif kind == "blank":
            current[key] = ""
        elif kind == "add" and not current.get(key):
            current[key] = value
    return current


@pytest.mark.slow  # 200 notices, each its Word file and page
# The same 200 cases on every run and machine, as the incremental walk takes its steps from a fixed seed.
@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_correction_lists_exactly_the_figures_the_edits_changed_no_more_no_fewer(reference, data):
    period, issued, edits = data.draw(issued_and_edits(reference))
    current = edited(issued, edits)
    changes = figure_changes(issued, current)
    notice = Notice(reference, period, CORRECTION, ISSUED, changes, {})
    notebook = notebook_of(notice)
    # What the edits changed, worked out from the edits alone: each figure they left other than issued.
    names, labels = reference.unit_names, reference.indicators_in(period)
    expected = sorted(
        (
            names[unit],
            labels[code].label,
            *([Period.parse(half).label] if period.is_year else []),
            figure(issued.get(key, "")),
            figure(current.get(key, "")),
        )
        for key in {key for key, _, _ in edits}
        if issued.get(key, "") != current.get(key, "")
        for half, unit, code in [key]
    )
    assert sorted(word_rows(notebook_to_docx(notebook))) == expected
    html, _ = BulletinHTMLExporter().from_notebook_node(notebook)
    assert sorted(html_rows(html)) == expected

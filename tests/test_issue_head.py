"""A draft looks like a draft, an issued bulletin carries its number and date of issue (issue 25).

Until a period is issued its bulletins are drafts: "DỰ THẢO" in a frame under the number line, which leaves the
number blank, and a date line without day or month. An issued bulletin (the notebooks' parameter ``issue``) prints
its number and date of issue under the organisation in force that day; a correction says which issue it replaces,
and a partial issue says in the notice that it was issued before every unit had reported. The same in the HTML,
the PDF, the Word file and the printable set's cover.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace

import nbformat
import pytest
from pypdf import PdfReader

from bantin.bulletin.blocks import ClusterBulletin, ProvinceBulletin
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.model.register import Issue
from bantin.render import collection, pages
from bantin.render.exporters import BulletinHTMLExporter, html_to_pdf
from bantin.render.jobs import Job
from bantin.render.word import notebook_to_docx
from helpers import ROOT, copy_project, docx_text
from test_partial import keep_units
from test_word import displayed  # the blocks as a notebook displays them

DAY_OR_MONTH = re.compile(r"ngày\s*\d|tháng\s*\d")  # a date's day or month written
ISSUE = {
    "period": "2026H1",
    "number": "07",
    "symbol": "BT/BTGDVTU",
    "date": "2027-01-05",
    "party_committee": "THÀNH ỦY ĐÀ NẴNG",
    "term": "2025–2030",
    "partial": False,
}
CORRECTION = ISSUE | {
    "number": "08",
    "date": "2027-01-09",
    "replaces": {"number": "07", "symbol": "BT/BTGDVTU", "date": "2027-01-02"},
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("issue-head") / "project")


def center(sample, issue=None) -> ClusterBulletin:
    return ClusterBulletin.load("2026H1", "trung-tam", str(sample.root), issue=issue)


def page_text(html: str) -> str:
    """What a reader sees of ``html``: its text, white space (the no-break spaces too) as single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def first_page(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def word_text(docx: bytes, tmp_path) -> str:
    path = tmp_path / "bulletin.docx"
    path.write_bytes(docx)
    return " ".join(docx_text(path).split())


# -- the head, as the blocks give it (HTML and JSON) ---------------------------------------------------------------


def test_a_drafts_head_is_marked_and_leaves_its_number_day_and_month_blank(sample):
    head = center(sample).header()
    typed = head.content[0]
    assert typed.mark == "DỰ THẢO"
    assert typed.number == "Số " + "\u00a0" * 8 + "-BT/BTGDVTU"
    assert typed.place_and_date == "Đà Nẵng, ngày " + "\u00a0" * 4 + " tháng " + "\u00a0" * 4 + " năm 2026"
    seen = page_text(head.data)
    assert "DỰ THẢO" in seen and "năm 2026" in seen and not DAY_OR_MONTH.search(seen)
    assert '<div class="draft-mark"><span>DỰ THẢO</span></div>' in head.data  # framed by bulletin.css


def test_a_drafts_year_is_its_meetings_else_its_periods_end(sample):
    """2024H1's plains met on 21 June 2024 (its notes); the year 2025's province has no notes: its end's year."""
    plains = ClusterBulletin.load("2024H1", "dong-bang", str(sample.root)).header().content[0]
    assert plains.place_and_date.endswith("năm 2024") and plains.place_and_date.startswith("Quảng Nam, ngày")
    year = ProvinceBulletin.load("2025", str(sample.root)).header().content[0]
    assert year.place_and_date.endswith("năm 2025") and not DAY_OR_MONTH.search(year.place_and_date)


def test_an_issued_head_prints_its_number_and_date_of_issue_and_no_mark(sample):
    head = center(sample, ISSUE).header()
    typed = head.content[0]
    assert (typed.number, typed.place_and_date, typed.mark) == (
        "Số 07-BT/BTGDVTU",
        "Đà Nẵng, ngày 05 tháng 01 năm 2027",
        "",
    )
    seen = page_text(head.data)
    assert "Số 07-BT/BTGDVTU" in seen and "Đà Nẵng, ngày 05 tháng 01 năm 2027" in seen
    assert "DỰ THẢO" not in seen and 'class="draft-mark"' not in head.data and "Thay thế" not in seen


def test_an_issue_is_headed_and_closed_by_the_organisation_in_force_on_its_date_of_issue(sample):
    """2025H1 (Quảng Nam's Ban Tuyên giáo và Dân vận at its end), issued on 10 January 2026, after the merger: the
    head and the end are the city's; the text still speaks with the period's words."""
    issue = ISSUE | {"period": "2025H1", "number": "01", "date": "2026-01-10"}
    draft = ClusterBulletin.load("2025H1", "dong-bang", str(sample.root))
    issued = ClusterBulletin.load("2025H1", "dong-bang", str(sample.root), issue=issue)
    assert draft.header().content[0].party_committee == "TỈNH ỦY QUẢNG NAM"
    head = issued.header().content[0]
    assert (head.party_committee, head.issuing_body) == ("THÀNH ỦY ĐÀ NẴNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN")
    assert head.place_and_date == "Đà Nẵng, ngày 10 tháng 01 năm 2026" and head.number == "Số 01-BT/BTGDVTU"
    assert "Thường trực Thành ủy (để báo cáo)" in issued.closing().data  # the city's recipients
    assert "Thành ủy" not in draft.closing().data
    assert issued.text.paragraphs() == draft.text.paragraphs()  # "Ban Tuyên giáo và Dân vận các huyện, …"


def test_a_correction_says_under_its_subject_which_issue_it_replaces(sample):
    head = center(sample, CORRECTION).header()
    line = "(Thay thế Bản tin số 07-BT/BTGDVTU ngày 02/01/2027)"
    assert [element.style for element in head.content[1:]] == ["title", "subtitle", "replaces"]
    assert head.content[-1].runs[0].text == line
    subtitle = '<p class="document-subtitle">Cụm trung tâm – 6 tháng đầu năm 2026</p>'
    assert f'{subtitle}\n  <p class="document-replaces">{line}</p>' in head.data
    assert head.content[0].number == "Số 08-BT/BTGDVTU"


def test_a_partial_issue_says_in_the_notice_it_was_issued_before_every_unit_had_reported(tmp_path):
    project = copy_project(tmp_path / "partial")
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    issue = ISSUE | {"period": "2024H1", "date": "2024-07-05", "partial": True}
    sentence = "Bản tin được phát hành khi chưa nhận đủ báo cáo của các đơn vị."
    for load in (
        lambda **kw: ClusterBulletin.load("2024H1", "dong-bang", str(project.root), **kw),
        lambda **kw: ProvinceBulletin.load("2024H1", str(project.root), **kw),
    ):
        partial, draft = load(issue=issue).completeness(), load().completeness()
        said = page_text(partial.data)
        assert "BẢN TIN CHƯA ĐỦ SỐ LIỆU" in said and said.endswith(sentence)
        assert " ".join("".join(run.text or " " for run in partial.content[0].runs).split()).endswith(sentence)
        assert sentence not in page_text(draft.data)
    complete = ClusterBulletin.load("2024H1", "ven-bien", str(project.root), issue=issue).completeness()
    assert sentence not in page_text(complete.data)  # every unit of its own scope reported


# -- the notebooks' parameter ----------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["bulletin.ipynb", "province.ipynb"])
def test_the_notebooks_take_the_parameter_issue_a_draft_by_default_and_hand_it_to_load(layout):
    notebook = nbformat.read(ROOT / "notebooks" / layout, as_version=4)
    [parameters] = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
    assert "\nissue = None" in parameters.source
    assert re.search(r"Bulletin\.load\([^)]*, issue\)", "\n".join(cell.source for cell in notebook.cells))


def test_a_job_hands_its_issue_to_the_notebook_only_when_it_has_one():
    job = Job("/project", "2026H1", "trung-tam", "BẢN TIN", False)
    assert "issue" not in job.parameters
    issued = replace(job, issue=ISSUE)
    assert issued.parameters["issue"] == ISSUE and issued == job  # the stamp's, not the job's identity
    assert "cluster" not in replace(issued, scope=PROVINCE).parameters


# -- the files: HTML, PDF, Word ----------------------------------------------------------------------------------


@pytest.mark.slow  # lays out two PDFs
def test_the_draft_and_the_issue_say_so_in_the_html_the_pdf_and_the_word_file(sample, tmp_path):
    for issue in (None, CORRECTION):
        notebook = displayed(center(sample, issue), "bulletin.ipynb")
        html, _ = BulletinHTMLExporter().from_notebook_node(notebook)
        shown = {
            "html": page_text(html[html.index("<body") :]),
            "pdf": first_page(html_to_pdf(html)),
            "word": word_text(notebook_to_docx(notebook), tmp_path),
        }
        for kind, text in shown.items():
            head = text[: text.index("Cụm trung tâm – 6 tháng đầu năm 2026")]
            if issue is None:
                assert "DỰ THẢO" in head and "năm 2026" in head and not DAY_OR_MONTH.search(head), (kind, head)
            else:
                assert "Số 08-BT/BTGDVTU" in head and "Đà Nẵng, ngày 09 tháng 01 năm 2027" in head, (kind, head)
                assert "DỰ THẢO" not in text, kind
                assert "(Thay thế Bản tin số 07-BT/BTGDVTU ngày 02/01/2027)" in text, kind


@pytest.mark.slow  # lays out two covers
def test_the_sets_cover_is_marked_as_a_draft_until_issued_then_carries_the_number_and_date(sample):
    reference, period = sample.reference, Period.parse("2026H1")
    draft = first_page(collection.printable_set(reference, period, [], None))
    assert "DỰ THẢO" in draft and "năm 2026" in draft and not DAY_OR_MONTH.search(draft)
    issued = first_page(collection.printable_set(reference, period, [], None, Issue.from_parameter(ISSUE)))
    assert "Số 07-BT/BTGDVTU" in issued and "Đà Nẵng, ngày 05 tháng 01 năm 2027" in issued
    assert "DỰ THẢO" not in issued and "Thay thế" not in issued
    replaced = Issue("2026H1", "06", "BT/BTGDVTU", dt.date(2027, 1, 2))
    correction = first_page(
        collection.printable_set(reference, period, [], None, Issue.from_parameter(ISSUE), replaced)
    )
    assert "(Thay thế Tập bản tin số 06-BT/BTGDVTU ngày 02/01/2027)" in correction


def test_the_covers_head_names_the_organisation_of_the_date_of_issue():
    from bantin.model.reference import Reference

    reference = Reference(ROOT / "data" / "reference")
    issue = Issue.from_parameter(ISSUE | {"period": "2025H1", "number": "01", "date": "2026-01-10"})
    html = pages.cover(reference, Period.parse("2025H1"), "Tập", [], None, issue)
    assert (
        "THÀNH ỦY ĐÀ NẴNG" in html and "Số 01-BT/BTGDVTU" in page_text(html) and '<div class="draft-mark">' not in html
    )
    draft = pages.cover(reference, Period.parse("2025H1"), "Tập", [], None)
    assert "TỈNH ỦY QUẢNG NAM" in draft and '<div class="draft-mark"><span>DỰ THẢO</span></div>' in draft


@pytest.mark.slow  # runs the notebook on a kernel
def test_the_notebook_given_an_issue_by_papermill_displays_the_issued_head(sample):
    """As make issue runs it: papermill writes the parameter ``issue`` (a plain dict) into the notebook."""
    import papermill

    from bantin.bulletin.document import MIMETYPE
    from bantin.render.execution import KERNEL

    notebook = papermill.execute_notebook(
        str(ROOT / "notebooks" / "bulletin.ipynb"),
        None,
        parameters={"period": "2026H1", "cluster": "trung-tam", "project_dir": str(sample.root), "issue": CORRECTION},
        kernel_name=KERNEL,
        progress_bar=False,
    )
    [head] = [
        output["data"][MIMETYPE]["content"][0]
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("data", {}).get(MIMETYPE, {}).get("kind") == "head"
    ]
    assert (head["number"], head["place_and_date"], head["mark"]) == (
        "Số 08-BT/BTGDVTU",
        "Đà Nẵng, ngày 09 tháng 01 năm 2027",
        "",
    )

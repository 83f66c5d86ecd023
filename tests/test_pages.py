"""The site's own pages (the index of outputs/, a period's validation report): the bulletins' look, counts that
never hide a gap, and whatever a submission or the reference holds stays text."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

from bantin.intake import completeness, consolidated
from bantin.model import site_wording
from bantin.model.errors import Problem, SubmissionError
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference
from bantin.render import outputs, pages
from helpers import HOSTILE_NAME, HOSTILE_SHORT, set_figures

PLAINS = "data/raw/2024H1/dong-bang.csv"


def text(page: str) -> str:
    """What a reader sees of ``page``: no tags, no style, entities read, spaces collapsed."""
    page = re.sub(r"<(style|title)>.*?</\1>", " ", page, flags=re.S)
    seen = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()
    return re.sub(r" ([;.,)])", r"\1", seen)  # the space an inline tag left before punctuation


def drop_units(project, relative: str, units: set[str]) -> None:
    """Take ``units``' lines out of a long CSV submission of the project copy: they have not reported."""
    path = project.root / relative
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if line.split(",")[1] not in units) + "\n", encoding="utf-8")


def partial_period(project) -> tuple[Period, list[Problem], dict]:
    """2024H1 with the plains' Vĩnh Quý not reported and two figures of An Khánh left blank."""
    drop_units(project, PLAINS, {"vinh-quy"})
    set_figures(project, PLAINS, "an-khanh", {"van_ban": "", "hoi_nghi": ""})
    period = Period.parse("2024H1")
    checked = consolidated.consolidate(project, period)
    by_cluster = completeness.by_cluster(project.reference, period, checked.observations)
    gaps = completeness.gap_problems(project.reference, period, checked.observations, "data/raw/2024H1")
    return period, checked.warnings + gaps, by_cluster


def catalogue_of(project, period: Period, by_cluster: dict, warnings: int = 0) -> list[dict]:
    """The catalogue of an outputs folder holding every bulletin of ``period`` and of 2023H2 (no status)."""
    scopes = project.reference.scopes(period)
    files = sorted(f"{scope}.{ext}" for scope in scopes for ext in ("pdf", "html")) + ["validation.html", "data.csv"]
    status = outputs.status(period, project.reference, by_cluster, warnings, "Toàn tỉnh")
    return [
        {"period": "2023H2", "files": files, "status": None},
        {"period": str(period), "files": files + ["status.json"], "status": json.loads(status)},
    ]


class Cells(HTMLParser):
    """The index's table: per period (a ``tbody``), the text of each scope's cell."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.rows.append([])
        elif tag == "td" and "scope" in (dict(attrs).get("class") or "").split():
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.rows[-1].append(" ".join(" ".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


# -- the validation report --------------------------------------------------------------------------------------


def test_the_validation_headline_counts_errors_awaited_units_blanks_and_other_warnings(project):
    period, problems, by_cluster = partial_period(project)
    seen = text(pages.validation(problems, period, project.reference, by_cluster))
    assert "0 lỗi 1 đơn vị chưa gửi báo cáo 2 số liệu để trống 0 đơn vị gửi muộn 0 cảnh báo khác" in seen
    assert "không có cảnh báo" not in seen and "Không có lỗi; chưa đủ số liệu" in seen


def test_the_validation_report_lists_the_gaps_by_file_with_place_unit_and_indicator(project):
    period, problems, by_cluster = partial_period(project)
    seen = text(pages.validation(problems, period, project.reference, by_cluster))
    assert "Thư mục data/raw/2024H1" in seen and "Huyện ủy Vĩnh Quý (vinh-quy)" in seen
    assert f"Tệp {PLAINS}" in seen and "Cảnh báo dòng 2 Huyện ủy An Khánh (an-khanh)" in seen
    assert "Cụm đồng bằng 7/8 2 Huyện ủy Vĩnh Quý" in seen  # the completeness table: received, blanks, awaited


def test_with_every_unit_in_the_report_never_says_not_enough_data_though_figures_were_left_blank(project):
    set_figures(project, PLAINS, "an-khanh", {"van_ban": ""})
    period = Period.parse("2024H1")
    checked = consolidated.consolidate(project, period)
    by_cluster = completeness.by_cluster(project.reference, period, checked.observations)
    gaps = completeness.gap_problems(project.reference, period, checked.observations, "data/raw/2024H1")
    seen = text(pages.validation(checked.warnings + gaps, period, project.reference, by_cluster))
    assert "chưa đủ số liệu" not in seen and "Không có lỗi; 1 cảnh báo cần xem lại" in seen
    assert "0 đơn vị chưa gửi báo cáo 1 số liệu để trống" in seen


def test_a_failed_intake_is_reported_with_who_reported_beside_its_errors(project):
    drop_units(project, PLAINS, {"vinh-quy"})
    set_figures(project, PLAINS, "an-khanh", {"van_ban": "hai", "hoi_nghi": ""})
    period = Period.parse("2024H1")
    with pytest.raises(SubmissionError) as failed:
        consolidated.consolidate(project, period)
    error = failed.value
    seen = text(pages.validation(error.problems, period, project.reference, error.completeness))
    assert "1 lỗi cần sửa trước khi làm bản tin." in seen
    assert "1 lỗi 1 đơn vị chưa gửi báo cáo 1 số liệu để trống 0 đơn vị gửi muộn 0 cảnh báo khác" in seen
    assert "Tình hình gửi báo cáo" in seen and "Cụm đồng bằng 7/8 1 Huyện ủy Vĩnh Quý" in seen


def test_a_period_without_any_gap_or_warning_says_so(project):
    period = Period.parse("2024H1")
    checked = consolidated.consolidate(project, period)
    by_cluster = completeness.by_cluster(project.reference, period, checked.observations)
    assert "Số liệu hợp lệ: không có lỗi, không có cảnh báo." in text(
        pages.validation(checked.warnings, period, project.reference, by_cluster)
    )


# -- the index --------------------------------------------------------------------------------------------------


def test_the_index_has_a_cell_per_period_and_scope_with_its_links_and_completeness(project):
    period, _, by_cluster = partial_period(project)
    page = pages.index(catalogue_of(project, period, by_cluster), project.reference)
    table = Cells()
    table.feed(page)
    scopes = project.reference.scopes(period)
    assert [len(row) for row in table.rows] == [len(scopes), len(scopes)]  # 2024H1 first, then 2023H2
    newest, oldest = table.rows
    assert newest == [
        "PDF HTML 7/8 đơn vị 2 để trống Dự thảo",
        "PDF HTML 9/9 đơn vị Dự thảo",
        "PDF HTML 6/6 đơn vị Dự thảo",
        "PDF HTML 22/23 đơn vị 2 để trống Dự thảo",
    ]  # never issued: each a draft
    assert oldest == ["PDF HTML Dự thảo"] * len(scopes)  # an older folder, without a status: its links still listed
    for scope in scopes:
        assert f'href="2024H1/{scope}.pdf"' in page and f'href="2023H2/{scope}.html"' in page
    assert 'class="scope incomplete"' in page


def test_the_index_says_each_periods_check_and_the_words_of_each_incomplete_scope(project):
    period, _, by_cluster = partial_period(project)
    seen = text(pages.index(catalogue_of(project, period, by_cluster, warnings=2), project.reference))
    assert "Kiểm tra số liệu: không có lỗi; 2 cảnh báo; 1 đơn vị chưa gửi báo cáo; 2 số liệu để trống." in seen
    words = site_wording.of(project.reference_dir)
    line = outputs.completeness_line(words, "Cụm đồng bằng", 7, 8, 2)
    assert line == "Cụm đồng bằng: 7/8 đơn vị đã gửi báo cáo, 2 số liệu để trống"
    assert f"{line} (chưa gửi: Huyện ủy Vĩnh Quý)" in seen
    assert outputs.completeness_line(words, "Toàn tỉnh", 22, 23, 2) in seen
    assert "không có cảnh báo" not in seen.split("2023H2")[0]


def test_an_index_of_nothing_says_how_to_make_a_bulletin(reference):
    assert "Chưa có bản tin nào." in text(pages.index([], reference))


# -- the look ---------------------------------------------------------------------------------------------------


def test_both_pages_wear_the_bulletins_head_and_liberation_serif(project):
    period, problems, by_cluster = partial_period(project)
    for page, organisation in (  # a period's page: its organisation; the index: the organisation now
        (pages.validation(problems, period, project.reference, by_cluster), project.reference.organisation_for(period)),
        (pages.index(catalogue_of(project, period, by_cluster), project.reference), project.reference.organisation),
    ):
        assert 'font-family: "Liberation Serif"' in page and "size: A4" in page
        seen = text(page)
        assert f"{organisation['party_committee']} {organisation['issuing_body']} *" in seen
        assert f"{organisation['party_heading']} {organisation['place']}" in seen
        assert organisation["bulletin_title"] in seen


# -- hostile names ----------------------------------------------------------------------------------------------


def test_a_hostile_name_is_escaped_in_the_validation_report(hostile_project, h1_2024):
    problem = Problem("data/raw/2024H1/<b>.csv", "dòng 2", "<img src=x onerror=alert(1)>", HOSTILE_SHORT)
    report = pages.validation([problem], h1_2024, Reference(hostile_project.reference_dir))
    assert "<img" not in report and HOSTILE_SHORT not in report and "&lt;script&gt;" in report


def test_a_hostile_unit_awaited_is_escaped_on_both_pages(hostile_project):
    drop_units(hostile_project, PLAINS, {"an-khanh"})
    period = Period.parse("2024H1")
    checked = consolidated.consolidate(hostile_project, period)
    reference = hostile_project.reference
    by_cluster = completeness.by_cluster(reference, period, checked.observations)
    gaps = completeness.gap_problems(reference, period, checked.observations, "data/raw/2024H1")
    for page in (
        pages.validation(gaps, period, reference, by_cluster),
        pages.index(catalogue_of(hostile_project, period, by_cluster), reference),
    ):
        assert HOSTILE_NAME not in page and HOSTILE_NAME in text(page)  # shown as text, its quotes escaped
        assert "<script" not in page


def test_the_province_column_comes_last(reference):
    files = [f"{scope}.pdf" for scope in (PROVINCE, "dong-bang")]
    page = pages.index([{"period": "2024H1", "files": files, "status": None}], reference)
    seen = text(page)
    assert seen.index("Cụm đồng bằng") < seen.index("Toàn tỉnh") and "Cụm miền núi" not in seen


class Headings(HTMLParser):
    """The index's column headings: for each, the pieces that never break (``nowrap``) and the text between."""

    def __init__(self):
        super().__init__()
        self.headings: list[list[tuple[bool, str]]] = []
        self.inside, self.nowrap = False, False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "th" and "scope" in classes:
            self.inside = True
            self.headings.append([])
        elif tag == "span" and self.inside:
            self.nowrap = "nowrap" in classes

    def handle_endtag(self, tag):
        if tag == "th":
            self.inside = False
        elif tag == "span":
            self.nowrap = False

    def handle_data(self, data):
        if self.inside and data.strip():
            self.headings[-1].append((self.nowrap, data))


def two_organisations(reference) -> str:
    """The index of a 2024H1 (Quảng Nam's province) and a 2026H1 (the merged city), every scope with its PDF."""
    catalogue = [
        {"period": str(period), "files": [f"{scope}.pdf" for scope in reference.scopes(period)], "status": None}
        for period in (Period.parse("2024H1"), Period.parse("2026H1"))
    ]
    return pages.index(catalogue, reference)


def test_each_heading_of_the_index_takes_two_lines_at_most_and_its_table_scrolls_rather_than_breaking_words(
    reference,
):
    page = two_organisations(reference)
    parser = Headings()
    parser.feed(page)
    names = [cluster.name for cluster in reference.clusters_in(Period.parse("2026H1"))]
    assert "Cụm đồng bằng phía Nam" in names
    assert len(parser.headings) == len(reference.scopes(Period.parse("2026H1"))) + len(
        reference.scopes(Period.parse("2024H1"))
    )
    for pieces in parser.headings:  # one or two pieces, each kept whole: two lines at most, never a word broken
        assert 1 <= len(pieces) <= 2 and all(nowrap for nowrap, _ in pieces), pieces
    lines = [[piece for _, piece in pieces] for pieces in parser.headings]
    assert ["Cụm đồng bằng", "phía Nam"] in lines and ["Cụm miền núi", "phía Tây"] in lines  # words kept whole
    assert '<main class="bulletin site wide">' in page  # the screen's width, not the bulletin's sheet
    assert page.count('<div class="index">\n<table class="site index">') == 2  # a table per organisation
    assert re.search(r"div\.index \{[^}]*overflow-x: auto", page)  # which scrolls sideways on a narrow screen
    assert re.search(r"table\.index th, table\.index td \{[^}]*overflow-wrap: normal", page)
    assert re.search(r"td\.scope \.links \{[^}]*white-space: nowrap", page)  # the links side by side


def test_the_index_says_when_each_organisation_was_in_force_and_never_a_start_the_office_did_not_record(reference):
    seen = text(two_organisations(reference))
    assert "Ban Dân vận Tỉnh ủy Quảng Nam (đến ngày 28 tháng 02 năm 2025)" in seen
    assert "(từ ngày 01 tháng 7 năm 2025)" in seen
    assert "2020" not in seen and seen.count("từ ngày") == 1


def test_the_indexs_legend_says_a_red_cell_in_words_that_read_right(reference):
    seen = text(two_organisations(reference))
    assert "Ô có nền đỏ nhạt: chưa đủ số liệu." in seen and "Ô tô" not in seen

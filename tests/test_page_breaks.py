"""Where the PDF's pages break around the annexes: an annex follows the text when it fits, its heading and caption
on the page of its table's first rows, never alone on a page of its own.

Each case lays the province's annex of warnings and its full ranking (2026H1, 94 units) after more and more lines
of text, with the bulletins' stylesheet and fonts (``exporters.html_to_pdf``), so that the annexes' headings fall
at every height of the page, its foot included; the PDF's text is then read page by page (pypdf)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from bantin.bulletin.blocks import ProvinceBulletin
from bantin.render.exporters import TEMPLATES, html_to_pdf
from helpers import copy_project, set_figures

pytestmark = pytest.mark.slow  # lays out a PDF per case

WARNED = "p-khanh-hung"  # a unit of dong-bang-nam, given an inspection without anyone inspected
LINE = "Trong 6 tháng đầu năm, các cấp ủy đã tổ chức quán triệt các chủ trương về công tác dân vận."


@pytest.fixture(scope="module")
def annexes(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("breaks") / "project")
    set_figures(project, "data/raw/2026H1/dong-bang-nam.csv", WARNED, {"kiem_tra": 9, "kiem_tra_to_chuc_dang": 1})
    bulletin = ProvinceBulletin.load("2026H1", str(project.root))
    annex, ranking = bulletin.annex().data, bulletin.ranking_annex().data
    assert "Đảng ủy phường Khánh Hưng" in annex and "Phụ lục: Xếp hạng" in ranking
    return annex, ranking


def pages(lines: int, *fragments: str) -> list[str]:
    """The text of each page of a bulletin page made of ``lines`` paragraphs of text, then ``fragments``."""
    css = (TEMPLATES / "bulletin" / "bulletin.css").read_text(encoding="utf-8")
    text = "".join(f"<p>{LINE}</p>" for _ in range(lines))
    html = f'<html lang="vi"><head><style>{css}</style></head><body><main class="bulletin">{text}'
    html += "".join(fragments) + "</main></body></html>"
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(html_to_pdf(html))).pages]


@pytest.mark.parametrize("lines", range(10, 20))  # the annex's heading from the middle of page 1 to its foot
def test_the_annex_of_warnings_follows_the_text_its_heading_on_the_page_of_its_table(annexes, lines):
    annex, ranking = annexes
    found = pages(lines, annex, ranking)
    [heading] = [number for number, text in enumerate(found) if "PHỤ LỤC: CẢNH BÁO VỀ SỐ LIỆU" in text]
    assert "Khánh Hưng" in found[heading]  # its table's row on the heading's page
    last_text = max(number for number, text in enumerate(found) if LINE[:40] in text)
    assert heading in (last_text, last_text + 1)  # right after the text, or whole on the next page when it does not fit
    [ranked] = [number for number, text in enumerate(found) if "PHỤ LỤC: XẾP HẠNG CÁC ĐƠN VỊ" in text]
    assert LINE[:40] in found[heading] or ranked == heading  # never alone on a page: after the text, or the ranking
    assert ranked in (heading, heading + 1)  # which follows it, no page between


@pytest.mark.parametrize("lines", range(0, 12, 3))
def test_the_full_ranking_follows_the_text_with_its_heading_on_the_page_of_its_first_rows(annexes, lines):
    _, ranking = annexes
    found = pages(lines, ranking)
    [heading] = [number for number, text in enumerate(found) if "PHỤ LỤC: XẾP HẠNG CÁC ĐƠN VỊ" in text]
    assert heading == 0  # no page of its own: it starts after the text
    assert "Đảng ủy" in found[heading].split("PHỤ LỤC: XẾP HẠNG CÁC ĐƠN VỊ", 1)[1]  # and its first rows with it

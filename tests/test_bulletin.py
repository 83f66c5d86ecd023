"""The rendered bulletin of the plains cluster for 2024H1, against the published one."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import unicodedata

import pytest
from pypdf import PdfReader

from bantin.periods import Period
from bantin.pipeline import run_report

from conftest import copy_project

# Sentences of ../shared/reference/bulletin-dong-bang-2024H1.txt that the bulletin must contain verbatim.
REFERENCE_SENTENCES = [
    "Công nhận 514 mô hình dân vận khéo",
    "6 tháng đầu năm 2024",
    "ban hành 129 văn bản cụ thể hóa các chủ trương, nghị quyết mới",
    "Tổ chức 14 cuộc kiểm tra, giám sát đối với 18 tổ chức đảng và 11 đảng viên",
    "tổ chức 06 hội nghị sơ kết, tổng kết",
    "đã tổ chức 50 hội nghị với 4.819 lượt người tham dự",
    "đã đăng ký và tổ chức thực hiện 891 mô hình “Dân vận khéo”, trong đó được công nhận 514 mô hình",
    "Tổ chức 08 hội nghị với 905 lượt người tham gia",
    "Tổ chức 25 cuộc kiểm tra, giám sát để hướng dẫn nghiệp vụ công tác dân vận đối với 25 cấp ủy, tổ chức đảng và 05 đảng viên",
    "chiều 21/6, Ban Dân vận Tỉnh ủy tổ chức giao ban cụm đồng bằng công tác dân vận 6 tháng đầu năm 2024",
    "Tại hội nghị các đơn vị, địa phương đã thảo luận, chia sẻ kinh nghiệm trong công tác dân vận",
]


def folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def html_text(markup: str) -> str:
    body = re.sub(r"<(style|svg)\b.*?</\1>", " ", markup, flags=re.S)
    return folded(html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("golden") / "project")
    [outcome] = run_report(project, Period.parse("2024H1"), ["dong-bang"], jobs=1, log=lambda line: None)
    assert not outcome.error, outcome.error
    return project.period_outputs_dir(Period.parse("2024H1"))


@pytest.fixture(scope="module")
def pdf_text(rendered):
    return folded(" ".join(page.extract_text() for page in PdfReader(rendered / "dong-bang.pdf").pages))


@pytest.mark.parametrize("sentence", REFERENCE_SENTENCES)
def test_the_pdf_contains_the_reference_sentence(pdf_text, sentence):
    assert sentence in pdf_text


@pytest.mark.parametrize("sentence", REFERENCE_SENTENCES)
def test_the_html_contains_the_reference_sentence(rendered, sentence):
    assert sentence in html_text((rendered / "dong-bang.html").read_text(encoding="utf-8"))


def test_the_pdf_is_a4_with_every_font_embedded(rendered):
    reader = PdfReader(rendered / "dong-bang.pdf")
    assert len(reader.pages) >= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


def test_pages_after_the_first_are_numbered_at_the_top(rendered):
    def top_margin_text(page) -> str:
        margin_starts = float(page.mediabox.height) - 20 * 72 / 25.4  # the 20 mm top margin
        found = []

        def visit(text, cm, tm, *_):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text's position on the page
            if y > margin_starts:
                found.append(text)

        page.extract_text(visitor_text=visit)
        return "".join(found).strip()

    pages = PdfReader(rendered / "dong-bang.pdf").pages
    assert [top_margin_text(page) for page in pages] == [""] + [str(number) for number in range(2, len(pages) + 1)]


def test_the_html_is_one_self_contained_file_without_code(rendered):
    markup = (rendered / "dong-bang.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", markup)
    assert "<script" not in markup and "@import" not in markup
    assert "ClusterBulletin" not in markup and "display(" not in markup
    assert markup.count("<svg") == 2  # the two charts, inline
    assert "<title>Bản tin công tác dân vận – Cụm đồng bằng – 6 tháng đầu năm 2024</title>" in markup


def test_the_table_lists_every_unit_with_the_cluster_total(rendered, reference):
    text = html_text((rendered / "dong-bang.html").read_text(encoding="utf-8"))
    for unit in reference.units(Period.parse("2024H1"), "dong-bang"):
        assert unit.short_name in text
    assert "Toàn cụm" in text


def test_the_executed_notebook_is_kept_beside_the_bulletin(rendered):
    import nbformat

    notebook = nbformat.read(rendered / "dong-bang.ipynb", as_version=4)
    injected = [cell for cell in notebook.cells if "injected-parameters" in cell.metadata.get("tags", [])]
    assert injected and '"dong-bang"' in injected[0].source


def test_jupyter_nbconvert_finds_our_exporters(rendered, tmp_path):
    for exporter, suffix in (("bantin_html", ".html"), ("bantin_pdf", ".pdf")):
        subprocess.run(
            [sys.executable, "-m", "jupyter", "nbconvert", "--to", exporter, "--output-dir", str(tmp_path),
             str(rendered / "dong-bang.ipynb")],
            check=True, capture_output=True,
        )
        assert (tmp_path / f"dong-bang{suffix}").stat().st_size > 10_000
    assert "Công nhận 514 mô hình dân vận khéo" in (tmp_path / "dong-bang.html").read_text(encoding="utf-8")
    assert (tmp_path / "dong-bang.pdf").read_bytes().startswith(b"%PDF")

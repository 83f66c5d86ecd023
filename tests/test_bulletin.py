"""The rendered bulletin of the plains cluster for 2024H1, against the published one."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.render.pipeline import run_report
from helpers import REFERENCE_SENTENCES, copy_project, folded

pytestmark = pytest.mark.slow  # every test here renders bulletins


def html_text(markup: str) -> str:
    body = re.sub(r"<(style|svg)\b.*?</\1>", " ", markup, flags=re.S)
    return folded(html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def golden_project(tmp_path_factory):
    """A project where the plains cluster and the province were rendered for 2024H1, and every bulletin of 2024."""
    project = copy_project(tmp_path_factory.mktemp("golden") / "project")
    for period, scopes in (
        ("2024H1", ["dong-bang", PROVINCE]),
        ("2024", ["dong-bang", "mien-nui", "ven-bien", PROVINCE]),
    ):
        run_report(project, Period.parse(period), scopes, jobs=2, log=lambda line: None)  # raises if one fails
    return project


@pytest.fixture(scope="module")
def rendered(golden_project):
    return golden_project.period_outputs_dir(Period.parse("2024H1"))


@pytest.fixture(scope="module")
def pdf_text(rendered):
    return folded(" ".join(page.extract_text() for page in PdfReader(rendered / "dong-bang.pdf").pages))


@pytest.mark.parametrize("sentence", REFERENCE_SENTENCES)
def test_the_pdf_contains_the_reference_sentence(pdf_text, sentence):
    assert sentence in pdf_text


@pytest.mark.parametrize("sentence", REFERENCE_SENTENCES)
def test_the_html_contains_the_reference_sentence(rendered, sentence):
    assert sentence in html_text((rendered / "dong-bang.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["dong-bang.pdf", "province.pdf"])
def test_the_pdf_is_a4_with_every_font_embedded(rendered, name):
    reader = PdfReader(rendered / name)
    assert len(reader.pages) >= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
                "/FontDescriptor"
            ]
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


@pytest.mark.parametrize("scope", ["dong-bang", "province"])
def test_the_html_is_one_self_contained_file_without_code(rendered, scope):
    markup = (rendered / f"{scope}.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)|url\(\s*["']?(https?:|//)""", markup)
    assert "<script" not in markup and "@import" not in markup
    assert "Bulletin" not in markup and "display(" not in markup
    assert markup.count("<svg") == 2  # the two charts, inline
    name = "Cụm đồng bằng" if scope == "dong-bang" else "Toàn tỉnh"
    assert f"<title>Bản tin công tác dân vận – {name} – 6 tháng đầu năm 2024</title>" in markup


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
            [
                sys.executable,
                "-m",
                "jupyter",
                "nbconvert",
                "--to",
                exporter,
                "--output-dir",
                str(tmp_path),
                str(rendered / "dong-bang.ipynb"),
            ],
            check=True,
            capture_output=True,
        )
        assert (tmp_path / f"dong-bang{suffix}").stat().st_size > 10_000
    assert "Công nhận 514 mô hình dân vận khéo" in (tmp_path / "dong-bang.html").read_text(encoding="utf-8")
    assert (tmp_path / "dong-bang.pdf").read_bytes().startswith(b"%PDF")


def test_the_province_overview_sets_the_clusters_side_by_side_and_ranks_every_unit(rendered, reference):
    text = html_text((rendered / "province.html").read_text(encoding="utf-8"))
    assert "Toàn tỉnh – 6 tháng đầu năm 2024" in text
    assert "Công nhận 1.136 mô hình dân vận khéo" in text  # 514 + 334 + 288: the province's sum
    for cluster in reference.clusters_in(Period.parse("2024H1")):
        assert cluster.name in text
    ranked = re.findall(r"(?:Huyện|Thị|Thành) ủy [^\d]+? Cụm", text)
    assert len(ranked) == 23
    assert "23/23 đơn vị đã gửi báo cáo" in text


def test_the_comparisons_name_the_previous_period_and_the_same_one_a_year_earlier(pdf_text):
    assert "So với cùng kỳ năm 2023, số mô hình “Dân vận khéo” được công nhận tăng" in pdf_text
    assert "so với 6 tháng cuối năm 2023" in pdf_text


def test_the_year_is_reported_with_its_own_comparison(golden_project):
    folder = golden_project.period_outputs_dir(Period.parse("2024"))
    text = folded(" ".join(page.extract_text() for page in PdfReader(folder / "dong-bang.pdf").pages))
    assert (
        "Cụm đồng bằng – năm 2024" in text
        and "Trong năm 2024, Ban Dân vận các huyện, thị, thành ủy cụm đồng bằng" in text
    )
    assert "So với năm 2023," in text and "6 tháng cuối năm 2023" not in text
    assert {path.name for path in folder.glob("*.pdf")} == {
        "dong-bang.pdf",
        "mien-nui.pdf",
        "ven-bien.pdf",
        "province.pdf",
        "tap-ban-tin.pdf",  # the year's printable set
    }


def test_the_index_links_every_bulletin_of_every_period_with_its_status(golden_project):
    index = (golden_project.outputs_dir / "index.html").read_text(encoding="utf-8")
    for link in (
        "2024H1/dong-bang.pdf",
        "2024H1/province.html",
        "2024/mien-nui.pdf",
        "2024/province.pdf",
        "2024/validation.html",
    ):
        assert f'href="{link}"' in index
    assert "8/8 đơn vị đã gửi báo cáo" in index
    assert index.index('<span class="nowrap">Năm 2024</span>') < index.index('<span class="nowrap">năm 2024</span>')
    assert index.index('muted">2024<') < index.index('muted">2024H1<')  # the year above its halves


@pytest.mark.parametrize(
    "path", ["2024H1/dong-bang.pdf", "2024H1/province.pdf", "2024/dong-bang.pdf", "2024/province.pdf"]
)
def test_no_figure_is_written_00_and_thousands_take_dots(golden_project, path):
    text = folded(" ".join(page.extract_text() for page in PdfReader(golden_project.outputs_dir / path).pages))
    text = re.sub(r"Số liệu [0-9a-f]{10} · .*$", "", text)  # the provenance footer's hashes are not figures
    assert not re.search(r"(?<![\d.,])00(?![\d.,])", text)
    assert not re.search(
        r"(?<![\d.,])\d{4,}(?![\d])", text.replace("2023", "").replace("2024", "")
    )  # 4819 would lack its dot


def text_starts(page) -> list[float]:
    """Where the pieces of running text (over 25 characters) of a PDF page start: points from its left edge."""
    starts = []

    def visit(text, cm, tm, *_):
        if len(text.strip()) > 25:
            starts.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    page.extract_text(visitor_text=visit)
    return starts


def test_charts_are_vector_and_the_text_keeps_the_left_margin(rendered):
    for page in PdfReader(rendered / "dong-bang.pdf").pages:
        images = page["/Resources"].get("/XObject", {})
        assert not [name for name, item in images.items() if item.get_object().get("/Subtype") == "/Image"]
        assert min(text_starts(page)) * 25.4 / 72 == pytest.approx(30, abs=0.5)  # Hướng dẫn 36: left margin 30–35 mm


def unusual_figures(unit_number: int, first: bool) -> dict[str, int]:
    """A half-year of zeros, counts under ten and figures past a million, obeying every rule."""
    return {
        "van_ban": 3 if first else 0,
        "kiem_tra": 0,
        "kiem_tra_to_chuc_dang": 0,
        "kiem_tra_dang_vien": 0,
        "hoi_nghi_so_ket": 0,
        "hoi_nghi": 300 + unit_number,
        "hoi_nghi_luot_nguoi": 1_234_567 if first else 1_000,
        "mo_hinh_dang_ky": 7 if first else 0,
        "mo_hinh_cong_nhan": 0,
        "tap_huan": 1 if first else 0,
        "tap_huan_luot_nguoi": 2_000_000 if first else 0,
        "kiem_tra_nghiep_vu": 9 if first else 0,
        "kiem_tra_nghiep_vu_to_chuc": 9 if first else 0,
        "kiem_tra_nghiep_vu_dang_vien": 0,
    }


def test_another_period_with_zeros_small_counts_and_millions_reads_the_same_way(tmp_path, reference):
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project.raw_dir / "2025H1")  # the sample's figures of that half-year make way for these
    units = reference.units(Period.parse("2025H1"), "dong-bang")
    rows = ["period,unit,indicator,value"] + [
        f"2025H1,{unit.code},{code},{value}"
        for number, unit in enumerate(units)
        for code, value in unusual_figures(number, number == 0).items()
    ]
    (project.raw_dir / "2025H1").mkdir()
    (project.raw_dir / "2025H1" / "dong-bang.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    [outcome] = run_report(project, Period.parse("2025H1"), ["dong-bang"], jobs=1, log=lambda line: None)
    assert not outcome.skipped
    outputs = project.period_outputs_dir(Period.parse("2025H1"))
    pdf = folded(" ".join(page.extract_text() for page in PdfReader(outputs / "dong-bang.pdf").pages))
    page = html_text((outputs / "dong-bang.html").read_text(encoding="utf-8"))
    conferences = sum(300 + number for number in range(len(units)))
    attendance = 1_234_567 + 1_000 * (len(units) - 1)
    held = f"đã tổ chức {conferences:,} hội nghị với {attendance:,} lượt người tham dự".replace(",", ".")
    for text in (pdf, page):
        assert "Đăng ký thực hiện 07 mô hình dân vận khéo" in text
        assert "ban hành 03 văn bản" in text
        assert "Không tổ chức cuộc kiểm tra, giám sát nào; không tổ chức hội nghị sơ kết, tổng kết nào." in text
        assert held in text
        assert "Tổ chức 01 hội nghị với 2.000.000 lượt người tham gia" in text
        assert "891 mô hình" not in text and "chưa có mô hình nào được công nhận" in text
        assert "đối với 09 cấp ủy, tổ chức đảng." in text
        assert not re.search(r"(?<![\d.,])00(?![\d.,])", text)

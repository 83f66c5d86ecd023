"""A period whose reports are still coming in: comparisons like for like, every gap said once and plainly."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from bantin.bulletin import metrics
from bantin.bulletin.blocks import ClusterBulletin, ProvinceBulletin
from bantin.intake import completeness, consolidated
from bantin.model.periods import Period
from bantin.render import outputs
from bantin.render.batch import period_files
from test_blocks import texts

SAMPLE = "data/raw/{period}/{cluster}.csv"


def keep_units(project, period: str, cluster: str, units: set[str]) -> None:
    """Leave in a cluster's submission of ``period`` only the lines of ``units`` (the others did not report)."""
    path = project.root / SAMPLE.format(period=period, cluster=cluster)
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if line.split(",")[1] in units]
    if len(kept) == 1:
        path.unlink()  # no unit of the cluster has reported: no file
    else:
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def leave_blank(project, period: str, cluster: str, unit: str, indicators: set[str]) -> None:
    path = project.root / SAMPLE.format(period=period, cluster=cluster)
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows[1:]:
        if row[1] == unit and row[2] in indicators:
            row[3] = ""
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")


def plains(project, period="2024H1") -> ClusterBulletin:
    return ClusterBulletin.load(period, "dong-bang", project.root)


# -- like-for-like comparisons --------------------------------------------------------------------------------


def test_a_unit_missing_now_is_left_out_of_the_earlier_period_too(project):
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    observations = consolidated.load(project, project.history(Period.parse("2024H1")))
    compared = metrics.compare(
        observations, project.reference, Period.parse("2024H1"), Period.parse("2023H2"), "dong-bang"
    )
    units = ["an-khanh", "binh-loc"]
    earlier = metrics.values_of(observations, units, project.reference, Period.parse("2023H2"))
    assert (compared.units, compared.expected) == (2, 8)
    assert compared.before["van_ban"] == earlier["van_ban"].sum()
    assert compared.basis["van_ban"] == 2


def test_a_figure_blank_on_one_side_leaves_that_unit_out_of_that_comparison_only(project):
    leave_blank(project, "2023H2", "dong-bang", "an-khanh", {"hoi_nghi"})
    observations = consolidated.load(project, project.history(Period.parse("2024H1")))
    h1, h2 = Period.parse("2024H1"), Period.parse("2023H2")
    compared = metrics.compare(observations, project.reference, h1, h2, "dong-bang")
    now = metrics.unit_values(observations, project.reference, h1, "dong-bang")
    assert compared.basis["hoi_nghi"] == 7 and compared.basis["van_ban"] == 8
    assert compared.now["hoi_nghi"] == now["hoi_nghi"].drop("an-khanh").sum()
    assert compared.now["van_ban"] == now["van_ban"].sum()
    paragraph = plains(project).comparison().data
    assert "; so với 6 tháng cuối năm 2023, số mô hình được công nhận" in paragraph
    assert "số hội nghị (trên 07 đơn vị) " in paragraph and ", trên 07 đơn vị</td>" in paragraph


def test_a_complete_period_compares_every_unit_and_says_no_basis(project):
    bulletin = plains(project)
    paragraph = bulletin.comparison().data
    assert "So với cùng kỳ năm 2023, số mô hình “Dân vận khéo” được công nhận" in paragraph
    assert "so sánh trên" not in paragraph and "trên 08/08 đơn vị báo cáo cả hai kỳ" in paragraph


def test_a_partial_period_says_once_per_comparison_on_how_many_units_it_rests(project):
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    markup = plains(project).comparison().data
    basis = "(so sánh trên 02/08 đơn vị đã báo cáo cả hai kỳ)"
    assert markup.count(basis) == 2  # against the same period a year earlier, and against the previous one
    assert "trên 02/08 đơn vị báo cáo cả hai kỳ" in markup  # under each column of the table


def test_a_partial_period_states_no_change_that_comes_from_the_missing_units(project):
    """Two units now against the same two units before: the change is theirs, not the six missing ones'."""
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    bulletin = plains(project)
    compared = metrics.compare(
        bulletin.observations, project.reference, Period.parse("2024H1"), Period.parse("2023H1"), "dong-bang"
    )
    full = metrics.cluster_totals(bulletin.observations, project.reference, Period.parse("2023H1"), "dong-bang")
    assert compared.before["hoi_nghi"] < full["hoi_nghi"]
    difference = int(compared.now["hoi_nghi"] - compared.before["hoi_nghi"])
    word = "tăng" if difference > 0 else "giảm"
    assert f"số hội nghị do cấp ủy tổ chức {word} {abs(difference):02d} hội nghị" in bulletin.comparison().data


def test_when_no_unit_reported_both_periods_no_figure_is_compared_and_one_sentence_says_why(project):
    keep_units(project, "2023H2", "dong-bang", {"an-khanh"})
    keep_units(project, "2024H1", "dong-bang", {"binh-loc"})
    markup = plains(project).comparison().data
    assert "chưa so sánh được với 6 tháng cuối năm 2023 vì không có đơn vị nào báo cáo cả hai kỳ" in markup
    assert markup.count("không có đơn vị nào báo cáo cả hai kỳ") == 2  # the sentence, and the column's basis
    assert "số hội nghị tăng" not in markup and "số hội nghị giảm" not in markup


def test_a_figure_no_unit_reported_in_both_periods_is_named_once_as_not_comparable(project):
    for unit in ("an-khanh", "binh-loc", "dong-phuoc", "hoa-xuyen", "hung-thinh", "thuy-lam", "thuy-phong", "vinh-quy"):
        leave_blank(project, "2023H1", "dong-bang", unit, {"hoi_nghi_luot_nguoi"})
    markup = plains(project).comparison().data
    assert "chưa so sánh được số lượt người tham dự" in markup
    assert markup.count("chưa so sánh được") == 2  # in the paragraph, once; in the table's cell


def test_a_year_is_compared_with_the_year_before_like_for_like(project):
    keep_units(project, "2024H2", "dong-bang", {"an-khanh"})
    markup = ClusterBulletin.load("2024", "dong-bang", project.root).comparison().data
    assert "So với năm 2023 (so sánh trên 01/08 đơn vị đã báo cáo cả hai kỳ)" in markup


def test_the_province_compares_like_for_like_too(project):
    keep_units(project, "2024H1", "mien-nui", set())
    markup = ProvinceBulletin.load("2024H1", project.root).comparison().data
    assert "đơn vị đã báo cáo cả hai kỳ)" in markup


# -- stock sentences and a cluster with no report ---------------------------------------------------------------


def test_evaluative_stock_sentences_need_every_unit_by_default(project):
    complete = plains(project).figures().data
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    partial = plains(project).figures().data
    assert "bám sát sự lãnh đạo" in complete and "Chỉ đạo khối dân vận cơ sở" in complete
    assert "bám sát" not in partial and "thực hiện tốt" not in partial and "Chỉ đạo khối dân vận cơ sở" not in partial
    assert "theo báo cáo của 02/08 đơn vị đã gửi" in partial


def test_the_threshold_of_the_stock_sentences_is_set_in_the_wording_file(project):
    wording = project.reference_dir / "narrative.j2"
    text = wording.read_text(encoding="utf-8")
    wording.write_text(text.replace("stock_sentences_from = 1.0", "stock_sentences_from = 0.25"), encoding="utf-8")
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    assert "bám sát sự lãnh đạo" in plains(project).figures().data


def test_a_cluster_with_no_report_gets_a_short_notice_naming_the_units_awaited_and_the_deadline(project):
    keep_units(project, "2024H1", "dong-bang", set())
    bulletin = plains(project)
    notice = bulletin.completeness().data
    assert "CHƯA CÓ ĐƠN VỊ NÀO GỬI BÁO CÁO" in notice and "0/8 đơn vị đã gửi báo cáo" in notice
    assert "Huyện ủy An Khánh" in notice and "hạn gửi ngày 10 tháng 6 năm 2024" in notice
    assert "TỈNH ỦY" in bulletin.header().data.upper()
    for block in (
        bulletin.headline,
        bulletin.lead,
        bulletin.figures,
        bulletin.unit_table,
        bulletin.chart_models_by_unit,
        bulletin.chart_trend,
        bulletin.comparison,
    ):
        assert block().data == "", block.__name__


def test_the_province_names_the_units_awaited_by_cluster_and_a_silent_cluster_in_one_phrase(project):
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    keep_units(project, "2024H1", "mien-nui", set())
    box = ProvinceBulletin.load("2024H1", project.root).completeness().data
    assert "8/23 đơn vị đã gửi báo cáo" in box
    assert "cụm đồng bằng: Huyện ủy Đông Phước, Thành ủy Hòa Xuyên" in box and "cụm miền núi: cả 9 đơn vị" in box
    assert "Huyện ủy Bạch Sơn" not in box


def test_the_province_names_a_cluster_awaited_as_it_is_written_only_its_first_letter_lowered(project):
    keep_units(project, "2026H1", "dong-bang-nam", set())
    keep_units(project, "2026H1", "mien-nui-tay", set())
    block = ProvinceBulletin.load("2026H1", project.root).completeness()
    said = " ".join(texts(block.to_json()["content"]))
    for shown in (block.data, said):  # the page and the Word file
        assert "cụm đồng bằng phía Nam: cả " in shown and "cụm miền núi phía Tây: cả " in shown
        assert "phía nam" not in shown and "phía tây" not in shown
    rate = ProvinceBulletin.load("2024H1", project.root).rate_caption
    assert "được công nhận trên số đăng ký toàn tỉnh:" in rate  # the province's own name, first letter lowered


# -- blanks -----------------------------------------------------------------------------------------------------


def test_the_figures_left_blank_by_units_that_reported_are_named_once_after_the_figures(project):
    leave_blank(project, "2024H1", "dong-bang", "an-khanh", {"van_ban", "hoi_nghi"})
    leave_blank(project, "2024H1", "dong-bang", "binh-loc", {"hoi_nghi"})
    figures = plains(project).figures().data
    assert "Số liệu để trống (chưa báo cáo, không tính vào tổng số): Văn bản ban hành (An Khánh); " in figures
    assert "Hội nghị của cấp ủy (An Khánh, Bình Lộc)." in figures


def test_completeness_counts_blanks_of_received_files_only(project):
    leave_blank(project, "2024H1", "dong-bang", "an-khanh", {"van_ban"})
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    observations = consolidated.load(project, [Period.parse("2024H1")])
    status = completeness.by_cluster(project.reference, Period.parse("2024H1"), observations)["dong-bang"]
    assert len(status.received) == 2 and len(status.missing) == 6
    [blank] = status.blanks
    assert (blank.unit.code, blank.indicator, blank.file) == ("an-khanh", "van_ban", "data/raw/2024H1/dong-bang.csv")
    assert blank.location.startswith("dòng ")


def test_the_validation_report_lists_every_awaited_unit_and_every_blank_as_warnings(project):
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    leave_blank(project, "2024H1", "dong-bang", "an-khanh", {"van_ban"})
    period = Period.parse("2024H1")
    checked = consolidated.consolidate(project, period)
    files = period_files(project, period, checked.observations, checked.warnings, project.reference)
    folder = project.period_outputs_dir(period)
    page = files[folder / "validation.html"].decode("utf-8")
    table = pd.read_csv(pd.io.common.BytesIO(files[folder / "validation.csv"]), dtype=str, keep_default_na=False)
    assert "không có cảnh báo" not in page
    awaited = table[table["message"].str.startswith("Đơn vị chưa gửi báo cáo")]
    assert len(awaited) == 6 and set(awaited["severity"]) == {"warning"}
    blank = table[table["message"].str.startswith("Số liệu để trống")]
    assert list(blank["unit"]) == ["Huyện ủy An Khánh (an-khanh)"] and blank["location"].iloc[0].startswith("dòng ")
    for unit in ("Huyện ủy Đông Phước", "Thành ủy Hòa Xuyên"):
        assert unit in page


@pytest.mark.parametrize("strict", [False, True])
def test_strict_makes_an_awaited_unit_an_error_and_otherwise_a_warning(project, strict):
    keep_units(project, "2024H1", "dong-bang", {"an-khanh"})
    period = Period.parse("2024H1")
    observations = consolidated.load(project, [period])
    gaps = completeness.gap_problems(project.reference, period, observations, "data/raw/2024H1", strict=strict)
    assert {gap.severity for gap in gaps} == {"error" if strict else "warning"}
    assert len(gaps) == 7


def test_the_report_ends_with_one_line_per_scope_from_the_published_status(project):
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    leave_blank(project, "2024H1", "dong-bang", "an-khanh", {"van_ban", "hoi_nghi", "tap_huan"})
    period = Period.parse("2024H1")
    checked = consolidated.consolidate(project, period)
    for path, content in period_files(project, period, checked.observations, [], project.reference).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    assert outputs.completeness_lines(project, period) == [
        "Cụm đồng bằng: 2/8 đơn vị đã gửi báo cáo, 3 số liệu để trống",
        "Cụm miền núi: 9/9 đơn vị đã gửi báo cáo",
        "Cụm ven biển: 6/6 đơn vị đã gửi báo cáo",
        "Toàn tỉnh: 17/23 đơn vị đã gửi báo cáo, 3 số liệu để trống",
        "Kiểm tra số liệu kỳ 2024H1: không có lỗi; 6 đơn vị chưa gửi báo cáo, 3 số liệu để trống (chi tiết: "
        "outputs/2024H1/validation.html).",
    ]


@pytest.mark.slow  # renders a whole period in a subprocess
def test_a_partial_period_renders_honestly_from_end_to_end(project):
    """Plains: 2 of 8 units and a blank; mountains: nobody yet; coast: complete but for two blanks."""
    keep_units(project, "2024H1", "dong-bang", {"an-khanh", "binh-loc"})
    keep_units(project, "2024H1", "mien-nui", set())
    leave_blank(project, "2024H1", "dong-bang", "an-khanh", {"van_ban"})
    coast = project.reference.units(Period.parse("2024H1"), "ven-bien")[0]
    leave_blank(project, "2024H1", "ven-bien", coast.code, {"kiem_tra_to_chuc_dang", "hoi_nghi_luot_nguoi"})

    result = subprocess.run(
        [sys.executable, "-m", "bantin.cli", "report", "--period", "2024H1", "--project", str(project.root)],
        cwd=project.root,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-5:] == [
        "Cụm đồng bằng: 2/8 đơn vị đã gửi báo cáo, 1 số liệu để trống",
        "Cụm miền núi: 0/9 đơn vị đã gửi báo cáo",
        "Cụm ven biển: 6/6 đơn vị đã gửi báo cáo, 2 số liệu để trống",
        "Toàn tỉnh: 8/23 đơn vị đã gửi báo cáo, 3 số liệu để trống",
        "Kiểm tra số liệu kỳ 2024H1: không có lỗi; 15 đơn vị chưa gửi báo cáo, 3 số liệu để trống (chi tiết: "
        "outputs/2024H1/validation.html).",
    ]
    folder = project.period_outputs_dir(Period.parse("2024H1"))
    plains_page = (folder / "dong-bang.html").read_text(encoding="utf-8")
    assert plains_page.count("(so sánh trên 02/08 đơn vị đã báo cáo cả hai kỳ)") == 2
    assert "bám sát" not in plains_page and "Văn bản ban hành (An Khánh)" in plains_page
    mountains = (folder / "mien-nui.html").read_text(encoding="utf-8")
    assert "CHƯA CÓ ĐƠN VỊ NÀO GỬI BÁO CÁO" in mountains and "Huyện ủy Bạch Sơn" in mountains
    assert "<svg" not in mountains and "bám sát" not in mountains and "So với" not in mountains
    coast_page = (folder / "ven-bien.html").read_text(encoding="utf-8")
    assert "(số tổ chức đảng được kiểm tra chưa được báo cáo)" not in coast_page  # the others reported it
    assert f"Tổ chức đảng được kiểm tra, giám sát ({coast.short_name})" in coast_page
    validation = (folder / "validation.csv").read_text(encoding="utf-8")
    assert validation.count("Đơn vị chưa gửi báo cáo") == 6 + 9 and validation.count("Số liệu để trống") == 3

"""The bulletin's blocks: who reported and what was flagged, the words and indicator roles of the reference data,
and names from it kept as text."""

from __future__ import annotations

from bantin.bulletin.blocks import ClusterBulletin
from helpers import HOSTILE_SHORT, INSPECTED_NOBODY, set_figures

SAMPLE = "data/raw/2024H1/dong-bang.csv"


def drop_unit(project, unit):
    path = project.root / SAMPLE
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if f",{unit}," not in line) + "\n", encoding="utf-8")


def test_a_complete_cluster_says_every_unit_reported(project):
    markup = ClusterBulletin.load("2024H1", "dong-bang", project.root).completeness().data
    assert "8/8 đơn vị đã gửi báo cáo" in markup and "CHƯA ĐỦ" not in markup


def test_an_incomplete_cluster_is_clearly_marked_and_names_the_missing_units(project):
    drop_unit(project, "an-khanh")
    bulletin = ClusterBulletin.load("2024H1", "dong-bang", project.root)
    markup = bulletin.completeness().data
    assert "BẢN TIN CHƯA ĐỦ SỐ LIỆU" in markup
    assert "7/8 đơn vị đã gửi báo cáo" in markup and "Huyện ủy An Khánh" in markup


def test_warnings_of_the_clusters_units_are_listed_in_the_annex(project):
    set_figures(project, SAMPLE, "an-khanh", INSPECTED_NOBODY)
    annex = ClusterBulletin.load("2024H1", "dong-bang", project.root).annex().data
    assert "Phụ lục: Cảnh báo về số liệu" in annex and "Huyện ủy An Khánh" in annex
    assert ClusterBulletin.load("2024H1", "mien-nui", project.root).annex().data.strip() == ""


def test_the_tables_and_charts_follow_the_wording_file_and_the_roles_of_indicators(project):
    wording = project.reference_dir / "narrative.j2"
    text = wording.read_text(encoding="utf-8")
    wording.write_text(text.replace('"Toàn cụm"', '"Cả cụm"').replace('"Số mô hình"', '"Mô hình"'), encoding="utf-8")
    indicators = project.reference_dir / "indicators.csv"
    text = indicators.read_text(encoding="utf-8").replace(",models_registered", ",")
    lines = [line + "models_registered" if line.startswith("van_ban,") else line for line in text.splitlines()]
    indicators.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bulletin = ClusterBulletin.load("2024H1", "dong-bang", project.root)
    table = bulletin.unit_table().data
    assert "Cả cụm" in table and "trên số đăng ký của cụm đồng bằng: 398,4%." in table  # 514 / 129 van_ban
    assert ">Mô hình</text>" in bulletin.chart_models_by_unit().data


def test_a_hostile_unit_name_is_escaped_in_the_table_and_the_completeness_block(hostile_project):
    bulletin = ClusterBulletin.load("2024H1", "dong-bang", hostile_project.root)
    markup = bulletin.unit_table().data + bulletin.completeness().data
    assert HOSTILE_SHORT not in markup and "&lt;script&gt;" in markup


def test_the_notice_of_who_reported_and_the_tables_headings_are_the_wording_files_words(project):
    drop_unit(project, "an-khanh")
    wording = project.reference_dir / "narrative.j2"
    text = wording.read_text(encoding="utf-8")
    for old, new in (('"BẢN TIN CHƯA ĐỦ SỐ LIỆU"', '"THIẾU SỐ LIỆU"'), ('"Chỉ tiêu"', '"Nội dung chỉ tiêu"')):
        text = text.replace(old, new)
    wording.write_text(text, encoding="utf-8")
    site = project.reference_dir / "site.toml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("{expected} đơn vị đã gửi báo cáo", "{expected} đơn vị đã nộp"),
        encoding="utf-8",
    )
    bulletin = ClusterBulletin.load("2024H1", "dong-bang", project.root)
    markup = bulletin.completeness().data
    assert "<strong>THIẾU SỐ LIỆU</strong> – 7/8 đơn vị đã nộp (hạn gửi" in markup  # who reported: site.toml's
    assert '<th class="label">Nội dung chỉ tiêu</th>' in bulletin.unit_table().data

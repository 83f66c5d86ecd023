"""The 2025 reorganisation: units that follow former ones, comparisons only over the same territory, a year
across the change, and the trend that marks it (the sample: Quảng Nam's districts to 2025-06-30, the merged
city's communes from 2025-07-01, the former Đà Nẵng as a predecessor cluster)."""

from __future__ import annotations

import re

import pytest

from bantin.bulletin import metrics, territory
from bantin.bulletin.blocks import ClusterBulletin, ProvinceBulletin
from bantin.intake import consolidated
from bantin.model.periods import Period

H1_2024, H1_2025, H2_2025, H1_2026 = (Period.parse(text) for text in ("2024H1", "2025H1", "2025H2", "2026H1"))
YEAR_2025 = Period.parse("2025")


def units_of(reference, period, cluster=None):
    return [unit.code for unit in reference.units(period, cluster)]


def test_within_one_structure_each_unit_is_its_own_territory(reference):
    units = units_of(reference, H1_2026, "phia-bac")
    assert territory.territories(reference, units, [H1_2026, H2_2025], "phia-bac") == [
        frozenset({unit}) for unit in units
    ]


def test_a_former_unit_split_among_new_ones_makes_one_territory_with_them(reference):
    """The former Đà Nẵng went to the 15 communes of the central cluster, and to nothing else."""
    units = units_of(reference, H1_2026, "trung-tam")
    [whole] = territory.territories(reference, units, [H1_2026, H1_2025], "trung-tam")
    assert whole == frozenset(units) | {"da-nang-cu"} and len(units) == 15


def test_a_new_unit_made_of_parts_of_two_former_units_joins_them(reference):
    """Khánh Bình took parts of An Khánh and Bình Lộc: the three, and every other successor of those two, count
    together."""
    found = territory.territories(reference, units_of(reference, H1_2026), [H1_2026, H1_2025], None)
    [joined] = [item for item in found if "x-khanh-binh" in item]
    assert {"an-khanh", "binh-loc"} <= joined
    assert {code for code in joined if code in ("an-khanh", "binh-loc")} == {"an-khanh", "binh-loc"}


def test_a_whole_succession_is_a_territory_of_the_two_units(tmp_path, reference):
    folder = tmp_path / "reference"
    folder.mkdir()
    for name in ("clusters.csv", "units.csv", "indicators.csv", "rules.csv", "organisation.toml"):
        (folder / name).write_bytes((reference.folder / name).read_bytes())
    (folder / "successions.csv").write_text("unit,predecessor,share\np-hoa-minh,an-khanh,whole\n", encoding="utf-8")
    units = (folder / "units.csv").read_text(encoding="utf-8") + "p-hoa-minh,Đảng ủy phường Hòa Minh,Hòa Minh,"
    (folder / "units.csv").write_text(units + "phia-bac,2025-07-01,\n", encoding="utf-8")
    from bantin.model.reference import Reference

    moved = Reference(folder)
    found = territory.territories(moved, ["p-hoa-minh"], [H1_2026, H1_2025], "phia-bac")
    assert found == [frozenset({"p-hoa-minh", "an-khanh"})]


def test_a_district_merged_into_another_of_its_cluster_is_compared_with_the_two_before(project, reference):
    """Thác Bạc was merged into Suối Mây on 2025-01-01: the mountain cluster's 2025H1 compares Suối Mây with the
    two districts of 2024H1, says so, and a year of 2025 stays whole (Thác Bạc was the same bulletin's)."""
    assert units_of(reference, Period.parse("2024H2"), "mien-nui").count("thac-bac") == 1
    assert "thac-bac" not in units_of(reference, H1_2025, "mien-nui")
    [merged] = [
        item
        for item in territory.territories(
            reference, units_of(reference, H1_2025, "mien-nui"), [H1_2025, H1_2024], "mien-nui"
        )
        if "suoi-may" in item
    ]
    assert merged == {"suoi-may", "thac-bac"}
    observations = consolidated.load(project, project.history(H1_2025))
    compared = metrics.compare(observations, reference, H1_2025, H1_2024, "mien-nui")
    before = metrics.values_of(observations, units_of(reference, H1_2024, "mien-nui"), reference, H1_2024)
    assert compared.comparable and compared.changed and (compared.units, compared.expected) == (8, 8)
    assert compared.before["van_ban"] == before["van_ban"].sum()  # Thác Bạc's figures included
    markup = ClusterBulletin.load("2025H1", "mien-nui", project.root).comparison().data
    assert "So với cùng kỳ năm 2024 (số liệu của các đơn vị trước khi sắp xếp), số mô hình" in markup
    assert ProvinceBulletin.load("2025", project.root).totals is not None


def test_the_province_compares_with_the_sum_of_its_predecessors_and_says_so(project):
    markup = ProvinceBulletin.load("2026H1", project.root).comparison().data
    assert (
        "So với cùng kỳ năm 2025 (số liệu của tỉnh Quảng Nam và thành phố Đà Nẵng trước hợp nhất), số mô hình" in markup
    )
    observations = consolidated.load(project, project.history(H1_2026))
    compared = metrics.compare(observations, project.reference, H1_2026, H1_2025, None)
    before = metrics.values_of(
        observations, units_of(project.reference, H1_2025) + ["da-nang-cu"], project.reference, H1_2025
    )
    assert compared.changed and (compared.units, compared.expected) == (93, 93)
    assert compared.before["van_ban"] == before["van_ban"].sum()


def test_a_cluster_made_of_whole_former_units_is_compared_across_the_change(project):
    markup = ClusterBulletin.load("2026H1", "trung-tam", project.root).comparison().data
    assert "So với cùng kỳ năm 2025 (số liệu của các đơn vị trước khi sắp xếp), số mô hình" in markup


def test_a_cluster_drawn_across_former_units_is_not_compared_and_one_sentence_says_why(project):
    later = ClusterBulletin.load("2026H1", "phia-bac", project.root).comparison().data
    assert "Chưa so sánh được với cùng kỳ năm 2025 vì các đơn vị thay đổi từ ngày 01 tháng 7 năm 2025" in later
    assert "so với 6 tháng cuối năm 2025, số mô hình được công nhận" in later  # the same units: compared
    first = ClusterBulletin.load("2025H2", "phia-bac", project.root).comparison().data
    assert first.count("thay đổi từ ngày 01 tháng 7 năm 2025 nên chưa so sánh được với các kỳ trước") == 1
    assert "tăng" not in first.split("<table")[0] and "giảm" not in first.split("<table")[0]


def test_a_year_across_the_change_adds_the_former_units_first_half_to_the_new_units_second(project):
    bulletin = ProvinceBulletin.load("2025", project.root)
    observations = bulletin.observations
    first = metrics.values_of(
        observations, units_of(project.reference, H1_2025) + ["da-nang-cu"], project.reference, H1_2025
    )
    second = metrics.unit_values(observations, project.reference, H2_2025)
    assert bulletin.totals["hoi_nghi"] == first["hoi_nghi"].sum() + second["hoi_nghi"].sum()
    assert (
        "Số liệu cả năm cộng 6 tháng đầu năm của các đơn vị trước ngày 01 tháng 7 năm 2025"
        in bulletin.completeness().data
    )
    assert (
        "So với năm 2024 (số liệu của tỉnh Quảng Nam và thành phố Đà Nẵng trước hợp nhất;" in bulletin.comparison().data
    )


@pytest.mark.parametrize(
    ("cluster", "defined"), [("mien-nui-tay", True), ("trung-tam", True), ("phia-bac", False), ("dong-bang", False)]
)
def test_a_clusters_year_across_the_change_is_given_only_over_the_same_territory(project, cluster, defined):
    bulletin = ClusterBulletin.load("2025", cluster, project.root)
    notice = "CHƯA CÓ SỐ LIỆU CẢ NĂM – các đơn vị thay đổi từ ngày 01 tháng 7 năm 2025"
    assert (notice in " ".join(re.sub(r"<[^>]+>", "", bulletin.completeness().data).split())) is not defined
    assert (bulletin.figures().data == "") is not defined


def test_the_province_trend_marks_the_reorganisation_and_a_new_clusters_trend_starts_at_its_creation(project):
    province = ProvinceBulletin.load("2026H1", project.root)
    assert "sắp xếp lại đơn vị" in province.chart_trend().data
    observations = province.observations
    central = metrics.trend(observations, project.reference, "trung-tam", H1_2026)
    assert list(central.index) == ["2025H2", "2026H1"]
    assert metrics.reorganisations(project.reference, None, ["2024H2", "2025H1", "2025H2", "2026H1"]) == [2]


def test_a_comparison_across_an_indicators_start_says_it_is_new_instead_of_a_change(project):
    """The dialogues are on the form from 2025H2: 2026H1 compares them with 2025H2, not with 2025H1."""
    from bantin.bulletin import comparisons

    bulletin = ProvinceBulletin.load("2026H1", project.root)
    columns = comparisons.against_earlier(bulletin.observations, bulletin.reference, H1_2026, None, bulletin.text)
    assert [column.label for column in columns] == ["6 tháng cuối năm 2025", "cùng kỳ năm 2025"]
    rows = comparisons.rows(columns, bulletin.totals, bulletin.reference, bulletin.text, H1_2026)
    changes = {label: changes for label, _, changes in rows}
    previous, year_earlier = changes["Cuộc tiếp dân, đối thoại với Nhân dân"]
    assert year_earlier == "chỉ tiêu mới từ 6 tháng cuối năm 2025"
    assert re.match(r"(tăng|giảm) \d", previous) or previous == "không thay đổi"
    assert changes["Hội nghị của cấp ủy"][1].startswith(("tăng", "giảm"))  # an old indicator still compared
    assert "chỉ tiêu mới" in bulletin.comparison().data


def test_the_tables_show_an_indicator_only_in_periods_whose_form_has_it(project):
    for text, shown in (("2025H1", False), ("2026H1", True)):
        table = metrics.cluster_table(
            consolidated.load(project, project.history(Period.parse(text))), project.reference, Period.parse(text)
        )
        assert ("tiep_xuc_dan" in table.index) is shown

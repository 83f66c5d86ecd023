"""Bulletins of many units (93 reporting since 2025-07-01, clusters of up to 18): the table by unit, the chart and the
province's ranking stay on the A4 page and readable; the small structure of 2024H1 looks as it did."""

from __future__ import annotations

import itertools
import re

from bantin.bulletin import tables
from bantin.bulletin.blocks import ClusterBulletin, ProvinceBulletin
from bantin.model.periods import Period

LARGEST = "mien-nui-tay"  # 18 units in 2026H1


def parts_of(markup: str) -> list[tuple[str, list[str]]]:
    """(class of each table, the column headings of its header row after "Chỉ tiêu", empty ones left out)."""
    found = []
    for css, head in re.findall(r'<table class="([^"]+)">\s*<thead>(.*?)</thead>', markup, flags=re.S):
        headings = re.findall(r"<th[^>]*>([^<]*)</th>", head)[1:]
        found.append((css, [heading for heading in headings if heading]))
    return found


def positions(markup: str) -> list[int]:
    return [int(number) for number in re.findall(r"<tr><td>(\d+)</td>", markup)]


def test_a_table_of_18_units_is_split_in_two_stacked_parts_the_total_in_the_last(project):
    bulletin = ClusterBulletin.load("2026H1", LARGEST, project.root)
    names = [unit.short_name for unit in bulletin.units]
    markup = bulletin.unit_table().data
    parts = parts_of(markup)
    assert len(names) == 18 and [css for css, _ in parts] == ["figures part", "figures part"]
    assert [len(headings) for _, headings in parts] == [10, 9]  # 18 units and the total, as even as can be
    assert parts[0][1] + parts[1][1] == [*names, "Toàn cụm"]
    assert markup.count("<thead>") == 2  # each part heads its columns, and repeats them across a page break
    assert markup.count("Tỷ lệ mô hình “Dân vận khéo” được công nhận trên số đăng ký của cụm miền núi phía Tây") == 1


def test_a_table_of_8_units_stays_one_table_as_before(project):
    bulletin = ClusterBulletin.load("2024H1", "dong-bang", project.root)
    [(css, headings)] = parts_of(bulletin.unit_table().data)
    assert css == "figures" and headings == [*(unit.short_name for unit in bulletin.units), "Toàn cụm"]


def test_the_parts_are_as_even_as_can_be_and_keep_their_columns_aligned():
    rows = [("Văn bản ban hành", [str(number) for number in range(16)])]
    split = tables.parts([f"u{number}" for number in range(15)], "Toàn cụm", rows)
    assert [len(part.headings) for part in split] == [8, 8] and [part.padding for part in split] == [0, 0]
    assert [part.total for part in split] == [False, True] and split[1].rows[0][1][-1] == "15"
    widths = [len(part.headings) + part.padding for part in tables.parts(list("abcdefghijklmnopqrst"), "T", [])]
    assert widths == [11, 11]


def test_a_chart_of_18_units_names_every_unit_on_a_line_of_its_own(project):
    bulletin = ClusterBulletin.load("2026H1", LARGEST, project.root)
    chart = bulletin.chart_models_by_unit().data
    label = r'<text style="font-size: (\d+)px[^"]*" x="[\d.]+" y="([\d.]+)"[^>]*>{}</text>'
    found = [re.findall(label.format(re.escape(unit.short_name)), chart) for unit in bulletin.units]
    assert [len(labels) for labels in found] == [1] * 18  # every unit named, once
    size = max(int(size) for [(size, _)] in found)
    lines = sorted(float(y) for [(_, y)] in found)
    assert min(lower - upper for upper, lower in itertools.pairwise(lines)) >= size  # no name over another
    assert "rotate(-30)" not in chart  # horizontal bars: the names are not slanted


def test_a_chart_of_8_units_keeps_its_standing_bars_and_slanted_names(project):
    chart = ClusterBulletin.load("2024H1", "dong-bang", project.root).chart_models_by_unit().data
    assert chart.count("rotate(-30)") == 8


def test_the_province_of_93_reporting_units_shows_the_top_and_the_bottom_and_ranks_them_all_in_the_annex(project):
    bulletin = ProvinceBulletin.load("2026H1", project.root)
    body, annex = bulletin.ranking().data, bulletin.ranking_annex().data
    assert positions(body) == [*range(1, 11), *range(84, 94)] and 'class="gap"' in body
    assert "10 đơn vị có tỷ lệ cao nhất và 10 đơn vị có tỷ lệ thấp nhất" in body
    assert "bảng xếp hạng đầy đủ 93 đơn vị ở phụ lục cuối bản tin" in body
    assert "Phụ lục: Xếp hạng các đơn vị" in annex and positions(annex) == list(range(1, 94))
    lowest = re.findall(r"<tr><td>93</td><td[^>]*>([^<]+)</td>", body)
    assert lowest == re.findall(r"<tr><td>93</td><td[^>]*>([^<]+)</td>", annex)


def test_a_unit_without_a_rate_is_never_shown_among_the_lowest_rates(project):
    path = project.raw_dir / "2026H1" / "trung-tam.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if ",p-an-lac-dong," not in line) + "\n", encoding="utf-8")
    bulletin = ProvinceBulletin.load("2026H1", project.root)
    body, annex = bulletin.ranking().data, bulletin.ranking_annex().data
    assert "An Lạc Đông" not in body and positions(body)[-1] == 92
    assert re.search(r"<tr><td>93</td><td[^>]*>Đảng ủy phường An Lạc Đông</td>.*<td>–</td></tr>", annex)


def test_the_province_of_23_units_ranks_them_all_in_the_body_with_no_annex(project):
    bulletin = ProvinceBulletin.load("2024H1", project.root)
    body = bulletin.ranking().data
    assert positions(body) == list(range(1, 24)) and 'class="gap"' not in body and "phụ lục" not in body
    assert bulletin.ranking_annex().data == ""
    assert len(bulletin.reference.units(Period.parse("2024H1"))) == 23

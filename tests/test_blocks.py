"""The bulletin's blocks: who reported and what was flagged, the words and indicator roles of the reference data,
and names from it kept as text."""

from __future__ import annotations

import html
import re

from IPython.core.formatters import format_display_data

from bantin.bulletin.blocks import ClusterBulletin, ProvinceBulletin
from bantin.bulletin.document import KINDS, MIMETYPE, VERSION
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
    text = indicators.read_text(encoding="utf-8").replace(",models_registered,", ",,")
    indicators.write_text(text.replace(",văn bản,,,", ",văn bản,models_registered,,"), encoding="utf-8")
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
    said_in_word = list(texts(bulletin.completeness().to_json()["content"])) + list(
        texts(bulletin.unit_table().to_json()["content"])
    )
    assert "THIẾU SỐ LIỆU" in said_in_word[0] and "7/8 đơn vị đã nộp" in said_in_word[0]  # the Word file's too
    assert "Nội dung chỉ tiêu" in said_in_word


def said(runs: list[dict]) -> str:
    return " ".join("".join(run.get("text", " ") for run in runs).split())


def texts(elements: list[dict]):
    """Every paragraph's, heading's and cell's text in a block's JSON."""
    for element in elements:
        if "runs" in element:
            yield said(element["runs"])
        for row in element.get("rows", []):
            yield from (said(cell["runs"]) for cell in row["cells"])
        yield from texts(element.get("content", []))
        for item in element.get("items", []):
            yield from texts(item)
        yield from (element[name] for name in ("party_committee", "issuing_body", "party_heading") if name in element)


def test_every_block_says_in_its_json_what_its_html_shows(project):
    notes = project.root / "data/notes/2024H1/dong-bang.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\n- **một** ý\n\n> [trích](https://example.vn)\n")
    cluster = ClusterBulletin.load("2024H1", "dong-bang", project.root)
    province = ProvinceBulletin.load("2026H1", project.root)
    names = ("header", "completeness", "headline", "lead", "figures", "comparison", "analyst_notes", "annex")
    blocks = [getattr(bulletin, name)() for bulletin in (cluster, province) for name in names]
    blocks += [cluster.unit_table(), province.cluster_table(), province.ranking(), province.ranking_annex()]
    for block in blocks:
        data, _ = format_display_data(block)
        found, page = data[MIMETYPE], " ".join(html.unescape(re.sub(r"<[^>]+>", " ", data["text/html"])).split())
        assert found["version"] == VERSION and found["kind"] in KINDS and data["text/html"] == block.data
        shown = [text for text in texts(found["content"]) if text]
        assert shown or not page, found["kind"]
        for text in shown:
            assert text in page, (found["kind"], text)
    notes = list(texts(cluster.analyst_notes().to_json()["content"]))
    assert "một ý" in notes and "trích" in notes  # a list's item, a quotation's paragraph: their words, no mark-up


def test_a_blocks_json_says_nothing_when_its_html_is_empty(project):
    annex = ClusterBulletin.load("2024H1", "mien-nui", project.root).annex()
    assert annex.data.strip() == "" and annex.to_json() == {"version": VERSION, "kind": "annex", "content": []}

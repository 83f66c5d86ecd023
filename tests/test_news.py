"""The news item for the paper and radio: the bulletin's own words, in the form of the reference bulletin."""

from __future__ import annotations

from IPython.core.formatters import format_display_data

from bantin.build.products import has_news_item
from bantin.bulletin import news
from bantin.bulletin.blocks import ClusterBulletin, ProvinceBulletin
from bantin.model.periods import Period
from helpers import REFERENCE_SENTENCES

H1 = Period.parse("2024H1")


def test_the_plains_news_item_reads_like_the_reference_bulletin(project):
    item = ClusterBulletin.load("2024H1", "dong-bang", project.root).news_item()
    paragraphs = item.text.split("\n\n")
    assert paragraphs[0] == "Công nhận 514 mô hình dân vận khéo"  # the headline, then the lead (the meeting)
    assert paragraphs[1].startswith("Thực hiện Chương trình công tác dân vận năm 2024, chiều 21/6,")
    assert paragraphs[-1].startswith("Tại hội nghị các đơn vị, địa phương đã thảo luận")  # the notes, last
    for sentence in REFERENCE_SENTENCES:
        assert sentence in item.text
    assert "|" not in item.text and "Toàn cụm" not in item.text  # no table
    assert item.text.endswith("\n") and "\n\n\n" not in item.text


def test_the_page_shows_the_same_text_marked_for_the_run_to_write_it(project):
    item = ClusterBulletin.load("2024H1", "dong-bang", project.root).news_item()
    data, metadata = format_display_data(item)
    assert data["text/plain"] == item.text
    assert metadata == {"bantin": {"block": news.BLOCK}}
    assert '<section class="news-item">' in data["text/html"] and "dong-bang.tin.txt" in data["text/html"]
    for paragraph in item.paragraphs:
        assert f">{paragraph}</p>" in data["text/html"].replace("&#34;", '"')


def test_a_cluster_without_notes_and_the_province_have_no_news_item(project):
    (project.root / "data/notes/2024H1/ven-bien.md").unlink()
    assert ClusterBulletin.load("2024H1", "ven-bien", project.root).news_item().data == ""
    (project.root / "data/notes/2024H1/province.md").write_text("Ghi chú của tỉnh.\n", encoding="utf-8")
    assert not hasattr(ProvinceBulletin, "news_item")  # its notebook shows none: the clusters' meetings have them
    assert [has_news_item(project, H1, scope) for scope in ("ven-bien", "province", "dong-bang")] == [
        False,
        False,
        True,
    ]


def test_a_meeting_whose_units_have_not_reported_gets_its_lead_and_discussion_without_figures(project):
    (project.raw_dir / "2024H1" / "dong-bang.csv").unlink()
    item = ClusterBulletin.load("2024H1", "dong-bang", project.root).news_item()
    assert item.paragraphs[0].startswith("Thực hiện Chương trình công tác dân vận năm 2024, chiều 21/6,")
    assert item.paragraphs[-1].startswith("Tại hội nghị các đơn vị")
    assert len(item.paragraphs) == 2 and "514" not in item.text


def test_the_notes_markdown_becomes_plain_paragraphs():
    markdown = "Ý kiến **nổi bật** của [huyện](http://example.invalid)\ntiếp tục.\n\n- Một\n- Hai *ý*\n\n1. Đầu\n"
    assert news.plain_paragraphs(markdown) == [
        "Ý kiến nổi bật của huyện tiếp tục.",
        "- Một",
        "- Hai ý",
        "1. Đầu",
    ]

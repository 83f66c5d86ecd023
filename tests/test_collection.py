"""What a period hands out besides each bulletin: the printable set and the archive to send."""

from __future__ import annotations

import io
import zipfile

from pypdf import PdfReader
from weasyprint import HTML

from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.render import pages
from bantin.render.collection import Member, archive, printable_set
from bantin.render.exporters import TEMPLATES, html_to_pdf

H1 = Period.parse("2024H1")
COMPLETE = {"clusters": [{"code": "dong-bang", "name": "Cụm đồng bằng", "received": 8, "expected": 8}]}


def pages_pdf(count: int, text: str) -> bytes:
    """A PDF of ``count`` pages, each saying ``text`` and its number."""
    pages = "".join(f'<p style="break-after: page">{text} {number}</p>' for number in range(1, count + 1))
    return html_to_pdf(f"<html><body>{pages}</body></html>")


def bookmarks(reader: PdfReader) -> list[tuple[str, int]]:
    """The top-level bookmarks: title and the page they open (from 1)."""
    return [
        (item["/Title"], reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]


def test_the_set_is_a_cover_then_every_bulletin_as_published_each_under_one_bookmark(reference):
    members = [
        Member(PROVINCE, "Toàn tỉnh", pages_pdf(2, "Tỉnh")),
        Member("dong-bang", "Cụm đồng bằng", pages_pdf(3, "Đồng bằng")),
    ]
    reader = PdfReader(io.BytesIO(printable_set(reference, H1, members, COMPLETE)))
    assert len(reader.pages) == 1 + 2 + 3
    assert bookmarks(reader) == [("Toàn tỉnh", 2), ("Cụm đồng bằng", 4)]
    assert [reader.pages[number].extract_text().strip() for number in (1, 3, 5)] == [
        "Tỉnh 1",
        "Đồng bằng 1",  # each bulletin keeps its own pages: the printed numbers restart
        "Đồng bằng 3",
    ]
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Tập bản tin – 6 tháng đầu năm 2024" in cover and "MỤC LỤC" in cover
    # order, units reported, pages, first page in the set
    assert (
        "1 Toàn tỉnh 8/8 đơn vị 2 2" in cover and "2 Cụm đồng bằng 8/8 đơn vị 3 4" in cover and "chưa đủ" not in cover
    )
    assert reader.metadata.title == "Tập bản tin công tác dân vận – 6 tháng đầu năm 2024"


def test_a_long_contents_that_needs_two_cover_pages_counts_them(reference):
    page = pages_pdf(1, "Cụm")
    members = [Member(f"cum-{number}", f"Cụm số {number}", page) for number in range(1, 61)]
    reader = PdfReader(io.BytesIO(printable_set(reference, H1, members, None)))
    cover = len(reader.pages) - 60
    assert cover >= 2
    assert bookmarks(reader)[0] == ("Cụm số 1", cover + 1)
    assert f"1 Cụm số 1 1 {cover + 1}" in " ".join(reader.pages[0].extract_text().split())


def test_a_draft_set_says_on_its_cover_which_bulletins_lack_reports(reference):
    status = {"clusters": [{"code": "dong-bang", "name": "Cụm đồng bằng", "received": 5, "expected": 8}]}
    page = pages_pdf(1, "Trang")
    members = [Member(PROVINCE, "Toàn tỉnh", page), Member("dong-bang", "Cụm đồng bằng", page)]
    cover = PdfReader(io.BytesIO(printable_set(reference, H1, members, status))).pages[0].extract_text()
    cover = " ".join(cover.split())
    assert (
        "1 Toàn tỉnh 5/8 đơn vị – chưa đủ số liệu 1 2" in cover
        and "2 Cụm đồng bằng 5/8 đơn vị – chưa đủ số liệu 1 3" in cover
    )


def test_the_same_bulletins_give_the_same_set_whenever_it_is_made(reference, monkeypatch):
    members = [Member(PROVINCE, "Toàn tỉnh", pages_pdf(1, "Tỉnh"))]
    first = printable_set(reference, H1, members, COMPLETE)
    monkeypatch.setattr("time.time", lambda: 2_000_000_000.0)  # what the fonts' dates would come from
    assert printable_set(reference, H1, members, COMPLETE) == first


def test_the_archive_holds_every_file_in_one_folder_sorted_with_fixed_dates():
    files = {"province.pdf": b"%PDF province", "data.csv": "đơn_vị\n".encode(), "dong-bang.docx": b"PK docx"}
    data = archive(H1, files)
    with zipfile.ZipFile(io.BytesIO(data)) as opened:
        entries = opened.infolist()
        assert [entry.filename for entry in entries] == [
            "ban-tin-2024H1/data.csv",
            "ban-tin-2024H1/dong-bang.docx",
            "ban-tin-2024H1/province.pdf",
        ]
        assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}
        assert {name: opened.read(f"ban-tin-2024H1/{name}") for name in files} == files
    assert archive(H1, dict(reversed(files.items()))) == data  # whatever order they come in


def boxes(box):
    """A laid-out box of WeasyPrint and every box inside it."""
    yield box
    for child in getattr(box, "children", []):
        yield from boxes(child)


def test_the_covers_columns_fit_their_content_every_bulletins_name_on_one_line(reference):
    period = Period.parse("2026H1")
    clusters = reference.clusters_in(period)
    assert "Cụm đồng bằng phía Nam" in {cluster.name for cluster in clusters}
    status = {  # a draft: each line says "13/15 đơn vị – chưa đủ số liệu" beside the name
        "clusters": [
            {"code": cluster.code, "name": cluster.name, "received": 13, "expected": 15} for cluster in clusters
        ]
    }
    contents = [{"scope": c.code, "name": c.name, "pages": 1, "first_page": 2 + i} for i, c in enumerate(clusters)]
    cover = pages.cover(reference, period, "Tập", contents, status)
    laid_out = HTML(string=cover, base_url=str(TEMPLATES)).render()  # A4, as the set's PDF is laid out
    rows = [
        box
        for box in boxes(laid_out.pages[0]._page_box)
        if type(box).__name__ == "TableRowBox"
        and box.children[0].element.get("class") == "order"
        and box.children[0].element.tag == "td"
    ]
    assert len(rows) == len(clusters)
    for row, cluster in zip(rows, clusters, strict=True):
        name = row.children[1]  # the bulletin's cell: its name on one line of the page
        assert " ".join(name.element.itertext()).strip() == cluster.name
        assert sum(type(box).__name__ == "LineBox" for box in boxes(name)) == 1, cluster.name

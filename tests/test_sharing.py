"""What the office shares for 2024H1 besides the bulletins' pages: a Word file per bulletin, the printable set,
the plains meeting's news item, and one archive with all of it."""

from __future__ import annotations

import zipfile

import pytest
from pypdf import PdfReader

from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.render.pipeline import run_report
from helpers import REFERENCE_SENTENCES, copy_project, docx_text, folded

pytestmark = pytest.mark.slow  # every test here renders bulletins

H1 = Period.parse("2024H1")
SHARED = ("docx", "tin.txt")  # per bulletin, beside its PDF


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A project where every bulletin of 2024H1 was rendered, then rendered again: the files after each run."""
    project = copy_project(tmp_path_factory.mktemp("sharing") / "project")
    folder, files = project.period_outputs_dir(H1), []
    for force in (False, True):
        run_report(project, H1, project.reference.scopes(H1), jobs=2, force=force, log=lambda line: None)
        files.append({path.name: path.read_bytes() for path in sorted(folder.iterdir())})
    return project, files


@pytest.fixture(scope="module")
def outputs(runs):
    project, _ = runs
    return project.period_outputs_dir(H1)


@pytest.mark.parametrize("scope", ["dong-bang", "mien-nui", "ven-bien", PROVINCE])
def test_every_bulletin_has_a_word_file_with_the_official_head(outputs, scope):
    text = docx_text(outputs / f"{scope}.docx")
    for line in ("TỈNH ỦY QUẢNG NAM", "BAN DÂN VẬN", "ĐẢNG CỘNG SẢN VIỆT NAM", "BẢN TIN CÔNG TÁC DÂN VẬN"):
        assert line in text, line


@pytest.mark.parametrize("sentence", REFERENCE_SENTENCES)
def test_the_plains_word_file_contains_the_reference_sentence(outputs, sentence):
    assert sentence in folded(docx_text(outputs / "dong-bang.docx"))


@pytest.mark.parametrize("sentence", REFERENCE_SENTENCES)
def test_the_plains_news_item_contains_the_reference_sentence(outputs, sentence):
    assert sentence in folded((outputs / "dong-bang.tin.txt").read_text(encoding="utf-8"))


def test_the_news_item_is_on_the_page_to_copy_but_not_printed_nor_in_the_word_file(outputs):
    news = (outputs / "dong-bang.tin.txt").read_text(encoding="utf-8")
    page = (outputs / "dong-bang.html").read_text(encoding="utf-8")
    start = page.index('<section class="news-item">')
    section = page[start : page.index("</section>", start)]
    assert [paragraph for paragraph in news.strip().split("\n\n") if f">{paragraph}</p>" not in section] == []
    printed = folded(" ".join(sheet.extract_text() for sheet in PdfReader(outputs / "dong-bang.pdf").pages))
    assert "Tin gửi báo, đài" not in printed and "Tin gửi báo, đài" not in docx_text(outputs / "dong-bang.docx")
    assert not (outputs / "province.tin.txt").exists()  # the province's overview has no meeting of its own


def test_the_set_is_the_province_then_each_cluster_behind_a_cover_with_one_bookmark_each(outputs, reference):
    order = [PROVINCE] + [code for code in reference.scopes(H1) if code != PROVINCE]
    counts = [len(PdfReader(outputs / f"{scope}.pdf").pages) for scope in order]
    reader = PdfReader(outputs / "tap-ban-tin.pdf")
    assert len(reader.pages) == 1 + sum(counts)
    top = [item for item in reader.outline if not isinstance(item, list)]
    names = ["Toàn tỉnh"] + [reference.clusters[code].name for code in order[1:]]
    starts = [2 + sum(counts[:index]) for index in range(len(order))]
    assert [(item["/Title"], reader.get_destination_page_number(item) + 1) for item in top] == list(
        zip(names, starts, strict=True)
    )


def test_the_archive_holds_the_pdfs_the_set_the_word_files_the_news_items_and_the_data_as_published(outputs):
    with zipfile.ZipFile(outputs / "ban-tin-2024H1.zip") as archive:
        held = {info.filename.removeprefix("ban-tin-2024H1/"): archive.read(info) for info in archive.infolist()}
    expected = sorted(
        name
        for name in (path.name for path in outputs.iterdir())
        if name.endswith((".pdf", ".docx", ".tin.txt")) or name in ("data.xlsx", "data.csv")
    )
    assert sorted(held) == expected and len(expected) == 4 + 4 + 3 + 1 + 2
    assert held == {name: (outputs / name).read_bytes() for name in held}


def test_a_second_run_gives_byte_identical_word_files_set_and_archive(runs):
    _, (first, second) = runs
    shared = [name for name in first if name.endswith((".docx", ".zip")) or name == "tap-ban-tin.pdf"]
    assert len(shared) == 4 + 1 + 1
    assert [name for name in shared if first[name] != second[name]] == []


def test_the_index_links_the_word_files_the_news_items_the_set_and_the_archive(runs):
    project, _ = runs
    index = (project.outputs_dir / "index.html").read_text(encoding="utf-8")
    for link in ("dong-bang.docx", "province.docx", "dong-bang.tin.txt", "tap-ban-tin.pdf", "ban-tin-2024H1.zip"):
        assert f'href="2024H1/{link}"' in index, link
    assert 'href="2024H1/province.tin.txt"' not in index

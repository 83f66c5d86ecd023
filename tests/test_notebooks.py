"""Notebooks in git are layouts, not results."""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata

import nbformat
import pytest

from helpers import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_committed_notebooks_carry_no_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: {cell.get('id')}"


def test_the_bulletin_takes_period_and_cluster_in_a_cell_tagged_parameters():
    notebook = json.loads((ROOT / "notebooks" / "bulletin.ipynb").read_text(encoding="utf-8"))
    [cell] = [cell for cell in notebook["cells"] if "parameters" in cell["metadata"].get("tags", [])]
    source = "".join(cell["source"])
    assert 'period = "2024H1"' in source and 'cluster = "dong-bang"' in source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_notebook_runs_on_the_projects_kernel(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "bantin"


def test_the_province_overview_takes_the_period_in_a_cell_tagged_parameters():
    notebook = json.loads((ROOT / "notebooks" / "province.ipynb").read_text(encoding="utf-8"))
    [cell] = [cell for cell in notebook["cells"] if "parameters" in cell["metadata"].get("tags", [])]
    assert 'period = "2024H1"' in "".join(cell["source"])


# -- the markdown cells: a guide in JupyterLab, never part of the bulletin -------------------------------------
LAYOUTS = [ROOT / "notebooks" / "bulletin.ipynb", ROOT / "notebooks" / "province.ipynb"]
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def markdown_phrases(notebook) -> list[str]:
    """The plain runs of words of every markdown cell's paragraphs, long enough not to occur in a bulletin by chance;
    what the cells quote of the bulletin ("…"), name of the code (`…`) or title as its sections are, left out."""
    phrases = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            text = re.sub(r"“[^”]*”|`[^`]*`|^#.*$", "\n", cell.source, flags=re.M)
            phrases += [part.strip() for part in re.split(r"[*_()\n]", text) if len(part.strip()) >= 12]
    return phrases


def page_text(markup: str) -> str:
    body = re.sub(r"<(style|svg)\b.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda path: path.name)
def test_each_block_of_the_bulletin_is_introduced_by_a_vietnamese_markdown_cell(path):
    notebook = nbformat.read(path, as_version=4)
    cells = notebook.cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")  # how to use it in Lab
    blocks = [index for index, cell in enumerate(cells) if "display(bulletin." in cell.source]
    assert len(blocks) >= 10
    for index in [*blocks, next(i for i, cell in enumerate(cells) if cell.id == "load")]:
        guide = cells[index - 1]
        assert guide.cell_type == "markdown", f"{path.name}: no markdown cell before {cells[index].id}"
        assert VIETNAMESE.search(guide.source) and "narrative.j2" in guide.source or "data/" in guide.source
    for cell in cells:
        assert unicodedata.is_normalized("NFC", cell.source), f"{path.name}: {cell.id} is not NFC"


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda path: path.name)
def test_the_parameters_are_explained_in_vietnamese(path):
    notebook = nbformat.read(path, as_version=4)
    [cell] = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
    comments = [line.partition("#")[2] for line in cell.source.splitlines() if "#" in line]
    assert comments and all(VIETNAMESE.search(comment) for comment in comments)


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda path: path.name)
def test_the_bulletin_html_and_pdf_leave_out_the_markdown_cells(path):
    from pypdf import PdfReader

    from bantin.render.exporters import BulletinHTMLExporter, BulletinPDFExporter

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:  # as if executed: each block displays a paragraph naming its cell
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": f"<p>Khối {cell.id}</p>"})]
    phrases = markdown_phrases(notebook)
    assert len(phrases) >= 20

    text = page_text(BulletinHTMLExporter().from_notebook_node(notebook)[0])
    assert "Khối header" in text and "Khối annex" in text  # the blocks are there
    assert [phrase for phrase in phrases if phrase in text] == []

    pdf, _ = BulletinPDFExporter().from_notebook_node(notebook)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Khối header" in text
    assert [phrase for phrase in phrases if phrase in text] == []


@pytest.mark.slow  # renders a bulletin
def test_a_rendered_bulletin_shows_none_of_the_notebooks_markdown(project):
    from bantin.model.periods import Period
    from bantin.render.pipeline import run_report

    run_report(project, Period.parse("2024H1"), ["dong-bang"], jobs=1, log=lambda line: None)
    folder = project.outputs_dir / "2024H1"
    executed = nbformat.read(folder / "dong-bang.ipynb", as_version=4)
    phrases = markdown_phrases(executed)  # the executed notebook keeps the guide
    assert len(phrases) >= 20
    text = page_text((folder / "dong-bang.html").read_text(encoding="utf-8"))
    assert "Công nhận 514 mô hình dân vận khéo" in text
    assert [phrase for phrase in phrases if phrase in text] == []

"""Notebooks in git are layouts, not results."""

from __future__ import annotations

import json

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

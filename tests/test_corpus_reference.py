"""The corpus of broken reference data (tests/corpus_reference/): each case is refused through the command line,
every finding at its file and line, and harms nothing.

Each folder holds the file(s) of ``data/reference/`` an analyst might have broken by hand (made from the sample's
by ``make_corpus.py``); ``expected.csv`` says, per case, the period and cluster asked for and each finding's file,
location and a fragment of its message: a case with two rows must show both at once. The case's files replace the
sample's in a private copy of the project whose consolidated data and outputs already hold an earlier good run;
``bantin report`` must stop with exit 2 before it changes anything.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import after_a_good_run, copy_project, snapshot

CORPUS = Path(__file__).parent / "corpus_reference"
with open(CORPUS / "expected.csv", encoding="utf-8") as file:
    ROWS = list(csv.DictReader(file))
CASES = sorted({row["case"] for row in ROWS})
WATCHED = ("data/processed", "outputs", "data/reference", "data/raw")


def test_every_folder_of_the_corpus_is_an_expected_case():
    folders = {path.name for path in CORPUS.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert folders <= set(CASES)
    assert len(CASES) >= 13


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return after_a_good_run(tmp_path_factory.mktemp("corpus_reference") / "project")


@pytest.mark.parametrize("case", CASES)
def test_each_broken_reference_is_refused_at_its_lines_through_the_command_line(pristine, case, tmp_path):
    project = copy_project(tmp_path / "project")
    for folder in ("data/processed", "outputs"):
        shutil.rmtree(project.root / folder)
        shutil.copytree(pristine.root / folder, project.root / folder)
    if (CORPUS / case).is_dir():
        for path in (CORPUS / case).iterdir():
            shutil.copyfile(path, project.reference_dir / path.name)
    before = {folder: snapshot(project.root / folder) for folder in WATCHED}
    expected = [row for row in ROWS if row["case"] == case]
    arguments = ["report", "--period", expected[0]["period"], "--project", str(project.root), "--jobs", "1"]
    if expected[0]["cluster"]:
        arguments += ["--cluster", expected[0]["cluster"]]

    run = subprocess.run(
        [sys.executable, "-m", "bantin.cli", *arguments], capture_output=True, text=True, encoding="utf-8", timeout=120
    )

    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    for row in expected:
        where = f"data/reference/{row['file']}" if row["file"] else ""  # a cluster asked for: no file at fault
        where += f", {row['location']}" if row["location"] else ""
        assert any(where in line and row["message"] in line for line in lines), (
            f"{where}: {row['message']}\n{run.stderr}"
        )
    assert not (project.root / "data" / "failed-validation").exists()  # no submission was blamed
    for folder, files in before.items():
        assert snapshot(project.root / folder) == files, f"{folder} changed"

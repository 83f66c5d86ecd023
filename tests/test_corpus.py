"""The corpus of bad submissions (tests/corpus/): each case produces its error, located, and harms nothing.

Each folder holds what a unit might really send; ``expected.csv`` says where the error must point and
what it must say. The case's files are the only submissions of their period, in a private copy of the
project whose consolidated data and outputs already hold an earlier good run.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from bantin.intake import consolidated
from bantin.model.errors import SubmissionError
from bantin.model.periods import Period
from helpers import after_a_good_run, copy_project, snapshot

CORPUS = Path(__file__).parent / "corpus"
with open(CORPUS / "expected.csv", encoding="utf-8") as file:
    CASES = list(csv.DictReader(file))


def test_the_corpus_has_at_least_thirty_cases_and_every_folder_is_expected():
    folders = {path.name for path in CORPUS.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert len(CASES) >= 30
    assert folders == {case["case"] for case in CASES}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return after_a_good_run(tmp_path_factory.mktemp("corpus") / "project")


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_each_bad_submission_is_refused_with_its_located_error(pristine, case, tmp_path):
    project = copy_project(tmp_path / "project")
    for folder in ("data/processed", "outputs"):
        shutil.rmtree(project.root / folder)
        shutil.copytree(pristine.root / folder, project.root / folder)
    before = {folder: snapshot(project.root / folder) for folder in ("data/processed", "outputs")}
    period = Period.parse(case["period"])
    raw = project.raw_period_dir(period)
    shutil.rmtree(raw, ignore_errors=True)
    shutil.copytree(CORPUS / case["case"], raw, symlinks=True)  # a symbolic link is a case of its own

    with pytest.raises(SubmissionError) as caught:
        consolidated.consolidate(project, period)

    expected_file = f"data/raw/{period}/{case['file']}"
    matching = [
        problem
        for problem in caught.value.problems
        if problem.severity == "error" and problem.file == expected_file and problem.location == case["location"]
    ]
    assert matching, caught.value.report()
    assert any(case["message"] in problem.message for problem in matching), caught.value.report()
    assert case["file"] in caught.value.report()
    for folder, files in before.items():
        assert snapshot(project.root / folder) == files, f"{folder} changed"
    for link in raw.iterdir():  # what a link points to is never read: nothing of it in the report
        if link.is_symlink() and link.resolve().is_file():
            first_line = link.resolve().read_text(encoding="utf-8", errors="replace").split("\n", 1)[0].strip()
            assert not first_line or first_line not in caught.value.report(), caught.value.report()

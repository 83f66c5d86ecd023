"""The report of a failed intake stays in the project, in a git-ignored folder of its own, and goes once stale.

The command line runs in-process on a private copy of the project, its run stood in for by the intake alone:
what is tested is what ``bantin report`` does with the intake's failure or success, not the rendering (the
whole run in a subprocess is in test_cli.py).
"""

from __future__ import annotations

import subprocess

import pytest

from bantin import cli
from bantin.intake import consolidated
from bantin.model.errors import SubmissionError
from bantin.model.periods import Period
from bantin.render import failed_validation, pipeline
from bantin.render.outcome import Outcome
from helpers import ROOT, imported_beyond_the_standard_library, snapshot

SAMPLE = "data/raw/2024H1/dong-bang.csv"


def break_line(project, number: int) -> None:
    """Make the figure on line ``number`` (from 1) of the sample CSV negative."""
    path = project.root / SAMPLE
    lines = path.read_text(encoding="utf-8").splitlines()
    head, _ = lines[number - 1].rsplit(",", 1)
    lines[number - 1] = f"{head},-3"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def intake_only(monkeypatch):
    """``bantin report`` whose run is the intake of the period's half-years: it raises, or passes with nothing
    rendered, as a run with nothing to do."""

    def run_report(project, period, scopes, *options, **keywords):
        for half in project.history(period):
            consolidated.consolidate(project, half)
        return [Outcome(scope, skipped=True) for scope in scopes]

    monkeypatch.setattr(pipeline, "run_report", run_report)  # what bantin.cli runs


def report(project, capsys, period: str = "2024H1") -> tuple[int, str]:
    status = cli.main(["report", "--period", period, "--project", str(project.root)])
    return status, capsys.readouterr().err


def test_a_failed_intake_writes_its_report_in_the_project_at_the_printed_path(project, intake_only, capsys):
    last_good = project.period_outputs_dir(Period.parse("2024H1"))
    last_good.mkdir()
    (last_good / "validation.html").write_bytes(b"<html>the last good run's report</html>")
    (last_good / "dong-bang.pdf").write_bytes(b"%PDF- the last good bulletin")
    before = snapshot(project.outputs_dir), snapshot(project.processed_dir)
    break_line(project, 7)

    status, stderr = report(project, capsys)

    assert status == cli.EXIT_BAD_INPUT
    *_, line = stderr.strip().splitlines()
    relative = line.removeprefix("Báo cáo kiểm tra chi tiết: ")
    assert relative == "data/failed-validation/2024H1/validation.html"  # relative to the project, inside it
    page = project.root / relative
    assert page.parent == project.failed_validation_dir / "2024H1"
    assert SAMPLE in page.read_text(encoding="utf-8") and "dòng 7" in page.read_text(encoding="utf-8")
    assert "dòng 7" in (page.parent / "validation.csv").read_text(encoding="utf-8-sig")
    assert (snapshot(project.outputs_dir), snapshot(project.processed_dir)) == before
    ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "--no-index", "-q", relative], check=False)
    assert ignored.returncode == 0, f"{relative} is not ignored by git"


def test_a_run_that_passes_removes_the_stale_reports_of_the_half_years_it_read(project, intake_only, capsys):
    for half in ("2023H2", "2024H1", "2024H2"):
        error = SubmissionError([], Period.parse(half))
        failed_validation.write(project, error)
    assert (project.failed_validation_dir / "2024H1" / "validation.csv").is_file()

    status, _ = report(project, capsys)

    assert status == 0
    # 2024H1 reads 2023H1 to 2024H1, which all passed; 2024H2 was not checked, so its report stays.
    assert sorted(path.name for path in project.failed_validation_dir.iterdir()) == ["2024H2"]


def test_the_folder_goes_with_its_last_report(project):
    failed_validation.write(project, SubmissionError([], Period.parse("2024H1")))
    failed_validation.forget(project, [Period.parse("2024H1")])
    assert not project.failed_validation_dir.exists()


def test_clearing_a_stale_report_imports_only_the_standard_library():
    """A run with nothing to do clears stale reports too: the module it loads for that stays light."""
    result, imported = imported_beyond_the_standard_library("from bantin.render import failed_validation")
    assert result.returncode == 0, result.stderr
    assert imported == []

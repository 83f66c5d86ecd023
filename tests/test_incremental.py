"""Incremental equals clean: whatever ran before, a run leaves exactly what a clean render of today's inputs writes.

A walk over a small project (two clusters and the province, 2024H1) edits and undoes figures and notes, runs
the whole period, one cluster, with ``force``, kills runs at random moments and feeds bad data; after each run,
its files are compared byte for byte with a clean render of the same inputs in a fresh folder:

- after a run of the whole period, every file under ``outputs/`` and ``data/processed/`` is the clean render's;
- after a run of one cluster, its bulletin, the period's data files, ``data/processed/`` and the index are the
  clean render's, and the other bulletins are exactly as they were before the run; the printable set and the
  archive are the clean render's when every bulletin now is, else exactly as they were;
- after a killed run, every file is whole; after a refused one, nothing changed;
- an issue (``make issue``) is refused while the drafts are behind, says so when nothing changed, and otherwise
  writes its folder and register line, after which the outputs are still the clean render's (the clean render has
  the same register and issued folders); after every step, every issued folder is byte for byte as written.

``make test`` walks a few steps from a fixed seed. A longer walk, for a change to the pipeline:
``BANTIN_WALK_STEPS=40 BANTIN_WALK_SEED=1 .venv/bin/python -m pytest tests/test_incremental.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bantin.build.project import Project
from bantin.model.errors import BantinError, SubmissionError
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.render.issue import run_issue
from bantin.render.pipeline import run_report
from helpers import git, published, set_figures, small_project, snapshot, whole

pytestmark = pytest.mark.slow  # every test here renders bulletins

H1 = Period.parse("2024H1")
EVERY_SCOPE = ["dong-bang", "ven-bien", PROVINCE]  # the small project's
INPUTS = ("data/reference", "data/raw", "data/notes", "notebooks", "issued")  # and the register, data/issued.csv
TODAY = dt.date(2026, 12, 7)  # the issues' "today": their dates are 2024-07-01, 02, …
# The changes the walk switches on and off: a figure of the period, one of the half-year it is compared with,
# and a meeting's notes. Few, so that states recur and clean renders are reused.
TOGGLES = {
    "figure of a plains unit": ("data/raw/2024H1/dong-bang.csv", "an-khanh", {"van_ban": 770}),
    "figure of a coastal unit": ("data/raw/2024H1/ven-bien.csv", None, {"van_ban": 31}),
    "figure of the half-year before": ("data/raw/2023H2/dong-bang.csv", "an-khanh", {"van_ban": 44}),
    "notes of the plains meeting": ("data/notes/2024H1/dong-bang.md", None, None),
}

# From this seed, the steps of `make test` take every kind at least once: a run, an issue, an edit of the half-year
# before, a forced run, a correction (its sentences changed), a refused run, a run of one cluster, a killed run; then
# the whole period is run.
SEED, STEPS = 18109, 8


COLLECTION = (f"outputs/{H1}/tap-ban-tin.pdf", f"outputs/{H1}/ban-tin-{H1}.zip")  # made of every bulletin


def owner(name: str) -> str | None:
    """The bulletin a published file belongs to, or None for the files every run of the period writes."""
    stem = Path(name).name.split(".", 1)[0]
    return stem if name.startswith(f"outputs/{H1}/") and stem in EVERY_SCOPE else None


def quiet(line: str) -> None:
    pass


class CleanRenders:
    """A clean render of each state of the inputs met, in a fresh folder: what every run must leave."""

    def __init__(self, folder: Path):
        self.folder, self.trees = folder, {}

    def of(self, project: Project) -> dict[str, bytes]:
        digest = hashlib.sha256()
        for folder in INPUTS:
            for path in sorted((project.root / folder).rglob("*")):
                if path.is_file():
                    digest.update(path.relative_to(project.root).as_posix().encode() + b"\0" + path.read_bytes())
        if project.register_file.is_file():
            digest.update(project.register_file.read_bytes())
        key = digest.hexdigest()[:16]
        if key not in self.trees:
            clean = Project(self.folder / key)
            for folder in INPUTS:
                if (project.root / folder).is_dir():
                    shutil.copytree(project.root / folder, clean.root / folder)
            if project.register_file.is_file():
                shutil.copy(project.register_file, clean.register_file)
            clean.processed_dir.mkdir()
            clean.outputs_dir.mkdir()
            run_report(clean, H1, EVERY_SCOPE, jobs=2, log=quiet)
            self.trees[key] = published(clean)
        return self.trees[key]


@dataclass
class Walk:
    project: Project
    clean: CleanRenders
    rng: random.Random
    originals: dict[str, bytes] = field(default_factory=dict)  # a switched-on change → the file before it
    steps: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)  # what the last run printed
    issued: dict[str, dict[str, bytes]] = field(default_factory=dict)  # each issue's folder → its files as written

    def toggle(self, change: str) -> None:
        relative, unit, figures = TOGGLES[change]
        path = self.project.root / relative
        if change in self.originals:
            path.write_bytes(self.originals.pop(change))
            self.steps.append(f"undo: {change}")
            return
        self.originals[change] = path.read_bytes()
        if figures is None:
            path.write_text(path.read_text(encoding="utf-8") + "\nĐề nghị bổ sung sau hội nghị.\n", encoding="utf-8")
        else:
            set_figures(
                self.project, relative, unit or path.read_text(encoding="utf-8").splitlines()[1].split(",")[1], figures
            )
        self.steps.append(f"edit: {change}")

    def run(self, scopes: list[str] = EVERY_SCOPE, force: bool = False) -> None:
        self.steps.append(
            f"run {'FORCE=1 ' if force else ''}{'CLUSTER=' + scopes[0] if scopes != EVERY_SCOPE else 'all'}"
        )
        before, self.said = published(self.project), []
        run_report(self.project, H1, scopes, jobs=2, force=force, log=self.said.append)
        now, clean = published(self.project), self.clean.of(self.project)
        behind = any(now.get(name) != clean.get(name) for name in now.keys() | clean.keys() if owner(name))
        differing = []
        for name in sorted(now.keys() | clean.keys()):
            stays = scopes != EVERY_SCOPE and (
                (owner(name) is not None and owner(name) not in scopes) or (name in COLLECTION and behind)
            )
            if now.get(name) != (before.get(name) if stays else clean.get(name)):
                differing.append(name)
        assert differing == [], f"after {' → '.join(self.steps)}: not as a clean render: {differing}"

    def kill(self, moment: float) -> None:
        self.steps.append(f"run killed after {moment:.1f} s")
        run = subprocess.Popen(
            [sys.executable, "-m", "bantin.cli", "report", "--period", str(H1), "--project", str(self.project.root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(moment)
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        time.sleep(1.0)  # the kernels of the killed workers notice their parent is gone and exit
        broken = [name for name in published(self.project) if not whole(self.project.root / name)]
        assert broken == [], f"after {' → '.join(self.steps)}: files not whole: {broken}"

    def refused(self) -> None:
        """Bad data: the run stops at the intake and every published file stays as it was."""
        self.steps.append("run with a negative figure (refused)")
        path = self.project.raw_dir / "2024H1" / "ven-bien.csv"
        good = path.read_bytes()
        unit = good.decode("utf-8").splitlines()[1].split(",")[1]
        set_figures(self.project, "data/raw/2024H1/ven-bien.csv", unit, {"hoi_nghi": -4})
        before = published(self.project)
        with pytest.raises(SubmissionError):
            run_report(self.project, H1, EVERY_SCOPE, jobs=2, log=quiet)
        assert published(self.project) == before, f"after {' → '.join(self.steps)}: a refused run changed files"
        path.write_bytes(good)

    def issue(self) -> None:
        """make issue: refused while the drafts are behind (nothing written), nothing to do when nothing changed,
        else a new folder and register line, after which the outputs are the clean render's of the new state."""
        day = dt.date(2024, 7, 1) + dt.timedelta(days=len(self.issued))
        before, register = published(self.project), self._register()
        try:
            done = run_issue(self.project, H1, day, False, TODAY, jobs=2, log=quiet)
        except BantinError as refusal:
            self.steps.append("issue refused")
            assert "chưa theo kịp" in str(refusal), f"after {' → '.join(self.steps)}: {refusal}"
            assert (published(self.project), self._register()) == (before, register), "a refused issue wrote"
            return
        if done.issue is None:
            self.steps.append("issue: nothing changed")
            assert self._register() == register and published(self.project) == before
            return
        self.steps.append(f"issue {done.issue.reference}" + (" (correction)" if done.issue.replaces else ""))
        self.issued[done.issue.folder] = snapshot(self.project.root / done.issue.folder)
        now, clean = published(self.project), self.clean.of(self.project)
        differing = [name for name in sorted(now.keys() | clean.keys()) if now.get(name) != clean.get(name)]
        assert differing == [], f"after {' → '.join(self.steps)}: not as a clean render: {differing}"

    def _register(self) -> bytes:
        return self.project.register_file.read_bytes() if self.project.register_file.is_file() else b""

    def check_issued(self) -> None:
        """Every issued folder as it was written, whatever ran since."""
        changed = [folder for folder, files in self.issued.items() if snapshot(self.project.root / folder) != files]
        assert changed == [], f"after {' → '.join(self.steps)}: issued folders changed: {changed}"

    def random_step(self) -> None:
        kind = self.rng.choices(
            ["toggle", "run", "cluster", "force", "kill", "refused", "issue"], [4, 2, 3, 1, 1, 1, 2]
        )[0]
        if kind == "toggle":
            self.toggle(self.rng.choice(sorted(TOGGLES)))
        elif kind == "run":
            self.run()
        elif kind == "cluster":
            self.run([self.rng.choice(EVERY_SCOPE)])
        elif kind == "force":
            self.run(force=True)
        elif kind == "kill":
            self.kill(self.rng.uniform(0.5, 9.0))
        elif kind == "issue":
            self.issue()
        else:
            self.refused()
        self.check_issued()


@pytest.fixture(scope="module")
def clean_renders(tmp_path_factory):
    return CleanRenders(tmp_path_factory.mktemp("clean"))


@pytest.fixture
def walk(tmp_path, clean_renders):
    walk = Walk(
        small_project(tmp_path / "project"), clean_renders, random.Random(int(os.environ.get("BANTIN_WALK_SEED", SEED)))
    )
    walk.run()  # every bulletin published once: the start of any office's history
    return walk


def test_a_figure_changed_for_one_cluster_then_undone_leaves_nothing_stale(walk):
    walk.toggle("figure of a plains unit")
    walk.run(["dong-bang"])
    assert [line for line in walk.said if line.startswith("Lưu ý")] == [
        "Lưu ý: bản tin province trong outputs/2024H1/ chưa theo số liệu hiện tại (lượt này chỉ làm dong-bang), "
        "nên tap-ban-tin.pdf và ban-tin-2024H1.zip cũng chưa được làm lại; chạy make report PERIOD=2024H1 để làm lại."
    ]  # the coastal bulletin does not show the plains' figures
    walk.toggle("figure of a plains unit")
    walk.run()  # before: "đã mới nhất" while dong-bang.* and data.* still showed 770


def test_a_cluster_run_that_leaves_every_bulletin_current_makes_the_set_and_the_archive_again(walk):
    before = published(walk.project)
    walk.toggle("notes of the plains meeting")
    walk.run(["dong-bang"])  # the other bulletins do not show the plains' notes: none is behind
    now = published(walk.project)
    assert [name for name in COLLECTION if now[name] != before[name]] == list(COLLECTION)
    assert not [line for line in walk.said if line.startswith("Lưu ý")]


def test_a_meeting_whose_notes_are_removed_loses_its_news_item(walk):
    news = walk.project.period_outputs_dir(H1) / "ven-bien.tin.txt"
    assert news.is_file()
    (walk.project.root / "data/notes/2024H1/ven-bien.md").unlink()
    walk.steps.append("notes of the coastal meeting removed")
    walk.run(["ven-bien"])
    assert not news.exists()


def test_any_walk_of_edits_and_runs_ends_as_a_clean_render(walk):
    for _ in range(int(os.environ.get("BANTIN_WALK_STEPS", STEPS))):
        walk.random_step()
    walk.run()
    print("\n" + " → ".join(walk.steps))  # with pytest -s: the walk taken


def test_in_a_git_checkout_a_figure_edited_renders_its_cluster_and_the_province_and_no_file_calls_the_code_changed(
    tmp_path, git_config
):
    """The code's identity is its content: an edit of tracked data, or a commit, is no change of the code."""
    project = small_project(tmp_path / "project")
    (project.root / ".gitignore").write_text("/outputs/\n/data/processed/\n/.bantin/\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the office's data and notebooks"]):
        git(project.root, *command)
    commit = git(project.root, "rev-parse", "HEAD").strip()
    run_report(project, H1, EVERY_SCOPE, jobs=2, log=quiet)

    relative, unit, figures = TOGGLES["figure of a plains unit"]
    set_figures(project, relative, unit, figures)
    assert git(project.root, "status", "--porcelain") == f" M {relative}\n"  # tracked data, modified
    rendered = run_report(project, H1, EVERY_SCOPE, jobs=2, log=quiet)
    assert sorted(outcome.scope for outcome in rendered if not outcome.skipped) == sorted(["dong-bang", PROVINCE])
    records = provenance_records(project)
    assert {scope: (record["code"]["commit"], record["code"]["dirty"]) for scope, record in records.items()} == {
        scope: (commit, False) for scope in EVERY_SCOPE
    }
    footer = f"mã nguồn {records['dong-bang']['code']['library'][:10]} ·"  # the content, not git's view of it
    assert footer in (project.period_outputs_dir(H1) / "dong-bang.html").read_text(encoding="utf-8")

    git(project.root, "commit", "-q", "-am", "the plains' corrected figure")  # a commit of data: nothing to render
    before = published(project)
    assert all(outcome.skipped for outcome in run_report(project, H1, EVERY_SCOPE, jobs=2, log=quiet))
    assert published(project) == before

    notebook = project.notebooks_dir / "bulletin.ipynb"  # an edit of the code: git's view of it is recorded
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("# Bản tin của một cụm", "# Bản tin cụm"))
    run_report(project, H1, EVERY_SCOPE, jobs=2, log=quiet)
    assert all(record["code"]["dirty"] for record in provenance_records(project).values())


def provenance_records(project: Project) -> dict[str, dict]:
    folder = project.period_outputs_dir(H1)
    return {
        scope: json.loads((folder / f"{scope}.provenance.json").read_text(encoding="utf-8")) for scope in EVERY_SCOPE
    }

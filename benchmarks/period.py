"""``make bench``, a whole period: ``make report`` against the naive chain and against the code before the files
to share, a rerun with nothing to do, one change.

The naive chain renders every bulletin of a period the obvious way, with the same notebooks on the same machine:
three command-line tools, one bulletin after another (papermill → ``jupyter nbconvert --to html --no-input`` →
WeasyPrint), from data already checked. Ours is ``bantin report --force`` (``make report FORCE=1``): it checks
the submissions too. The code before the files to share (``BEFORE_SHARING``: no Word files, set, news items nor
archive) runs from its commit's library, notebooks, reference data and sample (its own structure), in the same
environment (which keeps fontpkg-noto-serif, its font, among the dev packages). The two sides of
a comparison alternate, run after run, so that a machine busier at one moment than another weighs on both alike.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

from bantin.build.project import Project
from bantin.formatting import decimal
from bantin.intake import consolidated
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.render.jobs import notebook_of
from benchmarks.projects import change_one_figure, copy_project
from benchmarks.timing import timed, timed_with_memory

NOOP_RUNS = 7
BEFORE_SHARING = "79b4195"  # the last commit before the Word files, the printable set, the news items, the archive


@dataclass(frozen=True)
class Spread:
    """Seconds of several runs of one measure."""

    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def __str__(self) -> str:
        low, high = decimal(min(self.runs), 2), decimal(max(self.runs), 2)
        return f"{decimal(self.median, 2)} s (thấp nhất {low}, cao nhất {high}; {len(self.runs)} lần)"


@dataclass(frozen=True)
class Comparison:
    """A whole period rendered by ``make report`` and by the naive chain, in one interleaved series."""

    period: str
    bulletins: int
    ours: Spread
    naive: Spread
    memory: float  # MiB, the peak of a run of ours, watched apart

    @property
    def ratio(self) -> float:
        return self.naive.median / self.ours.median


def compare_with_naive(source: Project, root: Path, period: str, jobs: int, runs: int) -> Comparison:
    """``runs`` of each, interleaved, then one run of ours watched for its memory; prints each run."""
    ours_project = copy_project(source, root / "ours")
    naive_project = naive_setup(source, root / "naive")
    bulletins = len(source.reference.scopes(Period.parse(period)))
    ours, naive = [], []
    for number in range(1, runs + 1):
        naive.append(naive_chain(naive_project, period))
        ours.append(timed(lambda: report(ours_project, period, jobs, force=True)))
        print(
            f"   lần {number}: chuỗi lệnh thông thường {decimal(naive[-1]):>6} s, make report {decimal(ours[-1]):>5} s"
        )
    memory = timed_with_memory(lambda: report(ours_project, period, jobs, force=True))[1]
    return Comparison(period, bulletins, Spread(tuple(ours)), Spread(tuple(naive)), memory)


def compare_with_commit(source: Project, root: Path, period: str, jobs: int, runs: int, commit: str):
    """``runs`` of ours and of the code at ``commit`` (FORCE=1), interleaved; ``None`` when git cannot give it.

    Returns (ours, theirs) as ``Spread``s; prints each run.
    """
    code = root / "code"
    try:
        archive = subprocess.run(
            ["git", "-C", str(source.root), "archive", "--format=tar", commit, "lib", "notebooks", "data"],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(code, filter="data")
    before = copy_project(source, root / "before")
    for folder in ("notebooks", "data/reference", "data/raw"):  # its own sample: the structure it knew
        shutil.rmtree(before.root / folder)
        shutil.copytree(code / folder, before.root / folder)
    now = copy_project(source, root / "now")
    environment = dict(os.environ, PYTHONPATH=str(code / "lib"))  # its library first: the kernels inherit it
    ours, theirs = [], []
    for number in range(1, runs + 1):
        theirs.append(timed(lambda: report(before, period, jobs, force=True, environment=environment)))
        ours.append(timed(lambda: report(now, period, jobs, force=True)))
        print(f"   lần {number}: mã nguồn {commit} {decimal(theirs[-1]):>5} s, hiện nay {decimal(ours[-1]):>5} s")
    return Spread(tuple(ours)), Spread(tuple(theirs))


def noop(source: Project, root: Path, jobs: int) -> tuple[Spread, str]:
    """``make report PERIOD=2024H1`` with nothing to do, in a checkout of its own; and what was timed.

    The checkout is a git repository with the Makefile, the library and the environment (linked, not copied),
    as an analyst's is. Were make about to do more than run the report (set an environment up again), only
    ``bantin report`` is timed, and said.
    """
    checkout = make_checkout(source, root)
    report(checkout, "2024H1", jobs)
    make = ["make", "--no-print-directory", "-C", str(checkout.root)]
    ready = subprocess.run([*make, "-q", ".venv/.installed"], capture_output=True).returncode == 0
    if ready:
        command, what = [*make, "report", "PERIOD=2024H1", f"JOBS={jobs}"], "make report"
    else:
        command, what = _bantin(checkout, "2024H1", jobs), "bantin report (make sẽ dựng lại .venv)"
    seconds = [timed(lambda: subprocess.run(command, check=True, capture_output=True)) for _ in range(NOOP_RUNS)]
    return Spread(tuple(seconds)), what


def one_change(project: Project, jobs: int) -> tuple[float, str]:
    """One figure of one unit of the plains cluster changed: seconds, and the bulletins made again."""
    change_one_figure(project, "2024H1", "dong-bang")
    started = time.perf_counter()
    output = report(project, "2024H1", jobs)
    seconds = time.perf_counter() - started
    rebuilt = sorted(line.split()[0] for line in output.splitlines() if line.rstrip().endswith("đã làm lại"))
    return seconds, ", ".join(rebuilt)


def make_checkout(source: Project, root: Path) -> Project:
    """A copy of the sample with the Makefile, as a git repository; ``lib`` and ``.venv`` linked to the source's."""
    project = copy_project(source, root)
    for name in ("Makefile", "pyproject.toml", "requirements.lock", ".gitattributes"):
        if (source.root / name).is_file():
            shutil.copy2(source.root / name, root / name)  # their dates kept: make sees the environment up to date
    for name in ("lib", ".venv"):
        (root / name).symlink_to(source.root / name, target_is_directory=True)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "-C", str(root)]
    for arguments in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "bench"]):
        subprocess.run(git + arguments, check=True, capture_output=True)
    return project


def report(project: Project, period: str, jobs: int, force: bool = False, environment: dict | None = None) -> str:
    result = subprocess.run(_bantin(project, period, jobs, force), capture_output=True, text=True, env=environment)
    if result.returncode:
        raise RuntimeError(f"bantin report failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _bantin(project: Project, period: str, jobs: int, force: bool = False) -> list[str]:
    command = [sys.executable, "-m", "bantin.cli", "report", "--period", period, "--project", str(project.root)]
    return command + ["--jobs", str(jobs)] + (["--force"] if force else [])


def naive_setup(source: Project, root: Path) -> Project:
    """A copy of the sample, its submissions checked once and staged where the notebooks read them (data="staged")."""
    project = copy_project(source, root)
    staging = project.staging_dir  # the same starting point as ours: data checked once, read by every kernel
    staging.mkdir(parents=True)
    for half in project.periods_with_submissions():
        for path, content in consolidated.stored_files(project, half, consolidated.consolidate(project, half)).items():
            (staging / path.name).write_bytes(content)
    return project


def naive_chain(project: Project, period: str) -> float:
    """Every bulletin of ``period`` the obvious way: three command-line tools, one bulletin after another."""
    bin_dir = Path(sys.executable).parent
    out = project.root / "naive-outputs"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    started = time.perf_counter()
    for scope in project.reference.scopes(Period.parse(period)):
        parameters = ["-p", "period", period] + ([] if scope == PROVINCE else ["-p", "cluster", scope])
        parameters += ["-p", "data", consolidated.STAGED]  # what naive_setup staged
        executed = out / f"{scope}.ipynb"
        notebook = project.notebooks_dir / notebook_of(scope)
        commands = [
            [
                str(bin_dir / "papermill"),
                str(notebook),
                str(executed),
                "-k",
                "bantin",
                "--no-progress-bar",
                *parameters,
            ],
            [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            [str(bin_dir / "weasyprint"), str(out / f"{scope}.html"), str(out / f"{scope}.pdf")],
        ]
        for command in commands:
            subprocess.run(command, check=True, capture_output=True, cwd=project.root)  # the kernel finds the project
    return time.perf_counter() - started

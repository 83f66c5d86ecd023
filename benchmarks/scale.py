"""``make bench``, the intake at scale: a half-year of a million rows of long CSV, valid, then hostile.

- Valid: what a million rows can be while the intake accepts them. A figure is given once per unit, indicator
  and half-year (a figure twice in a file, or a unit in two files, is an error), so the sample's 23 units of
  2024H1 give 322 rows at most, and no input of a million rows can pass with the sample's reference. The
  copy's reference therefore gains generated units active in 2024H1 (71.406 of them), each reporting every
  indicator with figures that obey the rules, beside the sample's own submissions: 1.000.006 rows in 8 files
  (each under the intake's limit of 10 MiB a file). Measured: the intake (read, check, consolidate, and the
  bytes of ``data/processed/``), alone in a process.
- Hostile: a copy of the sample whose 2024H1 is five CSVs of 200.000 rows, one row in three each of: a unit
  not in the reference (a different one on every row), a figure given again (the same units and indicators
  over and over), and a figure that is not a number (a different text on every row). Measured: ``bantin
  report --period 2024H1`` as the analyst runs it, which fails, prints the first problems and writes the
  whole report into ``data/failed-validation/``.

Each runs in a process of its own; its peak memory is that process's peak resident size.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

from bantin.build.project import Project
from bantin.formatting import count, decimal
from bantin.model.errors import SHOWN_ON_SCREEN
from bantin.model.periods import Period
from benchmarks.projects import _plausible, _write_csv, copy_project
from benchmarks.summary import Measure
from benchmarks.timing import timed

ROWS = 1_000_000
PERIOD = "2024H1"
VALID_FILES = 8
HOSTILE_FILES = 5  # each under the intake's limit of 10 MiB a file
TARGETS = {"seconds": 30.0, "memory": 1024}  # each of the two: under 30 s and under 1 GiB
CSV_HEADER = ["period", "unit", "indicator", "value"]

# Run in the measured process: the work, then its peak resident size (MiB; Linux counts ru_maxrss in KiB).
_PEAK = "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
_VALID = f"""
import resource, sys
from pathlib import Path
from bantin.model.periods import Period
from bantin.build.project import Project
from bantin.intake import consolidated
project, period = Project(Path(sys.argv[1])), Period.parse(sys.argv[2])
checked = consolidated.consolidate(project, period)
consolidated.stored_files(project, period, checked)
print(len(checked.observations))
{_PEAK}
"""
_HOSTILE = f"""
import contextlib, io, resource, sys
from bantin import cli
terminal = io.StringIO()
with contextlib.redirect_stderr(terminal):
    status = cli.main(["report", "--period", sys.argv[2], "--project", sys.argv[1]])
print(terminal.getvalue(), end="")
print(status)
{_PEAK}
"""


def scale_bench(source: Project, root: Path) -> dict:
    """Both measures, printed; gives their seconds and peak MiB."""
    print(f"\nMột kỳ {count(ROWS)} dòng CSV dạng dài (kỳ {PERIOD}), mỗi lần một tiến trình riêng")
    project, rows = make_valid_period(source, root / "valid")
    seconds, memory, observations = run_valid(project)
    verdict = "được nhận đủ" if observations == rows else f"SAI: chỉ nhận {count(observations)}"
    print(
        f"   hợp lệ: {count(rows)} dòng ({count(observations)} số liệu {verdict}), đọc, kiểm tra và tổng hợp: "
        f"{decimal(seconds)} s, bộ nhớ đỉnh {decimal(memory, 0)} MiB"
    )
    results = {"scale_valid": (seconds, memory)}
    shutil.rmtree(root / "valid")
    project = make_hostile_period(source, root / "hostile")
    seconds, memory, status, lines = run_hostile(project)
    listed = (project.failed_validation_dir / PERIOD / "validation.csv").read_text(encoding="utf-8-sig")
    shown = sum(line.startswith("  - ") for line in lines)
    print(
        f"   xấu: {count(ROWS)} dòng, bantin report dừng sau {decimal(seconds)} s (mã thoát {status}), bộ nhớ đỉnh "
        f"{decimal(memory, 0)} MiB; màn hình {len(lines)} dòng ({shown} lỗi đầu, rồi: {lines[-2]!r}); báo cáo "
        f"chi tiết liệt kê {count(len(listed.splitlines()) - 1)} lỗi"
    )
    return results | {"scale_hostile": (seconds, memory), "scale_hostile_shown": shown, "scale_hostile_status": status}


def measures_of_scale(results: dict) -> list[Measure]:
    """The two lines of the summary table."""
    target = f"< {decimal(TARGETS['seconds'], 0)} s, < {count(TARGETS['memory'])} MiB"
    valid_seconds, valid_memory = results["scale_valid"]
    seconds, memory = results["scale_hostile"]
    shown, status = results["scale_hostile_shown"], results["scale_hostile_status"]
    return [
        Measure(
            f"{count(ROWS)} dòng CSV hợp lệ",
            target,
            f"{decimal(valid_seconds)} s, {decimal(valid_memory, 0)} MiB",
            valid_seconds < TARGETS["seconds"] and valid_memory < TARGETS["memory"],
        ),
        Measure(
            f"{count(ROWS)} dòng CSV xấu, bị từ chối",
            f"{target}, màn hình ≤ {SHOWN_ON_SCREEN} lỗi",
            f"{decimal(seconds)} s, {decimal(memory, 0)} MiB, {shown} lỗi, mã thoát {status}",
            seconds < TARGETS["seconds"] and memory < TARGETS["memory"] and shown <= SHOWN_ON_SCREEN and status == 2,
        ),
    ]


def make_valid_period(source: Project, root: Path) -> tuple[Project, int]:
    """A copy of the sample whose 2024H1 holds ``ROWS`` valid rows or a few more; gives the number of rows."""
    project = copy_project(source, root)
    period = Period.parse(PERIOD)
    folder = project.raw_period_dir(period)
    indicators = list(project.reference.indicators_in(period))  # the period's form
    sample_rows = sum(len(path.read_text(encoding="utf-8").splitlines()) - 1 for path in folder.glob("*.csv"))
    count = -(-(ROWS - sample_rows) // len(indicators))
    codes = [f"dv-thu-{number:06d}" for number in range(1, count + 1)]
    clusters = [cluster.code for cluster in project.reference.clusters_in(period)]
    with open(project.reference_dir / "units.csv", "a", encoding="utf-8", newline="") as units:
        for number, code in enumerate(codes):
            units.write(f"{code},Đảng ủy Thử {number + 1},Thử {number + 1},{clusters[number % len(clusters)]},")
            units.write(f"{period.start.isoformat()},{period.end.isoformat()}\n")
    figures = random.Random(20241231)
    per_file = -(-count // VALID_FILES)
    for part in range(VALID_FILES):
        rows = [
            (PERIOD, code, indicator, value)
            for code in codes[part * per_file : (part + 1) * per_file]
            for indicator, value in _plausible(figures).items()
        ]
        _write_csv(folder / f"thu-nghiem-{part + 1}.csv", CSV_HEADER, rows)
    return project, sample_rows + count * len(indicators)


def make_hostile_period(source: Project, root: Path) -> Project:
    """A copy of the sample whose 2024H1 is ``ROWS`` hostile rows in five CSVs (see the module's docstring)."""
    project = copy_project(source, root)
    period = Period.parse(PERIOD)
    folder = project.raw_period_dir(period)
    shutil.rmtree(folder)
    folder.mkdir()
    units = [unit.code for unit in project.reference.units(period)]
    indicators = list(project.reference.indicators_in(period))  # the period's form
    per_file = ROWS // HOSTILE_FILES
    for part in range(HOSTILE_FILES):
        rows = []
        for number in range(part * per_file, (part + 1) * per_file):
            unit, indicator = units[number % len(units)], indicators[number % len(indicators)]
            kind = number % 3
            if kind == 0:
                rows.append((PERIOD, f"khong-co-{number}", indicator, number % 500))
            elif kind == 1:
                rows.append((PERIOD, unit, indicator, number % 7))
            else:
                rows.append((PERIOD, unit, indicator, f"chưa có {number}"))
        _write_csv(folder / f"bao-cao-{part + 1}.csv", CSV_HEADER, rows)
    return project


def run_valid(project: Project) -> tuple[float, float, int]:
    """Seconds, peak MiB and observations of the intake of the valid half-year, alone in a process."""
    seconds, output = _run(_VALID, project)
    observations, memory = output.split()[-2:]
    return seconds, float(memory), int(observations)


def run_hostile(project: Project) -> tuple[float, float, int, list[str]]:
    """Seconds, peak MiB, exit status and terminal lines of ``bantin report`` on the hostile half-year."""
    seconds, output = _run(_HOSTILE, project)
    *lines, status, memory = output.rstrip("\n").splitlines()
    return seconds, float(memory), int(status), lines


def _run(script: str, project: Project) -> tuple[float, str]:
    result = {}

    def run() -> None:
        result["done"] = subprocess.run(
            [sys.executable, "-c", script, str(project.root), PERIOD], capture_output=True, text=True
        )

    seconds = timed(run)
    done = result["done"]
    if done.returncode:
        raise RuntimeError(f"the measure failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout

"""The measurements of ``make bench`` and the summary beside the targets."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bantin.bench.projects import change_one_figure, copy_project, make_large_province, make_workbook_period
from bantin.bench.scale import scale_bench, summary_of_scale
from bantin.bench.timing import timed, timed_with_memory
from bantin.core.periods import Period
from bantin.core.project import Project
from bantin.core.reference import PROVINCE
from bantin.formatting import decimal
from bantin.intake import consolidated
from bantin.render.jobs import notebook_of

TARGETS = {"ratio": (3.0, 5.0), "noop": (1.0, 0.5), "intake": 10.0, "workbooks": 3.0, "memory": 1024}
WORKBOOK_CORES = 2  # the target of the workbooks' intake holds on a machine of this many cores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bantin-bench", description="make bench: how fast a period renders")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--skip-large", action="store_true", help="only the sample data and the workbooks")
    parser.add_argument(
        "--only-workbooks", action="store_true", help="only the intake of one workbook per unit (no rendering)"
    )
    parser.add_argument(
        "--only-scale", action="store_true", help="only the intake of a million rows, valid then hostile"
    )
    args = parser.parse_args(argv)
    source = Project.find()
    with tempfile.TemporaryDirectory(prefix="bantin-bench-") as scratch:
        scratch = Path(scratch)
        print(f"make bench — {os.cpu_count()} lõi, JOBS={args.jobs}\n")
        if args.only_workbooks or args.only_scale:
            results = workbook_bench(source, scratch / "workbooks") if args.only_workbooks else {}
            results |= scale_bench(source, scratch / "scale") if args.only_scale else {}
            print("\nTóm tắt (mục tiêu):")
            if args.only_workbooks:
                summary_of_workbooks(results)
            if args.only_scale:
                summary_of_scale(results)
            return 0
        results = sample_bench(source, scratch / "sample", args.jobs)
        if not args.skip_large:
            results |= large_bench(source, scratch / "large", args.jobs)
        results |= workbook_bench(source, scratch / "workbooks")
        results |= scale_bench(source, scratch / "scale")
    print("\nTóm tắt (mục tiêu):")
    ratio_min, ratio_goal = TARGETS["ratio"]
    print(
        f"  cả kỳ, chạy nguội: nhanh hơn chuỗi lệnh thông thường {decimal(results['ratio'])}× (≥ "
        f"{decimal(ratio_min, 0)}×, hướng tới {decimal(ratio_goal, 0)}×)"
    )
    print(
        f"  chạy lại không đổi: {decimal(results['noop'], 2)} s (< {decimal(TARGETS['noop'][0], 0)} s, hướng tới "
        f"{decimal(TARGETS['noop'][1])} s)"
    )
    rebuilt, expected = results["rebuilt"], results["rebuilt_expected"]
    verdict = "đúng" if rebuilt == expected else f"SAI: cần làm lại đúng {expected}"
    print(f"  sửa một số liệu: đã làm lại {rebuilt} ({verdict})")
    if "intake" in results:
        print(f"  đọc 500 tệp: {decimal(results['intake'])} s (< {decimal(TARGETS['intake'], 0)} s)")
    summary_of_workbooks(results)
    summary_of_scale(results)
    memory = max(results["memory"], results.get("memory_large", 0))
    print(f"  bộ nhớ đỉnh cả cây tiến trình: {decimal(memory, 0)} MiB (< {TARGETS['memory']} MiB)")
    return 0


def sample_bench(source: Project, root: Path, jobs: int) -> dict:
    print("1. Số liệu mẫu, kỳ 2024H1")
    project = copy_project(source, root / "ours")
    ours = timed(lambda: report(project, "2024H1", jobs))
    memory = cold_memory(source, root / "memory", "2024H1", jobs)  # a second cold run, watched: watching costs time
    naive = naive_chain(source, root / "naive", "2024H1")
    print(f"   chuỗi lệnh thông thường (papermill → nbconvert → weasyprint, lần lượt): {decimal(naive):>6} s")
    print(
        f"   make report, chạy nguội:                                               {decimal(ours):>6} s  → "
        f"{decimal(naive / ours)}×"
    )
    noop = min(timed(lambda: report(project, "2024H1", jobs)) for _ in range(3))
    print(f"   chạy lại, không có gì thay đổi (lệnh bantin; make thêm chừng 0,15 s):  {decimal(noop, 2):>6} s")
    change_one_figure(project, "2024H1", "dong-bang")
    started = time.perf_counter()
    output = report(project, "2024H1", jobs)
    changed = time.perf_counter() - started
    rebuilt = sorted(line.split()[0] for line in output.splitlines() if line.rstrip().endswith("đã làm lại"))
    print(f"   sửa một số liệu của một đơn vị cụm đồng bằng: {decimal(changed)} s, làm lại: {', '.join(rebuilt)}")
    print(f"   bộ nhớ đỉnh (make report, cả cây tiến trình): {decimal(memory, 0)} MiB")
    return {
        "ratio": naive / ours,
        "noop": noop,
        "rebuilt": ", ".join(rebuilt),
        "rebuilt_expected": "dong-bang, province",
        "memory": memory,
    }


def large_bench(source: Project, root: Path, jobs: int) -> dict:
    print("\n2. Tỉnh lớn giả lập: 6 cụm, 63 đơn vị, 8 kỳ")
    project = make_large_province(source, root / "ours")
    files = sum(1 for path in project.raw_dir.rglob("*") if path.is_file())
    started = time.perf_counter()
    for period in project.periods_with_submissions():
        consolidated.consolidate(project, period)
    intake = time.perf_counter() - started
    print(f"   đọc, kiểm tra và tổng hợp {files} tệp: {decimal(intake)} s")
    shutil.rmtree(project.processed_dir)
    project.processed_dir.mkdir()
    ours = timed(lambda: report(project, "2024H2", jobs))
    memory = cold_memory(project, root / "memory", "2024H2", jobs)
    naive = naive_chain(project, root / "naive", "2024H2")
    print(f"   chuỗi lệnh thông thường, kỳ 2024H2 (7 bản tin): {decimal(naive):>6} s")
    print(f"   make report, chạy nguội:                          {decimal(ours):>6} s  → {decimal(naive / ours)}×")
    print(f"   bộ nhớ đỉnh: {decimal(memory, 0)} MiB")
    return {"intake": intake, "memory_large": memory}


def workbook_bench(source: Project, root: Path) -> dict:
    """The intake of the largest half-year as its units send it: one filled template (.xlsx) per unit.

    Measured on ``WORKBOOK_CORES`` cores where the system lets the process be pinned to them.
    """
    project, period = make_workbook_period(source, root)
    files = sum(1 for path in project.raw_period_dir(period).iterdir() if path.is_file())
    print(f"\n3. Kỳ {period} như các đơn vị gửi về: {files} tệp Excel (mẫu báo cáo đã điền), mỗi đơn vị một tệp")
    with pinned_to(WORKBOOK_CORES) as cores:
        seconds = timed(lambda: consolidated.consolidate(project, period))
    print(f"   đọc, kiểm tra và tổng hợp {files} tệp trên {cores} lõi: {decimal(seconds, 2)} s")
    return {"workbooks": seconds, "workbook_files": files, "workbook_cores": cores}


def summary_of_workbooks(results: dict) -> None:
    seconds, target = results["workbooks"], TARGETS["workbooks"]
    verdict = "đạt" if seconds < target else "CHƯA ĐẠT"
    print(
        f"  đọc {results['workbook_files']} tệp Excel của các đơn vị: {decimal(seconds, 2)} s trên "
        f"{results['workbook_cores']} lõi (< {decimal(target, 0)} s trên {WORKBOOK_CORES} lõi): {verdict}"
    )


@contextmanager
def pinned_to(cores: int):
    """This process (and what it starts) on at most ``cores`` of its CPUs while the block runs; gives how many."""
    if not hasattr(os, "sched_setaffinity"):  # not on Linux: as many as there are
        yield os.cpu_count() or 1
        return
    every = os.sched_getaffinity(0)
    os.sched_setaffinity(0, set(sorted(every)[:cores]))
    try:
        yield min(cores, len(every))
    finally:
        os.sched_setaffinity(0, every)


def cold_memory(source: Project, root: Path, period: str, jobs: int) -> float:
    """The peak memory of a cold ``make report`` of ``period`` on a fresh copy (MiB)."""
    project = copy_project(source, root)
    return timed_with_memory(lambda: report(project, period, jobs))[1]


def report(project: Project, period: str, jobs: int) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bantin.cli",
            "report",
            "--period",
            period,
            "--project",
            str(project.root),
            "--jobs",
            str(jobs),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"bantin report failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def naive_chain(source: Project, root: Path, period: str) -> float:
    """Every bulletin of ``period`` the obvious way: three command-line tools, one report after another."""
    project = copy_project(source, root)
    staging = root / "checked-data"  # the same starting point as ours: data checked once, read by every kernel
    staging.mkdir()
    for half in project.periods_with_submissions():
        for path, content in consolidated.stored_files(project, half, consolidated.consolidate(project, half)).items():
            (staging / path.name).write_bytes(content)
    bin_dir = Path(sys.executable).parent
    environment = dict(os.environ, BANTIN_ROOT=str(project.root), BANTIN_STAGING=str(staging))
    clusters = [cluster.code for cluster in project.reference.clusters_in(Period.parse(period))]
    out = root / "naive-outputs"
    out.mkdir()
    started = time.perf_counter()
    for scope in clusters + [PROVINCE]:
        notebook = notebook_of(scope)
        parameters = ["-p", "period", period] + ([] if scope == PROVINCE else ["-p", "cluster", scope])
        executed = out / f"{scope}.ipynb"
        commands = [
            [
                str(bin_dir / "papermill"),
                str(project.notebooks_dir / notebook),
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
            subprocess.run(command, check=True, capture_output=True, env=environment)
    return time.perf_counter() - started

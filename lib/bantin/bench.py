"""``make bench``: how fast a period renders, against the naive chain of command-line tools, in one run.

Measured on private copies of the project (nothing in ``outputs/`` is touched):

1. the sample data: a whole period cold (every cluster and the province, HTML + PDF), against the naive
   chain on the same notebooks — papermill's command line, then ``jupyter nbconvert --to html
   --no-input``, then WeasyPrint's command line, report after report; a rerun with nothing changed; a
   rerun after one unit's figure changed, with the number of bulletins rebuilt; the peak memory of
   the whole process tree;
2. a generated large province (6 clusters of 10–11 units, 8 half-years, one submission file per unit and
   half-year, CSV and Excel alternating: 504 files): the intake of all of them, and a whole period cold
   against the naive chain.

It is a tool for people, not a test: it prints figures and the targets beside them.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bantin.bulletin.formatting import decimal
from bantin.core.periods import Period
from bantin.core.project import Project

TARGETS = {"ratio": (3.0, 5.0), "noop": (1.0, 0.5), "intake": 10.0, "memory": 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bantin-bench", description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--skip-large", action="store_true", help="only the sample data")
    args = parser.parse_args(argv)
    source = Project.find()
    with tempfile.TemporaryDirectory(prefix="bantin-bench-") as scratch:
        scratch = Path(scratch)
        print(f"make bench — {os.cpu_count()} lõi, JOBS={args.jobs}\n")
        results = sample_bench(source, scratch / "sample", args.jobs)
        if not args.skip_large:
            results |= large_bench(source, scratch / "large", args.jobs)
    print("\nTóm tắt (mục tiêu):")
    ratio_min, ratio_goal = TARGETS["ratio"]
    print(
        f"  cả kỳ, chạy nguội: nhanh hơn chuỗi lệnh thông thường {decimal(results['ratio'])}× (≥ {decimal(ratio_min, 0)}×, hướng tới {decimal(ratio_goal, 0)}×)"
    )
    print(
        f"  chạy lại không đổi: {decimal(results['noop'], 2)} s (< {decimal(TARGETS['noop'][0], 0)} s, hướng tới {decimal(TARGETS['noop'][1])} s)"
    )
    print(f"  sửa một số liệu: làm lại {results['rebuilt']} ({results['rebuilt_expected']} là đúng)")
    if "intake" in results:
        print(f"  đọc 500 tệp: {decimal(results['intake'])} s (< {decimal(TARGETS['intake'], 0)} s)")
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
        f"   make report, chạy nguội:                                               {decimal(ours):>6} s  → {decimal(naive / ours)}×"
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
    from bantin.intake import consolidated

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
    from bantin.core.reference import Reference
    from bantin.intake import consolidated

    staging = root / "checked-data"  # the same starting point as ours: data checked once, read by every kernel
    staging.mkdir()
    for half in project.periods_with_submissions():
        for path, content in consolidated.stored_files(project, half, consolidated.consolidate(project, half)).items():
            (staging / path.name).write_bytes(content)
    bin_dir = Path(sys.executable).parent
    environment = dict(os.environ, BANTIN_ROOT=str(project.root), BANTIN_STAGING=str(staging))
    clusters = [cluster.code for cluster in Reference(project.reference_dir).clusters_in(Period.parse(period))]
    out = root / "naive-outputs"
    out.mkdir()
    started = time.perf_counter()
    for scope in clusters + ["province"]:
        notebook = "province.ipynb" if scope == "province" else "bulletin.ipynb"
        parameters = ["-p", "period", period] + ([] if scope == "province" else ["-p", "cluster", scope])
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


def copy_project(source: Project, root: Path) -> Project:
    for folder in ("data/reference", "data/raw", "data/notes", "notebooks"):
        shutil.copytree(source.root / folder, root / folder)
    for folder in ("data/processed", "outputs"):
        (root / folder).mkdir(parents=True)
    shutil.copy(source.root / "requirements.lock", root / "requirements.lock")
    return Project(root)


def change_one_figure(project: Project, period: str, cluster: str) -> None:
    """One unit's number of documents, one more: a change every rule still accepts."""
    path = project.raw_period_dir(Period.parse(period)) / f"{cluster}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if ",van_ban," in line)
    head, value = lines[number].rsplit(",", 1)
    lines[number] = f"{head},{int(value) + 1}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_large_province(source: Project, root: Path) -> Project:
    """6 clusters of 10–11 units, 8 half-years of figures that obey the rules: 504 submission files."""
    project = copy_project(source, root)
    shutil.rmtree(project.raw_dir)
    for notes in (project.root / "data" / "notes").iterdir():
        shutil.rmtree(notes)
    clusters = [(f"cum-{n}", f"Cụm thử nghiệm {n}") for n in range(1, 7)]
    _write_csv(project.reference_dir / "clusters.csv", ["code", "name"], clusters)
    units = [
        (f"dv-{c}-{u:02d}", f"Huyện ủy Thử Nghiệm {c}-{u}", f"Thử Nghiệm {c}-{u}", f"cum-{c}", "2020-01-01", "")
        for c in range(1, 7)
        for u in range(1, 11 + (c > 3))
    ]
    _write_csv(
        project.reference_dir / "units.csv", ["code", "name", "short_name", "cluster", "valid_from", "valid_to"], units
    )
    (project.reference_dir / "deadlines.csv").unlink(missing_ok=True)
    from bantin.core.reference import Reference
    from bantin.intake.template import write_templates

    reference = Reference(project.reference_dir)
    figures = random.Random(20240621)
    periods = [Period(year, half) for year in range(2021, 2025) for half in (1, 2)]
    for period in periods:
        folder = project.raw_period_dir(period)
        folder.mkdir(parents=True)
        rows = {unit[0]: _plausible(figures) for unit in units}
        templates = {path.stem: path for path in write_templates(project, period)}
        for number, (code, *_rest) in enumerate(units):
            if number % 2:
                _fill_template(templates[code], folder / f"{code}.xlsx", reference, rows[code])
            else:
                _write_csv(
                    folder / f"{code}.csv",
                    ["period", "unit", "indicator", "value"],
                    [(str(period), code, indicator, value) for indicator, value in rows[code].items()],
                )
    shutil.rmtree(project.root / "data" / "templates", ignore_errors=True)
    return project


def _plausible(figures: random.Random) -> dict[str, int]:
    inspections, conferences, training, checks = (
        figures.randint(0, 4),
        figures.randint(1, 12),
        figures.randint(0, 3),
        figures.randint(0, 5),
    )
    registered = figures.randint(40, 200)
    return {
        "van_ban": figures.randint(5, 30),
        "kiem_tra": inspections,
        "kiem_tra_to_chuc_dang": inspections + figures.randint(0, 2) if inspections else 0,
        "kiem_tra_dang_vien": figures.randint(0, 3) if inspections else 0,
        "hoi_nghi_so_ket": figures.randint(0, 2),
        "hoi_nghi": conferences,
        "hoi_nghi_luot_nguoi": conferences * figures.randint(40, 150),
        "mo_hinh_dang_ky": registered,
        "mo_hinh_cong_nhan": figures.randint(0, registered),
        "tap_huan": training,
        "tap_huan_luot_nguoi": training * figures.randint(30, 120),
        "kiem_tra_nghiep_vu": checks,
        "kiem_tra_nghiep_vu_to_chuc": checks + figures.randint(0, 1) if checks else 0,
        "kiem_tra_nghiep_vu_dang_vien": figures.randint(0, 2) if checks else 0,
    }


def _fill_template(template: Path, target: Path, reference, figures: dict[str, int]) -> None:
    from openpyxl import load_workbook

    from bantin.intake.template import DATA_SHEET, FIRST_INDICATOR_ROW, VALUE_COLUMN

    workbook = load_workbook(template)
    sheet = workbook[DATA_SHEET]
    for offset, code in enumerate(reference.indicators):
        sheet.cell(FIRST_INDICATOR_ROW + offset, VALUE_COLUMN).value = figures[code]
    workbook.save(target)


def _write_csv(path: Path, header: list[str], rows) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def timed_with_memory(action) -> tuple[float, float]:
    """Seconds taken, and the peak memory of this process and all its descendants together (MiB).

    Each process counts its proportional set size (PSS), so pages that forked workers share are
    counted once, not once per worker; where PSS is not available, its resident size.
    """
    import psutil

    peak, done = [0], threading.Event()

    def sample() -> None:
        me = psutil.Process()
        while not done.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    info = process.memory_full_info()
                    total += getattr(info, "pss", info.rss)
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        seconds = timed(action)
    finally:
        done.set()
        sampler.join()
    return seconds, peak[0] / 2**20


if __name__ == "__main__":
    sys.exit(main())

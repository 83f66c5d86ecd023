"""The projects ``make bench`` measures: private copies of the sample, and a generated large province."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import shutil
from pathlib import Path

from bantin.build.project import Project
from bantin.intake.completeness import deadlines
from bantin.intake.template import fill, write_templates
from bantin.model.periods import Period


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
    for name in ("deadlines.csv", "successions.csv"):  # its own units: no deadline, no reorganisation
        (project.reference_dir / name).unlink(missing_ok=True)
    figures = random.Random(20240621)
    periods = [Period(year, half) for year in range(2021, 2025) for half in (1, 2)]
    for period in periods:
        folder = project.raw_period_dir(period)
        folder.mkdir(parents=True)
        rows = {unit[0]: _plausible(figures) for unit in units}
        templates = {path.stem: path for path in write_templates(project, period)}
        for number, (code, *_rest) in enumerate(units):
            if number % 2:
                fill(templates[code], folder / f"{code}.xlsx", rows[code])
            else:
                _write_csv(
                    folder / f"{code}.csv",
                    ["period", "unit", "indicator", "value"],
                    [(str(period), code, indicator, value) for indicator, value in rows[code].items()],
                )
    shutil.rmtree(project.root / "data" / "templates", ignore_errors=True)
    return project


def largest_structure(project: Project) -> Period:
    """The half-year with submissions that has the most units (the latest of them): 93 since the reorganisation."""
    return max(project.periods_with_submissions(), key=lambda period: (len(project.reference.units(period)), period))


def make_workbook_period(source: Project, root: Path) -> tuple[Project, Period]:
    """A copy of the sample whose largest half-year holds what every unit sends back: its template, filled in.

    One workbook per unit (93), figures that obey the rules, sent three days before the deadline.
    """
    project = copy_project(source, root)
    period = largest_structure(project)
    folder = project.raw_period_dir(period)
    shutil.rmtree(folder)
    folder.mkdir()
    deadline = deadlines(project.reference).get(str(period))
    submitted = deadline - dt.timedelta(days=3) if deadline else None
    figures = random.Random(20250701)
    for template in write_templates(project, period):
        fill(template, folder / template.name, _plausible(figures), submitted)
    shutil.rmtree(project.root / "data" / "templates", ignore_errors=True)
    return project, period


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


def _write_csv(path: Path, header: list[str], rows) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")

"""Shared fixtures: a private copy of the project, so tests never touch the real data/ or outputs/."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from bantin.core.periods import Period
from bantin.core.project import Project
from bantin.core.reference import Reference

ROOT = Path(__file__).resolve().parents[1]

# The plains cluster's totals for 2024H1, as printed in ../shared/reference/bulletin-dong-bang-2024H1.txt.
REFERENCE_TOTALS = {
    "van_ban": 129,
    "kiem_tra": 14,
    "kiem_tra_to_chuc_dang": 18,
    "kiem_tra_dang_vien": 11,
    "hoi_nghi_so_ket": 6,
    "hoi_nghi": 50,
    "hoi_nghi_luot_nguoi": 4819,
    "mo_hinh_dang_ky": 891,
    "mo_hinh_cong_nhan": 514,
    "tap_huan": 8,
    "tap_huan_luot_nguoi": 905,
    "kiem_tra_nghiep_vu": 25,
    "kiem_tra_nghiep_vu_to_chuc": 25,
    "kiem_tra_nghiep_vu_dang_vien": 5,
}


def copy_project(destination: Path) -> Project:
    """The project's data and notebooks copied to ``destination``, with empty outputs."""
    for folder in ("data/reference", "data/raw", "data/notes", "notebooks"):
        shutil.copytree(ROOT / folder, destination / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (destination / "data" / "processed").mkdir()
    (destination / "outputs").mkdir()
    return Project(destination)


def set_figures(project: Project, relative: str, unit: str, figures: dict[str, int | str]) -> None:
    """Replace some of a unit's figures in a long CSV submission of the project copy."""
    path = project.root / relative
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows[1:]:
        if row[1] == unit and row[2] in figures:
            row[3] = str(figures[row[2]])
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")


def insert_line(path: Path, after: str, line: str) -> int:
    """Insert ``line`` after the first line of ``path`` that starts with ``after``; its number (from 1)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines) if text.startswith(after)) + 1
    lines.insert(number, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def small_project(destination: Path) -> Project:
    """The sample without the mountain cluster and the half-years 2024H1 does not read: three bulletins a run."""
    project = copy_project(destination)
    for name, column in (("clusters.csv", 0), ("units.csv", 3)):
        path = project.reference_dir / name
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text(
            "\n".join(line for line in lines if line.split(",")[column] != "mien-nui") + "\n", encoding="utf-8"
        )
    for path in [*project.raw_dir.glob("*/mien-nui.csv"), *project.root.glob("data/notes/*/mien-nui.md")]:
        path.unlink()
    shutil.rmtree(project.raw_dir / "2024H2")
    return project


def published(project: Project) -> dict[str, bytes]:
    """Every file of ``outputs/`` and ``data/processed/``, hidden ones aside, by path relative to the project."""
    return {
        path.relative_to(project.root).as_posix(): path.read_bytes()
        for folder in (project.outputs_dir, project.processed_dir)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def whole(path: Path) -> bool:
    """A published file as its writer finished it: each format's own end is there."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        PdfReader(path)
        return data.rstrip().endswith(b"%%EOF")
    if path.suffix == ".html":
        return data.rstrip().endswith(b"</html>")
    if path.suffix in (".json", ".ipynb"):
        json.loads(data)
        return True
    if path.suffix == ".xlsx":
        return zipfile.ZipFile(path).testzip() is None
    if path.suffix == ".csv":
        return data.endswith(b"\n")
    return True


# A unit whose inspections covered no organisation and no member: allowed, but a warning.
INSPECTED_NOBODY = {"kiem_tra_to_chuc_dang": 0, "kiem_tra_dang_vien": 0}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference(ROOT / "data" / "reference")


@pytest.fixture(scope="session")
def h1_2024() -> Period:
    return Period.parse("2024H1")

"""Shared fixtures: a private copy of the project, so tests never touch the real data/ or outputs/.

Plain helpers and constants live in ``helpers.py``; test files import them from there, never from here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bantin.build.project import Project
from bantin.intake.template import template_bytes
from bantin.model.periods import Period
from bantin.model.reference import Reference
from helpers import HOSTILE_NAME, HOSTILE_SHORT, ROOT, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture
def git_config(tmp_path: Path, monkeypatch) -> None:
    """git with no global or system configuration (the machine's stay out of the test), and a committer."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name, value in (("NAME", "Test"), ("EMAIL", "test@example.invalid")):
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
        monkeypatch.setenv(f"GIT_COMMITTER_{name}", value)


@pytest.fixture
def hostile_project(project: Project) -> Project:
    """The project copy with the unit an-khanh renamed to a formula, its short name to a script."""
    units = project.reference_dir / "units.csv"
    with open(units, encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        if row["code"] == "an-khanh":
            row["name"], row["short_name"] = HOSTILE_NAME, HOSTILE_SHORT
    with open(units, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return project


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference(ROOT / "data" / "reference")


@pytest.fixture(scope="session")
def h1_2024() -> Period:
    return Period.parse("2024H1")


@pytest.fixture(scope="session")
def templates(tmp_path_factory, reference, h1_2024) -> dict[str, Path]:
    """The 2024H1 templates, by unit code, written once (tests read them, and save filled copies elsewhere)."""
    folder = tmp_path_factory.mktemp("templates")
    paths = {}
    for unit in reference.units(h1_2024):
        paths[unit.code] = folder / f"{unit.code}.xlsx"
        paths[unit.code].write_bytes(template_bytes(reference, h1_2024, unit))
    return paths

"""The site's own pages (the validation report): whatever a submission or the reference holds stays text."""

from __future__ import annotations

from bantin.core.errors import Problem
from bantin.core.reference import Reference
from bantin.render import pages
from helpers import HOSTILE_SHORT


def test_a_hostile_name_is_escaped_in_the_validation_report(hostile_project, h1_2024):
    problem = Problem("data/raw/2024H1/<b>.csv", "dòng 2", "<img src=x onerror=alert(1)>", HOSTILE_SHORT)
    report = pages.validation([problem], h1_2024, Reference(hostile_project.reference_dir))
    assert "<img" not in report and HOSTILE_SHORT not in report and "&lt;script&gt;" in report

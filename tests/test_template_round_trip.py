"""The template route and the CSV route give the same bulletin figures."""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import pytest

from bantin.bulletin import metrics
from bantin.intake import completeness, consolidated
from bantin.intake.layout import DATA_SHEET
from bantin.intake.template import fill, write_templates
from bantin.model.reference import Reference


def sample_figures(project, period):
    figures = {}
    for path in sorted(project.raw_period_dir(period).glob("*.csv")):
        with open(path, encoding="utf-8") as file:
            for row in csv.DictReader(file):
                figures.setdefault(row["unit"], {})[row["indicator"]] = int(row["value"])
    return figures


def fill_templates(project, period, submitted: dt.date | None = None):
    """Every unit's template filled with openpyxl from the sample CSV figures, as a unit's staff would."""
    figures = sample_figures(project, period)
    filled = write_templates(project, period)
    for path in filled:
        fill(path, path, figures[path.stem], submitted)
    return filled


def use_as_submissions(project, period, files):
    folder = project.raw_period_dir(period)
    shutil.rmtree(folder)
    folder.mkdir()
    for path in files:
        shutil.copy(path, folder / path.name)


@pytest.fixture
def both_routes(project, h1_2024):
    by_csv = consolidated.consolidate(project, h1_2024).observations
    use_as_submissions(project, h1_2024, fill_templates(project, h1_2024))
    by_template = consolidated.consolidate(project, h1_2024)
    return by_csv, by_template


def test_filled_templates_give_the_same_figures_as_the_sample_csvs(both_routes):
    by_csv, by_template = both_routes
    assert by_template.problems == []
    key = ["unit", "indicator", "value"]
    assert (
        by_template.observations[key]
        .sort_values(key[:2])
        .reset_index(drop=True)
        .equals(by_csv[key].sort_values(key[:2]).reset_index(drop=True))
    )
    assert by_template.observations["source_location"].str.startswith(f"{DATA_SHEET}!D").all()


def test_and_therefore_the_same_bulletin_totals(both_routes, reference, h1_2024):
    by_csv, by_template = both_routes
    for cluster in reference.clusters:
        assert metrics.cluster_totals(by_template.observations, reference, h1_2024, cluster).equals(
            metrics.cluster_totals(by_csv, reference, h1_2024, cluster)
        )


def test_a_report_dated_after_the_deadline_is_late(project, h1_2024):
    (project.reference_dir / "deadlines.csv").write_text("period,deadline\n2024H1,2024-06-10\n", encoding="utf-8")
    use_as_submissions(project, h1_2024, fill_templates(project, h1_2024, submitted=dt.datetime(2024, 6, 12)))
    observations = consolidated.consolidate(project, h1_2024).observations
    status = completeness.by_cluster(Reference(project.reference_dir), h1_2024, observations)["dong-bang"]
    assert len(status.late) == len(status.expected) == 8

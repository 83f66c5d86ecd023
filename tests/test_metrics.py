"""Aggregation per cluster and period."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from bantin.bulletin import metrics
from bantin.intake import consolidated
from bantin.model.errors import ReferenceDataError
from bantin.model.periods import Period
from bantin.model.reference import Reference
from helpers import REFERENCE_TOTALS, ROOT, copy_project


@pytest.fixture(scope="module")
def observations(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("metrics") / "project")
    return consolidated.load(project, project.periods_with_submissions())


def test_the_plains_cluster_adds_up_to_the_published_bulletin(observations, reference, h1_2024):
    totals = metrics.cluster_totals(observations, reference, h1_2024, "dong-bang")
    assert totals.to_dict() == REFERENCE_TOTALS


def test_the_unit_table_has_every_indicator_of_the_period_every_unit_and_the_total(observations, reference, h1_2024):
    table = metrics.unit_table(observations, reference, h1_2024, "dong-bang")
    units = [unit.code for unit in reference.units(h1_2024, "dong-bang")]
    assert list(table.index) == list(reference.indicators_in(h1_2024))  # the form of 2024H1
    assert list(table.columns) == units + [metrics.TOTAL]
    assert (table[units].sum(axis=1) == table[metrics.TOTAL]).all()


def test_a_year_is_the_sum_of_its_halves(observations, reference):
    year = metrics.cluster_totals(observations, reference, Period.parse("2024"), "mien-nui")
    first = metrics.cluster_totals(observations, reference, Period.parse("2024H1"), "mien-nui")
    second = metrics.cluster_totals(observations, reference, Period.parse("2024H2"), "mien-nui")
    assert year.equals(first + second)


def test_the_recognition_rate_is_recognized_over_registered_in_percent():
    assert metrics.recognition_rate(891, 514) == pytest.approx(57.687, abs=1e-3)
    assert metrics.recognition_rate(0, 0) is None
    assert metrics.recognition_rate(pd.NA, 3) is None


def test_a_missing_figure_stays_missing_and_does_not_count_as_zero(reference, h1_2024):
    units = [unit.code for unit in reference.units(h1_2024, "ven-bien")]
    rows = [("2024H1", unit, "van_ban", None if unit == units[0] else 10) for unit in units]
    rows += [("2024H1", unit, "kiem_tra", None) for unit in units]
    frame = pd.DataFrame(rows, columns=["period", "unit", "indicator", "value"])
    frame["value"] = frame["value"].astype("Int64")
    values = metrics.unit_values(frame, reference, h1_2024, "ven-bien")
    assert values.loc[units[0], "van_ban"] is pd.NA
    totals = metrics.totals(values)
    assert totals["van_ban"] == 10 * (len(units) - 1)
    assert totals["kiem_tra"] is pd.NA


def test_the_trend_covers_every_half_year_up_to_the_period(observations, reference, h1_2024):
    trend = metrics.trend(observations, reference, "dong-bang", h1_2024)
    assert list(trend.index) == ["2023H1", "2023H2", "2024H1"]
    assert trend.loc["2024H1", "mo_hinh_cong_nhan"] == 514


def test_the_models_are_the_indicators_with_their_role_in_indicators_csv(reference):
    assert metrics.model_codes(reference) == ("mo_hinh_dang_ky", "mo_hinh_cong_nhan")


def with_roles(tmp_path, roles: dict[str, str]) -> Reference:
    """The sample's reference data with the column role of indicators.csv rewritten: code → role."""
    folder = tmp_path / "reference"
    shutil.copytree(ROOT / "data" / "reference", folder)
    path = folder / "indicators.csv"
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(dict(row, role=roles.get(row["code"], "")) for row in rows)
    return Reference(folder)


def test_a_role_missing_or_given_twice_is_refused_naming_indicators_csv(tmp_path):
    missing = with_roles(tmp_path / "missing", {"mo_hinh_cong_nhan": "models_recognized"})
    with pytest.raises(ReferenceDataError, match=r"indicators\.csv: không có chỉ tiêu nào .*'models_registered'"):
        metrics.model_codes(missing)
    doubled = with_roles(tmp_path / "doubled", {"van_ban": "models_registered", "mo_hinh_dang_ky": "models_registered"})
    with pytest.raises(ReferenceDataError, match=r"indicators\.csv: .*nhiều chỉ tiêu \(van_ban, mo_hinh_dang_ky\)"):
        doubled.indicator_with_role("models_registered")

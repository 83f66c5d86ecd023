"""The analysts' table (bantin.explore.load): every figure of every half-year, with the reference's words."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from bantin import explore
from bantin.bulletin import metrics
from bantin.model.errors import BantinError, SubmissionError
from helpers import REFERENCE_TOTALS, copy_project

SAMPLE = "data/raw/2024H1/dong-bang.csv"
REQUIRED = [
    "period",
    "period_label",
    "cluster",
    "cluster_name",
    "unit",
    "unit_name",
    "indicator",
    "indicator_label",
    "unit_word",
    "value",
    "source_file",
    "source_location",
]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A private copy of the project, never rendered: explore.load checks its submissions in memory."""
    return copy_project(tmp_path_factory.mktemp("explore") / "project")


@pytest.fixture(scope="module")
def table(sample):
    return explore.load(project_dir=sample.root)


def rewrite_lines(project, relative, transform):
    path = project.root / relative
    path.write_text("\n".join(transform(path.read_text(encoding="utf-8").splitlines())) + "\n", encoding="utf-8")


def test_the_table_has_a_row_per_half_year_unit_and_indicator(table, sample):
    half_years = sample.periods_with_submissions()
    assert [str(period) for period in half_years] == [
        "2023H1",
        "2023H2",
        "2024H1",
        "2024H2",
        "2025H1",
        "2025H2",
        "2026H1",
    ]
    assert set(REQUIRED) <= set(table.columns)
    # the province's 23 districts to 2024H2, 22 in 2025H1 (one merged into another), then 93 reporting communes,
    # who report two more indicators (from 2025H2)
    assert len(table) == (23 * 4 + 22 + 93 * 2) * 14 + 93 * 2 * 2
    assert not table.duplicated(["period", "unit", "indicator"]).any()
    assert table["value"].dtype == "Int64"
    assert list(table["period"].unique()) == [str(period) for period in half_years]


def test_the_rows_carry_the_reference_labels(table, reference):
    row = table.set_index(["period", "unit", "indicator"]).loc[("2024H1", "an-khanh", "hoi_nghi_luot_nguoi")]
    assert row["period_label"] == "6 tháng đầu năm 2024"
    assert (row["cluster"], row["cluster_name"]) == ("dong-bang", "Cụm đồng bằng")
    assert row["unit_name"] == "Huyện ủy An Khánh"
    assert row["indicator_label"] == "Lượt người tham dự các hội nghị do cấp ủy cấp huyện, xã tổ chức"  # then
    assert row["unit_word"] == "lượt người"
    assert row["source_file"] == SAMPLE and row["source_location"].startswith("dòng ")
    assert table.loc[table["period"] == "2024H2", "period_label"].unique().tolist() == ["6 tháng cuối năm 2024"]


def test_the_plains_cluster_of_2024H1_adds_up_to_the_published_bulletin(table):
    plains = table[(table["cluster"] == "dong-bang") & (table["period"] == "2024H1")]
    assert plains.groupby("indicator")["value"].sum().to_dict() == REFERENCE_TOTALS


def test_the_metrics_take_the_table_as_it_is(table, reference, h1_2024):
    assert metrics.cluster_totals(table, reference, h1_2024, "dong-bang").to_dict() == REFERENCE_TOTALS


def test_a_year_is_its_two_halves_and_a_list_is_its_periods(sample):
    assert list(explore.load("2024", sample.root)["period"].unique()) == ["2024H1", "2024H2"]
    assert list(explore.load(["2024S1", "2023H1"], sample.root)["period"].unique()) == ["2023H1", "2024H1"]


def test_a_period_without_submissions_is_refused_naming_it(sample):
    with pytest.raises(BantinError, match=r"2027H1.*2023H1, 2023H2, 2024H1, 2024H2, 2025H1, 2025H2, 2026H1"):
        explore.load("2027H1", sample.root)


def test_a_blank_figure_stays_missing(project):
    _, unit, indicator, figure = (project.root / SAMPLE).read_text(encoding="utf-8").splitlines()[1].split(",")
    rewrite_lines(
        project,
        SAMPLE,
        lambda lines: [f"2024H1,{unit},{indicator}," if n == 1 else line for n, line in enumerate(lines)],
    )
    table = explore.load("2024H1", project.root)
    assert len(table) == 23 * 14
    assert table.set_index(["unit", "indicator"]).loc[(unit, indicator), "value"] is pd.NA
    plains = table[table["cluster"] == "dong-bang"].groupby("indicator")["value"].sum()
    assert plains[indicator] == REFERENCE_TOTALS[indicator] - int(figure)


def test_a_unit_that_sent_nothing_keeps_its_rows_missing_and_without_source(project):
    rewrite_lines(project, SAMPLE, lambda lines: [line for line in lines if ",an-khanh," not in line])
    table = explore.load("2024H1", project.root)
    assert len(table) == 23 * 14
    silent = table[table["unit"] == "an-khanh"]
    assert len(silent) == 14 and silent["value"].isna().all() and silent["source_file"].isna().all()


def test_a_unit_counts_in_the_cluster_it_belonged_to_in_that_half_year(project):
    def moved_to_the_coast(lines):
        for line in lines:
            if line.startswith("an-khanh,"):
                yield line.replace(",2025-06-30", ",2023-12-31")
                yield "an-khanh,Huyện ủy An Khánh,An Khánh,ven-bien,2024-01-01,2025-06-30"
            else:
                yield line

    rewrite_lines(project, "data/reference/units.csv", lambda lines: list(moved_to_the_coast(lines)))
    rows = explore.load(["2023H2", "2024H1"], project.root).query("unit == 'an-khanh'")
    membership = dict(zip(rows["period"], zip(rows["cluster"], rows["cluster_name"], strict=True), strict=True))
    assert membership == {"2023H2": ("dong-bang", "Cụm đồng bằng"), "2024H1": ("ven-bien", "Cụm ven biển")}


def negative(line_numbers):
    """A transform of the sample CSV: the figures on ``line_numbers`` (from 1) made negative, an error each."""

    def transform(lines):
        return [f"{line.rsplit(',', 1)[0]},-3" if n + 1 in line_numbers else line for n, line in enumerate(lines)]

    return transform


def skipped(caught) -> list[str]:
    return [str(warning.message) for warning in caught if issubclass(warning.category, explore.SkippedPeriodWarning)]


def test_a_half_year_that_fails_its_check_is_left_out_with_one_warning_naming_each_file_and_cell(project):
    rewrite_lines(project, SAMPLE, negative({7, 10}))

    with pytest.warns(explore.SkippedPeriodWarning) as caught:
        table = explore.load(["2023H2", "2024H1"], project.root)

    assert list(table["period"].unique()) == ["2023H2"] and len(table) == 23 * 14
    [message] = skipped(caught)
    assert "2024H1" in message and "2 lỗi" in message
    assert f"{SAMPLE}, dòng 7:" in message and f"{SAMPLE}, dòng 10:" in message
    assert "Báo cáo kiểm tra chi tiết: data/failed-validation/2024H1/validation.html" in message
    assert "dòng 10" in (project.failed_validation_dir / "2024H1" / "validation.html").read_text(encoding="utf-8")


def test_strict_raises_naming_each_file_and_cell(project):
    rewrite_lines(project, SAMPLE, negative({7, 10}))
    with pytest.raises(SubmissionError) as raised:
        explore.load(["2023H2", "2024H1"], project.root, strict=True)
    assert f"Tệp {SAMPLE}:" in str(raised.value) and "dòng 7" in str(raised.value) and "dòng 10" in str(raised.value)
    assert "data/failed-validation/2024H1/validation.html" in str(raised.value)


def test_without_a_bad_half_year_there_is_no_warning_and_no_report(sample):
    with warnings.catch_warnings():
        warnings.simplefilter("error", explore.SkippedPeriodWarning)
        assert list(explore.load("2024", sample.root)["period"].unique()) == ["2024H1", "2024H2"]
    assert not sample.failed_validation_dir.exists()


def test_once_the_half_year_passes_its_report_is_removed(project):
    original = (project.root / SAMPLE).read_text(encoding="utf-8")
    rewrite_lines(project, SAMPLE, negative({7}))
    with pytest.warns(explore.SkippedPeriodWarning):
        explore.load("2024H1", project.root)
    assert (project.failed_validation_dir / "2024H1" / "validation.csv").is_file()
    (project.root / SAMPLE).write_text(original, encoding="utf-8")

    with warnings.catch_warnings():
        warnings.simplefilter("error", explore.SkippedPeriodWarning)
        assert len(explore.load("2024H1", project.root)) == 23 * 14
    assert not project.failed_validation_dir.exists()


def test_a_long_list_of_errors_is_cut_after_ten(project):
    rewrite_lines(project, SAMPLE, negative(set(range(2, 27))))
    with pytest.warns(explore.SkippedPeriodWarning) as caught:
        explore.load("2024H1", project.root)
    [message] = skipped(caught)
    listed = [line for line in message.splitlines() if line.startswith("  - ")]
    assert len(listed) == explore.LISTED == 10
    assert listed[0].startswith(f"  - {SAMPLE}, dòng 2:") and "… và 15 lỗi khác." in message


@pytest.mark.slow  # starts a kernel
def test_the_notebook_runs_through_when_its_period_is_left_out(project):
    import nbclient
    import nbformat

    rewrite_lines(project, SAMPLE, negative({7}))
    notebook = nbformat.read(project.notebooks_dir / "explore.ipynb", as_version=4)
    nbclient.NotebookClient(
        notebook, kernel_name="bantin", timeout=300, resources={"metadata": {"path": str(project.notebooks_dir)}}
    ).execute()  # raises on a cell that fails

    [load] = [cell for cell in notebook.cells if cell.get("id") == "load"]
    said = "".join(output.get("text", "") for output in load.outputs if output.output_type == "stream")
    assert "SkippedPeriodWarning" in said and f"{SAMPLE}, dòng 7" in said
    assert "Kỳ 2024H1 không có trong bảng: các mục 2, 3, 6, 8 dùng kỳ 2026H1." in said

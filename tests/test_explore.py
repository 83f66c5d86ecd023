"""The analysts' table (bantin.explore.load): every figure of every half-year, with the reference's words."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from bantin import explore
from bantin.bulletin import metrics
from bantin.model.errors import BantinError, NotInPeriodError, SubmissionError
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

    latest = "data/raw/2026H1/trung-du.csv"  # the notebook opens on the latest period: its submissions fail
    rewrite_lines(project, latest, negative({7}))
    notebook = nbformat.read(project.notebooks_dir / "explore.ipynb", as_version=4)
    nbclient.NotebookClient(
        notebook, kernel_name="bantin", timeout=300, resources={"metadata": {"path": str(project.notebooks_dir)}}
    ).execute()  # raises on a cell that fails

    [load] = [cell for cell in notebook.cells if cell.get("id") == "load"]
    said = "".join(output.get("text", "") for output in load.outputs if output.output_type == "stream")
    assert "SkippedPeriodWarning" in said and f"{latest}, dòng 7" in said
    assert "Kỳ 2026H1 không có trong bảng: các bảng một kỳ (mục 3 đến 10) dùng kỳ 2025H2." in said
    [question] = [cell for cell in notebook.cells if cell.get("id") == "question"]
    [shown] = [output for output in question.outputs if output.output_type == "execute_result"]
    assert "6 tháng cuối năm 2025" in shown["data"]["text/html"]


# -- the helpers: one question, one call (issue 24, part 3) ---------------------------------------------------------
def raw_figure(project, relative, unit, indicator) -> int:
    for line in (project.root / relative).read_text(encoding="utf-8").splitlines():
        if f",{unit},{indicator}," in line:
            return int(line.rsplit(",", 1)[1])
    raise AssertionError(f"no {unit} {indicator} in {relative}")


def test_the_notebook_opens_on_the_latest_period_and_asks_the_question_in_one_call():
    import nbformat

    from helpers import ROOT

    notebook = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    [parameters] = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
    assert "period = None" in parameters.source and "2024H1" not in parameters.source
    assert "an-khanh" not in parameters.source and "dong-bang" not in parameters.source
    assert "01/7/2025" in notebook.cells[0].source and "Hoàng Sa" in notebook.cells[0].source
    [question] = [cell for cell in notebook.cells if cell.get("id") == "question"]
    assert question.source.count("\n") == 0 and question.source.startswith("explore.top_units_against_earlier(")


def test_the_latest_period_and_its_structure_are_read_not_written_in(sample):
    assert str(explore.latest_period(sample.root)) == "2026H1"
    said = explore.opening(None, sample.root)
    assert said.startswith("Kỳ mới nhất có số liệu: 6 tháng đầu năm 2026 (2026H1).")
    assert "93 đơn vị báo cáo (23 phường, 70 xã) trong 6 cụm; Đặc khu Hoàng Sa không báo cáo." in said
    frame = explore.structure(None, sample.root)
    assert frame.iloc[-1].tolist() == ["Tổng", 23, 70, 93, 1]
    assert "Cụm trung tâm" in frame["Cụm"].tolist() and "Cụm đồng bằng" not in frame["Cụm"].tolist()


def test_which_communes_registered_the_most_models_this_year_against_last_year(sample):
    frame = explore.top_units_against_earlier("2026H1", "mo_hinh_dang_ky", project_dir=sample.root)
    assert len(frame) == 10 and list(frame.index) == list(range(1, 11))
    now = frame["6 tháng đầu năm 2026"]
    assert now.is_monotonic_decreasing and now.iloc[0] == 104
    first = frame.iloc[0]
    assert first["Mã đơn vị"] == "p-my-lam" and first["Đơn vị"] == "Đảng ủy phường Mỹ Lâm"
    # against the previous half-year, of the same structure: the unit itself
    assert first["6 tháng cuối năm 2025"] == raw_figure(
        sample, "data/raw/2025H2/trung-tam.csv", "p-my-lam", "mo_hinh_dang_ky"
    )
    assert first["Tăng, giảm so với 6 tháng cuối năm 2025"] == 104 - first["6 tháng cuối năm 2025"]
    assert first["So sánh với 6 tháng cuối năm 2025"] == "cùng đơn vị"
    # against the same half a year earlier, before the reorganisation: the former city's territory, now 15 units,
    # compared as a whole and never as the commune's own
    assert first["6 tháng đầu năm 2025"] is pd.NA and first["Tăng, giảm so với 6 tháng đầu năm 2025"] is pd.NA
    table = explore.load("2026H1", sample.root)
    successors = {
        line.split(",")[0]
        for line in (sample.reference_dir / "successions.csv").read_text(encoding="utf-8").splitlines()
        if line.endswith(",da-nang-cu,part")
    }
    assert len(successors) == 15
    models = table[(table["indicator"] == "mo_hinh_dang_ky") & table["unit"].isin(successors)]["value"].sum()
    before = raw_figure(sample, "data/raw/2025H1/da-nang-cu.csv", "da-nang-cu", "mo_hinh_dang_ky")
    assert first["So sánh với 6 tháng đầu năm 2025"] == (
        f"không so sánh riêng được: địa bàn của Đà Nẵng (cũ) nay chia cho 15 đơn vị; cả địa bàn: {models} so với "
        f"{before}"
    )
    assert "<td>104</td>" in frame._repr_html_() and "<td>–</td>" in frame._repr_html_()  # no 104.0, no <NA>


def test_a_unit_that_alone_took_a_territory_is_compared_with_its_predecessors_saying_so(sample):
    frame = explore.top_units_against_earlier("2025H1", "mo_hinh_dang_ky", n=30, project_dir=sample.root)
    row = frame.set_index("Mã đơn vị").loc["suoi-may"]  # took Thác Bạc whole on 1 January 2025
    then = sum(
        raw_figure(sample, "data/raw/2024H1/mien-nui.csv", unit, "mo_hinh_dang_ky") for unit in ("suoi-may", "thac-bac")
    )
    assert row["6 tháng đầu năm 2024"] == then
    assert row["So sánh với 6 tháng đầu năm 2024"] == "cùng địa bàn với Suối Mây, Thác Bạc trước sắp xếp"
    assert row["So sánh với 6 tháng cuối năm 2024"] == "cùng địa bàn với Suối Mây, Thác Bạc trước sắp xếp"


def test_top_units_ranks_the_units_that_reported(sample):
    frame = explore.top_units("2024H1", "van_ban", n=3, project_dir=sample.root)
    table = explore.load("2024H1", sample.root)
    figures = table[table["indicator"] == "van_ban"].sort_values(["value", "unit"], ascending=[False, True])
    assert frame["Mã đơn vị"].tolist() == figures["unit"].head(3).tolist()
    assert frame["6 tháng đầu năm 2024"].tolist() == figures["value"].head(3).tolist()
    assert frame.columns.name == "Văn bản ban hành"


def test_figures_display_the_vietnamese_way_and_stay_numbers():
    frame = explore.Table({"Đăng ký": pd.array([4819, None], dtype="Int64"), "Tỷ lệ (%)": [70.71, 5.0]})
    shown = explore.shown(frame)
    assert shown["Đăng ký"].tolist() == ["4.819", "–"] and shown["Tỷ lệ (%)"].tolist() == ["70,7", "5,0"]
    assert "4.819" in repr(frame) and "70,7" in frame._repr_html_() and "70.7" not in frame._repr_html_()
    assert frame["Đăng ký"].sum() == 4819 and isinstance(frame[["Đăng ký"]], explore.Table)


def test_a_unit_history_has_a_column_per_half_year_it_was_active(sample):
    history = explore.unit_history("An Khánh", project_dir=sample.root)
    assert list(history.columns) == [
        "6 tháng đầu năm 2023",
        "6 tháng cuối năm 2023",
        "6 tháng đầu năm 2024",
        "6 tháng cuối năm 2024",
        "6 tháng đầu năm 2025",
    ]
    assert history.loc["Văn bản ban hành", "6 tháng đầu năm 2024"] == REFERENCE_TOTALS["van_ban"] - sum(
        explore.load("2024H1", sample.root).query(
            "cluster == 'dong-bang' and unit != 'an-khanh' and indicator == 'van_ban'"
        )["value"]
    )
    assert history.loc["Cuộc tiếp dân, đối thoại với Nhân dân"].isna().all()  # not on the form before 2025H2


@pytest.mark.parametrize(
    ("call", "said"),
    [
        # a year across the reorganisation: every unit was active half of it (metrics.unit_values: 115 rows of <NA>)
        (lambda root: explore.unit_values("2025", project_dir=root), "Năm 2025 có sắp xếp lại đơn vị (ngày 01 tháng 7"),
        (lambda root: explore.top_units("2025", "van_ban", project_dir=root), "Xem từng kỳ 6 tháng (2025H1, 2025H2)"),
        # a year of which one half-year has no submissions yet
        (lambda root: explore.top_units("2026", "van_ban", project_dir=root), "Năm 2026 mới có số liệu 6 tháng đầu"),
        # an indicator not yet on the form, an unknown one
        (
            lambda root: explore.top_units("2024H1", "tiep_xuc_dan", project_dir=root),
            "không có trong mẫu báo cáo kỳ 2024H1 (6 tháng đầu năm 2024): chỉ tiêu này được báo cáo từ ngày 01 tháng 7",
        ),
        (lambda root: explore.top_units(None, "mo_hinh_dangky", project_dir=root), "(có phải 'mo_hinh_dang_ky'"),
        # a unit in a half-year it was not active, an unknown one, one that never reports
        (
            lambda root: explore.unit_history("an-khanh", "2026H1", project_dir=root),
            "Huyện ủy An Khánh (an-khanh) không hoạt động trong kỳ 2026H1",
        ),
        (lambda root: explore.unit_history("an-khan", project_dir=root), "Không có đơn vị 'an-khan'"),
        (lambda root: explore.unit_history("dk-hoang-sa", project_dir=root), "không báo cáo số liệu công tác dân vận"),
    ],
)
def test_what_did_not_exist_in_a_period_is_refused_in_words_not_given_as_missing_figures(sample, call, said):
    with pytest.raises(NotInPeriodError) as raised:
        call(sample.root)
    assert said in str(raised.value)


def test_a_year_within_one_structure_is_its_two_halves(sample):
    values = explore.unit_values("2024", project_dir=sample.root)
    assert len(values) == 23 and values.notna().all().all()
    table = explore.load("2024", sample.root).query("unit == 'an-khanh' and indicator == 'van_ban'")
    assert values.loc["Huyện ủy An Khánh", "Văn bản ban hành"] == table["value"].sum()


def test_late_units_are_those_past_the_deadline_then_those_that_sent_nothing(project):
    import datetime as dt

    from bantin.intake.template import fill, write_templates
    from bantin.model.periods import Period

    period = Period.parse("2026H1")  # deadline 2026-06-10
    relative = "data/raw/2026H1/trung-du.csv"
    rows = (project.root / relative).read_text(encoding="utf-8").splitlines()
    late, silent = rows[1].split(",")[1], rows[-1].split(",")[1]
    figures = {line.split(",")[2]: int(line.split(",")[3]) for line in rows[1:] if f",{late}," in line}
    rewrite_lines(
        project,
        relative,
        lambda lines: [line for line in lines if f",{late}," not in line and f",{silent}," not in line],
    )
    [template] = [path for path in write_templates(project, period, "trung-du") if path.stem == late]
    fill(template, project.raw_period_dir(period) / f"{late}.xlsx", figures, dt.date(2026, 6, 15))

    frame = explore.late_units("2026H1", project.root)

    assert frame["Mã đơn vị"].tolist() == [late, silent]
    assert frame["Tình trạng"].tolist() == ["gửi muộn", "chưa gửi"]
    assert frame.iloc[0]["Số ngày muộn"] == 5 and frame.iloc[0]["Tệp"] == f"data/raw/2026H1/{late}.xlsx"
    assert explore.shown(frame).iloc[0][["Ngày gửi", "Hạn gửi"]].tolist() == ["15/06/2026", "10/06/2026"]


def test_a_period_without_deadline_lists_who_sent_nothing_and_says_how_to_add_one(project):
    rewrite_lines(
        project, "data/reference/deadlines.csv", lambda lines: [line for line in lines if "2026H1" not in line]
    )
    with pytest.warns(UserWarning, match="chưa có hạn gửi trong data/reference/deadlines.csv"):
        frame = explore.late_units("2026H1", project.root)
    assert frame.empty

"""Reading the CSV submissions: what is accepted, and every error located by file and line."""

from __future__ import annotations

import pytest

from bantin import consolidated
from bantin.errors import SubmissionError
from bantin.periods import Period

SAMPLE = "data/raw/2024H1/dong-bang.csv"


def edit_line(project, relative: str, line: int, new: str) -> None:
    """Replace line ``line`` (1 = header) of a submission in the project copy."""
    path = project.root / relative
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def line_of(project, relative: str, line: int) -> list[str]:
    return (project.root / relative).read_text(encoding="utf-8").splitlines()[line - 1].split(",")


def problems_of(project, period="2024H1"):
    with pytest.raises(SubmissionError) as caught:
        consolidated.consolidate(project, Period.parse(period))
    return caught.value.problems


def test_the_sample_submissions_are_accepted(project, h1_2024):
    frame = consolidated.consolidate(project, h1_2024)
    assert len(frame) == 23 * 14
    assert frame["value"].notna().all()


def test_a_negative_figure_is_rejected_naming_file_line_unit_and_indicator(project):
    period, unit, indicator, _ = line_of(project, SAMPLE, 5)
    edit_line(project, SAMPLE, 5, f"{period},{unit},{indicator},-3")
    [problem] = problems_of(project)
    assert (problem.file, problem.location, problem.unit) == (SAMPLE, "dòng 5", unit)
    assert "số âm" in problem.message
    assert problem.indicator  # the indicator's Vietnamese label
    assert problem.indicator != indicator


def test_an_unknown_unit_is_rejected(project):
    period, _, indicator, value = line_of(project, SAMPLE, 3)
    edit_line(project, SAMPLE, 3, f"{period},khong-co,{indicator},{value}")
    messages = [str(problem) for problem in problems_of(project)]
    assert any("dòng 3" in m and "'khong-co'" in m and "không có trong danh mục đơn vị" in m for m in messages)


def test_an_unknown_indicator_is_rejected(project):
    period, unit, _, value = line_of(project, SAMPLE, 4)
    edit_line(project, SAMPLE, 4, f"{period},{unit},so_lieu_la,{value}")
    [problem] = problems_of(project)
    assert problem.location == "dòng 4" and "so_lieu_la" in problem.message


@pytest.mark.parametrize("value", ["abc", "2,5", "1e3", "٣"])
def test_a_value_that_is_not_a_whole_number_is_rejected(project, value):
    period, unit, indicator, _ = line_of(project, SAMPLE, 2)
    edit_line(project, SAMPLE, 2, f'{period},{unit},{indicator},"{value}"')
    [problem] = problems_of(project)
    assert problem.location == "dòng 2" and "không phải số nguyên" in problem.message


def test_a_period_that_is_not_the_folders_is_rejected(project):
    _, unit, indicator, value = line_of(project, SAMPLE, 2)
    edit_line(project, SAMPLE, 2, f"2023H2,{unit},{indicator},{value}")
    [problem] = problems_of(project)
    assert "khác với kỳ của thư mục" in problem.message


def test_a_figure_given_twice_names_both_places(project):
    second = project.root / "data/raw/2024H1/extra.csv"
    second.write_text("period,unit,indicator,value\n" + ",".join(line_of(project, SAMPLE, 2)) + "\n", encoding="utf-8")
    [problem] = problems_of(project)
    assert problem.file == "data/raw/2024H1/extra.csv"
    assert f"{SAMPLE}, dòng 2" in problem.message


def test_every_problem_is_reported_at_once(project):
    for line in (2, 3, 4):
        period, unit, indicator, _ = line_of(project, SAMPLE, line)
        edit_line(project, SAMPLE, line, f"{period},{unit},{indicator},-1")
    assert [p.location for p in problems_of(project)] == ["dòng 2", "dòng 3", "dòng 4"]


def test_a_broken_rule_is_an_error(project):
    lines = (project.root / SAMPLE).read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if ",mo_hinh_cong_nhan," in line)
    period, unit, indicator, _ = lines[number - 1].split(",")
    edit_line(project, SAMPLE, number, f"{period},{unit},{indicator},99999")
    [problem] = problems_of(project)
    assert problem.location == f"dòng {number}" and problem.unit == unit
    assert "được công nhận" in problem.message


def test_a_blank_figure_is_missing_not_zero(project, h1_2024):
    period, unit, indicator, _ = line_of(project, SAMPLE, 2)
    edit_line(project, SAMPLE, 2, f"{period},{unit},{indicator},")
    frame = consolidated.consolidate(project, h1_2024)
    value = frame[(frame.unit == unit) & (frame.indicator == indicator)]["value"].iloc[0]
    assert value is not None and str(value) == "<NA>"


def test_semicolons_a_bom_and_thousands_dots_are_accepted_with_the_same_figures(project, h1_2024):
    before = consolidated.consolidate(project, h1_2024)[["unit", "indicator", "value"]]
    path = project.root / SAMPLE
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    body = [rows[0]] + [[p, u, i, f"{int(v):,}".replace(",", ".")] for p, u, i, v in rows[1:]]
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(";".join(row) for row in body).encode("utf-8") + b"\n")
    assert "4.819" in path.read_text(encoding="utf-8-sig") or any(int(r[3].replace(".", "")) >= 1000 for r in body[1:])
    after = consolidated.consolidate(project, h1_2024)[["unit", "indicator", "value"]]
    assert after.equals(before)


def test_a_failed_intake_leaves_the_consolidated_file_byte_identical(project, h1_2024):
    consolidated.consolidate(project, h1_2024)
    stored = project.processed_file(h1_2024).read_bytes()
    period, unit, indicator, _ = line_of(project, SAMPLE, 2)
    edit_line(project, SAMPLE, 2, f"{period},{unit},{indicator},-3")
    problems_of(project)
    assert project.processed_file(h1_2024).read_bytes() == stored


def test_each_consolidated_value_carries_its_source(project, h1_2024):
    frame = consolidated.consolidate(project, h1_2024)
    first = frame.iloc[0]
    assert first["source_file"].startswith("data/raw/2024H1/")
    assert len(first["source_sha256"]) == 64
    assert first["source_location"].startswith("dòng ")

"""The intake at scale: many bad rows give a short terminal and a grouped report; the work is done by column.

How fast and how much memory a million rows take is measured by ``make bench`` (``benchmarks.scale``), not
here: these tests check what the user sees, and that the column-wise steps give what the row-by-row ones gave.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from bantin import cli
from bantin.intake import consolidated, files, normalize
from bantin.intake.files import LISTED_PER_KIND
from bantin.model.errors import SHOWN_ON_SCREEN, Problem, SubmissionError
from bantin.model.periods import Period
from bantin.render import pipeline
from bantin.render.outcome import Outcome

CORPUS = Path(__file__).parent / "corpus"
ROWS_PER_FILE = 1500  # a third each: a unit not in the reference, the same figure again, a text for a number
REPORT = "data/failed-validation/2024H1/validation.html"


@pytest.fixture
def intake_only(monkeypatch):
    """``bantin report`` whose run is the intake of the period's half-years, nothing rendered."""

    def run_report(project, period, scopes, *options, **keywords):
        for half in project.history(period):
            consolidated.consolidate(project, half)
        return [Outcome(scope, skipped=True) for scope in scopes]

    monkeypatch.setattr(pipeline, "run_report", run_report)  # what bantin.cli runs


@pytest.fixture
def hostile(project):
    """2024H1 as two CSVs of 1.500 hostile rows each, in place of the sample's submissions."""
    period = Period.parse("2024H1")
    folder = project.raw_period_dir(period)
    shutil.rmtree(folder)
    folder.mkdir()
    units = [unit.code for unit in project.reference.units(period)]
    indicators = list(project.reference.indicators_in(period))
    for part in (1, 2):
        rows = []
        for number in range((part - 1) * ROWS_PER_FILE, part * ROWS_PER_FILE):
            unit, indicator = units[number % len(units)], indicators[number % len(indicators)]
            rows.append(
                [
                    ("2024H1", f"khong-co-{number}", indicator, "1"),
                    ("2024H1", "an-khanh", "van_ban", "5"),
                    ("2024H1", unit, indicator, f"chưa có {number}"),
                ][number % 3]
            )
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\n").writerows([files.CSV_HEADER, *rows])
        (folder / f"bao-cao-{part}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return project


def test_thousands_of_bad_rows_print_the_first_20_problems_then_how_many_more_and_where(hostile, intake_only, capsys):
    status = cli.main(["report", "--period", "2024H1", "--project", str(hostile.root)])
    lines = capsys.readouterr().err.strip().splitlines()

    assert status == cli.EXIT_BAD_INPUT
    severities = [row["severity"] for row in csv.DictReader(io.StringIO(page_csv(hostile)))]
    # an-khanh's one figure, the same in both files: read once, a warning (issue 24)
    errors, warnings = len(severities) - severities.count("warning"), severities.count("warning")
    assert lines[0].startswith(f"Số liệu kỳ 2024H1 chưa hợp lệ: {errors} lỗi cần sửa")
    assert sum(line.startswith("  - ") for line in lines) == SHOWN_ON_SCREEN
    assert lines[1] == "Tệp data/raw/2024H1/bao-cao-1.csv:" and lines[2].startswith(
        "  - Lỗi dòng 2: Đơn vị 'khong-co-0'"
    )
    assert lines[-2] == f"… và {errors - SHOWN_ON_SCREEN} lỗi, {warnings} cảnh báo khác, xem {REPORT}"
    assert lines[-1] == f"Báo cáo kiểm tra chi tiết: {REPORT}"


def test_the_report_lists_each_kind_of_problem_of_a_file_100_times_then_one_line_for_the_rest(hostile, intake_only):
    cli.main(["report", "--period", "2024H1", "--project", str(hostile.root)])
    rows = list(csv.DictReader(io.StringIO(page_csv(hostile))))

    for part in (1, 2):
        mine = [row for row in rows if row["file"] == f"data/raw/2024H1/bao-cao-{part}.csv"]
        assert all(re.fullmatch(r"dòng \d+", row["location"]) for row in mine)  # every problem keeps its line
        for kind, start, total in (
            ("đơn vị không có trong danh mục", "Đơn vị 'khong-co-", 500),
            ("giá trị không phải là số", "Giá trị 'chưa có ", 500),
            ("số liệu nhập hai lần", "Số liệu bị nhập hai lần trong cùng tệp", 499),
        ):
            listed = [row for row in mine if row["message"].startswith(start)]
            [rest] = [row for row in mine if f"cùng loại lỗi ({kind})" in row["message"]]
            assert len(listed) == LISTED_PER_KIND
            assert rest["message"].startswith(f"… và {total - LISTED_PER_KIND} dòng khác của tệp")
            assert line(rest) > max(line(row) for row in listed)  # the rest of them come after the listed
    assert len(rows) == 2 * 3 * (LISTED_PER_KIND + 1) + 1  # and an-khanh, in both files
    assert "cùng loại lỗi (đơn vị không có trong danh mục)" in (hostile.root / REPORT).read_text(encoding="utf-8")


def test_a_unit_repeated_in_a_file_is_said_once_with_the_number_of_its_other_lines(project):
    path = project.root / "data/raw/2024H1/dong-bang.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",an-khanh,", ",an-khang,"), encoding="utf-8")

    with pytest.raises(SubmissionError) as caught:
        consolidated.consolidate(project, Period.parse("2024H1"))

    [problem] = [p for p in caught.value.problems if "'an-khang'" in p.message]
    assert problem.location == "dòng 2" and problem.message.endswith("(và 13 dòng khác có cùng lỗi)")


def test_rows_of_the_wrong_width_are_listed_100_times_then_summed_up():
    data = "period,unit,indicator,value\n" + "".join(f"2024H1,an-khanh,van_ban,{n},x\n" for n in range(250))
    table, problems = files.read_csv(data.encode("utf-8"), "data/raw/2024H1/a.csv")
    assert table.empty and len(problems) == LISTED_PER_KIND + 1
    assert [p.location for p in problems[:2]] == ["dòng 2", "dòng 3"]
    assert problems[-1].location == f"dòng {LISTED_PER_KIND + 2}"
    assert problems[-1].message.startswith(
        "… và 150 dòng khác của tệp có cùng loại lỗi (số cột không đúng), đến dòng 251"
    )


def test_the_terminal_shows_errors_before_warnings_and_counts_what_it_leaves_out():
    warnings = [Problem("a.csv", f"dòng {n}", "Số liệu để trống.", severity="warning") for n in range(2, 32)]
    error = SubmissionError([*warnings, Problem("z.csv", "dòng 2", "Giá trị 'x' không phải là số.")])
    lines = error.report("data/failed-validation/2024H1/validation.html").splitlines()
    assert "  - Lỗi dòng 2: Giá trị 'x' không phải là số." in lines
    assert sum(line.startswith("  - ") for line in lines) == SHOWN_ON_SCREEN
    assert lines[-1] == "… và 11 cảnh báo khác, xem data/failed-validation/2024H1/validation.html"


def test_the_numbers_of_the_terminal_are_written_the_vietnamese_way(project, intake_only, capsys):
    folder = project.raw_period_dir(Period.parse("2024H1"))
    shutil.rmtree(folder)
    folder.mkdir()
    for part in range(11):  # 11 files of 101 problems: the 100 first unknown units, then one line for the rest
        rows = "".join(f"2024H1,khong-co-{part}-{number},van_ban,1\n" for number in range(120))
        (folder / f"bao-cao-{part:02d}.csv").write_text("period,unit,indicator,value\n" + rows, encoding="utf-8")

    cli.main(["report", "--period", "2024H1", "--project", str(project.root)])

    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0] == "Số liệu kỳ 2024H1 chưa hợp lệ: 1.111 lỗi cần sửa; 23 đơn vị chưa gửi báo cáo."
    assert lines[-2] == f"… và 1.091 lỗi, 23 cảnh báo khác, xem {REPORT}"
    few = SubmissionError([Problem("a.csv", "dòng 2", "Đơn vị không có.")]).report("x.html")
    assert "… và" not in few and "x.html" not in few


def corpus_values() -> list:
    """Every figure of the corpus's files (and of the sample's), as its reader found it: text, number, date…"""
    found = []
    for path in sorted([*CORPUS.glob("*/*"), *Path(__file__).parents[1].glob("data/raw/*/*.csv")]):
        if path.is_file() and path.suffix.lower() in (".csv", ".xlsx"):
            table, *_ = files.read_file(path, path.name)
            found += list(table["raw_value"])
    return found


TRICKY = [1, 1.0, True, False, 0, "1", "1.0", None, "", "  ", " 4.819 ", "4 819", "-3", "+3", "2,5", "1e3", "１２"]
TRICKY += [dt.date(2024, 6, 15), dt.datetime(2024, 6, 15, 8), 2.5, float("nan"), 10**30, "99999999999999999999999"]


def test_parsing_each_distinct_value_once_gives_what_parsing_every_cell_gave():
    values = corpus_values() + TRICKY + TRICKY[::-1]
    assert len(values) > 1000 and any(isinstance(value, dt.datetime) for value in values)
    numbers, blanks = normalize.parse_counts(pd.Series(values, dtype=object))
    for value, number, blank in zip(values, numbers, blanks, strict=True):
        expected, expected_blank = normalize.parse_count(value)
        assert blank == expected_blank and (number == expected or math.isnan(number) and math.isnan(expected)), value


def test_values_equal_to_python_but_typed_differently_stay_apart():
    codes, uniques = normalize.distinct(pd.Series([1, 1.0, True, "1", "1", None], dtype=object))
    assert len(set(codes[:4])) == 4 and codes[3] == codes[4]
    assert [uniques[code] for code in codes][:3] == [1, 1.0, True] and type(uniques[codes[2]]) is bool


def page_csv(project) -> str:
    return (project.root / REPORT).with_suffix(".csv").read_text(encoding="utf-8-sig")


def line(row: dict) -> int:
    return int(row["location"].removeprefix("dòng "))

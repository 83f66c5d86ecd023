"""Every problem of a half-year in one run (issue 24): a 2026H2 month as the office lives it, from the templates
filled with 2026H1's figures, with several mistakes at once. The first run finds them all; the terminal,
validation.html and validation.csv say the same counts; a half-year without a deadline is a warning."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from collections import Counter

import pytest

from bantin import cli
from bantin.intake import consolidated
from bantin.intake.template import fill, write_templates
from bantin.model.periods import Period
from bantin.render import pipeline
from bantin.render.batch import period_files
from bantin.render.outcome import Outcome
from helpers import copy_project
from test_template_round_trip import sample_figures

H1, H2 = Period.parse("2026H1"), Period.parse("2026H2")
DEADLINE, ON_TIME, LATE = dt.date(2026, 12, 10), dt.date(2026, 12, 5), dt.date(2026, 12, 14)
AWAITED = 15  # the first units, in code order, send nothing
COMMA, RULE, BLANK = 15, 16, 17  # who typed "2,5", who broke a rule, who left a cell blank (positions)
LATE_UNITS = range(18, 22)  # who sent after the deadline
FAILED_PAGE = "data/failed-validation/2026H2/validation.html"


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    """The sample with 2026H2's submissions: 93 templates, 78 returned, with a "2,5" where a count goes, a rule
    broken by another unit, a cell left blank, four sent late; and how to correct the two errors."""
    project = copy_project(tmp_path_factory.mktemp("one_pass") / "project")
    figures = sample_figures(project, H1)
    templates = write_templates(project, H2)
    units = [path.stem for path in templates]
    mistakes = {
        units[COMMA]: {"tap_huan": "2,5", "tap_huan_luot_nguoi": 0},
        units[RULE]: {"mo_hinh_cong_nhan": figures[units[RULE]]["mo_hinh_dang_ky"] + 5},
        units[BLANK]: {"van_ban": None},
    }
    folder = project.raw_period_dir(H2)
    folder.mkdir(parents=True, exist_ok=True)
    for position, path in enumerate(templates[AWAITED:], start=AWAITED):
        sent = LATE if position in LATE_UNITS else ON_TIME
        fill(path, folder / path.name, figures[path.stem] | mistakes.get(path.stem, {}), sent)
    corrections = {units[COMMA]: {"tap_huan": 2, "tap_huan_luot_nguoi": 40}, units[RULE]: {}}
    originals = {unit: figures[unit] for unit in corrections}
    return project, units, {path.stem: path for path in templates}, corrections, originals


@pytest.fixture
def project(month, tmp_path):
    """A copy of the month's project, to run and correct."""
    copied = shutil.copytree(month[0].root, tmp_path / "project", symlinks=True)
    return type(month[0])(copied)


@pytest.fixture
def intake_then_files(monkeypatch):
    """``bantin report`` whose run checks the half-year and writes the period's status, validation report and data
    files as a run does (``batch.period_files``), without rendering a bulletin."""

    def run_report(project, period, scopes, *options, **keywords):
        checked = consolidated.consolidate(project, period)
        for path, content in period_files(
            project, period, checked.observations, checked.warnings, project.reference
        ).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return [Outcome(scope, skipped=True) for scope in scopes]

    monkeypatch.setattr(pipeline, "run_report", run_report)


def report(project, capsys) -> tuple[int, list[str]]:
    status = cli.main(["report", "--period", "2026H2", "--project", str(project.root)])
    captured = capsys.readouterr()
    return status, (captured.err + captured.out).splitlines()


def terminal_counts(line: str) -> Counter:
    """The counts of the terminal's tally line, by the page's labels."""
    found = Counter({"lỗi": 0})
    for number, label in re.findall(
        r"(\d+) (lỗi|đơn vị chưa gửi báo cáo|số liệu để trống|đơn vị gửi muộn|cảnh báo khác)", line
    ):
        found[label] = int(number)
    return found


def page_counts(page: str) -> Counter:
    """The counts of validation.html's headline: the figure over each label."""
    return Counter({label: int(number) for number, label in re.findall(r"<strong>(\d+)</strong>([^<]+)</td>", page)})


def table_counts(table: str) -> Counter:
    """validation.csv's rows counted as the page counts them, by severity and kind."""
    labels = {"awaited": "đơn vị chưa gửi báo cáo", "blank": "số liệu để trống", "late": "đơn vị gửi muộn"}
    found = Counter({"lỗi": 0})
    for row in csv.DictReader(io.StringIO(table)):
        if row["severity"] == "error":
            found["lỗi"] += 1
        else:
            found[labels.get(row["kind"], "cảnh báo khác")] += 1
    return found


def without_zeros(counts: Counter) -> Counter:
    return Counter({label: number for label, number in counts.items() if number})


def test_the_first_run_finds_every_mistake_of_the_month(month, project, capsys):
    _, units, *_ = month
    status, lines = report(project, capsys)
    assert status == cli.EXIT_BAD_INPUT
    assert lines[0] == (
        "Số liệu kỳ 2026H2 chưa hợp lệ: 2 lỗi cần sửa; 15 đơn vị chưa gửi báo cáo, 1 số liệu để trống, "
        "4 đơn vị gửi muộn."
    )
    assert lines[1].startswith("Gửi muộn: ") and all(f"({units[at]})" in lines[1] for at in LATE_UNITS)
    table = (project.root / FAILED_PAGE).with_suffix(".csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(table)))
    errors = {(row["unit"].split("(")[-1].rstrip(")"), row["rule_name"]) for row in rows if row["severity"] == "error"}
    assert errors == {(units[COMMA], ""), (units[RULE], "Mô hình được công nhận không vượt số đăng ký")}
    assert any("'2,5'" in row["message"] for row in rows)
    [blank] = [row for row in rows if row["kind"] == "blank"]
    assert units[BLANK] in blank["unit"] and blank["location"].startswith("Số liệu!D")
    awaited = {row["unit"].split("(")[-1].rstrip(")") for row in rows if row["kind"] == "awaited"}
    assert awaited == set(units[:AWAITED])
    page = (project.root / FAILED_PAGE).read_text(encoding="utf-8")
    assert "Tình hình gửi báo cáo" in page and "Gửi muộn" in page


def test_the_terminal_the_page_and_the_table_say_the_same_counts_when_the_intake_fails(project, capsys):
    _, lines = report(project, capsys)
    page = (project.root / FAILED_PAGE).read_text(encoding="utf-8")
    table = (project.root / FAILED_PAGE).with_suffix(".csv").read_text(encoding="utf-8-sig")
    counts = terminal_counts(lines[0])
    assert without_zeros(page_counts(page)) == without_zeros(counts) == without_zeros(table_counts(table))
    assert counts["đơn vị chưa gửi báo cáo"] == AWAITED and counts["đơn vị gửi muộn"] == len(LATE_UNITS)


def correct(month, project) -> None:
    """The two errors corrected in their units' files, as their staff would send them again (on time)."""
    _, _, templates, corrections, originals = month
    for unit, figures in corrections.items():
        fill(templates[unit], project.raw_period_dir(H2) / f"{unit}.xlsx", originals[unit] | figures, ON_TIME)


def test_once_corrected_the_run_passes_and_still_says_the_same_counts_everywhere(
    month, project, intake_then_files, capsys
):
    correct(month, project)
    status, lines = report(project, capsys)
    assert status == 0
    folder = project.outputs_dir / "2026H2"
    [line] = [line for line in lines if line.startswith("Kiểm tra số liệu kỳ 2026H2")]
    assert line == (
        "Kiểm tra số liệu kỳ 2026H2: không có lỗi; 15 đơn vị chưa gửi báo cáo, 1 số liệu để trống, "
        "4 đơn vị gửi muộn (chi tiết: outputs/2026H2/validation.html)."
    )
    page = (folder / "validation.html").read_text(encoding="utf-8")
    table = (folder / "validation.csv").read_text(encoding="utf-8-sig")
    assert (
        page_counts(page) == terminal_counts(line) | {"cảnh báo khác": 0} == table_counts(table) | {"cảnh báo khác": 0}
    )
    assert "Gửi muộn: " in "\n".join(lines) and sum(row.count(",late,") for row in table.splitlines()) == 4


def test_with_every_unit_in_no_page_says_not_enough_data(month, project, intake_then_files, capsys):
    correct(month, project)
    _, units, templates, _, _ = month
    figures = sample_figures(project, H1)
    for unit in units[:AWAITED]:
        fill(templates[unit], project.raw_period_dir(H2) / f"{unit}.xlsx", figures[unit], ON_TIME)
    report(project, capsys)
    page = (project.outputs_dir / "2026H2" / "validation.html").read_text(encoding="utf-8")
    assert "chưa đủ số liệu" not in page and "0</strong>đơn vị chưa gửi báo cáo" in page


def test_a_half_year_without_a_deadline_is_a_warning_in_the_terminal_and_the_report(project, capsys):
    deadlines = project.reference_dir / "deadlines.csv"
    deadlines.write_text(deadlines.read_text(encoding="utf-8").replace("2026H2,2026-12-10\n", ""), encoding="utf-8")
    _, lines = report(project, capsys)
    said = "Kỳ 2026H2 chưa có hạn gửi báo cáo trong data/reference/deadlines.csv"
    assert any(line.startswith(said) for line in lines)
    assert not any(line.startswith("Gửi muộn") for line in lines)  # nothing is late without a deadline
    page = (project.root / FAILED_PAGE).read_text(encoding="utf-8")
    table = (project.root / FAILED_PAGE).with_suffix(".csv").read_text(encoding="utf-8-sig")
    assert said in page and "no_deadline" in table
    assert (
        without_zeros(page_counts(page))
        == without_zeros(terminal_counts(lines[0]))
        == without_zeros(table_counts(table))
    )

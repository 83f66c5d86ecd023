"""The doors: bad arguments and bad data are refused with one line and a non-zero exit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

SAMPLE = "data/raw/2024H1/dong-bang.csv"


def bantin(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "bantin.cli", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--period", "2024H7"], "Kỳ báo cáo không hợp lệ"),
        (["--period", "../x"], "Kỳ báo cáo không hợp lệ"),
        (["--period", ""], "Cần cho biết kỳ báo cáo"),
        (["--period", "2019H1"], "Chưa có số liệu kỳ 2019H1"),
        (["--period", "2024H1", "--cluster", "nope"], "Không có cụm 'nope'"),
    ],
)
def test_bad_arguments_get_one_line_and_exit_2(arguments, message):
    result = bantin("report", *arguments)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_make_refuses_a_bad_period_before_any_set_up():
    result = subprocess.run(["make", "report", "PERIOD=2024H7"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "Kỳ báo cáo không hợp lệ" in result.stderr


def test_bad_data_stops_the_report_naming_file_and_line_and_leaves_outputs_as_they_were(project):
    previous = project.outputs_dir / "2024H1" / "dong-bang.pdf"
    previous.parent.mkdir(parents=True)
    previous.write_bytes(b"%PDF- an earlier good bulletin")
    path = project.root / SAMPLE
    lines = path.read_text(encoding="utf-8").splitlines()
    period, unit, indicator, _ = lines[6].split(",")
    lines[6] = f"{period},{unit},{indicator},-3"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = bantin("report", "--period", "2024H1", "--project", str(project.root))

    assert result.returncode == 2
    assert SAMPLE in result.stderr and "dòng 7" in result.stderr and unit in result.stderr
    assert sorted(p.relative_to(project.outputs_dir).as_posix() for p in project.outputs_dir.rglob("*")) == [
        "2024H1",
        "2024H1/dong-bang.pdf",
    ]
    assert previous.read_bytes() == b"%PDF- an earlier good bulletin"
    report_line = result.stderr.strip().splitlines()[-1]
    assert report_line.startswith("Báo cáo kiểm tra chi tiết: ")
    detailed = report_line.split(": ", 1)[1]
    assert "dòng 7" in open(detailed, encoding="utf-8").read()


def test_make_template_refuses_a_year_in_one_line():
    result = subprocess.run(["make", "template", "PERIOD=2024"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "Mẫu báo cáo lập theo 6 tháng" in result.stderr

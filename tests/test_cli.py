"""The doors: bad arguments and bad data are refused with one line and a non-zero exit.

Every command runs in a private copy of the project, never in the checkout: were a refusal to fail, the run it
should have stopped would write into the copy.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest

from bantin.build.project import Project
from helpers import ROOT

SAMPLE = "data/raw/2024H1/dong-bang.csv"


def bantin(project: Project, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command line, run from the project copy's folder as a user runs it from the checkout."""
    return subprocess.run(
        [sys.executable, "-m", "bantin.cli", *args], cwd=project.root, capture_output=True, text=True, env=env
    )


@pytest.fixture
def checkout(project: Project) -> Project:
    """The project copy with the Makefile and the package beside the data, as in a checkout, for ``make`` to run."""
    shutil.copy(ROOT / "Makefile", project.root / "Makefile")
    shutil.copytree(ROOT / "lib", project.root / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return project


def make(project: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", *args], cwd=project.root, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--period", "2024H7"], "Kỳ báo cáo không hợp lệ"),
        (["--period", "../x"], "Kỳ báo cáo không hợp lệ"),
        (["--period", ""], "Cần cho biết kỳ báo cáo"),
        (["--period", "2019H1"], "Chưa có số liệu kỳ 2019H1"),
        (["--period", "2024H1", "--cluster", "nope"], "Không có cụm 'nope'"),
        # the former city's cluster, for comparisons only: in a period it has units, and in one it has none
        (["--period", "2024H2", "--cluster", "da-nang-cu"], "chỉ giữ để so sánh"),
        (["--period", "2026H1", "--cluster", "da-nang-cu"], "bản tin cụm trung tâm (CLUSTER=trung-tam)"),
        # ... and so in a period without submissions yet: the cluster is what is wrong, whatever the period
        (["--period", "2026H2", "--cluster", "da-nang-cu"], "chỉ giữ để so sánh; số liệu của cụm có trong phần"),
        # a wrong cluster: the clusters of the period's structure, and the whole city
        (
            ["--period", "2026H2", "--cluster", "nope"],
            "Các cụm của kỳ này: trung-tam, phia-bac, dong-bang-nam, ven-bien-nam, trung-du, mien-nui-tay (và "
            "province: toàn thành phố)",
        ),
        # a period without its folder: not begun, or past; what prepares it, where the files go
        (["--period", "2990H1"], "Kỳ 2990H1 (6 tháng đầu năm 2990) chưa bắt đầu (từ ngày 01/01/2990)"),
        (
            ["--period", "2990H1"],
            "make template PERIOD=2990H1; khi các đơn vị gửi về, chép các tệp vào data/raw/2990H1/",
        ),
        (["--period", "2019H2"], "Chép các tệp đơn vị gửi về vào thư mục này rồi chạy lại"),
        (["--period", "2019H2"], "make template PERIOD=2019H2"),
    ],
)
def test_bad_arguments_get_one_line_and_exit_2(project, arguments, message):
    result = bantin(project, "report", *arguments)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_make_refuses_a_bad_period_before_any_set_up(checkout):
    result = make(checkout, "report", "PERIOD=2024H7")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "Kỳ báo cáo không hợp lệ" in result.stderr


@pytest.mark.slow  # a report in a subprocess: it consolidates every submission before it refuses
def test_bad_data_stops_the_report_naming_file_and_line_and_leaves_outputs_as_they_were(project):
    previous = project.outputs_dir / "2024H1" / "dong-bang.pdf"
    previous.parent.mkdir(parents=True)
    previous.write_bytes(b"%PDF- an earlier good bulletin")
    path = project.root / SAMPLE
    lines = path.read_text(encoding="utf-8").splitlines()
    period, unit, indicator, _ = lines[6].split(",")
    lines[6] = f"{period},{unit},{indicator},-3"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = bantin(project, "report", "--period", "2024H1", "--project", str(project.root))

    assert result.returncode == 2
    assert SAMPLE in result.stderr and "dòng 7" in result.stderr and unit in result.stderr
    assert sorted(p.relative_to(project.outputs_dir).as_posix() for p in project.outputs_dir.rglob("*")) == [
        "2024H1",
        "2024H1/dong-bang.pdf",
    ]
    assert previous.read_bytes() == b"%PDF- an earlier good bulletin"
    report_line = result.stderr.strip().splitlines()[-1]
    assert report_line == "Báo cáo kiểm tra chi tiết: data/failed-validation/2024H1/validation.html"
    detailed = project.root / report_line.split(": ", 1)[1]  # named relative to the project
    assert "dòng 7" in detailed.read_text(encoding="utf-8")


def test_make_template_refuses_a_year_in_one_line(checkout):
    result = make(checkout, "template", "PERIOD=2024")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "Mẫu báo cáo lập theo 6 tháng" in result.stderr


def test_make_help_lists_every_command_in_vietnamese():
    listed = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lines = listed.splitlines()
    commands = {line.split()[1]: line.split(maxsplit=2)[2] for line in lines if line.startswith("  make ")}
    assert set(commands) >= {"report", "template", "test", "test-fast", "lint", "bench", "lab", "lock", "clean"}
    english = [name for name, text in commands.items() if text.isascii()]  # Vietnamese has letters beyond ASCII
    assert english == [] and not lines[0].isascii() and not lines[-1].isascii()


def test_a_report_of_the_half_year_under_way_says_it_has_not_ended_and_how_to_prepare_it(project):
    today = dt.date.today()
    half = f"{today.year}H{1 if today.month <= 6 else 2}"  # no folder in the sample: it ends with 2026H1
    assert not (project.raw_dir / half).exists()
    result = bantin(project, "report", "--period", half)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    end = "30/06" if half.endswith("H1") else "31/12"
    assert f"Kỳ {half} (6 tháng" in result.stderr and f"chưa kết thúc (đến ngày {end}/{today.year})" in result.stderr
    assert f"make template PERIOD={half}" in result.stderr


def test_make_template_without_a_period_refuses_without_echoing_its_command(checkout):
    # with the environment in place (the checkout's .venv, its locks as old as it): the refusal comes from bantin
    # itself, in the recipe, not from make's check before a set-up
    for name in ("installer.lock", "requirements.lock", "pyproject.toml"):
        (checkout.root / name).unlink(missing_ok=True)
        (checkout.root / name).symlink_to(ROOT / name)
    result = make(checkout, "--no-print-directory", "template", "PERIOD=", f"VENV={ROOT / '.venv'}")
    assert result.returncode != 0
    assert "bantin template" not in result.stdout + result.stderr
    assert result.stderr.startswith("Lỗi: Cần cho biết kỳ báo cáo, ví dụ: make template PERIOD=2024H1\n")


def test_an_ods_file_is_refused_with_how_to_save_it_as_xlsx(project):
    (project.raw_dir / "2024H1" / "an-khanh.ods").write_bytes(b"PK\x03\x04 an OpenDocument spreadsheet")
    result = bantin(project, "report", "--period", "2024H1", "--project", str(project.root))
    assert result.returncode == 2
    assert "data/raw/2024H1/an-khanh.ods" in result.stderr
    assert "OpenDocument (.ods" in result.stderr and "Excel 2007-365 (.xlsx)" in result.stderr

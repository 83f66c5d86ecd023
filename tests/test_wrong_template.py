"""A commune that fills another commune's template (issue 24): caught at intake, never published silently, and the
analyst's decision (data/raw/<PERIOD>/chon-bao-cao.csv) honoured.

The story: Xã Đá Bàn filled Khánh Nguyên's template and sent it as ``x-da-ban.xlsx``; Khánh Nguyên sent its own.
The tests take 2026H1 (the merged city's), whose sample has both communes in its CSVs: their rows are taken out
and the workbooks put in their place.
"""

from __future__ import annotations

import shutil

import pytest

from bantin.build.freshness import Inputs
from bantin.build.project import Project
from bantin.build.provenance import Code, library_digest
from bantin.intake import consolidated
from bantin.intake.identity import Names
from bantin.intake.template import fill, write_templates
from bantin.model.errors import SubmissionError
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.render.pipeline import run_report
from helpers import copy_project, published, small_project

PERIOD = Period.parse("2026H1")
DA_BAN, KHANH_NGUYEN = "x-da-ban", "x-khanh-nguyen"
RAW = f"data/raw/{PERIOD}"
# Khánh Nguyên's own figures, and Đá Bàn's typed into Khánh Nguyên's template: three figures differ.
OWN = {"van_ban": 12, "kiem_tra": 3, "hoi_nghi": 4, "hoi_nghi_luot_nguoi": 310, "tap_huan": 1}
OTHER = {"van_ban": 9, "kiem_tra": 3, "hoi_nghi": 6, "hoi_nghi_luot_nguoi": 410, "tap_huan": 1}


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("templates") / "project")
    write_templates(project, PERIOD)
    return project.root / "data" / "templates" / str(PERIOD)


@pytest.fixture
def project(tmp_path):
    """The sample's 2026H1, without Đá Bàn's and Khánh Nguyên's rows: they send workbooks."""
    project = copy_project(tmp_path / "project")
    for path in project.raw_period_dir(PERIOD).glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text(
            "".join(line for line in lines if f",{DA_BAN}," not in line and f",{KHANH_NGUYEN}," not in line)
        )
    return project


def send(project, templates, file: str, template_of: str, figures: dict) -> None:
    fill(templates / f"{template_of}.xlsx", project.raw_period_dir(PERIOD) / file, figures)


def send_the_conflict(project, templates) -> None:
    """Khánh Nguyên sends its own report; Đá Bàn sends its figures in Khánh Nguyên's template, named after itself."""
    send(project, templates, "x-khanh-nguyen.xlsx", KHANH_NGUYEN, OWN)
    send(project, templates, "x-da-ban.xlsx", KHANH_NGUYEN, OTHER)


def decide(project, *lines: str) -> None:
    (project.raw_period_dir(PERIOD) / "chon-bao-cao.csv").write_text(
        "file,unit,decision,reason\n" + "".join(line + "\n" for line in lines), encoding="utf-8"
    )


def problems_of(project):
    try:
        checked = consolidated.consolidate(project, PERIOD)
    except SubmissionError as error:
        return error.problems, None
    return checked.problems, checked.observations


def test_a_file_name_names_its_unit_by_code_or_name_however_typed(project):
    names = Names(project.reference, PERIOD)
    for file in (
        "x-da-ban.xlsx",
        "Đá Bàn.xlsx",
        "bao cao DA BAN (1).xlsx",
        "xa_da_ban_6thang.xlsx",
        "ĐẢNG ỦY XÃ ĐÁ BÀN.xlsx",
    ):
        assert names.named_unit(f"{RAW}/{file}") == DA_BAN, file
    for file in ("bao-cao.xlsx", "da-ban-va-khanh-nguyen.xlsx"):  # no unit, or two: no suggestion
        assert names.named_unit(f"{RAW}/{file}") == "", file


def test_two_files_for_one_unit_that_differ_are_shown_side_by_side_and_the_unit_named_in_a_file_is_awaited(
    project, templates
):
    send_the_conflict(project, templates)

    problems, published = problems_of(project)

    assert published is None  # nothing is published while the conflict stands
    wrong = [problem for problem in problems if problem.file == f"{RAW}/x-da-ban.xlsx"]
    name = next(problem for problem in wrong if "Tên tệp là của" in problem.message)
    assert name.severity == "warning" and name.location == "Số liệu!B4"
    assert "Đảng ủy xã Đá Bàn (x-da-ban)" in name.message and "Đảng ủy xã Khánh Nguyên (x-khanh-nguyen" in name.message
    both = next(problem for problem in wrong if problem.severity == "error")
    assert both.unit_code == KHANH_NGUYEN
    assert f"{RAW}/x-khanh-nguyen.xlsx (tên tệp: Khánh Nguyên)" in both.message
    assert f"{RAW}/x-da-ban.xlsx (tên tệp: Đá Bàn)" in both.message
    # the files in name order, x-da-ban.xlsx first: each indicator that differs with its figure in each
    assert "Văn bản cụ thể hóa chủ trương, nghị quyết được ban hành: 9 / 12" in both.message
    assert ": 6 / 4;" in both.message and ": 410 / 310." in both.message
    assert ": 3 / 3" not in both.message  # only the figures that differ
    assert "Đảng ủy xã Đá Bàn (x-da-ban), có tên trong tệp" in both.message and "chưa gửi báo cáo" in both.message
    assert "chon-bao-cao.csv" in both.message
    assert not [problem for problem in problems if problem.file == f"{RAW}/x-khanh-nguyen.xlsx"]


def test_the_wrong_template_alone_is_an_error_as_its_figures_may_be_those_of_the_unit_awaited(project, templates):
    send(project, templates, "x-da-ban.xlsx", KHANH_NGUYEN, OTHER)

    problems, published = problems_of(project)

    assert published is None
    error = next(problem for problem in problems if problem.severity == "error")
    assert error.file == f"{RAW}/x-da-ban.xlsx" and error.location == "Số liệu!B4"
    assert "Đá Bàn chưa gửi báo cáo kỳ này" in error.message
    assert "số liệu của Đá Bàn sẽ bị công bố thành của Khánh Nguyên" in error.message
    assert "chon-bao-cao.csv" in error.message


def test_two_files_for_one_unit_with_the_same_figures_are_read_once_with_a_warning(project, templates):
    send(project, templates, "x-khanh-nguyen.xlsx", KHANH_NGUYEN, OWN)
    send(project, templates, "x-khanh-nguyen (1).xlsx", KHANH_NGUYEN, OWN)

    problems, published = problems_of(project)

    assert published is not None, [str(problem) for problem in problems]
    twice = [problem for problem in problems if "cùng số liệu" in problem.message]
    assert [(problem.file, problem.severity) for problem in twice] == [(f"{RAW}/x-khanh-nguyen.xlsx", "warning")]
    khanh_nguyen = published[published["unit"] == KHANH_NGUYEN]
    assert set(khanh_nguyen["source_file"]) == {f"{RAW}/x-khanh-nguyen (1).xlsx"}  # the first in name order
    assert khanh_nguyen.set_index("indicator")["value"]["van_ban"] == 12
    assert len(khanh_nguyen) == khanh_nguyen["indicator"].nunique()


def test_a_file_decided_to_be_another_units_is_read_as_that_units(project, templates):
    send_the_conflict(project, templates)
    decide(project, "x-da-ban.xlsx,Đá Bàn,dùng,Đá Bàn điền nhầm mẫu của Khánh Nguyên (gọi điện ngày 05/12)")

    problems, published = problems_of(project)

    assert published is not None, [str(problem) for problem in problems]
    figures = published.set_index(["unit", "indicator"])["value"]
    assert figures[(DA_BAN, "van_ban")] == 9 and figures[(KHANH_NGUYEN, "van_ban")] == 12
    said = next(problem for problem in problems if problem.file == f"{RAW}/x-da-ban.xlsx")
    assert said.severity == "warning" and "Đá Bàn điền nhầm mẫu" in said.message and "dòng 2" in said.message


def test_a_file_decided_to_be_ignored_is_not_read(project, templates):
    send_the_conflict(project, templates)
    decide(project, "x-da-ban.xlsx,,bỏ qua,Bản nháp; Đá Bàn sẽ gửi lại")

    problems, published = problems_of(project)

    assert published is not None, [str(problem) for problem in problems]
    assert DA_BAN not in set(published["unit"])
    assert set(published.loc[published["unit"] == KHANH_NGUYEN, "source_file"]) == {f"{RAW}/x-khanh-nguyen.xlsx"}
    assert any("Bản nháp" in problem.message and problem.severity == "warning" for problem in problems)


def test_a_mistaken_decision_is_an_error_at_its_line(project, templates):
    send(project, templates, "x-da-ban.xlsx", KHANH_NGUYEN, OTHER)
    decide(project, "x-da-ban.xlsx,Đá Bàn,giữ,", "khong-co.xlsx,,bỏ qua,gửi nhầm")

    problems, published = problems_of(project)

    assert published is None
    at = {
        (problem.location, problem.message.split(":")[0])
        for problem in problems
        if problem.file.endswith("chon-bao-cao.csv")
    }
    assert ("dòng 2", "Quyết định 'giữ' không hiểu được") in at
    assert ("dòng 2", "Thiếu lý do (cột reason)") in at
    assert ("dòng 3", "Không có tệp 'khong-co.xlsx' trong thư mục data/raw/2026H1") in at


def test_editing_the_decisions_makes_the_period_out_of_date(project, templates):
    send(project, templates, "x-da-ban.xlsx", KHANH_NGUYEN, OTHER)
    decide(project, "x-da-ban.xlsx,x-da-ban,dùng,Đá Bàn điền nhầm mẫu")
    inputs = Inputs(project, Code(library_digest(project))).processed(PERIOD)
    decide(project, "x-da-ban.xlsx,x-khanh-nguyen,dùng,Khánh Nguyên đặt nhầm tên tệp")
    assert Inputs(project, Code(library_digest(project))).processed(PERIOD) != inputs


@pytest.mark.slow
def test_a_conflict_publishes_nothing_and_the_decision_renders_as_a_clean_render_would(tmp_path):
    """In the small project of 2024H1: Bình Lộc fills An Khánh's template and sends it as binh-loc.xlsx, An Khánh
    sends its own figures (the sample's CSV). Refused; decided; decided otherwise: each run equal to a clean one."""
    project = small_project(tmp_path / "project")
    h1, raw = Period.parse("2024H1"), project.raw_period_dir(Period.parse("2024H1"))
    csv = raw / "dong-bang.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text("".join(line for line in lines if ",binh-loc," not in line), encoding="utf-8")
    write_templates(project, h1, "dong-bang")
    template = project.root / "data" / "templates" / "2024H1" / "an-khanh.xlsx"
    fill(template, raw / "binh-loc.xlsx", {"van_ban": 7, "hoi_nghi": 3, "hoi_nghi_luot_nguoi": 150})
    shutil.rmtree(project.root / "data" / "templates")
    scopes = ["dong-bang", "ven-bien", PROVINCE]

    with pytest.raises(SubmissionError):
        run_report(project, h1, scopes, jobs=2, log=lambda line: None)
    assert not published(project)

    for number, line in enumerate(
        ("binh-loc.xlsx,Bình Lộc,dùng,Bình Lộc điền nhầm mẫu", "binh-loc.xlsx,,bỏ qua,Gửi lại")
    ):
        (raw / "chon-bao-cao.csv").write_text("file,unit,decision,reason\n" + line + "\n", encoding="utf-8")
        run_report(project, h1, scopes, jobs=2, log=lambda line: None)
        clean = Project(tmp_path / f"clean-{number}")
        for folder in ("data/reference", "data/raw", "data/notes", "notebooks"):
            shutil.copytree(project.root / folder, clean.root / folder)
        clean.processed_dir.mkdir()
        clean.outputs_dir.mkdir()
        run_report(clean, h1, scopes, jobs=2, log=lambda line: None)
        assert published(project) == published(clean), line
        figures = (project.processed_dir / "2024H1.csv").read_text(encoding="utf-8")
        assert (",binh-loc,van_ban,7," in figures) == (number == 0)

"""Issuing a period: numbered from the register, dated, frozen once written, corrected in the open (make issue)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
from pathlib import Path

import pytest

from bantin.build import issues
from bantin.build.project import Project
from bantin.cli import main
from bantin.model.errors import BantinError, PublishError
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.model.register import Issue, Register
from bantin.render.issue import next_issue, run_issue
from bantin.render.pipeline import run_report
from helpers import docx_text, set_figures, small_project, snapshot

H1 = Period.parse("2024H1")
SCOPES = ["dong-bang", "ven-bien", PROVINCE]  # the small project's
TODAY = dt.date(2026, 12, 7)
DA_NANG, QUANG_NAM = "THÀNH ỦY ĐÀ NẴNG", "TỈNH ỦY QUẢNG NAM"


def quiet(line: str) -> None:
    pass


def issue(project: Project, day: dt.date, partial: bool = False):
    return run_issue(project, H1, day, partial, TODAY, jobs=2, log=quiet)


def a_register(path: Path, *issued: Issue) -> Register:
    return Register(path, tuple(issued))


# -- the register and the numbers (nothing rendered) ---------------------------------------------------------------


def test_the_register_reads_back_what_it_wrote_and_refuses_a_bad_line_at_its_line(tmp_path):
    path = tmp_path / "issued.csv"
    first = Issue("2025H2", "01", "BT/BTGDVTU", dt.date(2026, 1, 5), DA_NANG, "2025–2030", "", False, "issued/x", "ab")
    second = Issue("2025H2", "02", "BT/BTGDVTU", dt.date(2026, 1, 9), DA_NANG, "2025–2030", "01", True, "issued/y")
    path.write_bytes(a_register(path).with_issue(first))
    path.write_bytes(Register.read(path).with_issue(second))
    assert Register.read(path).issues == (first, second)
    assert Register.read(path).latest("2025H2") == second and Register.read(path).latest("2026H1") is None
    path.write_text(path.read_text(encoding="utf-8").replace("2026-01-09", "9/1/2026"), encoding="utf-8")
    with pytest.raises(BantinError, match=r"issued\.csv, dòng 3: không đọc được"):
        Register.read(path)


def test_numbers_run_from_01_in_each_series_and_restart_in_a_new_term(project):
    register = a_register(
        project.register_file,
        Issue("2025H1", "01", "BT/BTGDVTU", dt.date(2025, 7, 20), DA_NANG, "2020–2025"),
        Issue("2025H1", "02", "BT/BTGDVTU", dt.date(2025, 8, 1), DA_NANG, "2020–2025", "01"),
        Issue("2024H2", "09", "BT/BDVTU", dt.date(2025, 1, 10), QUANG_NAM, "2020–2025"),
    )
    period = Period.parse("2025H1")

    def number_on(day: dt.date) -> tuple[str, str, str]:
        issued = next_issue(project, period, register, day, TODAY, False, None, "")
        return issued.number, issued.symbol, issued.term

    assert number_on(dt.date(2025, 9, 1)) == ("03", "BT/BTGDVTU", "2020–2025")
    assert number_on(dt.date(2025, 9, 18)) == ("01", "BT/BTGDVTU", "2025–2030")  # the congress opened a new term
    assert next_issue(project, period, register, dt.date(2025, 9, 18), TODAY, False, None, "").party_committee == (
        DA_NANG
    )


@pytest.mark.parametrize(
    ("day", "refusal"),
    [
        (dt.date(2025, 6, 29), "Không phát hành kỳ 6 tháng đầu năm 2025 ngày 29/06/2025: kỳ chưa kết thúc"),
        (dt.date(2026, 12, 8), "Không phát hành ngày 08/12/2026: ngày đó chưa đến (hôm nay là 07/12/2026)."),
        (dt.date(2025, 7, 31), "sổ phát hành đã có số 02-BT/BTGDVTU ngày 01/08/2025, các số phải theo thứ tự ngày"),
    ],
)
def test_a_date_of_issue_before_the_period_ends_in_the_future_or_before_the_series_last_is_refused(
    project, day, refusal
):
    register = a_register(
        project.register_file, Issue("2025H1", "02", "BT/BTGDVTU", dt.date(2025, 8, 1), DA_NANG, "2020–2025")
    )
    with pytest.raises(BantinError) as refused:
        next_issue(project, Period.parse("2025H1"), register, day, TODAY, False, None, "")
    assert refusal in str(refused.value)


def test_a_committee_without_a_term_on_the_date_is_refused_with_what_to_add(project):
    path = project.reference_dir / "organisation.toml"
    path.write_text(path.read_text(encoding="utf-8").split("\n# The terms of")[0] + "\n", encoding="utf-8")
    with pytest.raises(
        BantinError, match=r"Chưa có nhiệm kỳ của THÀNH ỦY ĐÀ NẴNG vào ngày 05/01/2026: thêm .*\[\[term\]\]"
    ):
        next_issue(
            project,
            Period.parse("2025H2"),
            a_register(project.register_file),
            dt.date(2026, 1, 5),
            TODAY,
            False,
            None,
            "",
        )


def test_figure_changes_name_each_figure_changed_added_or_blanked_and_nothing_else():
    issued = {("2024H1", "a", "van_ban"): "12", ("2024H1", "a", "hoi_nghi"): "3", ("2024H1", "b", "van_ban"): "5"}
    current = {("2024H1", "a", "van_ban"): "12", ("2024H1", "a", "hoi_nghi"): "", ("2024H1", "c", "van_ban"): "7"}
    current[("2024H1", "b", "van_ban")] = "6"
    assert issues.figure_changes(issued, current) == [
        issues.FigureChange("2024H1", "a", "hoi_nghi", "3", ""),
        issues.FigureChange("2024H1", "b", "van_ban", "5", "6"),
        issues.FigureChange("2024H1", "c", "van_ban", "", "7"),
    ]
    assert issues.figure_changes(issued, dict(issued)) == []


# -- issuing (renders) ----------------------------------------------------------------------------------------------


def unlocked(folder: Path) -> None:
    """Let pytest remove an issue's read-only files with the test's folder."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


@pytest.fixture
def issued_project(tmp_path):
    project = small_project(tmp_path / "project")
    run_report(project, H1, SCOPES, jobs=2, log=quiet)
    yield project
    unlocked(project.issued_dir)


def clean(project: Project) -> None:
    """What make clean removes."""
    for folder in (project.outputs_dir, project.processed_dir):
        shutil.rmtree(folder)
        folder.mkdir()
    (project.state_dir / "state.json").unlink(missing_ok=True)


@pytest.mark.slow
def test_an_issue_is_numbered_dated_written_once_and_never_rewritten(issued_project):
    project = issued_project
    first = issue(project, dt.date(2024, 7, 5))
    assert first.issue.reference == "01-BT/BDVTU" and first.issue.folder == "issued/2024H1/01-BT-BDVTU"
    assert first.lines[0] == (
        "Đã phát hành kỳ 6 tháng đầu năm 2024: số 01-BT/BDVTU ngày 05/07/2024, 3 bản tin và tập bản tin trong "
        "issued/2024H1/01-BT-BDVTU/."
    )
    folder = project.root / first.issue.folder
    frozen = snapshot(folder)
    names = {f"{scope}.{extension}" for scope in SCOPES for extension in ("html", "pdf", "docx")}
    assert names | {"tap-ban-tin.pdf", "data.csv", "data.xlsx", "so-lieu.csv", "noi-dung.json", "manifest.json"} <= (
        set(frozen)
    )
    assert issues.altered(project, first.issue) == []  # every file as its manifest hashes it
    assert all(not (folder / name).stat().st_mode & stat.S_IWUSR for name in frozen)  # read-only
    assert Register.read(project.register_file).issues == (first.issue,)

    again = issue(project, dt.date(2024, 7, 6))
    assert again.issue is None and again.lines == [
        "Kỳ 6 tháng đầu năm 2024 đã phát hành số 01-BT/BDVTU ngày 05/07/2024; không có gì thay đổi từ đó: không phát "
        "hành lại."
    ]
    run_report(project, H1, SCOPES, jobs=2, force=True, log=quiet)
    clean(project)
    run_report(project, H1, SCOPES, jobs=2, log=quiet)
    assert issue(project, dt.date(2024, 7, 6)).issue is None  # the same inputs after make clean: the same stamps
    assert snapshot(folder) == frozen
    assert Register.read(project.register_file).issues == (first.issue,)


@pytest.mark.slow
def test_a_figure_changed_after_issue_is_refused_until_reported_then_issued_as_a_correction_listing_it(issued_project):
    project = issued_project
    first = issue(project, dt.date(2024, 7, 5)).issue
    frozen = snapshot(project.root / first.folder)
    before = issues.issued_figures(project, first)[("2024H1", "an-khanh", "van_ban")]
    set_figures(project, "data/raw/2024H1/dong-bang.csv", "an-khanh", {"van_ban": 770})
    with pytest.raises(BantinError, match="bản dự thảo trong outputs/2024H1/ chưa theo kịp"):
        issue(project, dt.date(2024, 7, 10))
    run_report(project, H1, SCOPES, jobs=2, log=quiet)
    standing = issues.standing(project, H1)
    assert standing.changes == [issues.FigureChange("2024H1", "an-khanh", "van_ban", before, "770")]

    corrected = issue(project, dt.date(2024, 7, 10))
    assert (corrected.issue.number, corrected.issue.replaces) == ("02", "01")
    assert corrected.lines[0].startswith("Đã phát hành đính chính cho số 01-BT/BDVTU: số 02-BT/BDVTU ngày 10/07/2024")
    notice = docx_text(project.root / corrected.issue.folder / "dinh-chinh.docx")
    assert "ĐÍNH CHÍNH" in notice and "01-BT/BDVTU" in notice and "770" in notice
    assert Register.read(project.register_file).issues == (first, corrected.issue)
    assert snapshot(project.root / first.folder) == frozen
    assert issues.standing(project, H1).changes == []  # against the correction, nothing has changed


@pytest.mark.slow
def test_a_clean_checkout_with_the_same_register_and_inputs_issues_the_same_bytes_again(issued_project, tmp_path):
    first = issue(issued_project, dt.date(2024, 7, 5)).issue
    checkout = Project(tmp_path / "checkout")
    for folder in ("data/reference", "data/raw", "data/notes", "notebooks"):
        shutil.copytree(issued_project.root / folder, checkout.root / folder)
    shutil.copy(issued_project.register_file, checkout.register_file)
    (checkout.root / "data" / "processed").mkdir()
    checkout.outputs_dir.mkdir()
    with pytest.raises(BantinError, match="chưa theo kịp"):  # nothing rendered yet in the checkout
        run_issue(checkout, H1, None, False, TODAY, jobs=2, log=quiet)
    run_report(checkout, H1, SCOPES, jobs=2, log=quiet)
    rebuilt = run_issue(checkout, H1, None, False, TODAY, jobs=2, log=quiet)
    unlocked(checkout.issued_dir)
    assert rebuilt.issue == first and rebuilt.lines[0].startswith("Dựng lại số 01-BT/BDVTU ngày 05/07/2024")
    assert snapshot(checkout.root / first.folder) == snapshot(issued_project.root / first.folder)
    assert checkout.register_file.read_bytes() == issued_project.register_file.read_bytes()


# -- the refusals, in one Vietnamese line (the command line) ---------------------------------------------------------


def make_issue(project: Project, capsys, *extra: str) -> tuple[int, list[str]]:
    status = main(["issue", "--period", "2024H1", "--project", str(project.root), "--jobs", "2", *extra])
    return status, capsys.readouterr().err.splitlines()


@pytest.mark.slow
def test_an_intake_that_failed_refuses_the_issue_in_one_line(project, capsys):
    set_figures(project, "data/raw/2024H1/dong-bang.csv", "an-khanh", {"hoi_nghi": -4})
    main(["report", "--period", "2024H1", "--project", str(project.root)])
    capsys.readouterr()
    status, lines = make_issue(project, capsys, "--date", "2024-07-05")
    assert status == 2 and lines == [
        "Lỗi: Chưa phát hành kỳ 6 tháng đầu năm 2024: số liệu 2024H1 còn lỗi (xem "
        "data/failed-validation/2024H1/validation.html); sửa rồi chạy make report PERIOD=2024H1."
    ]
    assert not project.register_file.exists() and not project.issued_dir.exists()


@pytest.mark.slow
def test_units_awaited_refuse_the_issue_unless_partial_which_the_register_records(issued_project, capsys):
    project = issued_project
    path = project.raw_dir / "2024H1" / "ven-bien.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    unit = lines[1].split(",")[1]
    path.write_text("\n".join(line for line in lines if line.split(",")[1] != unit) + "\n", encoding="utf-8")
    run_report(project, H1, SCOPES, jobs=2, log=quiet)
    status, said = make_issue(project, capsys, "--date", "2024-07-05")
    assert status == 2 and len(said) == 1
    assert said[0].startswith("Lỗi: Chưa phát hành kỳ 6 tháng đầu năm 2024: còn 1 đơn vị chưa gửi báo cáo (")
    assert said[0].endswith("muốn phát hành khi chưa đủ thì chạy make issue PERIOD=2024H1 PARTIAL=1.")
    status, _ = make_issue(project, capsys, "--date", "2024-07-05", "--partial")
    assert status == 0 and Register.read(project.register_file).latest("2024H1").partial


@pytest.mark.slow
def test_a_unit_in_two_files_awaiting_the_analysts_decision_refuses_the_issue(issued_project, capsys):
    project = issued_project
    shutil.copy(project.raw_dir / "2024H1" / "ven-bien.csv", project.raw_dir / "2024H1" / "ven-bien (1).csv")
    run_report(project, H1, SCOPES, jobs=2, log=quiet)
    status, said = make_issue(project, capsys, "--date", "2024-07-05")
    assert status == 2 and len(said) == 1
    assert "tệp chưa rõ là báo cáo của đơn vị nào (xem outputs/2024H1/validation.html)" in said[0]
    assert "chon-bao-cao.csv" in said[0]


def test_make_issue_takes_the_whole_period_and_refuses_a_cluster_at_once(project, capsys):
    status = main(
        ["check", "--for", "issue", "--period", "2024H1", "--cluster", "dong-bang", "--project", str(project.root)]
    )
    assert status == 2
    assert capsys.readouterr().err.strip() == (
        "Lỗi: make issue phát hành cả kỳ (mọi cụm và toàn thành phố): bỏ CLUSTER=dong-bang"
    )


def test_an_issues_folder_is_written_whole_read_only_and_never_over_an_existing_one(project):
    issued = Issue("2025H2", "01", "BT/BTGDVTU", dt.date(2026, 1, 5), DA_NANG, "2025–2030", folder="issued/2025H2/01")
    register = Register.read(project.register_file).with_issue(issued)
    target = issues.write(project, issued, {"a.pdf": b"%PDF-1", "manifest.json": b"{}"}, register)
    assert snapshot(target) == {"a.pdf": b"%PDF-1", "manifest.json": b"{}"}
    assert not (target / "a.pdf").stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert Register.read(project.register_file).issues == (issued,)
    with pytest.raises(PublishError, match="Đã có thư mục issued/2025H2/01: bản đã phát hành không bao giờ bị ghi đè"):
        issues.write(project, issued, {"a.pdf": b"%PDF-2"}, register)
    assert snapshot(target)["a.pdf"] == b"%PDF-1"
    assert [path.name for path in target.parent.iterdir()] == ["01"]  # no hidden folder left behind

"""What the terminal and the index say of an issued period (issue 25): draft or issued, the number and date of the
latest issue, every issue of the period with its links, and how many figures changed since; and the index kept
fresh when the register or an issue changes, without any report.

The issues are written by hand, as ``make issue`` leaves them: a line of ``data/issued.csv`` and a folder under
``issued/<PERIOD>/`` with its ``manifest.json`` and ``so-lieu.csv`` (``build.issues``) and the bulletins' PDFs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys

import pytest

from bantin.build import provenance
from bantin.build.freshness import Inputs, State
from bantin.build.issues import FIGURES, MANIFEST
from bantin.build.products import index_file
from bantin.build.publish import Transaction, run_lock
from bantin.intake import consolidated
from bantin.model.periods import Period
from bantin.model.register import Issue, Register, folder_name
from bantin.render import outputs
from bantin.render.index_refresh import refresh_index
from helpers import beyond_the_standard_library, set_figures, small_project

H1 = Period.parse("2024H1")
SYMBOL = "BT/BDVTU"  # Quảng Nam's Ban Dân vận in 2024 (organisation.toml's document_symbol)


def text(page: str) -> str:
    """What a reader sees of ``page``: no tags, no style, entities read, spaces collapsed."""
    page = re.sub(r"<(style|title)>.*?</\1>", " ", page, flags=re.S)
    seen = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).strip()
    return re.sub(r" ([;.,)])", r"\1", re.sub(r"\( ", "(", seen))


def consolidate(project, period: Period = H1) -> None:
    """``data/processed/`` for ``period``'s half-years, as a report publishes it."""
    for half in period.halves():
        for path, content in consolidated.stored_files(project, half, consolidated.consolidate(project, half)).items():
            path.write_bytes(content)


def issue(project, number: str, day: str, replaces: str = "", scopes=None, notice: bool = False) -> Issue:
    """Issue 2024H1 by hand: its folder (the scopes' PDFs, its figures as the processed data holds them now, a
    manifest, a correction's notice) and its line in the register."""
    folder = f"issued/{H1}/{folder_name(number, SYMBOL)}"
    made = Issue(str(H1), number, SYMBOL, dt.date.fromisoformat(day), "TỈNH ỦY QUẢNG NAM", "2020–2025", replaces)
    made = Issue(**{**made.__dict__, "folder": folder})
    path = project.root / folder
    path.mkdir(parents=True)
    files = {f"{scope}.pdf": b"%PDF- issued" for scope in scopes or project.reference.scopes(H1)}
    if notice:
        files["dinh-chinh.pdf"] = b"%PDF- notice"
    rows = csv.DictReader(io.StringIO(project.processed_file(H1).read_text(encoding="utf-8")))
    figures = io.StringIO()
    writer = csv.writer(figures, lineterminator="\n")
    writer.writerow(("period", "unit", "indicator", "value"))
    writer.writerows((row["period"], row["unit"], row["indicator"], row["value"]) for row in rows)
    files[FIGURES] = figures.getvalue().encode("utf-8")
    for name, content in files.items():
        (path / name).write_bytes(content)
    manifest = {"files": {name: provenance.text_digest(name) for name in sorted(files)}}
    (path / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    register = Register.read(project.register_file)
    project.register_file.write_bytes(register.with_issue(made))
    return made


def change_issued_figures(project, made: Issue, changes: dict[tuple[str, str], str]) -> None:
    """Change figures in an issue's record (``so-lieu.csv``): as if the data had moved since, by those figures."""
    path = project.root / made.folder / FIGURES
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows[1:]:
        if (row[1], row[2]) in changes:
            row[3] = changes[row[1], row[2]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def draft_outputs(project, period: Period = H1) -> None:
    """A period folder of ``outputs/`` holding each scope's bulletin as a draft (its content does not matter)."""
    folder = project.period_outputs_dir(period)
    folder.mkdir(parents=True, exist_ok=True)
    for scope in project.reference.scopes(period):
        for extension in ("pdf", "html"):
            (folder / f"{scope}.{extension}").write_bytes(b"draft")


def index_page(project) -> str:
    from bantin.render import pages

    return pages.index(outputs.catalogue(project, Transaction(project.root)), project.reference)


def index_is_fresh(project) -> bool:
    """The index's record holds for its inputs now, as a report's check of what is up to date asks it."""
    inputs = Inputs(project, provenance.code(project))
    catalogue = outputs.catalogue(project, Transaction(project.root))
    return State.load(project).is_fresh(project.relative(index_file(project)), inputs.index(catalogue))


@pytest.fixture
def consolidated_project(project):
    consolidate(project)
    draft_outputs(project)
    return project


# -- the terminal ------------------------------------------------------------------------------------------------


def test_the_terminal_says_nothing_of_issues_for_a_period_never_issued(consolidated_project):
    assert outputs.issue_line(consolidated_project, H1) is None


def test_the_terminal_says_the_latest_issue_and_that_its_figures_did_not_change(consolidated_project):
    issue(consolidated_project, "07", "2024-07-02")
    issue(consolidated_project, "08", "2024-07-05", replaces="07")
    assert outputs.issue_line(consolidated_project, H1) == (
        "Kỳ 6 tháng đầu năm 2024 đã phát hành số 08-BT/BDVTU ngày 05/07/2024; số liệu không thay đổi từ đó"
    )


def test_the_terminal_counts_the_figures_and_units_changed_since_the_latest_issue(consolidated_project):
    made = issue(consolidated_project, "07", "2024-07-02")
    change_issued_figures(
        consolidated_project,
        made,
        {("an-khanh", "van_ban"): "1", ("an-khanh", "hoi_nghi"): "1", ("vinh-quy", "van_ban"): "1"},
    )
    assert outputs.issue_line(consolidated_project, H1) == (
        "Kỳ 6 tháng đầu năm 2024 đã phát hành số 07-BT/BDVTU ngày 02/07/2024; số liệu đã thay đổi từ đó: 3 số liệu"
        " của 2 đơn vị"
    )


# -- the index ---------------------------------------------------------------------------------------------------


def test_a_period_never_issued_says_draft_in_each_of_its_scopes(consolidated_project):
    page = index_page(consolidated_project)
    scopes = consolidated_project.reference.scopes(H1)
    assert page.count('<div class="state draft">Dự thảo</div>') == len(scopes)
    assert "phát hành" not in text(page).replace("bản đã phát hành", "").replace("Dự thảo” khi kỳ chưa phát hành", "")
    assert "../issued/" not in page


def test_an_issued_period_links_each_scopes_issued_pdf_and_the_issues_folder(consolidated_project):
    project = consolidated_project
    issue(project, "07", "2024-07-02")
    page = index_page(project)
    seen = text(page)
    assert "Dự thảo</div>" not in page
    for scope in project.reference.scopes(H1):
        assert f'<a href="../issued/2024H1/07-BT-BDVTU/{scope}.pdf">Số 07-BT/BDVTU</a>' in page
    assert "Đã phát hành số 07-BT/BDVTU ngày 02/07/2024 (thư mục)." in seen
    assert '<a href="../issued/2024H1/07-BT-BDVTU/">thư mục</a>' in page
    assert "Số liệu không thay đổi từ khi phát hành." in seen
    for href in re.findall(r'href="(\.\./issued/[^"]+)"', page):  # relative to outputs/index.html, they exist
        assert (project.outputs_dir / href).exists(), href


def test_a_correction_is_listed_after_the_first_issue_with_its_notice_and_the_cells_link_it(consolidated_project):
    project = consolidated_project
    issue(project, "07", "2024-07-02")
    issue(project, "08", "2024-07-05", replaces="07", notice=True)
    page = index_page(project)
    assert (
        "Đã phát hành số 07-BT/BDVTU ngày 02/07/2024 (thư mục); đính chính số 08-BT/BDVTU ngày 05/07/2024"
        " (thông báo đính chính, thư mục)."
    ) in text(page)
    assert '<a href="../issued/2024H1/08-BT-BDVTU/dinh-chinh.pdf">thông báo đính chính</a>' in page
    assert '<a href="../issued/2024H1/08-BT-BDVTU/dong-bang.pdf">Số 08-BT/BDVTU</a>' in page
    assert "07-BT-BDVTU/dong-bang.pdf" not in page  # the cells link the latest issue


def test_the_index_says_how_many_figures_of_how_many_units_changed_since_the_latest_issue(consolidated_project):
    project = consolidated_project
    made = issue(project, "07", "2024-07-02")
    change_issued_figures(
        project, made, {("an-khanh", "van_ban"): "1", ("an-khanh", "hoi_nghi"): "1", ("vinh-quy", "van_ban"): "1"}
    )
    page = index_page(project)
    assert '<div class="error">Số liệu đã thay đổi từ khi phát hành: 3 số liệu của 2 đơn vị.</div>' in page


def test_the_index_counts_changes_against_the_data_a_report_is_publishing_not_the_data_it_replaces(
    consolidated_project,
):
    project = consolidated_project
    issue(project, "07", "2024-07-02")
    tree = Transaction(project.root)
    path = project.processed_file(H1)
    tree.write(path, path.read_bytes().replace(b",an-khanh,van_ban,", b",an-khanh,van_ban,9", 1))
    (entry,) = [entry for entry in outputs.catalogue(project, tree) if entry["period"] == str(H1)]
    assert entry["changes"] == {"figures": 1, "units": 1}


def test_an_issued_period_whose_drafts_were_cleaned_away_still_lists_its_issue(consolidated_project):
    project = consolidated_project
    issue(project, "07", "2024-07-02")
    for path in project.period_outputs_dir(H1).iterdir():
        path.unlink()
    page = index_page(project)
    assert '<a href="../issued/2024H1/07-BT-BDVTU/province.pdf">Số 07-BT/BDVTU</a>' in page
    assert 'href="2024H1/' not in page


# -- freshness ---------------------------------------------------------------------------------------------------


def test_the_register_and_the_issued_manifests_make_the_index_stale_and_refresh_index_makes_it_fresh(
    consolidated_project,
):
    project, said = consolidated_project, []
    assert refresh_index(project, said.append) is True
    assert said == ["Đã cập nhật outputs/index.html."] and index_is_fresh(project)
    assert refresh_index(project, said.append) is False  # nothing changed: left alone, nothing said

    made = issue(project, "07", "2024-07-02")
    assert not index_is_fresh(project)
    assert refresh_index(project, said.append) is True and index_is_fresh(project)
    assert "Số 07-BT/BDVTU" in index_file(project).read_text(encoding="utf-8")

    manifest = project.root / made.folder / MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("}}", ', "x.pdf": "0"}}'), encoding="utf-8")
    assert not index_is_fresh(project)
    refresh_index(project, said.append)

    leftover = project.root / f"issued/{H1}/.08-BT-BDVTU.dang-ghi"  # what an interrupted issue leaves: not an issue
    leftover.mkdir()
    (leftover / MANIFEST).write_text("{}", encoding="utf-8")
    assert index_is_fresh(project)

    register = project.register_file.read_text(encoding="utf-8")
    project.register_file.write_text(register.replace("2024-07-02", "2024-07-03"), encoding="utf-8")
    assert not index_is_fresh(project)
    assert refresh_index(project, said.append) is True and index_is_fresh(project)
    assert "ngày 03/07/2024" in text(index_file(project).read_text(encoding="utf-8"))


# -- a report, then an issue, then a report with nothing to do ------------------------------------------------


def bantin_report(project, *arguments):
    return subprocess.run(
        [sys.executable, "-m", "bantin.cli", "report", "--period", str(H1), "--project", str(project.root), *arguments],
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_a_report_after_an_issue_whose_index_was_refreshed_has_nothing_to_do_and_says_the_issue(tmp_path):
    project = small_project(tmp_path / "project")
    first = bantin_report(project)
    assert first.returncode == 0, first.stderr
    assert "phát hành" not in first.stdout  # never issued: nothing said of it

    issue(project, "07", "2024-07-02")
    assert not outputs.is_up_to_date(
        project, H1, project.reference.scopes(H1), Inputs(project, provenance.code(project))
    )
    with run_lock(project.state_dir, lambda line: None):  # as the issue's pipeline calls it
        assert refresh_index(project, lambda line: None)
    assert outputs.is_up_to_date(project, H1, project.reference.scopes(H1), Inputs(project, provenance.code(project)))

    index = index_file(project).read_bytes()
    rerun, imported = beyond_the_standard_library("report", "--period", str(H1), "--project", str(project.root))
    assert rerun.returncode == 0, rerun.stderr
    assert imported == []
    assert "đã mới nhất" in rerun.stdout
    said = [line for line in rerun.stdout.splitlines() if not line.startswith("BEYOND ")]  # the probe's own
    assert said[-1] == (
        "Kỳ 6 tháng đầu năm 2024 đã phát hành số 07-BT/BDVTU ngày 02/07/2024; số liệu không thay đổi từ đó"
    )
    assert index_file(project).read_bytes() == index

    set_figures(project, "data/raw/2024H1/dong-bang.csv", "an-khanh", {"van_ban": 99, "hoi_nghi": 99})
    changed = bantin_report(project)
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.rstrip().endswith("số liệu đã thay đổi từ đó: 2 số liệu của 1 đơn vị")
    assert "Số liệu đã thay đổi từ khi phát hành: 2 số liệu của 1 đơn vị." in text(
        index_file(project).read_text(encoding="utf-8")
    )

    # The report's index and refresh_index's are one: the same bytes, the same record.
    reported, record = index_file(project).read_bytes(), State.load(project).records["outputs/index.html"]
    assert refresh_index(project, lambda line: None) is False
    index_file(project).unlink()
    assert refresh_index(project, lambda line: None) is True
    assert index_file(project).read_bytes() == reported
    assert State.load(project).records["outputs/index.html"] == record

"""The batch: reproducible to the byte, incremental, one writer, and whole files whatever happens."""

from __future__ import annotations

import json
import math
import os
import random
import re
import signal
import subprocess
import sys
import time

import pytest
from pypdf import PdfReader

from bantin.model.errors import BantinError, RenderError
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.render.pipeline import run_report
from helpers import beyond_the_standard_library, copy_project, insert_line, set_figures, snapshot, whole

pytestmark = pytest.mark.slow  # every test here renders bulletins

H1 = Period.parse("2024H1")
EVERY_SCOPE = ["dong-bang", "mien-nui", "ven-bien", PROVINCE]


def render(project, scopes=EVERY_SCOPE, **options):
    outcomes = run_report(project, H1, scopes, jobs=2, log=lambda line: None, **options)
    return {outcome.scope: outcome for outcome in outcomes}


def bantin(project, *arguments, **options):
    return subprocess.run(
        [sys.executable, "-m", "bantin.cli", "report", "--project", str(project.root), *arguments],
        capture_output=True,
        text=True,
        **options,
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("batch") / "first")
    render(project)
    return project


def test_two_runs_in_different_directories_give_byte_identical_outputs(rendered, tmp_path):
    other = copy_project(tmp_path / "elsewhere" / "second-copy")
    render(other)
    first, second = snapshot(rendered.outputs_dir), snapshot(other.outputs_dir)
    assert sorted(first) == sorted(second)
    assert {name for name in first if first[name] != second[name]} == set()
    assert {"2024H1/dong-bang.pdf", "2024H1/dong-bang.html", "2024H1/dong-bang.ipynb", "2024H1/province.pdf"} <= set(
        first
    )


def test_the_executed_notebook_carries_no_time_path_or_random_id(rendered):
    text = (rendered.outputs_dir / "2024H1" / "dong-bang.ipynb").read_text(encoding="utf-8")
    notebook = json.loads(text)
    assert str(rendered.root) not in text and "start_time" not in text and "iopub" not in text
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]  # the markdown cells guide in Lab
    assert [cell["id"] for cell in code][:3] == ["parameters", "injected-parameters", "load"]
    assert [cell["execution_count"] for cell in code] == list(range(1, len(code) + 1))


def test_each_bulletin_states_which_data_code_and_environment_made_it(rendered):
    folder = rendered.outputs_dir / "2024H1"
    record = json.loads((folder / "dong-bang.provenance.json").read_text(encoding="utf-8"))
    assert len(record["data"]) == 64 and len(record["stamp"]) == 64
    assert (
        record["inputs"]["data/raw/2024H1/dong-bang.csv"]
        == __import__("hashlib").sha256((rendered.raw_dir / "2024H1" / "dong-bang.csv").read_bytes()).hexdigest()
    )
    assert "data/raw/2024H1/mien-nui.csv" not in record["inputs"]  # not this bulletin's data
    assert {"python", "papermill", "nbconvert", "pandas", "weasyprint"} <= set(record["packages"])
    footer = f"Số liệu {record['data'][:10]} · mã nguồn"
    html = (folder / "dong-bang.html").read_text(encoding="utf-8")
    assert footer in html and "@media print { footer.provenance { display: none; } }" in html  # on screen only
    pdf = PdfReader(folder / "dong-bang.pdf")
    assert pdf.metadata["/Subject"].startswith(footer)  # in the PDF's properties
    printed = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert footer not in printed and not re.search(r"\b[0-9a-f]{10}\b", printed)  # no hash on paper


def printed_lines(pdf, page: int = 0) -> list[tuple[str, str, float]]:
    """(text, font, size in pt) of each piece of text of a PDF's page, as pypdf reads its content stream: the font's
    name without its subset tag, the size as the text and current matrices scale it."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            found.append((" ".join(text.split()), font["/BaseFont"].split("+", 1)[-1], round(size * scale, 1)))

    PdfReader(pdf).pages[page].extract_text(visitor_text=visit)
    return found


def test_the_pdfs_head_has_the_sizes_and_faces_of_huong_dan_36_in_liberation_serif(rendered):
    """Read from the PDF itself (pypdf walks page 1's text with its font and size): the parent committee 14 pt
    upright, the issuing body 14 pt bold, the star and the number line 14 pt, a draft's mark 14 pt bold, "ĐẢNG CỘNG
    SẢN VIỆT NAM" 15 pt bold, place and date 14 pt italic, the document's name 16 pt bold, its subject 14 pt bold;
    the body 14 pt Liberation Serif; no other font embedded but the charts' DejaVu Sans, its copy cut to the letters
    they write (``cut_fonts``)."""
    folder = rendered.outputs_dir / "2024H1"
    lines = printed_lines(folder / "dong-bang.pdf")
    assert lines[:9] == [
        ("TỈNH ỦY QUẢNG NAM", "Liberation-Serif", 14.0),
        ("BAN DÂN VẬN", "Liberation-Serif-Bold", 14.0),
        ("*", "Liberation-Serif", 14.0),
        ("Số -BT/BDVTU", "Liberation-Serif", 14.0),
        ("DỰ THẢO", "Liberation-Serif-Bold", 14.0),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "Liberation-Serif-Bold", 15.0),
        ("Quảng Nam, ngày tháng năm 2024", "Liberation-Serif-Italic", 14.0),
        ("BẢN TIN CÔNG TÁC DÂN VẬN", "Liberation-Serif-Bold", 16.0),
        ("Cụm đồng bằng – 6 tháng đầu năm 2024", "Liberation-Serif-Bold", 14.0),
    ]
    body = [line for line in lines if line[0].startswith("Trong 6 tháng đầu năm 2024")]
    assert body and body[0][1:] == ("Liberation-Serif", 14.0)
    for scope in EVERY_SCOPE:
        fonts = {font.split("+", 1)[-1] for page in PdfReader(folder / f"{scope}.pdf").pages for font in _fonts(page)}
        serif = {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"}
        assert fonts <= serif | {"DejaVu-Sans-VN"}, scope  # the charts' letters all in the cut DejaVu Sans


def _fonts(page) -> set[str]:
    resources = page.get("/Resources", {})
    found = {str(font.get_object()["/BaseFont"])[1:] for font in resources.get("/Font", {}).values()}
    for xobject in resources.get("/XObject", {}).values():  # the charts
        found |= _fonts(xobject.get_object())
    return found


def test_the_argument_check_and_a_rerun_with_nothing_changed_import_only_the_standard_library(rendered):
    """The guard of the light path: the Makefile's argument check, and a run with nothing to do (no kernel,
    no pandas, not even Babel), import no module beyond the standard library and the project's own."""
    check, imported = beyond_the_standard_library("check", "--period", "2024H1", "--project", str(rendered.root))
    assert check.returncode == 0, check.stderr
    assert imported == []
    before = snapshot(rendered.outputs_dir)
    rerun, imported = beyond_the_standard_library("report", "--period", "2024H1", "--project", str(rendered.root))
    assert rerun.returncode == 0, rerun.stderr
    assert "đã mới nhất" in rerun.stdout
    assert imported == []
    assert snapshot(rendered.outputs_dir) == before


def test_one_changed_figure_rebuilds_its_cluster_and_the_province_only(tmp_path):
    project = copy_project(tmp_path / "project")
    render(project)
    folder = project.outputs_dir / "2024H1"
    dates = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    path = project.raw_dir / "2024H1" / "dong-bang.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if ",van_ban," in line)
    head, value = lines[number].rsplit(",", 1)
    lines[number] = f"{head},{int(value) + 1}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    outcomes = render(project)

    assert {scope for scope, outcome in outcomes.items() if not outcome.skipped} == {"dong-bang", PROVINCE}
    for scope in ("mien-nui", "ven-bien"):
        for extension in ("html", "pdf", "ipynb", "provenance.json"):
            name = f"{scope}.{extension}"
            assert folder.joinpath(name).stat().st_mtime_ns == dates[name], name
    assert render(project, force=True)["mien-nui"].skipped is False  # FORCE=1 renders everything


def test_a_failing_bulletin_stops_the_whole_run_and_publishes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    render(project, ["dong-bang", "mien-nui"])
    before = {folder: snapshot(project.root / folder) for folder in ("outputs", "data/processed")}
    notes = project.notes_file(H1, "dong-bang")
    notes.write_text("---\nmeeting_date: [ngày\norganiser: Ban Dân vận\n---\nGhi chú hỏng.\n", encoding="utf-8")
    project.notes_file(H1, "mien-nui").write_text("Ghi chú mới của cụm miền núi.\n", encoding="utf-8")
    set_figures(project, "data/raw/2024H1/mien-nui.csv", "bach-son", {"van_ban": 23})

    with pytest.raises(BantinError, match=r"data/notes/2024H1/dong-bang\.md, dòng 3: .*YAML"):
        run_report(project, H1, ["dong-bang", "mien-nui"], jobs=2, log=lambda line: None)

    assert {folder: snapshot(project.root / folder) for folder in ("outputs", "data/processed")} == before


def test_a_bulletin_whose_kernel_fails_names_the_wording_line_and_publishes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    render(project, ["dong-bang", PROVINCE])
    before = {folder: snapshot(project.root / folder) for folder in ("outputs", "data/processed")}
    number = insert_line(
        project.reference_dir / "narrative.j2", "{% macro paragraph_1", "{{ v.khong_co_chi_tieu_nay | n }}"
    )

    with pytest.raises(RenderError) as caught:
        run_report(project, H1, ["dong-bang", PROVINCE], jobs=2, log=lambda line: None)

    assert [failure.scope for failure in caught.value.failures] == ["dong-bang", PROVINCE]
    assert {failure.message for failure in caught.value.failures} == {
        f"narrative.j2, dòng {number}: mẫu câu dùng một tên không có "
        "('dict object' has no attribute 'khong_co_chi_tieu_nay')."
    }
    assert {folder: snapshot(project.root / folder) for folder in ("outputs", "data/processed")} == before


def test_a_second_run_waits_for_the_first_and_says_so(rendered):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from bantin.build.project import Project; from bantin.build.publish import run_lock\n"
            "with run_lock(Project.find(sys.argv[1]).state_dir):\n    print('held', flush=True); time.sleep(3)",
            str(rendered.root),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    started = time.perf_counter()
    result = bantin(rendered, "--period", "2024H1")
    holder.wait(timeout=30)
    assert result.returncode == 0
    assert "Một lượt make report khác đang chạy" in result.stdout
    assert time.perf_counter() - started > 1.5


def test_killing_the_run_at_any_moment_leaves_every_file_whole_and_the_next_run_succeeds(tmp_path):
    project = copy_project(tmp_path / "project")
    moments = random.Random(5).sample([x / 10 for x in range(5, 90)], 5)
    for moment in moments:
        run = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bantin.cli",
                "report",
                "--period",
                "2024H1",
                "--force",
                "--project",
                str(project.root),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(moment)
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        for path in project.outputs_dir.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                assert whole(path), f"{path.name} after a kill at {moment} s"
    time.sleep(1.5)  # the kernels of the killed workers notice their parent is gone and exit
    result = bantin(project, "--period", "2024H1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(project.outputs_dir.rglob(".*.tmp"))
    assert {f"{scope}.{ext}" for scope in EVERY_SCOPE for ext in ("html", "pdf", "ipynb", "provenance.json")} <= {
        path.name for path in (project.outputs_dir / "2024H1").iterdir()
    }

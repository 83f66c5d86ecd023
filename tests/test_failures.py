"""Every failure of ``make report`` is one located Vietnamese message, never a traceback, and changes nothing.

Each case runs the command line on a copy of a small project that an earlier run published, with something
wrong: the outputs cannot be written (read-only, a full disk, a file another program holds), a submission
holds an absurd number, the wording file tries to leave its sandbox or does not parse, the notes do not
parse, or the tool itself has a bug (in the run, or in a notebook's kernel). In each, the command exits
non-zero, says what is wrong and where, and ``outputs/``, ``data/processed/`` and the records of what they
were built from are byte for byte as before.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bantin.build.project import Project
from bantin.cli import EXIT_BAD_INPUT, EXIT_BUG, EXIT_NOT_PUBLISHED
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.render.pipeline import run_report
from helpers import READ_ONLY_OUTPUTS, insert_line, set_figures, small_project

pytestmark = pytest.mark.slow  # every test here renders bulletins

H1 = Period.parse("2024H1")
PLAINS = "data/raw/2024H1/dong-bang.csv"

# Faults installed in the command's own process before it starts, as the operating system would raise them.
FULL_DISK = """
import errno, os
real = os.fsync
def fsync(fd):
    if ".province.pdf." in os.readlink(f"/proc/self/fd/{fd}"):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return real(fd)
os.fsync = fsync
"""
HELD_BY_EXCEL = """
import errno, os
real = os.replace
def replace(source, target, *args, **kwargs):
    if os.fspath(target).endswith("/data.xlsx"):
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), os.fspath(target))
    return real(source, target, *args, **kwargs)
os.replace = replace
"""
BUG_IN_THE_RUN = """
import bantin.render.data_files
bantin.render.data_files.figures_table = lambda *args, **kwargs: {}["a key that is not there"]
"""
# Run by every notebook kernel as it starts (an IPython startup file, ``in_every_kernel``), however the kernel
# started: forked from the run, or an interpreter of its own.
NO_KERNEL = """
import os
os._exit(1)  # a kernel whose environment is broken: it ends before it answers
"""
BUG_IN_A_KERNEL = """
import bantin.bulletin.charts
bantin.bulletin.charts.models_trend = lambda *args, **kwargs: 1 / 0
"""


def in_every_kernel(code: str, folder: Path) -> dict[str, str]:
    """The environment of a command whose notebook kernels all run ``code`` as they start, before any notebook:
    an IPython startup file in an IPython folder of the test's own (``IPYTHONDIR``)."""
    startup = folder / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-fault.py").write_text(code, encoding="utf-8")
    return dict(os.environ, IPYTHONDIR=str(folder / "ipython"))


@pytest.fixture(scope="module")
def published_project(tmp_path_factory) -> Project:
    project = small_project(tmp_path_factory.mktemp("published") / "project")
    run_report(project, H1, ["dong-bang", "ven-bien", PROVINCE], jobs=2, log=lambda line: None)
    return project


@pytest.fixture
def project(published_project, tmp_path) -> Project:
    """A copy of the published project, its outputs, consolidated data and records included."""
    shutil.copytree(published_project.root, tmp_path / "project")
    return Project(tmp_path / "project")


def state(project: Project) -> dict[str, bytes]:
    """What a failed run must not touch: every file of outputs/ and data/processed/ (temporaries would show),
    and the records of what they were built from."""
    files = [*project.outputs_dir.rglob("*"), *project.processed_dir.rglob("*"), project.state_dir / "state.json"]
    return {path.relative_to(project.root).as_posix(): path.read_bytes() for path in sorted(files) if path.is_file()}


def bantin(
    project: Project, *arguments: str, fault: str = "", env: dict | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess:
    code = f"import sys\n{fault}\nfrom bantin.cli import main\nsys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", code, "report", "--period", str(H1), "--project", str(project.root), *arguments]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)


def refused(result: subprocess.CompletedProcess, exit_code: int, message: str) -> str:
    """The one error line of a refused run, after checking it is the only one and nothing is a traceback."""
    assert result.returncode == exit_code, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Lỗi")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    return errors[0]


def change_a_figure(project: Project) -> dict[str, bytes]:
    """A change every bulletin shows, so that the run has work to do; the state before the run."""
    set_figures(project, PLAINS, "an-khanh", {"van_ban": 31})
    return state(project)


@contextlib.contextmanager
def mounted(target: Path, *steps: list[str]):
    """``target`` with file systems mounted on it by ``steps`` (mount's arguments), unmounted afterwards."""
    done = 0
    try:
        for step in steps:
            if subprocess.run(["mount", *step, str(target)], capture_output=True).returncode:
                pytest.skip("this machine does not let the tests mount file systems (the patched cases cover it)")
            done += not any("remount" in part for part in step)  # a remount changes a mount, adds none
        yield
    finally:
        for _ in range(done):
            subprocess.run(["umount", str(target)], check=True)


@pytest.mark.parametrize(
    ("fault", "arguments", "message"),
    [
        (READ_ONLY_OUTPUTS, [], "Thư mục outputs/2024H1/ nằm trên ổ đĩa chỉ cho phép đọc: chọn ổ đĩa ghi được"),
        (
            FULL_DISK,
            ["--cluster", PROVINCE],
            "Ổ đĩa chứa outputs/2024H1/ đã đầy (khi ghi outputs/2024H1/province.pdf): "
            "giải phóng dung lượng rồi chạy lại.",
        ),
        (
            HELD_BY_EXCEL,
            ["--cluster", PROVINCE],
            "Tệp outputs/2024H1/data.xlsx đang bị một chương trình khác mở và khóa (ví dụ Excel): "
            "đóng tệp đó rồi chạy lại.",
        ),
    ],
    ids=["read-only", "full disk", "held by Excel"],
)
def test_outputs_that_cannot_be_written_change_nothing_and_say_what_to_do(project, fault, arguments, message):
    before = change_a_figure(project)
    line = refused(bantin(project, *arguments, fault=fault), EXIT_NOT_PUBLISHED, message)
    assert line.endswith("Chưa có tệp nào bị thay đổi.")
    assert state(project) == before


def test_read_only_outputs_for_real(project):
    before = change_a_figure(project)
    with mounted(project.outputs_dir, ["--bind", str(project.outputs_dir)], ["-o", "remount,bind,ro"]):
        refused(bantin(project), EXIT_NOT_PUBLISHED, "nằm trên ổ đĩa chỉ cho phép đọc")
        assert state(project) == before


def test_a_full_disk_for_real(project, tmp_path):
    before = change_a_figure(project)
    saved = tmp_path / "saved-outputs"
    shutil.copytree(project.outputs_dir, saved)
    room = (
        sum(path.stat().st_size for path in saved.rglob("*") if path.is_file()) // 1024 + 64
    )  # KiB: less than a bulletin
    with mounted(project.outputs_dir, ["-t", "tmpfs", "-o", f"size={room}k", "tmpfs"]):
        shutil.copytree(saved, project.outputs_dir, dirs_exist_ok=True)
        refused(bantin(project, "--cluster", PROVINCE), EXIT_NOT_PUBLISHED, "đã đầy")
        assert state(project) == before


def test_a_number_past_64_bits_is_refused_at_its_line(project):
    before = state(project)
    set_figures(project, PLAINS, "an-khanh", {"hoi_nghi_luot_nguoi": "99999999999999999999999"})
    result = bantin(project)
    assert result.returncode == EXIT_BAD_INPUT and "Traceback" not in result.stderr
    assert (
        "Lỗi dòng 8: Giá trị '99999999999999999999999' quá lớn cho một số đếm (tối đa 1.000.000.000)" in result.stderr
    )
    assert "Huyện ủy An Khánh (an-khanh)" in result.stderr and "Tệp data/raw/2024H1/dong-bang.csv:" in result.stderr
    assert state(project) == before


def test_a_sandbox_escape_in_the_wording_is_refused_at_its_line(project):
    before = state(project)
    number = insert_line(
        project.reference_dir / "narrative.j2", "{% macro headline", "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    )
    line = refused(
        bantin(project, "--cluster", "dong-bang"),
        EXIT_BAD_INPUT,
        f"narrative.j2, dòng {number}: mẫu câu dùng thuộc tính không được phép (access to attribute '__class__'",
    )
    assert line.endswith("[bản tin: dong-bang]")
    assert state(project) == before


def test_a_syntax_error_in_the_wording_is_refused_at_its_line_before_any_bulletin(project):
    before = state(project)
    number = insert_line(project.reference_dir / "narrative.j2", "{% macro lead", "{% if %}")
    result = bantin(project)
    refused(result, EXIT_BAD_INPUT, f"narrative.j2, dòng {number}: lỗi cú pháp mẫu câu")
    assert "cần làm lại" not in result.stdout  # said before any kernel ran
    assert state(project) == before


def test_notes_that_do_not_parse_are_named_with_their_line(project):
    before = state(project)
    notes = project.notes_file(H1, "dong-bang")
    notes.write_text(
        notes.read_text(encoding="utf-8").replace("meeting_time_of_day: chiều", "meeting_time_of_day: [chiều"),
        encoding="utf-8",
    )
    refused(
        bantin(project),
        EXIT_BAD_INPUT,
        "data/notes/2024H1/dong-bang.md, dòng 4: phần đầu (giữa hai dòng ---) không đúng cú pháp YAML",
    )
    assert state(project) == before


def test_a_bug_in_the_run_says_so_in_one_line_and_keeps_the_traceback_for_the_maintainer(project):
    before = change_a_figure(project)
    result = bantin(project, fault=BUG_IN_THE_RUN)
    assert result.returncode == EXIT_BUG and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("Lỗi của chương trình (không phải do số liệu): KeyError: 'a key that is not there'")
    report = project.root / line.split("Chi tiết đã lưu ở ")[1].split(":")[0]
    assert report.parent == project.state_dir / "crash"
    assert "Traceback" in report.read_text(encoding="utf-8") and "figures_table" in report.read_text(encoding="utf-8")
    assert state(project) == before


def test_a_bug_in_a_notebook_kernel_names_the_library_line_and_keeps_the_traceback(project, tmp_path):
    before = change_a_figure(project)
    result = bantin(project, "--cluster", "dong-bang", env=in_every_kernel(BUG_IN_A_KERNEL, tmp_path))
    assert result.returncode == EXIT_BUG and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Lỗi")]
    assert len(errors) == 1
    assert errors[0].startswith(
        "Lỗi của chương trình (không phải do số liệu): ZeroDivisionError: division by zero "
        "(bantin/bulletin/blocks.py, dòng "
    )
    report = project.root / errors[0].split("Chi tiết đã lưu ở ")[1].split(":")[0]
    assert "ZeroDivisionError" in report.read_text(encoding="utf-8")
    assert state(project) == before


def test_a_kernel_that_cannot_start_fails_the_run_in_one_line_instead_of_hanging(project, tmp_path):
    before = change_a_figure(project)
    result = bantin(project, "--cluster", "dong-bang", env=in_every_kernel(NO_KERNEL, tmp_path), timeout=300)
    assert result.returncode == EXIT_BAD_INPUT and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Lỗi")]
    assert len(errors) == 1 and "Không khởi động được kernel Jupyter “bantin”" in errors[0]
    assert ".bantin/kernels.log" in errors[0]
    assert state(project) == before

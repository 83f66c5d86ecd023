"""Helpers the tests share: a private copy of the project to work on, edits of its files, and what to compare.

Test files import them with ``from helpers import …`` (``tests/`` is on pytest's ``pythonpath``); the fixtures
built on them live in ``conftest.py``.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

from pypdf import PdfReader

from bantin.build.project import Project

ROOT = Path(__file__).resolve().parents[1]

# The plains cluster's totals for 2024H1, as printed in ../shared/reference/bulletin-dong-bang-2024H1.txt.
REFERENCE_TOTALS = {
    "van_ban": 129,
    "kiem_tra": 14,
    "kiem_tra_to_chuc_dang": 18,
    "kiem_tra_dang_vien": 11,
    "hoi_nghi_so_ket": 6,
    "hoi_nghi": 50,
    "hoi_nghi_luot_nguoi": 4819,
    "mo_hinh_dang_ky": 891,
    "mo_hinh_cong_nhan": 514,
    "tap_huan": 8,
    "tap_huan_luot_nguoi": 905,
    "kiem_tra_nghiep_vu": 25,
    "kiem_tra_nghiep_vu_to_chuc": 25,
    "kiem_tra_nghiep_vu_dang_vien": 5,
}

# Sentences of ../shared/reference/bulletin-dong-bang-2024H1.txt that the bulletin must contain verbatim.
REFERENCE_SENTENCES = [
    "Công nhận 514 mô hình dân vận khéo",
    "6 tháng đầu năm 2024",
    "ban hành 129 văn bản cụ thể hóa các chủ trương, nghị quyết mới",
    "Tổ chức 14 cuộc kiểm tra, giám sát đối với 18 tổ chức đảng và 11 đảng viên",
    "tổ chức 06 hội nghị sơ kết, tổng kết",
    "đã tổ chức 50 hội nghị với 4.819 lượt người tham dự",
    "đã đăng ký và tổ chức thực hiện 891 mô hình “Dân vận khéo”, trong đó được công nhận 514 mô hình",
    "Tổ chức 08 hội nghị với 905 lượt người tham gia",
    "Tổ chức 25 cuộc kiểm tra, giám sát để hướng dẫn nghiệp vụ công tác dân vận đối với 25 cấp ủy, "
    "tổ chức đảng và 05 đảng viên",
    "chiều 21/6, Ban Dân vận Tỉnh ủy tổ chức giao ban cụm đồng bằng công tác dân vận 6 tháng đầu năm 2024",
    "Tại hội nghị các đơn vị, địa phương đã thảo luận, chia sẻ kinh nghiệm trong công tác dân vận",
]

# A unit whose inspections covered no organisation and no member: allowed, but a warning.
INSPECTED_NOBODY = {"kiem_tra_to_chuc_dang": 0, "kiem_tra_dang_vien": 0}

# A unit name that a spreadsheet would run as a formula, and a short name that a browser would run as a script.
HOSTILE_NAME = '=HYPERLINK("http://example.invalid","Bấm vào đây")'
HOSTILE_SHORT = "<script>alert(1)</script>"


# A fault installed (as sitecustomize.py) in every Python a command starts: outputs/ refuses writes as a read-only
# file system does, which chmod cannot show where the tests run as root.
READ_ONLY_OUTPUTS = """
import errno, os, tempfile
from pathlib import Path
real = tempfile.mkstemp
def mkstemp(*args, dir=None, **kwargs):
    if dir is not None and "outputs" in Path(dir).parts:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), dir)
    return real(*args, dir=dir, **kwargs)
tempfile.mkstemp = mkstemp
"""


def copy_project(destination: Path) -> Project:
    """The project's data and notebooks copied to ``destination``, with empty outputs."""
    for folder in ("data/reference", "data/raw", "data/notes", "notebooks"):
        shutil.copytree(ROOT / folder, destination / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (destination / "data" / "processed").mkdir()
    (destination / "outputs").mkdir()
    return Project(destination)


def after_a_good_run(destination: Path) -> Project:
    """A project copy after a good run of 2024H1: consolidated data and a published bulletin exist (the corpora
    check that a refused input leaves them as they were)."""
    from bantin.intake import consolidated  # pandas: only for the tests that use it
    from bantin.model.periods import Period

    project = copy_project(destination)
    consolidated.consolidate(project, Period.parse("2024H1"))
    (project.outputs_dir / "2024H1").mkdir()
    (project.outputs_dir / "2024H1" / "dong-bang.pdf").write_bytes(b"%PDF- an earlier good bulletin")
    return project


def small_project(destination: Path) -> Project:
    """The sample without the mountain cluster and the half-years after 2024H1: three bulletins a run of 2024H1."""
    project = copy_project(destination)
    for name, column in (("clusters.csv", 0), ("units.csv", 3)):
        path = project.reference_dir / name
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text(
            "\n".join(line for line in lines if line.split(",")[column] != "mien-nui") + "\n", encoding="utf-8"
        )
    for path in [*project.raw_dir.glob("*/mien-nui.csv"), *project.root.glob("data/notes/*/mien-nui.md")]:
        path.unlink()
    for half in ("2024H2", "2025H1", "2025H2", "2026H1"):  # the half-years after the one its tests render
        shutil.rmtree(project.raw_dir / half)
    (project.reference_dir / "successions.csv").unlink()  # it names the mountain cluster's districts
    return project


def set_figures(project: Project, relative: str, unit: str, figures: dict[str, int | str]) -> None:
    """Replace some of a unit's figures in a long CSV submission of the project copy."""
    path = project.root / relative
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows[1:]:
        if row[1] == unit and row[2] in figures:
            row[3] = str(figures[row[2]])
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")


def git(repository: Path, *args: str) -> str:
    """git's output for ``args`` run in ``repository``; fails the test if git does."""
    return subprocess.run(["git", "-C", str(repository), *args], capture_output=True, text=True, check=True).stdout


def insert_line(path: Path, after: str, line: str) -> int:
    """Insert ``line`` after the first line of ``path`` that starts with ``after``; its number (from 1)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines) if text.startswith(after)) + 1
    lines.insert(number, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, hidden ones included, by path relative to it."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def published(project: Project) -> dict[str, bytes]:
    """Every file of ``outputs/`` and ``data/processed/``, hidden ones aside, by path relative to the project."""
    return {
        path.relative_to(project.root).as_posix(): path.read_bytes()
        for folder in (project.outputs_dir, project.processed_dir)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def whole(path: Path) -> bool:
    """A published file as its writer finished it: each format's own end is there."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        PdfReader(path)
        return data.rstrip().endswith(b"%%EOF")
    if path.suffix == ".html":
        return data.rstrip().endswith(b"</html>")
    if path.suffix in (".json", ".ipynb"):
        json.loads(data)
        return True
    if path.suffix in (".xlsx", ".docx", ".zip"):
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    if path.suffix in (".csv", ".txt"):
        return data.endswith(b"\n")
    return True


def folded(text: str) -> str:
    """``text`` in NFC with its white space folded to single spaces, as a sentence is looked for in a page."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def docx_text(path: Path) -> str:
    """The text of a Word file as python-docx reads it: its paragraphs and its tables' cells, in order, each on a
    line (a cell's paragraphs joined by spaces)."""
    from docx import Document

    document, lines = Document(str(path)), []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines += [" ".join(cell.text.split()) for row in block.rows for cell in row.cells]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def labelled_cell(sheet, label: str):
    """The cell beside ``label`` in column A."""
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == label:
            return sheet.cell(row, 2)
    raise AssertionError(f"no label {label!r}")


def beyond_the_standard_library(*arguments: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run ``bantin`` with ``arguments`` in a fresh interpreter; return the run and the top-level modules it
    imported that are neither the standard library's nor the project's own (what the interpreter loaded at
    start-up, such as the .pth hooks of site-packages, does not count)."""
    return imported_beyond_the_standard_library("from bantin.cli import main; code = main(sys.argv[1:])", *arguments)


def imported_beyond_the_standard_library(
    statement: str, *arguments: str
) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run ``statement`` in a fresh interpreter (exiting with ``code`` if it sets it); return the run and the
    top-level modules it imported beyond the standard library and the project's own. A module marked absent
    (``None`` in ``sys.modules``, as ``bantin.render`` marks one) was not imported."""
    probe = (
        f"import sys; started = set(sys.modules); code = 0; {statement}; "
        "loaded = {name.split('.')[0] for name, module in sys.modules.items() if module and name not in started}; "
        "print('BEYOND', sorted(loaded - set(sys.stdlib_module_names) - {'bantin'})); sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", probe, *arguments], capture_output=True, text=True)
    beyond = [line for line in result.stdout.splitlines() if line.startswith("BEYOND ")]
    return result, ast.literal_eval(beyond[-1].removeprefix("BEYOND ")) if beyond else ["(no probe output)"]


# The blocks whose words are the bulletin's text (what the mirror of the seed period compares word for word): not
# the head, whose form follows Hướng dẫn 36, nor the tables and charts, whose labels follow indicators.csv.
TEXT_KINDS = ("completeness", "headline", "paragraphs", "comparison", "notes", "annex")


def bulletin_text(notebook: Path) -> list[str]:
    """The text of an executed bulletin's text blocks (``TEXT_KINDS``), from their JSON: one line per paragraph or
    heading (tables left out), in the order the bulletin shows them."""
    from bantin.bulletin.document import MIMETYPE

    def runs(element: dict) -> str:
        return folded("".join(run.get("text", " ") for run in element.get("runs", ())))

    def lines_of(element: dict) -> list[str]:
        if element["kind"] == "table":
            return []  # its labels are the indicators' (indicators.csv), its figures formatting's
        if element["kind"] == "list":
            return [line for item in element["items"] for each in item for line in lines_of(each)]
        if element["kind"] == "quote":
            return [line for each in element["content"] for line in lines_of(each)]
        return [runs(element)]

    lines = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", ()):
            block = output.get("data", {}).get(MIMETYPE)
            if block and block["kind"] in TEXT_KINDS:
                lines += [line for element in block["content"] for line in lines_of(element)]
    return [line for line in lines if line]

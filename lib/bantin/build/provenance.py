"""Which data, code and environment made an output: hashes for stamps, footers and provenance.json.

Standard library only: a rerun decides that nothing changed, and stops, without importing anything
heavy. A bulletin's stamp is the hash of everything it depends on; equal stamps mean equal outputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bantin.build.project import Project

PACKAGE = Path(__file__).resolve().parents[1]  # lib/bantin
MAIN_PACKAGES = (
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "pandas",
    "pandera",
    "matplotlib",
    "weasyprint",
    "openpyxl",
    "babel",
    "jinja2",
)


# What running a notebook in JupyterLab writes into it and a render never reads: the outputs and execution counts
# of its code cells (a render clears and renumbers them) and the kernel's details beside the language's name (the
# render's kernel writes its own). git's filter for the notebooks (the Makefile's git-filter) strips these too, and
# also Lab's display settings of cells, which do reach the executed notebook and so count here.
KERNEL_DETAILS = ("codemirror_mode", "file_extension", "mimetype", "nbconvert_exporter", "pygments_lexer", "version")
LAB_DISPLAY = ("cell.metadata.jp-MarkdownHeadingCollapsed",)  # stripped by git's filter only


def filter_extra_keys() -> str:
    """What git's notebook filter strips beside outputs and counts (nbstripout's ``extrakeys``), from the lists
    above: the Makefile's git-filter asks here (``python -S -c``), so that the filter and the hash agree."""
    return " ".join([*(f"metadata.language_info.{key}" for key in KERNEL_DETAILS), *LAB_DISPLAY])


def file_digest(path: Path) -> str:
    """The sha256 of a file; of a notebook, the sha256 of its committed form (``notebook_layout``)."""
    data = path.read_bytes()
    return hashlib.sha256(notebook_layout(data) if path.suffix == ".ipynb" else data).hexdigest()


def notebook_layout(data: bytes) -> bytes:
    """A notebook without what a run adds, written as nbformat writes it: a notebook saved in JupyterLab after a
    run gives the bytes of the notebook as committed, and so the same hash, stamp and provenance."""
    try:
        notebook = json.loads(data)
    except ValueError:
        return data
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return data  # not a notebook: hashed as it is, and running it will say what is wrong
    language = notebook.get("metadata", {}).get("language_info") if isinstance(notebook.get("metadata"), dict) else None
    if isinstance(language, dict):
        for key in KERNEL_DETAILS:
            language.pop(key, None)
    for cell in notebook["cells"]:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    text = json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False, separators=(",", ": "))
    return (text + "\n").encode("utf-8")


def files_digest(files: dict[str, Path]) -> str:
    """One hash for named files: their names and contents, in name order. A symbolic link counts by where it
    points, never by what it points to, which is not read (the intake refuses it)."""
    digest = hashlib.sha256()
    for name in sorted(files):
        path = files[name]
        content = text_digest("symlink", os.readlink(path)) if path.is_symlink() else file_digest(path)
        digest.update(f"{name}\0{content}\n".encode())
    return digest.hexdigest()


def text_digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


# The code, as the library's digest and the lock's hash cover it, named as git paths: git's view of these only
# (never of the data, the notes or the docs) is the code's.
CODE_PATHS = ("lib/bantin", "notebooks", "requirements.lock")


@dataclass(frozen=True)
class Code:
    """The code behind the outputs: its identity is its content (the package's files, the notebooks in their
    committed form, the lock); git's view of it is provenance only, recorded beside, never part of a stamp."""

    library: str  # hash of lib/bantin (sources and templates) and notebooks/
    lock: str = ""  # hash of requirements.lock: the environment
    commit: str = ""  # the last commit that changed the code (CODE_PATHS); "" outside a git checkout
    dirty: bool = False  # the code differs from that commit

    @property
    def digest(self) -> str:
        """What the stamps hash: the content only, so that a commit, or an edit of tracked data, renders nothing."""
        return text_digest(self.library, self.lock)


def code(project: Project) -> Code:
    lock = project.root / "requirements.lock"
    commit, dirty = git_state(project.root)
    return Code(library_digest(project), file_digest(lock) if lock.is_file() else "", commit, dirty)


def library_digest(project: Project) -> str:
    """The hash of the package's files (sources and templates) and of the project's notebooks."""
    library = {f"lib/bantin/{path.relative_to(PACKAGE).as_posix()}": path for path in _package_files()}
    library |= {f"notebooks/{path.name}": path for path in project.notebooks_dir.glob("*.ipynb")}
    return files_digest(library)


def git_state(root: Path) -> tuple[str, bool]:
    """(the last commit that changed the code, whether the code differs from it), or ("", False) outside a git
    checkout or when the code is not in git. Only ``CODE_PATHS`` count: a commit of the docs, or an edit of a
    tracked submission, changes neither.

    ``git status`` answers at once from the index; it takes a file whose size changed for changed without
    running git's filter for the notebooks, so a notebook it lists is compared again by content, through the
    filter (``git diff``): a notebook saved with outputs in JupyterLab is not a change. Running the filter costs
    a Python start per notebook, so it runs only for those.
    """
    git = ["git", "-C", str(root)]
    try:
        commit = subprocess.run(
            [*git, "log", "-1", "--format=%H", "HEAD", "--", *CODE_PATHS], capture_output=True, text=True, timeout=10
        )
        if commit.returncode != 0 or not commit.stdout.strip():
            return "", False
        status = subprocess.run(
            [*git, "status", "--porcelain", "-z", "--untracked-files=no", "--", *CODE_PATHS],
            capture_output=True,
            text=True,
            timeout=30,
        )
        changed = [entry[3:] for entry in status.stdout.split("\0") if entry[3:]]
        if not changed or any(not path.endswith(".ipynb") for path in changed):
            return commit.stdout.strip(), bool(changed)
        diff = subprocess.run(
            [*git, "diff", "--quiet", "--no-ext-diff", "--no-textconv", "HEAD", "--", *changed],
            capture_output=True,
            timeout=60,
        )
        return commit.stdout.strip(), diff.returncode != 0
    except (OSError, subprocess.SubprocessError):
        return "", False


def packages() -> dict[str, str]:
    """Versions of the main packages and of Python, for provenance.json."""
    from importlib import metadata  # 20 ms of imports: not for a run with nothing to do

    found = {"python": sys.version.split()[0]}
    for name in MAIN_PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = ""
    return found


def footer(words: str, data: str, code_state: Code) -> str:
    """The bulletin's last line: the wording file's ``words`` ("Số liệu {data} · mã nguồn {code} · …") with short
    hashes of the content of its data, code and environment (git's view of the code is in provenance.json: the
    page shows only what its stamp covers)."""
    shown = {"data": data[:10], "code": code_state.library[:10], "environment": code_state.lock[:10]}
    for name, value in shown.items():
        words = words.replace("{" + name + "}", value)
    return words


def write_json(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


@cache
def _package_files() -> tuple[Path, ...]:
    return tuple(sorted(path for path in PACKAGE.rglob("*") if path.is_file() and "__pycache__" not in path.parts))


def folder_files(project: Project, folder: Path) -> dict[str, Path]:
    """The files of ``folder`` (hidden ones aside), and its symbolic links, named relative to the project."""
    if not folder.is_dir():
        return {}
    return {
        project.relative(path): path
        for path in sorted(folder.iterdir())
        if (path.is_file() or path.is_symlink()) and not path.name.startswith(".")
    }

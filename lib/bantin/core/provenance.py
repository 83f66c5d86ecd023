"""Which data, code and environment made an output: hashes for stamps, footers and provenance.json.

Standard library only: a rerun decides that nothing changed, and stops, without importing anything
heavy. A bulletin's stamp is the hash of everything it depends on; equal stamps mean equal outputs.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from bantin.core.project import Project

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
    "fontpkg-noto-serif",
)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_digest(files: dict[str, Path]) -> str:
    """One hash for named files: their names and contents, in name order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\0{file_digest(files[name])}\n".encode())
    return digest.hexdigest()


def text_digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Code:
    """The code behind the outputs: the package's files, the notebooks, the lock, and git's view of them."""

    library: str  # hash of lib/bantin (sources and templates) and notebooks/
    lock: str = ""  # hash of requirements.lock: the environment
    commit: str = ""  # "" outside a git checkout
    dirty: bool = False

    @property
    def digest(self) -> str:
        return text_digest(self.library, self.lock, self.commit, str(self.dirty))


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
    """(commit, whether tracked files differ from it), or ("", False) outside a git checkout."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
        )
        if commit.returncode != 0:
            return "", False
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        return commit.stdout.strip(), bool(status.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        return "", False


def packages() -> dict[str, str]:
    """Versions of the main packages and of Python, for provenance.json."""
    found = {"python": sys.version.split()[0]}
    for name in MAIN_PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = ""
    return found


def footer(data: str, code_state: Code) -> str:
    """The bulletin's last line, in Vietnamese: short hashes of its data, code and environment."""
    source = (
        code_state.commit[:10] + (" (có sửa đổi chưa commit)" if code_state.dirty else "")
        if code_state.commit
        else "không rõ (ngoài git)"
    )
    return f"Số liệu {data[:10]} · mã nguồn {source} · môi trường {code_state.lock[:10]}"


def write_json(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


@cache
def _package_files() -> tuple[Path, ...]:
    return tuple(sorted(path for path in PACKAGE.rglob("*") if path.is_file() and "__pycache__" not in path.parts))


def folder_files(project: Project, folder: Path) -> dict[str, Path]:
    """The files of ``folder`` (hidden ones aside), named relative to the project."""
    if not folder.is_dir():
        return {}
    return {
        project.relative(path): path
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.startswith(".")
    }

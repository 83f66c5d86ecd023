"""Setting up .venv: the pinned installer first, then the lock as it is; a failure said in one Vietnamese line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from bantin.build import venv
from helpers import ROOT


def test_a_python_other_than_3_11_is_refused_in_one_vietnamese_line_naming_it():
    message = venv.python_problem((3, 10, 12, "final", 0), "/usr/bin/python3.10")
    assert "Cần Python 3.11" in message and "3.10.12 (/usr/bin/python3.10)" in message and "\n" not in message
    assert venv.python_problem((3, 11, 7, "final", 0), "/usr/bin/python3.11") is None


@pytest.mark.parametrize(
    ("output", "key"),
    [
        ("Could not fetch URL …: ProxyError('Cannot connect to proxy.')", "network"),
        ("ERROR: No matching distribution found for pip==26.3", "network"),
        ("Failed to establish a new connection: [Errno -3] Temporary failure in name resolution", "network"),
        ("ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE.", "hash"),
        ("error: externally-managed-environment", "other"),
    ],
)
def test_a_failed_step_is_explained_by_what_pip_printed(output, key):
    assert venv.diagnosis(output, "other") == key


def test_the_installer_lock_pins_one_installer_exactly_with_its_hashes():
    """What the interpreter's own pip installs: one package, ==, hash-checked, so that its version cannot matter."""
    text = (ROOT / venv.INSTALLER_LOCK).read_text(encoding="utf-8")
    requirements = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(requirements) == 1 and re.fullmatch(r"pip==[0-9.]+ \\", requirements[0])
    assert text.count("--hash=sha256:") >= 1


def test_every_requirement_of_the_lock_is_pinned_exactly_with_hashes():
    """Installed with --no-deps: a package the lock names loosely would be fetched at whatever version is newest."""
    text = (ROOT / venv.LOCK).read_text(encoding="utf-8")
    requirements = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    loose = [line for line in requirements if not re.match(r"^[A-Za-z0-9._-]+==[^ ;]+( ;.*)? \\$", line)]
    assert len(requirements) > 100 and loose == []


def test_the_lock_is_whole_and_fits_pyproject():
    """pip check in the environment made from the lock: every package's requirements, the project's included,
    are installed at versions that fit (the set-up installs with --no-deps, so only this would see a gap)."""
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # creates a virtual environment (a few seconds)
def test_a_set_up_without_the_package_index_says_so_in_one_line_and_keeps_pips_output_in_the_log(tmp_path):
    shutil.copy(ROOT / venv.INSTALLER_LOCK, tmp_path)
    environment = dict(
        {name: value for name, value in os.environ.items() if not name.startswith("PIP_")},
        PYTHONPATH=str(ROOT / "lib"),
        PIP_CONFIG_FILE=os.devnull,  # none of the machine's pip settings (its mirrors, its folders of wheels)
        PIP_INDEX_URL="http://127.0.0.1:9/simple/",  # nothing listens there
        PIP_NO_CACHE_DIR="1",
        PIP_RETRIES="0",
        PIP_TIMEOUT="2",
    )
    result = subprocess.run(
        [sys.executable, "-S", "-m", "bantin.build.venv"], cwd=tmp_path, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Không tải được gói cài đặt") and ".bantin/setup.log" in line and "HTTPS_PROXY" in line
    log = (tmp_path / ".bantin" / "setup.log").read_text(encoding="utf-8")
    assert "-r installer.lock" in log and "127.0.0.1" in log  # pip's own words are there, not on the terminal
    assert "127.0.0.1" not in result.stdout + result.stderr


def test_make_without_the_python_it_names_says_so_in_one_line_before_any_set_up(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path)
    (tmp_path / "lib").symlink_to(ROOT / "lib")
    result = subprocess.run(
        ["make", "test", "PYTHON=/nonexistent/python3.11"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Không tìm thấy Python /nonexistent/python3.11: cài Python 3.11" in result.stderr
    assert not (tmp_path / ".venv").exists()

"""What ``make report`` returns when ``bantin report`` fails, as the README's table of statuses says.

GNU make exits 2 for any failure of a recipe (1 only with -q) and cannot pass its command's status on; what it
does print is that status, in its own last line: ``make: *** [Makefile:NN: report] Error 1``. The README keys its
table on that line; this test runs ``make report`` as the user types it, on a copy of the project whose outputs/
cannot be written, and checks both numbers.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from bantin.cli import EXIT_NOT_PUBLISHED
from helpers import READ_ONLY_OUTPUTS, ROOT, copy_project, snapshot

# The tests run as root in some containers, where chmod does not stop a write: the copy's outputs/ is made
# read-only, and the write also refused as a read-only file system refuses it (helpers.READ_ONLY_OUTPUTS), in every
# Python the command starts.


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_make_report_exits_2_and_names_bantins_status_as_the_readme_says(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "lib", "installer.lock", "requirements.lock", "pyproject.toml"):  # the doors, not copies
        (project.root / name).symlink_to(ROOT / name)
    faults = tmp_path / "faults"
    faults.mkdir()
    (faults / "sitecustomize.py").write_text(READ_ONLY_OUTPUTS, encoding="utf-8")
    project.outputs_dir.chmod(0o555)
    before = snapshot(project.outputs_dir)
    # As a user types it: not a make within a make (make test's), which would name itself "make[1]".
    outer = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")
    environment = {name: value for name, value in os.environ.items() if name not in outer} | {"PYTHONPATH": str(faults)}
    try:
        command = ["make", "--no-print-directory", "-C", str(project.root), "report", "PERIOD=2024H1"]
        result = subprocess.run(
            [*command, f"VENV={ROOT / '.venv'}"], capture_output=True, text=True, env=environment, timeout=300
        )
    finally:
        project.outputs_dir.chmod(0o755)

    assert result.returncode == 2, result.stderr
    assert re.search(rf"make: \*\*\* \[Makefile:\d+: report\] Error {EXIT_NOT_PUBLISHED}$", result.stderr, re.M), (
        result.stderr
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`make report` itself exits 2 for any failure" in readme
    assert "| 1 | `… Error 1` | the outputs could not be written" in readme
    assert snapshot(project.outputs_dir) == before

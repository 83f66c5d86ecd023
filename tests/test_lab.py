"""`make lab`: JupyterLab starts on notebooks/ and offers the project's kernel.

The server is started the way the Makefile's ``lab`` target starts it, plus what a test needs: no
browser, a free port on 127.0.0.1, a copy of the project to serve, and Jupyter's runtime and configuration
folders in a temporary directory, so that neither the checkout's notebooks, the user's running servers nor
their settings are touched.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import ROOT

KERNEL_NAME = "bantin"
KERNEL_DISPLAY_NAME = "Bản tin dân vận (Python 3.11)"
JUPYTER = Path(sys.executable).with_name("jupyter")  # the environment the tests run in
# As the Makefile's `lab` target runs it (test_the_makefile_starts_lab_on_the_notebooks_folder holds them together).
LAB = [
    "lab",
    "--notebook-dir=notebooks",
    f"--MappingKernelManager.default_kernel_name={KERNEL_NAME}",
    *(["--allow-root"] if os.geteuid() == 0 else []),
]
START_TIMEOUT = 60  # seconds


def test_the_makefile_starts_lab_on_the_notebooks_folder():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert (
        "$(BIN)/jupyter lab --notebook-dir=notebooks --MappingKernelManager.default_kernel_name=$(KERNEL_NAME) "
        in makefile
    )
    assert "--name $(KERNEL_NAME)" in makefile and f"KERNEL_NAME := {KERNEL_NAME}" in makefile
    assert f"KERNEL_DISPLAY_NAME := {KERNEL_DISPLAY_NAME}" in makefile


def test_the_kernel_is_registered_in_the_environment_and_runs_its_python():
    listed = subprocess.run([JUPYTER, "kernelspec", "list", "--json"], capture_output=True, text=True, check=True)
    spec = json.loads(listed.stdout)["kernelspecs"][KERNEL_NAME]
    assert Path(spec["resource_dir"]).is_relative_to(Path(sys.prefix))
    assert spec["spec"]["display_name"] == KERNEL_DISPLAY_NAME
    assert os.path.samefile(spec["spec"]["argv"][0], sys.executable)


@pytest.fixture
def lab(project, tmp_path):
    """A JupyterLab server started as `make lab` starts it, in the project copy; yields its entry of
    `jupyter server list`."""
    env = os.environ | {
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
    }
    log = tmp_path / "lab.log"
    command = [JUPYTER, *LAB, "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={free_port()}"]
    with open(log, "wb") as output:
        server = subprocess.Popen(
            command, cwd=project.root, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield wait_for_server(server, env, log)
    finally:
        stop(server)


@pytest.mark.slow  # starts a JupyterLab server
def test_lab_serves_the_notebooks_and_offers_the_project_kernel(lab, project):
    assert Path(lab["root_dir"]).resolve() == (project.root / "notebooks").resolve()
    contents = api(lab, "contents")
    assert "bulletin.ipynb" in {item["name"] for item in contents["content"]}
    offered = api(lab, "kernelspecs")
    assert offered["default"] == KERNEL_NAME
    assert offered["kernelspecs"][KERNEL_NAME]["spec"]["display_name"] == KERNEL_DISPLAY_NAME


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(server: subprocess.Popen, env: dict, log: Path) -> dict:
    """The server's entry in `jupyter server list --json` (same runtime folder), once it answers."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(
                f"jupyter lab stopped with status {server.returncode}:\n{log.read_text(errors='replace')[-3000:]}"
            )
        listed = subprocess.run([JUPYTER, "server", "list", "--json"], env=env, capture_output=True, text=True)
        for line in listed.stdout.splitlines():
            entry = json.loads(line)
            if entry.get("pid") == server.pid:
                try:
                    api(entry, "")  # the server is listed once it listens; make sure it answers
                    return entry
                except OSError:
                    pass
        time.sleep(0.5)
    pytest.fail(f"jupyter lab did not start within {START_TIMEOUT} s:\n{log.read_text(errors='replace')[-3000:]}")


def api(entry: dict, path: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{entry['port']}{entry['base_url']}api/{path}",
        headers={"Authorization": f"token {entry['token']}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def stop(server: subprocess.Popen) -> None:
    """Stop the server and whatever it started (its own process group), however the test went."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except ProcessLookupError:  # already gone
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
    server.wait()

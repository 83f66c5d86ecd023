"""`make lab`: JupyterLab starts on notebooks/ and offers the project's kernel.

The server is started the way the Makefile's ``lab`` target starts it, plus what a test needs: no
browser, a free port on 127.0.0.1, a copy of the project to serve, and Jupyter's runtime and configuration
folders in a temporary directory, so that neither the checkout's notebooks, the user's running servers nor
their settings are touched.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from bantin.build import provenance
from helpers import ROOT, git

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
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


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


def api(entry: dict, path: str, prefix: str = "api/", method: str = "GET", body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{entry['port']}{entry['base_url']}{prefix}{path}",
        headers={"Authorization": f"token {entry['token']}", "Content-Type": "application/json"},
        method=method,
        data=None if body is None else json.dumps(body).encode("utf-8"),
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


# -- no question about the Jupyter news ---------------------------------------------------------------------
NEWS_PLUGIN = "@jupyterlab/apputils-extension:notification"


def test_the_projects_lab_is_set_never_to_fetch_the_jupyter_news():
    """`make` writes JupyterLab's overrides into .venv: a value the installed schema accepts, meaning "never"."""
    lab = Path(sys.prefix) / "share" / "jupyter" / "lab"
    overrides = json.loads((lab / "settings" / "overrides.json").read_text(encoding="utf-8"))
    package, _, plugin = NEWS_PLUGIN.partition(":")
    schema = json.loads((lab / "schemas" / package / f"{plugin}.json").read_text(encoding="utf-8"))
    setting = schema["properties"]["fetchNews"]
    [never] = [choice["const"] for choice in setting["oneOf"] if choice["title"] == "Never"]
    assert overrides[NEWS_PLUGIN]["fetchNews"] == never
    assert set(overrides[NEWS_PLUGIN]) <= set(schema["properties"])


@pytest.mark.slow  # starts a JupyterLab server
def test_lab_starts_without_asking_about_the_jupyter_news(lab):
    answer = api(lab, f"settings/{NEWS_PLUGIN}", prefix="lab/api/")
    assert answer["schema"]["properties"]["fetchNews"]["default"] == "false"  # "Never": the question is not asked
    assert answer["settings"].get("fetchNews", "false") == "false"


# -- running and saving a notebook in Lab leaves git clean ----------------------------------------------------
# What JupyterLab writes into a notebook that was run and saved: outputs, execution counts and the kernel's
# details of its language; and display settings of cells, as when the analyst folds a heading or an output.
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": sys.version.split()[0],
}


def run_as_in_lab(notebook: nbformat.NotebookNode, display_settings: bool = True) -> nbformat.NotebookNode:
    """``notebook`` as JupyterLab holds it after "Run All Cells" (and, with ``display_settings``, some folding)."""
    notebook = copy.deepcopy(notebook)
    count = 0
    for cell in notebook.cells:
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            cell.outputs = [
                nbformat.v4.new_output("display_data", data={"text/html": f"<p>{cell.id}</p>", "text/plain": "HTML"})
            ]
            if display_settings:
                cell.metadata["collapsed"] = False
                cell.metadata["scrolled"] = True
        elif display_settings and cell.source.startswith("#"):
            cell.metadata["jp-MarkdownHeadingCollapsed"] = True
    notebook.metadata["language_info"] = LANGUAGE_INFO
    return notebook


@pytest.fixture
def repository(project, git_config):
    """The project copy made a git repository, its notebook filter set as `make` sets it, everything committed.

    Its .venv is the environment the tests run in; git runs with no global or system configuration.
    """
    root = project.root
    for name in ("Makefile", ".gitattributes", ".gitignore"):
        shutil.copy(ROOT / name, root / name)
    (root / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    with open(root / ".gitignore", "a", encoding="utf-8") as ignore:
        ignore.write("/.venv\n")  # here a link to the environment, which the project's "/.venv/" does not match
    git(root, "init", "-q")
    made = subprocess.run(["make", "git-filter"], cwd=root, capture_output=True, text=True)
    assert made.returncode == 0 and "nbstripout" in made.stdout, made.stdout + made.stderr
    assert "nbstripout" in git(root, "config", "--local", "filter.nbstripout.clean")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "project")
    return project


@pytest.mark.slow  # git, make and the filter in subprocesses
def test_the_filter_stores_the_committed_notebooks_byte_for_byte(repository):
    for path in NOTEBOOKS:
        stored = subprocess.run(
            ["git", "-C", str(repository.root), "cat-file", "blob", f"HEAD:notebooks/{path.name}"],
            capture_output=True,
            check=True,
        ).stdout
        assert stored == path.read_bytes(), f"the filter rewrites {path.name}: commit it in the filter's form"


@pytest.mark.slow  # git, make and the filter in subprocesses
def test_a_notebook_run_and_saved_is_no_change_for_git_nor_for_provenance(repository):
    root = repository.root
    commit = git(root, "rev-parse", "HEAD").strip()
    for path in (root / "notebooks").glob("*.ipynb"):
        nbformat.write(run_as_in_lab(nbformat.read(path, as_version=4)), path)
    assert '"execution_count": 1' in (root / "notebooks" / "bulletin.ipynb").read_text(encoding="utf-8")
    assert git(root, "diff", "HEAD", "--stat") == ""  # through the filter: nothing to commit
    assert provenance.git_state(root) == (commit, False)  # provenance.json says the code is the commit's

    source = root / "notebooks" / "bulletin.ipynb"  # a real edit of a notebook is a change of the code
    source.write_text(source.read_text(encoding="utf-8").replace("display(bulletin.annex())", "bulletin"))
    assert provenance.git_state(root) == (commit, True)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_a_notebook_run_in_lab_keeps_its_hash(path, tmp_path):
    """The stamps and provenance.json hash a notebook as committed: a run saved in Lab renders nothing again."""
    saved = tmp_path / path.name
    nbformat.write(run_as_in_lab(nbformat.read(path, as_version=4), display_settings=False), saved)
    assert saved.read_bytes() != path.read_bytes()
    assert (
        provenance.file_digest(saved) == provenance.file_digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    )

    edited = nbformat.read(path, as_version=4)
    edited.cells[-1].source += "\n"
    nbformat.write(edited, saved)
    assert provenance.file_digest(saved) != provenance.file_digest(path)


@pytest.mark.slow  # starts a JupyterLab server
def test_a_notebook_saved_through_lab_is_no_change_of_the_code(repository, lab):
    """Saved as JupyterLab saves it, twice: the notebook, run, sent to the server's contents API."""
    commit = git(repository.root, "rev-parse", "HEAD").strip()
    path = repository.root / "notebooks" / "bulletin.ipynb"
    notebook = run_as_in_lab(nbformat.read(path, as_version=4))
    for run in ("first", "second, with longer outputs"):
        notebook.cells[-1].outputs[0].data["text/html"] += f"<p>{run}</p>"
        api(
            lab,
            "contents/bulletin.ipynb",
            method="PUT",
            body={"type": "notebook", "format": "json", "content": notebook},
        )
        assert run in path.read_text(encoding="utf-8")
        assert git(repository.root, "diff", "HEAD", "--stat") == ""
        assert provenance.git_state(repository.root) == (commit, False)

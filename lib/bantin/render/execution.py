"""Running a bulletin notebook with papermill, in a worker process that keeps a warm kernel.

Each worker of the pool starts one kernel when it starts, imports the library into it while the
parent consolidates the data, and reuses it for every notebook it runs, clearing the namespace
between notebooks: the kernel start and the imports are paid once per worker, not once per bulletin.
The executed notebook is then made reproducible: no timestamps, no random ids, no absolute paths,
execution counts as a fresh kernel would give them.
"""

from __future__ import annotations

import contextlib
import multiprocessing.util
import os
import re
import signal
import time
import traceback
from pathlib import Path

import nbformat
import papermill
from jupyter_client import KernelManager
from papermill.exceptions import PapermillExecutionError

from bantin.core import crash
from bantin.core.errors import BantinError, Failure, user_error_names
from bantin.core.project import STAGING_VARIABLE, Project

_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # the colours of IPython's tracebacks
KERNEL = "bantin"  # registered in .venv by the Makefile; the notebooks name it too
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]  # its plain-TCP notice and shutdown noise are not for analysts
KERNEL_LOG = "kernels.log"
STARTS = 3  # parallel kernel starts can race for ports: a failed start is tried again
_kernel = None  # this worker's kernel manager


def warm_up(root: str, source_date_epoch: str, staging: str) -> None:
    """Pool initializer: the environment of every run, and a kernel with the library already imported."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle: it stops the pool
    os.environ["BANTIN_ROOT"] = root  # the notebooks find the project without an absolute path in them
    os.environ[STAGING_VARIABLE] = staging  # and read the run's checked data, not yet published
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch)  # fonts subset by fontTools are dated by it
    _start_kernel()
    multiprocessing.util.Finalize(None, _stop_kernel, exitpriority=10)


def execute(notebook_path: str, parameters: dict) -> nbformat.NotebookNode:
    """The notebook executed by papermill on this worker's kernel, cleaned for reproducibility."""
    for attempt in range(2):
        manager = _kernel or _start_kernel()
        try:
            _run(manager, "%reset -f")  # a clean namespace: what the previous notebook defined is gone
            notebook = papermill.execute_notebook(
                notebook_path,
                None,
                parameters=parameters,
                kernel_name=KERNEL,
                progress_bar=False,
                km=manager,
            )
            strip_run_details(notebook)
            return notebook
        except PapermillExecutionError:
            raise  # the notebook's own error: running it again would not help
        except Exception:
            _stop_kernel()  # a dead or stuck kernel: the next attempt starts a fresh one
            if attempt:
                raise
    raise AssertionError("unreachable")


def failure(scope: str, error: Exception) -> Failure:
    """What to tell the analyst about a bulletin that failed: the error at its source, file and line.

    An error the user can act on (the wording file, the notes, …) is said as it is; anything else is a
    fault of the tool, said in one line, its traceback kept for whoever maintains the tool.
    """
    if isinstance(error, PapermillExecutionError):  # raised in the kernel, by a cell of the notebook
        if error.ename in user_error_names():
            return Failure(scope, error.evalue)
        text = _ANSI.sub("", "\n".join(error.traceback or [])) or str(error)
        # IPython sometimes cannot format an error, which then reaches papermill nameless: say which cell.
        cell = next(iter((error.source or "").strip().splitlines()), "?")
        value = error.evalue or f"lỗi khi chạy ô “{cell}”"
        return Failure(scope, crash.summary_of(error.ename, value, text), details=text)
    if isinstance(error, BantinError):
        return Failure(scope, str(error))
    return Failure(scope, crash.summary(error), details="".join(traceback.format_exception(error)))


def strip_run_details(notebook: nbformat.NotebookNode) -> None:
    """Take out of ``notebook``, in place, what differs run to run: times, durations, random ids, paths, counts."""
    notebook.metadata.pop("papermill", None)
    count = 0
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            for output in cell.outputs:
                if "execution_count" in output:
                    output.execution_count = count


def _start_kernel():
    global _kernel
    for attempt in range(1, STARTS + 1):
        manager = KernelManager(kernel_name=KERNEL)
        try:
            with open(_kernel_log(), "ab") as log:  # a kernel's own noise (a port taken, a warning) is not for analysts
                manager.start_kernel(extra_arguments=KERNEL_ARGUMENTS, stdout=log, stderr=log)
            _run(manager, "import bantin.bulletin.blocks", ready=True)
        except Exception:
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)
            if attempt == STARTS:
                raise
            time.sleep(0.2 * attempt)
            continue
        _kernel = manager
        return _kernel
    raise AssertionError("unreachable")


def _kernel_log() -> Path:
    """``.bantin/kernels.log``: what the kernels print, kept for whoever maintains the tool."""
    folder = Project(Path(os.environ["BANTIN_ROOT"])).state_dir
    folder.mkdir(parents=True, exist_ok=True)
    return folder / KERNEL_LOG


def _run(manager, code: str, ready: bool = False) -> None:
    """Run ``code`` quietly on the kernel through a client of its own (papermill's comes and goes)."""
    client = manager.client()
    client.start_channels()
    try:
        if ready:
            client.wait_for_ready(timeout=60)
        reply = client.execute_interactive(code, store_history=False, timeout=120, output_hook=lambda message: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the kernel could not run {code!r}: {reply['content'].get('evalue', '')}")
    finally:
        client.stop_channels()


def _stop_kernel() -> None:
    global _kernel
    if _kernel is None:
        return
    manager, _kernel = _kernel, None
    with contextlib.suppress(Exception):  # a kernel that is already gone needs no stopping
        manager.shutdown_kernel(now=True)

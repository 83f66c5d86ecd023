"""Running a bulletin notebook with papermill, in a worker process that keeps a warm kernel.

Each worker of the pool has one kernel of the run's kernel pool (``kernel_pool``, ``worker_kernel``), handed
to papermill as its ``km=``, and reuses it for every notebook it runs, clearing the namespace between
notebooks: the kernel start and the imports are paid once per worker, not once per bulletin, and while the
parent imports. The executed notebook is then made reproducible: no timestamps, no random ids, no absolute
paths, execution counts as a fresh kernel would give them.
"""

from __future__ import annotations

import re
import traceback

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from bantin import messages
from bantin.build import crash
from bantin.model.errors import BantinError, Failure, user_error_names
from bantin.render import worker_kernel
from bantin.render.kernel_pool import KERNEL

_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # the colours of IPython's tracebacks


def execute(notebook_path: str, parameters: dict) -> nbformat.NotebookNode:
    """The notebook executed by papermill on this worker's kernel, cleaned for reproducibility."""
    kernel = worker_kernel.this_worker()
    for attempt in range(2):
        manager = kernel.manager()
        try:
            # A clean namespace: what the previous notebook defined is gone.
            worker_kernel.run(manager, "%reset_selective -f .")
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
            kernel.stop()  # a dead or stuck kernel: the next attempt starts a fresh one
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
        value = error.evalue or messages.CELL_FAILED.format(cell=cell)
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

"""``make report``: consolidate the submissions, run the bulletin notebook per cluster, render, publish.

Notebooks run through papermill's Python API in a small process pool (papermill's working-directory
handling is not thread-safe, so processes, not threads), with typed parameters and absolute paths.
The period's data is consolidated once, before any notebook starts; notebooks read the result.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import completeness, consolidated, exports, validation_report
from .errors import Problem
from .exporters import BulletinHTMLExporter, BulletinPDFExporter
from .periods import Period
from .project import Project
from .publish import publish, write_atomic
from .reference import PROVINCE, Reference
from .report import document_title
from .site import STATUS, render_index, status

KERNEL = "bantin"  # registered in .venv by the Makefile; the notebooks name it too


@dataclass(frozen=True)
class Job:
    """One bulletin to produce: a cluster's (or the province's) notebook for a period."""

    root: str
    period: str
    scope: str  # a cluster code, or PROVINCE
    title: str

    @property
    def notebook(self) -> str:
        return "province.ipynb" if self.scope == PROVINCE else "bulletin.ipynb"

    @property
    def parameters(self) -> dict[str, str]:
        """Typed parameters, as the notebook's parameters cell declares them."""
        scope = {} if self.scope == PROVINCE else {"cluster": self.scope}
        return {"period": self.period, **scope, "project_dir": self.root}


@dataclass(frozen=True)
class Outcome:
    job: Job
    seconds: float
    error: str = ""  # empty when the report was published


def consolidate_up_to(project: Project, period: Period, strict: bool = False) -> list[Problem]:
    """Consolidate every half-year with submissions up to ``period`` (the bulletin compares with them).

    Returns the warnings of ``period`` itself; ``strict`` applies to ``period`` only, not to history.
    """
    reference = Reference(project.reference_dir)
    last = period.halves()[-1]
    warnings = []
    for half in project.periods_with_submissions():
        if half <= last:
            checked = consolidated.consolidate(project, half, reference, strict=strict and half in period.halves())
            warnings += checked.warnings if half in period.halves() else []
    return warnings


def publish_data(project: Project, period: Period, warnings: list[Problem]) -> None:
    """The period's validation report and figures for spreadsheets, beside its bulletins."""
    reference = Reference(project.reference_dir)
    observations = consolidated.load(project, [period], reference)
    by_cluster = completeness.by_cluster(reference, period, observations)
    table = exports.figures_table(observations, reference, period)
    publish(
        {
            STATUS: status(period, reference, by_cluster, len(warnings)),
            "validation.html": validation_report.to_html(warnings, period, reference, by_cluster).encode("utf-8"),
            "validation.csv": validation_report.to_csv(warnings),
            "data.csv": exports.to_csv(table),
            "data.xlsx": exports.to_xlsx(table, reference, period),
        },
        project.period_outputs_dir(period),
    )


def run_report(project: Project, period: Period, scopes: list[str], jobs: int = 2, strict: bool = False, log=print) -> list[Outcome]:
    """Render and publish each bulletin (clusters and ``PROVINCE``); a failed one leaves its previous files."""
    reference = Reference(project.reference_dir)
    warnings = consolidate_up_to(project, period, strict)
    publish_data(project, period, warnings)
    log(f"Bản tin {period.label}: {len(scopes)} bản tin, {jobs} tiến trình" + (f"; {len(warnings)} cảnh báo số liệu" if warnings else ""))
    work = [Job(str(project.root), str(period), scope, document_title(reference, period, scope)) for scope in scopes]
    outcomes = []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(work)))) as pool:
        for outcome in pool.map(render_job, work):
            status = "xong" if not outcome.error else f"LỖI: {outcome.error}"
            log(f"  {outcome.job.period} {outcome.job.scope:<12} {outcome.seconds:5.1f} s  {status}")
            outcomes.append(outcome)
    write_atomic(project.outputs_dir / "index.html", render_index(project, reference).encode("utf-8"))
    return outcomes


def render_job(job: Job) -> Outcome:
    """Run one notebook and render it; publish its three files only when all three exist."""
    started = time.perf_counter()
    try:
        files = render(Path(job.root), job)
    except Exception as error:  # reported per job: the other clusters still render
        return Outcome(job, time.perf_counter() - started, _one_line(error))
    publish(files, Path(job.root) / "outputs" / job.period)
    return Outcome(job, time.perf_counter() - started)


def render(root: Path, job: Job) -> dict[str, bytes]:
    """The executed notebook, its HTML and its PDF, as bytes by file name."""
    import papermill

    notebook = papermill.execute_notebook(
        str(root / "notebooks" / job.notebook),
        None,
        parameters=job.parameters,
        kernel_name=KERNEL,
        progress_bar=False,
        # The kernel's own log (plain-TCP notice, interrupt at shutdown) is noise on the analyst's terminal;
        # errors in the notebook still arrive as exceptions.
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
    )
    notebook.metadata["title"] = job.title
    html, _ = BulletinHTMLExporter().from_notebook_node(notebook)
    pdf, _ = BulletinPDFExporter().from_notebook_node(notebook)
    return {
        f"{job.scope}.ipynb": nbformat.writes(notebook).encode("utf-8"),
        f"{job.scope}.html": html.encode("utf-8"),
        f"{job.scope}.pdf": pdf,
    }


def _one_line(error: Exception) -> str:
    """The gist of an error: a notebook's own exception rather than papermill's whole traceback."""
    if hasattr(error, "ename"):  # papermill.PapermillExecutionError
        return f"{error.ename}: {error.evalue}"
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[-1] if lines else ''}"

"""``make report``: check the submissions, run each bulletin's notebook, render it, publish it — only what changed.

1. Under the project's lock, hash every input of the run (submissions, reference data, notes,
   notebooks, library, lock file, git state). Equal to the last run's and every output there: done,
   without importing anything heavy or starting a kernel.
2. Otherwise start the worker pool (each worker warms a kernel) while the submissions are checked and
   consolidated once for the whole run, and the period's validation report and data exports are written.
3. Each bulletin's stamp hashes its own slice of the data, its notes, the reference data, the code and
   the environment; a bulletin whose stamp is unchanged is not rendered again (``force`` renders all).
4. Workers execute the notebooks with papermill's Python API (processes, never threads: papermill's
   working-directory handling is not thread-safe), render HTML once and the PDF from it, and publish
   each file atomically, the provenance record last.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import provenance
from .periods import Period
from .project import Project
from .publish import publish, remove_stale_temporaries, run_lock, write_if_changed
from .reference import PROVINCE, Reference

RUN_STAMP = ".stamp.json"  # in outputs/<PERIOD>/: the inputs' hash of the last complete run, per set of scopes
OUTPUTS = ("ipynb", "html", "pdf", "provenance.json")


@dataclass(frozen=True)
class Job:
    """One bulletin to produce: a cluster's (or the province's) notebook for a period."""

    root: str
    period: str
    scope: str  # a cluster code, or PROVINCE
    title: str
    record: dict = field(default_factory=dict, compare=False)  # its provenance: stamp, data, code, inputs

    @property
    def notebook(self) -> str:
        return "province.ipynb" if self.scope == PROVINCE else "bulletin.ipynb"

    @property
    def parameters(self) -> dict[str, str]:
        """Typed parameters, as the notebook's parameters cell declares them; no path (see execution)."""
        return {"period": self.period} | ({} if self.scope == PROVINCE else {"cluster": self.scope})


@dataclass(frozen=True)
class Outcome:
    scope: str
    seconds: float = 0.0
    error: str = ""  # empty when the bulletin was published
    skipped: bool = False  # its outputs were up to date


def run_report(
    project: Project, period: Period, scopes: list[str], jobs: int = 2, strict: bool = False, force: bool = False, log=print
) -> list[Outcome]:
    """Bring the bulletins of ``period`` for ``scopes`` up to date; a failed one leaves its previous files."""
    with run_lock(project.root, log):
        remove_stale_temporaries(project.outputs_dir, project.processed_dir)
        code = provenance.code(project)
        digest = provenance.text_digest(provenance.run_digest(project, period, scopes, code), str(strict))
        if not force and _up_to_date(project, period, scopes, digest):
            log(f"Bản tin {period.label} đã mới nhất: không có gì thay đổi từ lần chạy trước.")
            return [Outcome(scope, skipped=True) for scope in scopes]
        outcomes = _render(project, period, scopes, jobs, strict, force, code, log)
        if not any(outcome.error for outcome in outcomes):
            _save_run_stamp(project, period, scopes, digest)
        return outcomes


def _render(project, period, scopes, jobs, strict, force, code, log) -> list[Outcome]:
    import papermill  # noqa: F401  (imported once here, shared by the forked workers)

    from . import consolidated, execution, exporters  # noqa: F401
    from .formatting import decimal

    epoch = str(int(dt.datetime.combine(period.end, dt.time(), dt.timezone.utc).timestamp()))
    workers = max(1, min(jobs, len(scopes)))
    # The workers, forked with the heavy modules already imported, warm their kernels while the data is checked.
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=execution.warm_up, initargs=(str(project.root), epoch))
    try:
        planned = _plan(project, period, scopes, strict, code, log)
        todo = [job for job in planned if force or job.record["stamp"] != _stored_stamp(project, job)]
        outcomes = {job.scope: Outcome(job.scope, skipped=True) for job in planned if job not in todo}
        log(f"Bản tin {period.label}: {len(todo)}/{len(planned)} cần làm lại, {workers} tiến trình")
        for outcome in pool.imap_unordered(render_job, todo):
            log(f"  {period} {outcome.scope:<12} {decimal(outcome.seconds):>5} s  {'xong' if not outcome.error else 'LỖI: ' + outcome.error}")
            outcomes[outcome.scope] = outcome
    except BaseException:
        pool.terminate()  # bad data or an interrupt: the warm kernels are not needed (they exit with their worker)
        raise
    finally:
        pool.close()
        pool.join()
    _publish_index(project)
    return [outcomes[scope] for scope in scopes]


def _plan(project: Project, period: Period, scopes: list[str], strict: bool, code: provenance.Code, log) -> list[Job]:
    """Check and consolidate the data, publish the period's data files, and stamp each bulletin."""
    from . import consolidated
    from .report import document_title

    reference = Reference(project.reference_dir)
    warnings = consolidate_up_to(project, period, strict)
    if warnings:
        log(f"{len(warnings)} cảnh báo về số liệu (xem outputs/{period}/validation.html và phụ lục bản tin).")
    observations = consolidated.load(project, _history(project, period), reference)
    publish_data(project, period, observations, warnings)
    shared = {
        **{path: provenance.file_digest(file) for path, file in _reference_files(project).items()},
        "requirements.lock": code.lock,
    }
    jobs = []
    for scope in scopes:
        data, sources = _data_slice(project, reference, period, scope, observations)
        notes = project.notes_file(period, scope)
        notebook = project.notebooks_dir / ("province.ipynb" if scope == PROVINCE else "bulletin.ipynb")
        inputs = dict(shared, **sources, **{project.relative(notebook): provenance.file_digest(notebook)})
        if notes.is_file():
            inputs[project.relative(notes)] = provenance.file_digest(notes)
        stamp = provenance.text_digest(str(period), scope, data, json.dumps(inputs, sort_keys=True), code.digest)
        record = {
            "period": str(period), "scope": scope, "stamp": stamp, "data": data, "inputs": inputs,
            "code": {"commit": code.commit, "dirty": code.dirty, "library": code.library, "lock": code.lock},
            "packages": provenance.packages(), "footer": provenance.footer(data, code),
        }
        jobs.append(Job(str(project.root), str(period), scope, document_title(reference, period, scope), record))
    return jobs


def consolidate_up_to(project: Project, period: Period, strict: bool = False) -> list:
    """Consolidate every half-year with submissions up to ``period`` (the bulletin compares with them).

    Returns the warnings of ``period`` itself; ``strict`` applies to ``period`` only, not to history.
    """
    from . import consolidated

    reference = Reference(project.reference_dir)
    warnings = []
    for half in _history(project, period):
        checked = consolidated.consolidate(project, half, reference, strict=strict and half in period.halves())
        warnings += checked.warnings if half in period.halves() else []
    return warnings


def publish_data(project: Project, period: Period, observations, warnings: list) -> None:
    """The period's status, validation report and figures for spreadsheets, beside its bulletins."""
    from . import completeness, exports, validation_report
    from .site import STATUS, status

    reference = Reference(project.reference_dir)
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


def render_job(job: Job) -> Outcome:
    """In a worker: run one notebook, render it, publish its files (the provenance record last)."""
    import nbformat

    from . import execution
    from .exporters import BulletinHTMLExporter, html_to_pdf

    started = time.perf_counter()
    try:
        notebook = execution.execute(str(Path(job.root) / "notebooks" / job.notebook), job.parameters)
        notebook.metadata["title"] = job.title
        notebook.metadata["bantin"] = {"footer": job.record["footer"]}
        html, _ = BulletinHTMLExporter().from_notebook_node(notebook)
        files = {
            f"{job.scope}.ipynb": nbformat.writes(notebook).encode("utf-8"),
            f"{job.scope}.html": html.encode("utf-8"),
            f"{job.scope}.pdf": html_to_pdf(html),
            f"{job.scope}.provenance.json": provenance.write_json({k: v for k, v in job.record.items() if k != "footer"}),
        }
    except Exception as error:  # reported per job: the other bulletins still render
        return Outcome(job.scope, time.perf_counter() - started, _one_line(error))
    publish(files, Path(job.root) / "outputs" / job.period)
    return Outcome(job.scope, time.perf_counter() - started)


def _data_slice(project: Project, reference: Reference, period: Period, scope: str, observations) -> tuple[str, dict[str, str]]:
    """The hash of the figures and warnings a bulletin shows, and the submission files they come from."""
    from . import consolidated

    if scope == PROVINCE:
        units = reference.unit_codes()
    else:
        units = {unit.code for half in _history(project, period) for unit in reference.units(half, scope)}
    rows = observations[observations["unit"].isin(units)].sort_values(["period", "unit", "indicator"])
    warnings = sorted(str(w) for w in consolidated.read_warnings(project, period) if w.unit_code in units)
    data = provenance.text_digest(rows[["period", "unit", "indicator", "value"]].to_csv(index=False), *warnings)
    sources = {
        file: sha for file, sha in rows[["source_file", "source_sha256"]].drop_duplicates().itertuples(index=False)
    }
    return data, dict(sorted(sources.items()))


def _history(project: Project, period: Period) -> list[Period]:
    """The half-years a bulletin of ``period`` reads: every one with submissions, up to its end."""
    return [half for half in project.periods_with_submissions() if half <= period.halves()[-1]]


def _reference_files(project: Project) -> dict[str, Path]:
    return {project.relative(path): path for path in sorted(project.reference_dir.iterdir()) if path.is_file()}


def _stored_stamp(project: Project, job: Job) -> str:
    folder = project.period_outputs_dir(Period.parse(job.period))
    record = folder / f"{job.scope}.provenance.json"
    if not record.is_file() or not all((folder / f"{job.scope}.{ext}").is_file() for ext in OUTPUTS[:3]):
        return ""
    return json.loads(record.read_text(encoding="utf-8")).get("stamp", "")


def _up_to_date(project: Project, period: Period, scopes: list[str], digest: str) -> bool:
    folder = project.period_outputs_dir(period)
    stamp = folder / RUN_STAMP
    if not stamp.is_file() or not (project.outputs_dir / "index.html").is_file():
        return False
    if json.loads(stamp.read_text(encoding="utf-8")).get(",".join(sorted(scopes))) != digest:
        return False
    return all((folder / f"{scope}.{ext}").is_file() for scope in scopes for ext in OUTPUTS)


def _save_run_stamp(project: Project, period: Period, scopes: list[str], digest: str) -> None:
    path = project.period_outputs_dir(period) / RUN_STAMP
    stamps = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    stamps[",".join(sorted(scopes))] = digest
    write_if_changed(path, provenance.write_json(stamps))


def _publish_index(project: Project) -> None:
    from .site import render_index

    write_if_changed(project.outputs_dir / "index.html", render_index(project, Reference(project.reference_dir)).encode("utf-8"))


def _one_line(error: Exception) -> str:
    """The gist of an error: a notebook's own exception rather than papermill's whole traceback."""
    if hasattr(error, "ename"):  # papermill.PapermillExecutionError
        return f"{error.ename}: {error.evalue}"
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[-1] if lines else ''}"

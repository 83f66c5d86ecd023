"""``make report``: check the submissions, render the bulletins, publish it all at once — only what changed.

1. Under the project's lock, ask ``freshness`` whether every file this report publishes is up to date: built
   from exactly today's inputs, and still as it was published. If so, done, without importing anything heavy
   or starting a kernel.
2. Otherwise start the worker pool (each worker warms a kernel) while the submissions of every half-year the
   report reads are checked, once, in memory, and staged for the kernels in ``.bantin/staging/``.
3. Each bulletin's stamp hashes its own slice of the data, its notes, the reference data, the code and the
   environment; a bulletin whose files still show that stamp is not rendered again (``force`` renders all).
4. Workers execute the notebooks with papermill's Python API (processes, never threads: papermill's
   working-directory handling is not thread-safe) and render the HTML once and the PDF from it, in memory.
5. If every bulletin rendered, one transaction publishes everything: ``data/processed/``, the period's data
   files, the bulletins, the index and the record of what each file was built from. If anything failed,
   nothing at all is published (``RenderError``, ``PublishError``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import freshness, provenance, site
from .errors import Failure, PublishError, RenderError
from .freshness import BULLETIN_FILES, PERIOD_FILES, Inputs, Record, State, bulletin_files
from .periods import Period
from .project import Project
from .publish import UNCHANGED, Transaction, check_writable, explain, remove_leftovers, run_lock
from .reference import PROVINCE, Reference

STAGING = "staging"  # in the project's state folder: the checked data of the run in progress
INDEX = "index.html"
LEGACY = (".stamp.json",)  # in outputs/<PERIOD>/: what earlier versions kept there, never written any more


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
    skipped: bool = False  # its files were up to date
    failure: Failure | None = None
    files: dict[str, bytes] | None = field(default=None, repr=False, compare=False)  # rendered, not yet published


def run_report(
    project: Project, period: Period, scopes: list[str], jobs: int = 2, strict: bool = False, force: bool = False, log=print
) -> list[Outcome]:
    """Bring the bulletins of ``period`` for ``scopes`` up to date, all of them or none (``RenderError``)."""
    with run_lock(project.state_dir, log):
        remove_leftovers(project.outputs_dir, project.processed_dir, project.state_dir)
        code = provenance.code(project)
        if not (force or strict) and is_up_to_date(project, period, scopes, code):
            log(f"Bản tin {period.label} đã mới nhất: không có gì thay đổi từ lần chạy trước.")
            outcomes = [Outcome(scope, skipped=True) for scope in scopes]
        else:
            check_writable(project.root, [project.period_outputs_dir(period), project.processed_dir, project.state_dir])
            outcomes = _render(project, period, scopes, jobs, strict, force, code, log)
        behind = stale_elsewhere(project, period, scopes, code)
        if behind:
            log(f"Lưu ý: bản tin {', '.join(behind)} trong outputs/{period}/ chưa theo số liệu hiện tại "
                f"(lượt này chỉ làm {', '.join(scopes)}); chạy make report PERIOD={period} để làm lại.")
        return outcomes


def stale_elsewhere(project: Project, period: Period, scopes: list[str], code: provenance.Code) -> list[str]:
    """The published bulletins of ``period`` outside ``scopes`` that a run of them now would change."""
    inputs, state, reference = Inputs(project, code), State.load(project), Reference(project.reference_dir)
    others = [cluster.code for cluster in reference.clusters_in(period)] + [PROVINCE]
    stale = []
    for scope in (scope for scope in others if scope not in scopes):
        names = [project.relative(path) for path in bulletin_files(project, period, scope) if path.is_file()]
        if names and not all(state.is_fresh(name, inputs.bulletin(period, scope)) for name in names):
            stale.append(scope)
    return stale


def is_up_to_date(project: Project, period: Period, scopes: list[str], code: provenance.Code) -> bool:
    """Every file a report of ``period`` for ``scopes`` publishes is as a clean render would write it now."""
    inputs, state = Inputs(project, code), State.load(project)
    if not all(state.is_fresh(name, digest) for name, digest in inputs.published_by(period, scopes).items()):
        return False
    if _orphans(project, period, scopes, Transaction(project.root)):
        return False
    catalogue = site.catalogue(project, Transaction(project.root))
    return state.is_fresh(project.relative(project.outputs_dir / INDEX), inputs.index(catalogue))


def _render(project, period, scopes, jobs, strict, force, code, log) -> list[Outcome]:
    import papermill  # noqa: F401  (imported once here, shared by the forked workers)

    from . import consolidated, execution, exporters  # noqa: F401
    from .formatting import decimal

    check_wording_and_notes(project, period, scopes)
    reference = Reference(project.reference_dir)
    staging = project.state_dir / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    epoch = str(int(dt.datetime.combine(period.end, dt.time(), dt.timezone.utc).timestamp()))
    workers = max(1, min(jobs, len(scopes)))
    # The workers, forked with the heavy modules already imported, warm their kernels while the data is checked.
    pool = multiprocessing.get_context("fork").Pool(
        workers, initializer=execution.warm_up, initargs=(str(project.root), epoch, str(staging))
    )
    try:
        transaction, records, inputs = Transaction(project.root), {}, Inputs(project, code)
        observations, warnings = _consolidate(project, period, strict, reference, staging, transaction, records, inputs)
        if warnings:
            log(f"{len(warnings)} cảnh báo về số liệu (xem outputs/{period}/validation.html và phụ lục bản tin).")
        digest = inputs.period(period)
        for path, content in period_files(project, period, observations, warnings, reference).items():
            _stage(transaction, records, project, path, content, Record(digest, _sha(content)))
        planned = _plan(project, period, scopes, code, reference, observations, warnings)
        state = State.load(project)
        todo = [job for job in planned if force or not _shows(state, project, job)]
        outcomes = {job.scope: Outcome(job.scope, skipped=True) for job in planned if job not in todo}
        log(f"Bản tin {period.label}: {len(todo)}/{len(planned)} cần làm lại, {workers} tiến trình")
        for outcome in pool.imap_unordered(render_job, todo):
            log(f"  {period} {outcome.scope:<12} {decimal(outcome.seconds):>5} s  {'LỖI' if outcome.failure else 'xong'}")
            outcomes[outcome.scope] = outcome
    except BaseException:
        pool.terminate()  # bad data or an interrupt: the warm kernels are not needed (they exit with their worker)
        raise
    finally:
        pool.close()
        pool.join()
        shutil.rmtree(staging, ignore_errors=True)
    failures = [outcome.failure for outcome in outcomes.values() if outcome.failure]
    if failures:
        raise RenderError(sorted(failures, key=lambda failure: scopes.index(failure.scope)))
    for job in planned:
        _stage_bulletin(transaction, records, project, job, outcomes[job.scope], state, inputs.bulletin(period, job.scope))
    removed = _orphans(project, period, scopes, transaction)
    for path in removed:
        transaction.remove(path)
    catalogue = site.catalogue(project, transaction)
    index = site.render_index(catalogue, reference).encode("utf-8")
    _stage(transaction, records, project, project.outputs_dir / INDEX, index, Record(inputs.index(catalogue), _sha(index)))
    # The record of what each file was built from goes last: a run killed before it leaves the old records,
    # which no longer match the files, so the next run rebuilds them.
    transaction.write(freshness.state_file(project), state.with_changes(records, [project.relative(p) for p in removed]))
    transaction.commit()
    return [Outcome(scope, outcomes[scope].seconds, outcomes[scope].skipped) for scope in scopes]


def check_wording_and_notes(project: Project, period: Period, scopes: list[str]) -> None:
    """The wording file compiles and each bulletin's notes read: said at once, before anything is rendered."""
    from .narrative import Wording
    from .notes import read_notes

    Wording(project.reference_dir / "narrative.j2")
    for scope in scopes:
        path = project.notes_file(period, scope)
        read_notes(path, project.relative(path))


def _consolidate(project, period, strict, reference, staging, transaction, records, inputs):
    """Check every half-year the report reads, stage its stored files for the kernels and for publishing.

    Returns the observations as the kernels will read them, and the warnings of ``period`` itself;
    ``strict`` applies to ``period`` only, not to the half-years it is compared with.
    """
    from . import consolidated

    warnings = []
    for half in project.history(period):
        checked = consolidated.consolidate(project, half, reference, strict=strict and half in period.halves())
        warnings += checked.warnings if half in period.halves() else []
        digest = inputs.processed(half)
        for path, content in consolidated.stored_files(project, half, checked).items():
            _write_private(project, staging / path.name, content)
            _stage(transaction, records, project, path, content, Record(digest, _sha(content)))
    observations = consolidated.load(Project(project.root, staging), project.history(period), reference)
    return observations, warnings


def period_files(project: Project, period: Period, observations, warnings: list, reference: Reference) -> dict[Path, bytes]:
    """The period's status, validation report and figures for spreadsheets, beside its bulletins."""
    from . import completeness, exports, validation_report

    by_cluster = completeness.by_cluster(reference, period, observations)
    table = exports.figures_table(observations, reference, period)
    folder = project.period_outputs_dir(period)
    files = {
        site.STATUS: site.status(period, reference, by_cluster, len(warnings)),
        "validation.html": validation_report.to_html(warnings, period, reference, by_cluster).encode("utf-8"),
        "validation.csv": validation_report.to_csv(warnings),
        "data.csv": exports.to_csv(table),
        "data.xlsx": exports.to_xlsx(table, reference, period),
    }
    return {folder / name: content for name, content in files.items()}


def _plan(project, period, scopes, code, reference, observations, warnings) -> list[Job]:
    """Each bulletin to consider, with the provenance record and the stamp of what it would show."""
    from .report import document_title

    shared = {
        **{project.relative(path): provenance.file_digest(path) for path in sorted(project.reference_dir.iterdir()) if path.is_file()},
        "requirements.lock": code.lock,
    }
    jobs = []
    for scope in scopes:
        data, sources = _data_slice(project, reference, period, scope, observations, warnings)
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


def render_job(job: Job) -> Outcome:
    """In a worker: run one notebook and render it, in memory; publishing is the parent's, for the whole run."""
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
            "ipynb": nbformat.writes(notebook).encode("utf-8"),
            "html": html.encode("utf-8"),
            "pdf": html_to_pdf(html),
            "provenance.json": provenance.write_json({k: v for k, v in job.record.items() if k != "footer"}),
        }
    except Exception as error:  # reported per bulletin, so that every failure of the run is said at once
        return Outcome(job.scope, time.perf_counter() - started, failure=execution.failure(job.scope, error))
    return Outcome(job.scope, time.perf_counter() - started, files=files)


def _data_slice(project, reference, period, scope, observations, warnings) -> tuple[str, dict[str, str]]:
    """The hash of the figures and warnings a bulletin shows, and the submission files they come from."""
    if scope == PROVINCE:
        units = reference.unit_codes()
    else:
        units = {unit.code for half in project.history(period) for unit in reference.units(half, scope)}
    rows = observations[observations["unit"].isin(units)].sort_values(["period", "unit", "indicator"])
    shown = sorted(str(warning) for warning in warnings if warning.unit_code in units)
    data = provenance.text_digest(rows[["period", "unit", "indicator", "value"]].to_csv(index=False), *shown)
    sources = {
        file: sha for file, sha in rows[["source_file", "source_sha256"]].drop_duplicates().itertuples(index=False)
    }
    return data, dict(sorted(sources.items()))


def _shows(state: State, project: Project, job: Job) -> bool:
    """The bulletin's files are all there, as published for this very stamp."""
    paths = bulletin_files(project, Period.parse(job.period), job.scope)
    return all(state.shows(project.relative(path), job.record["stamp"]) for path in paths)


def _stage_bulletin(transaction, records, project, job, outcome, state, digest) -> None:
    for path, extension in zip(bulletin_files(project, Period.parse(job.period), job.scope), BULLETIN_FILES):
        name = project.relative(path)
        if outcome.files is None:  # up to date: its record now says so for today's inputs
            records[name] = Record(digest, state.records[name].sha256, job.record["stamp"])
        else:
            content = outcome.files[extension]
            _stage(transaction, records, project, path, content, Record(digest, _sha(content), job.record["stamp"]))


def _stage(transaction, records, project, path, content, record) -> None:
    transaction.write(path, content)
    records[project.relative(path)] = record


def _orphans(project: Project, period: Period, scopes: list[str], tree: Transaction) -> list[Path]:
    """Files a clean render would not write: a report's outputs for a scope no longer active in ``period``
    (when every scope is rendered), the consolidated data of a half-year no longer submitted."""
    found = []
    reference = Reference(project.reference_dir)
    every_scope = [cluster.code for cluster in reference.clusters_in(period)] + [PROVINCE]
    folder = project.period_outputs_dir(period)
    if sorted(scopes) == sorted(every_scope):
        written = {path.name for scope in every_scope for path in bulletin_files(project, period, scope)} | set(PERIOD_FILES)
        suffixes = tuple(f".{extension}" for extension in BULLETIN_FILES)
        found += [folder / name for name in tree.names(folder) if name.endswith(suffixes) and name not in written]
    found += [folder / name for name in LEGACY if (folder / name).is_file()]
    submitted = {str(half) for half in project.history(period)}
    last = period.halves()[-1]
    for name in tree.names(project.processed_dir):
        half = name.split(".", 1)[0]
        if name.endswith(".csv") and _half_year(half) and _half_year(half) <= last and half not in submitted:
            found.append(project.processed_dir / name)
    return found


def _half_year(text: str) -> Period | None:
    try:
        period = Period.parse(text)
    except ValueError:
        return None
    return period if not period.is_year and str(period) == text else None


def _write_private(project: Project, path: Path, content: bytes) -> None:
    """A file of the tool's own (the staging), not a deliverable: written plainly, its failure explained."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as error:
        raise PublishError(f"{explain(error, path, project.root)} {UNCHANGED}") from None


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()

"""A report with work to do: its data checked once, its bulletins rendered, everything published at once.

1. The workers start (each takes one kernel of the run's kernel pool, started before the heavy imports,
   ``kernel_pool``) while the submissions of every half-year the report
   reads are checked, once, in memory, and staged in ``.bantin/staging/``, where the notebooks read them
   (their parameter ``data="staged"``).
2. A bulletin whose files still show its stamp (``jobs``) is not rendered again (``force`` renders all); the
   others are rendered by the workers, in memory (papermill's Python API in processes, never threads: its
   working-directory handling is not thread-safe).
3. If every bulletin rendered, one ``Publication`` puts everything in place: ``data/processed/``, the period's
   data files, the bulletins, the printable set and the archive (``collection``: made again from the bulletins'
   published bytes when every bulletin of the period is current, else left as they were), the index and the
   record of what each file was built from. If anything failed, nothing at all is published (``RenderError``,
   ``PublishError``).
"""

from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import papermill  # noqa: F401  (imported once here, before the workers are forked: they share it)

from bantin import messages
from bantin.build import products, provenance
from bantin.build.freshness import Inputs, Publication, State
from bantin.build.products import bulletin_files, collection_files
from bantin.build.project import Project
from bantin.build.publish import UNCHANGED, explain
from bantin.bulletin import narrative
from bantin.bulletin.notes import read_notes
from bantin.formatting import decimal
from bantin.intake import completeness, consolidated
from bantin.model.errors import PublishError, RenderError
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference
from bantin.model.tally import Tally
from bantin.render import collection, data_files, index_refresh, outputs, pages, worker_kernel
from bantin.render.jobs import Job, plan, render_job
from bantin.render.kernel_pool import KernelPool
from bantin.render.outcome import Outcome


def check_wording_and_notes(project: Project, period: Period, scopes: list[str]) -> None:
    """The wording file compiles and each bulletin's notes read: said at once, before anything is rendered."""
    narrative.wording_of(project.reference).for_figures({})  # compiled, and what needs no figures run
    for scope in scopes:
        path = project.notes_file(period, scope)
        read_notes(path, project.relative(path))


class Batch:
    """A report with work to do: its data checked once, its bulletins rendered, everything published at once."""

    def __init__(
        self, project: Project, period: Period, scopes: list[str], code: provenance.Code, kernels: KernelPool, log
    ):
        self.project, self.period, self.scopes, self.code, self.log = project, period, scopes, code, log
        self.kernels = kernels  # started before the heavy imports, one per worker
        self.reference = project.reference
        self.inputs = Inputs(project, code)
        self.publication = Publication(project, State.load(project))
        self.staging = project.staging_dir
        self.behind: list[str] = []  # the other published bulletins of the period that the data has overtaken
        self.absent: list[str] = []  # the bulletins of the period never published: the set waits for them

    def render(self, workers: int, strict: bool, force: bool) -> list[Outcome]:
        check_wording_and_notes(self.project, self.period, self.scopes)
        with self._workers(workers) as pool:
            observations, warnings = self._consolidate(strict)
            planned = plan(self.project, self.period, self.scopes, self.code, self.reference, observations, warnings)
            todo = [job for job in planned if force or not self._shows(job)]
            published = [
                scope
                for scope in self.reference.scopes(self.period)
                if scope not in self.scopes
                and any(path.is_file() for path in bulletin_files(self.project, self.period, scope))
            ]
            others = plan(self.project, self.period, published, self.code, self.reference, observations, warnings)
            self.behind = [job.scope for job in others if not self._shows(job)]  # what this run leaves out of date
            self.absent = [
                scope for scope in self.reference.scopes(self.period) if scope not in self.scopes + published
            ]
            outcomes = {job.scope: Outcome(job.scope, skipped=True) for job in planned if job not in todo}
            self.log(
                messages.PLAN.format(period=self.period.label, todo=len(todo), planned=len(planned), workers=workers)
            )
            outcomes |= self._render_jobs(pool, todo)
        self._raise_failures(outcomes)
        self._publish(planned, outcomes, force)
        return [Outcome(scope, outcomes[scope].seconds, outcomes[scope].skipped) for scope in self.scopes]

    def render_issue(self, workers: int, issue: dict) -> tuple[list[Job], dict[str, Outcome]]:
        """Every bulletin of ``scopes`` rendered again, in memory, with ``issue`` (the notebooks' parameter: its
        number and date of issue) for ``make issue`` (``render.issue``); nothing is published. The data are
        checked as a report checks them, and the period's files are left in ``publication`` (uncommitted) for
        the issue to read."""
        check_wording_and_notes(self.project, self.period, self.scopes)
        with self._workers(workers) as pool:
            observations, warnings = self._consolidate(strict=False)
            planned = plan(self.project, self.period, self.scopes, self.code, self.reference, observations, warnings)
            outcomes = self._render_jobs(pool, [replace(job, issue=issue) for job in planned])
        self._raise_failures(outcomes)
        return planned, outcomes

    @contextmanager
    def _workers(self, workers: int):
        """The workers (each takes one of the kernels the run started), with a clean staging folder, for the
        run's checks and renders; gone after, with the staging."""
        shutil.rmtree(self.staging, ignore_errors=True)
        pool = worker_kernel.workers(self.kernels, workers)
        try:
            yield pool
        except BaseException:
            pool.terminate()  # bad data or an interrupt: the warm kernels are not needed (they exit with their worker)
            raise
        finally:
            pool.close()
            pool.join()
            shutil.rmtree(self.staging, ignore_errors=True)

    def _render_jobs(self, pool, todo: list[Job]) -> dict[str, Outcome]:
        outcomes = {}
        for outcome in pool.imap_unordered(render_job, largest_first(todo)):
            result = messages.RENDERED_FAILED if outcome.failure else messages.RENDERED_OK
            seconds = decimal(outcome.seconds)
            self.log(
                messages.RENDERED_ONE.format(period=self.period, scope=outcome.scope, seconds=seconds, result=result)
            )
            outcomes[outcome.scope] = outcome
        return outcomes

    def _raise_failures(self, outcomes: dict[str, Outcome]) -> None:
        failures = [outcome.failure for outcome in outcomes.values() if outcome.failure]
        if failures:
            raise RenderError(sorted(failures, key=lambda failure: self.scopes.index(failure.scope)))

    def _consolidate(self, strict: bool):
        """Check every half-year the report reads; stage its stored files for the kernels and for publishing.

        Returns the observations as the kernels will read them, and the warnings of the period itself, with
        its data files staged too; ``strict`` applies to the period only, not to the half-years it is
        compared with.
        """
        project, period, warnings = self.project, self.period, []
        for half in project.history(period):
            checked = consolidated.consolidate(project, half, self.reference, strict=strict and half in period.halves())
            warnings += checked.warnings if half in period.halves() else []
            for path, content in consolidated.stored_files(project, half, checked).items():
                self._write_staging(self.staging / path.name, content)
                self.publication.write(path, content, self.inputs.processed(half))
        observations = consolidated.load(project, project.history(period), self.reference, consolidated.STAGED)
        for path, content in period_files(project, period, observations, warnings, self.reference).items():
            self.publication.write(path, content, self.inputs.period(period))
        return observations, warnings

    def _shows(self, job: Job) -> bool:
        """The bulletin's files are all there, as published for this very stamp."""
        paths = bulletin_files(self.project, self.period, job.scope)
        return all(self.publication.state.shows(self.project.relative(path), job.stamp) for path in paths)

    def _publish(self, planned: list[Job], outcomes: dict[str, Outcome], force: bool) -> None:
        publication = self.publication
        for job in planned:
            files = outcomes[job.scope].files
            for path in bulletin_files(self.project, self.period, job.scope):
                digest = self.inputs.of_bulletin_file(path, self.period, job.scope)
                if path.name.endswith(products.PROVENANCE):  # the record, made here: git's view of the code may
                    publication.write(path, provenance.write_json(job.provenance), digest, job.stamp)  # have moved
                elif files is None:
                    publication.keep(path, digest)  # up to date: its record now says so for today's inputs
                else:
                    publication.write(path, files[path.name.removeprefix(f"{job.scope}.")], digest, job.stamp)
        for path in outputs.orphans(self.project, self.period, self.scopes, publication.files):
            publication.remove(path)
        if not (self.behind or self.absent):
            self._publish_collection(force)
        index_refresh.publish_index(publication, self.project, self.reference, self.inputs)
        publication.commit()

    def _publish_collection(self, force: bool) -> None:
        """The printable set and the archive, from the bulletins as this run publishes them (every one current);
        kept when what they are made of has not changed, unless ``force``."""
        publication, project, period = self.publication, self.project, self.period
        paths, digest = collection_files(project, period), self.inputs.collection(period)
        if not force and all(publication.state.is_fresh(project.relative(path), digest) for path in paths):
            for path in paths:
                publication.keep(path, digest)
            return
        folder = project.period_outputs_dir(period)
        scopes = [PROVINCE] + [scope for scope in self.reference.scopes(period) if scope != PROVINCE]
        read = publication.files.read
        members = [
            collection.Member(scope, narrative.scope_name(self.reference, scope, period), read(folder / f"{scope}.pdf"))
            for scope in scopes
        ]
        status = json.loads(read(folder / products.STATUS))
        printable_set, archive = paths
        files = {printable_set.name: collection.printable_set(self.reference, period, members, status)}
        for scope in scopes:
            for extension in products.ARCHIVED:
                if (content := read(folder / f"{scope}.{extension}")) is not None:
                    files[f"{scope}.{extension}"] = content
        files |= {name: read(folder / name) for name in (products.DATA_WORKBOOK, products.DATA_TABLE)}
        publication.write(printable_set, files[printable_set.name], digest)
        publication.write(archive, collection.archive(period, files), digest)

    def _write_staging(self, path: Path, content: bytes) -> None:
        """A file of the tool's own, not a deliverable: written plainly, its failure explained."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        except OSError as error:
            raise PublishError(f"{explain(error, path, self.project.root)} {UNCHANGED}") from None


def largest_first(jobs: list[Job]) -> list[Job]:
    """The jobs in the order the workers take them: the province's first, the longest to render (every unit in its
    tables and annex), so that no worker is left rendering it alone at the end while the others wait (2026H1 on two
    workers: 8,6–8,7 s to the last bulletin with it last, 7,9–8,1 s with it first); the others as planned."""
    return sorted(jobs, key=lambda job: job.scope != PROVINCE)


def period_files(
    project: Project, period: Period, observations, warnings: list, reference: Reference
) -> dict[Path, bytes]:
    """The period's status, validation report and figures for spreadsheets, beside its bulletins.

    The validation report lists, beside the warnings of the checks, every unit still awaited, every figure left
    blank in a received file and every late submission: a draft's gaps are part of its check. Its tally goes into
    the status too, for the terminal (``cli``), which says the same counts as the page and ``validation.csv``.
    """
    by_cluster = completeness.by_cluster(reference, period, observations)
    folder = project.relative(project.raw_period_dir(period.halves()[-1]))
    checked = warnings + completeness.gap_problems(reference, period, observations, folder)
    province = narrative.scope_name(reference, PROVINCE, period)
    table = data_files.figures_table(observations, reference, period)
    files = {
        products.STATUS: outputs.status(period, reference, by_cluster, len(warnings), province, Tally.of(checked)),
        products.VALIDATION_PAGE: pages.validation(checked, period, reference, by_cluster).encode("utf-8"),
        products.VALIDATION_TABLE: data_files.problems_csv(checked),
        products.DATA_TABLE: data_files.to_csv(table),
        products.DATA_WORKBOOK: data_files.to_xlsx(table, reference, period),
    }
    return {project.period_outputs_dir(period) / name: content for name, content in files.items()}

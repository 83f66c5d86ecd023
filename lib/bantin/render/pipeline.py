"""``make report``: check the submissions, render the bulletins, publish it all at once — only what changed.

1. Under the project's lock, ask ``outputs`` whether every file this report publishes is up to date: built
   from exactly today's inputs, and still as it was published. If so, done: this module and what it imports
   are the standard library's and the project's model and build only (a test guards it), so nothing heavy is imported
   and no kernel starts.
2. Otherwise the kernels start at once (``kernel_pool``), and ``batch`` (imported only then, while they boot)
   checks the submissions once and renders what changed on them, and one transaction publishes everything,
   or nothing.
"""

from __future__ import annotations

from bantin import messages
from bantin.build import provenance
from bantin.build.freshness import Inputs
from bantin.build.products import PRINTABLE_SET, archive_name
from bantin.build.project import Project
from bantin.build.publish import check_writable, remove_leftovers, run_lock
from bantin.model.periods import Period
from bantin.render.frozen_imports import imports_frozen
from bantin.render.outcome import Outcome
from bantin.render.outputs import is_up_to_date


def run_report(
    project: Project,
    period: Period,
    scopes: list[str],
    jobs: int = 2,
    strict: bool = False,
    force: bool = False,
    log=print,
) -> list[Outcome]:
    """Bring the bulletins of ``period`` for ``scopes`` up to date, all of them or none (``RenderError``)."""
    with run_lock(project.state_dir, log):
        remove_leftovers(project.outputs_dir, project.processed_dir, project.state_dir)
        code = provenance.code(project)
        if not (force or strict) and is_up_to_date(project, period, scopes, Inputs(project, code)):
            log(messages.UP_TO_DATE.format(period=period.label))
            return [Outcome(scope, skipped=True) for scope in scopes]
        check_writable(project.root, [project.period_outputs_dir(period), project.processed_dir, project.state_dir])
        from bantin.render.kernel_pool import KernelPool  # the standard library's

        workers = max(1, min(jobs, len(scopes)))
        kernels = KernelPool.start(project, period, workers)  # first: they boot while the heavy modules load
        try:
            with imports_frozen():
                from bantin.render.batch import Batch  # the heavy modules, only now that there is work to do

            batch = Batch(project, period, scopes, code, kernels, log)
            outcomes = batch.render(workers, strict, force)
        finally:
            kernels.stop()
        collection = messages.COLLECTION.format(printable_set=PRINTABLE_SET, archive=archive_name(period))
        done = ", ".join(scopes)
        if batch.behind:
            behind = ", ".join(batch.behind)
            log(messages.OTHERS_BEHIND.format(behind=behind, period=period, scopes=done, collection=collection))
        elif batch.absent:
            absent = ", ".join(batch.absent)
            log(messages.OTHERS_ABSENT.format(absent=absent, period=period, scopes=done, collection=collection))
        return outcomes

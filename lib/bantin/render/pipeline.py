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

from bantin.build import provenance
from bantin.build.freshness import Inputs
from bantin.build.products import PRINTABLE_SET, archive_name
from bantin.build.project import Project
from bantin.build.publish import check_writable, remove_leftovers, run_lock
from bantin.model.periods import Period
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
            log(f"Bản tin {period.label} đã mới nhất: không có gì thay đổi từ lần chạy trước.")
            return [Outcome(scope, skipped=True) for scope in scopes]
        check_writable(project.root, [project.period_outputs_dir(period), project.processed_dir, project.state_dir])
        from bantin.render.kernel_pool import KernelPool  # the standard library's

        workers = max(1, min(jobs, len(scopes)))
        kernels = KernelPool.start(project, period, workers)  # first: they boot while the heavy modules load
        try:
            from bantin.render.batch import Batch  # the heavy modules, only now that there is work to do

            batch = Batch(project, period, scopes, code, kernels, log)
            outcomes = batch.render(workers, strict, force)
        finally:
            kernels.stop()
        collection = f"{PRINTABLE_SET} và {archive_name(period)}"
        if batch.behind:
            log(
                f"Lưu ý: bản tin {', '.join(batch.behind)} trong outputs/{period}/ chưa theo số liệu hiện tại "
                f"(lượt này chỉ làm {', '.join(scopes)}), nên {collection} cũng chưa được làm lại; "
                f"chạy make report PERIOD={period} để làm lại."
            )
        elif batch.absent:
            log(
                f"Lưu ý: chưa làm {collection} vì kỳ còn thiếu bản tin {', '.join(batch.absent)} (lượt này chỉ làm "
                f"{', '.join(scopes)}); chạy make report PERIOD={period} để làm đủ."
            )
        return outcomes

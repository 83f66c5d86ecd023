"""The command line behind the Makefile: ``bantin check|report``.

Arguments are checked with the standard library alone, before pandas, papermill or a kernel load,
so a mistyped period or cluster is refused in a fraction of a second with one line and exit 2.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import sys
import time

from bantin import messages
from bantin.build.project import Project
from bantin.model.errors import BantinError, PublishError, RenderError, SubmissionError
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference

# Imported where they are needed, not here: the Makefile's argument check runs this module before every
# command, and a run with nothing to do must stay light (build.crash, render.pipeline, render.outputs).

EXIT_BAD_INPUT = 2  # bad arguments, submissions, reference data, wording or notes: the user fixes something
EXIT_NOT_PUBLISHED = 1  # the outputs could not be written (a read-only folder, a full disk, a locked file)
EXIT_BUG = 3  # a fault of the tool itself: the report of it goes to whoever maintains it
EXIT_INTERRUPTED = 130


def usable_cpus() -> int:
    """The processors this process may run on (its affinity: a pinned or shared machine gives fewer than it has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run() -> None:
    """The ``bantin`` command (and ``python -m bantin.cli``): ``main``, then the process ends at once, its output
    flushed and its exit handlers run, but without the interpreter's teardown, which frees every module and
    object one by one: 0,4 s after a report, longer than the whole run of a report with nothing to do. Nothing
    is lost: the files are written and closed, the kernels stopped, and each worker has already left the same
    way (multiprocessing ends its workers with ``os._exit``)."""
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()  # logging's, multiprocessing's, the temporary folders' (weakref.finalize)
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bantin", description=messages.DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("check", messages.HELP_CHECK),
        ("report", messages.HELP_REPORT),
        ("template", messages.HELP_TEMPLATE),
        ("issue", messages.HELP_ISSUE),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--period", required=True, help=messages.HELP_PERIOD)
        command.add_argument("--cluster", default="", help=messages.HELP_CLUSTER)
        command.add_argument("--project", default=None, help=messages.HELP_PROJECT)
    commands.choices["check"].add_argument(
        "--for", dest="purpose", choices=("report", "template", "issue"), default="report"
    )
    report, issue = commands.choices["report"], commands.choices["issue"]
    for command in (report, issue):
        command.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS") or usable_cpus()))
    issue.add_argument("--date", default=os.environ.get("DATE", ""), help=messages.HELP_DATE)
    issue.add_argument(
        "--partial", action="store_true", default=os.environ.get("PARTIAL") == "1", help=messages.HELP_PARTIAL
    )
    report.add_argument(
        "--strict",
        action="store_true",
        default=os.environ.get("STRICT") == "1",
        help=messages.HELP_STRICT,
    )
    report.add_argument(
        "--force",
        action="store_true",
        default=os.environ.get("FORCE") == "1",
        help=messages.HELP_FORCE,
    )
    args = parser.parse_args(argv)
    purpose = args.command if args.command in ("template", "issue") else getattr(args, "purpose", "report")
    project = None
    try:
        project = Project.find(args.project)
        period, clusters = check_request(project, args.period, args.cluster or None, purpose)
        if args.command == "check":
            return 0
        if args.command == "template":
            return _template(project, period, args.cluster if args.cluster != PROVINCE else None)
        if args.command == "issue":
            return _issue(project, period, args.date, args.partial, args.jobs)
        status = _report(project, period, clusters, args.jobs, args.strict, args.force)
        _forget_failed_validation(project, period)
        return status
    except SubmissionError as error:
        from bantin.formatting import count  # babel: only once an intake has failed

        written, page = _write_failed_validation(project, error)
        # The first problems, and how many more the report lists.
        print(error.report(page, count=lambda number: count(number, pad=False)), file=sys.stderr)
        print(written, file=sys.stderr)
        return EXIT_BAD_INPUT
    except RenderError as error:
        for line in _render_failures(project, error):
            print(line, file=sys.stderr)
        return EXIT_BUG if any(failure.details for failure in error.failures) else EXIT_BAD_INPUT
    except PublishError as error:
        print(messages.ERROR.format(message=error), file=sys.stderr)
        return EXIT_NOT_PUBLISHED
    except BantinError as error:
        # `check` speaks to make, whose error line ends with its own full stop.
        message = messages.ERROR.format(message=error)
        print(message.rstrip(".") if args.command == "check" else message, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(messages.INTERRUPTED.format(unchanged=messages.UNCHANGED), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug: one line here, the traceback in a report
        import traceback

        from bantin.build import crash

        report = crash.save(project.state_dir if project else None, traceback.format_exc())
        print(crash.message(crash.summary(error), report, project.root if project else None), file=sys.stderr)
        return EXIT_BUG


def check_request(
    project: Project, period_text: str, cluster: str | None, purpose: str = "report"
) -> tuple[Period, list[str]]:
    """The period and clusters to work on, or a ``BantinError`` saying in one line what is wrong."""
    if not period_text.strip():
        raise BantinError(messages.PERIOD_NEEDED.format(purpose=purpose))
    period = Period.parse(period_text)
    reference = project.reference
    if cluster and cluster not in reference.clusters and cluster != PROVINCE:
        clusters = ", ".join(each.code for each in reference.clusters_in(period)) or ", ".join(reference.clusters)
        whole = reference.organisation_for(period)["province_name"]
        raise BantinError(
            messages.NO_SUCH_CLUSTER.format(cluster=cluster, clusters=clusters, province=PROVINCE, whole=whole.lower())
        )
    if purpose == "issue" and cluster:
        raise BantinError(messages.ISSUE_WHOLE_PERIOD.format(cluster=cluster))
    if purpose == "template" and period.is_year:
        raise BantinError(messages.TEMPLATE_BY_HALF_YEAR.format(period=period))
    if cluster and cluster != PROVINCE and not reference.clusters[cluster].has_bulletin:
        raise BantinError(_predecessor_cluster(reference, cluster))  # whatever the period: it never has a bulletin
    missing = [half for half in period.halves() if not project.raw_period_dir(half).is_dir()]
    if purpose in ("report", "issue") and missing:
        raise BantinError(_without_submissions(period, missing[0], dt.date.today()))
    scopes = reference.scopes(period)
    if scopes == [PROVINCE]:
        raise BantinError(messages.NO_UNIT_IN_PERIOD.format(period=period))
    if cluster and cluster not in scopes:
        raise BantinError(messages.NO_UNIT_IN_CLUSTER.format(cluster=cluster, period=period))
    return period, [cluster] if cluster else scopes


def _without_submissions(period: Period, half: Period, today: dt.date) -> str:
    """Why ``period`` has no submissions for ``half`` (its folder is missing), and how a period is prepared: not
    begun yet, under way, or past."""
    words = {"period": period, "label": period.label, "half": half, "start": half.start, "end": half.end}
    if half.start > today:
        return messages.PERIOD_NOT_BEGUN.format(**words)
    if half.end >= today:
        return messages.PERIOD_UNDER_WAY.format(**words)
    return messages.NO_SUBMISSIONS_FOLDER.format(**words)


def _predecessor_cluster(reference: Reference, cluster: str) -> str:
    """Why a predecessor cluster has no bulletin of its own, and which bulletins show its figures."""
    successors = [
        messages.PREDECESSOR_CLUSTER_SUCCESSOR.format(name=each.name[:1].lower() + each.name[1:], code=each.code)
        for each in reference.successor_clusters(cluster)
    ]
    shown = ", ".join(successors) if successors else messages.PREDECESSOR_CLUSTER_NO_SUCCESSOR
    name = reference.clusters[cluster].name
    return messages.PREDECESSOR_CLUSTER.format(cluster=cluster, name=name, successors=shown)


def _template(project: Project, period: Period, cluster: str | None) -> int:
    from bantin.intake.template import write_templates  # openpyxl: not for the argument check

    written = write_templates(project, period, cluster or None)
    folder = written[0].parent.relative_to(project.root) if written else "data/templates"
    print(messages.TEMPLATES_WRITTEN.format(count=len(written), period=period.label, folder=folder))
    return 0


def _issue(project: Project, period: Period, date_text: str, partial: bool, jobs: int) -> int:
    from bantin.model.register import today
    from bantin.render.issue import run_issue  # papermill and the kernels: only now

    day = None
    if date_text.strip():
        try:
            day = dt.date.fromisoformat(date_text.strip())
        except ValueError:
            raise BantinError(messages.ISSUE_DATE_INVALID.format(text=date_text.strip())) from None
    issued = run_issue(project, period, day, partial, today(), jobs)
    for line in issued.lines:
        print(line)
    return 0


def _write_failed_validation(project: Project, error: SubmissionError) -> tuple[str, str]:
    """The line naming the report of a failed intake, written inside the project (data/failed-validation/),
    never into outputs/, which keeps the last good run; and the path of its page relative to the project, or ""
    when it could not be written."""
    from bantin.render import failed_validation  # its writers import jinja2 and pandas, once it runs

    written = failed_validation.write_and_name(project, error)
    page = project.relative(failed_validation.report_folder(project, error.period) / failed_validation.PAGE)
    return written, page if written.endswith(page) else ""


def _forget_failed_validation(project: Project, period: Period) -> None:
    """The intake of every half-year the run read passed: their reports of an earlier failure are stale."""
    from bantin.render import failed_validation  # the standard library, model and build: a no-op run stays light

    failed_validation.forget(project, project.history(period))


def _report(project: Project, period: Period, scopes: list[str], jobs: int, strict: bool, force: bool) -> int:
    from bantin.render.outputs import completeness_lines, issue_line
    from bantin.render.pipeline import run_report

    started = time.perf_counter()
    outcomes = run_report(project, period, scopes, jobs, strict, force)
    written = str  # a no-op writes its figures plainly (the same under a thousand)
    if not all(outcome.skipped for outcome in outcomes):  # a no-op imports nothing heavy, not even for numbers
        from bantin.formatting import count, decimal  # babel: the run had work to do, so it is loaded already

        def written(number: int) -> str:
            return count(number, pad=False)

        print(messages.SUMMARY_HEAD.format(**messages.SUMMARY_HEAD_WORDS))
        for outcome in outcomes:
            result = messages.KEPT if outcome.skipped else messages.RENDERED_AGAIN
            print(messages.SUMMARY_LINE.format(scope=outcome.scope, seconds=decimal(outcome.seconds), result=result))
        seconds = decimal(time.perf_counter() - started)
        print(messages.SUMMARY_TOTAL.format(count=len(outcomes), period=period, seconds=seconds))
    # Who has reported, then the check's counts (the validation report's) and the late units: the last thing a
    # draft's reader needs; then, once the period is issued, its latest issue and whether its figures moved since.
    for line in completeness_lines(project, period, written):
        print(line)
    if issued := issue_line(project, period, written):
        print(issued)
    return 0


def _render_failures(project: Project, error: RenderError) -> list[str]:
    """One line per distinct failure, naming the bulletins it stopped; a fault of the tool saved to a report."""
    from bantin.build import crash

    by_message: dict[str, list] = {}
    for failure in error.failures:
        by_message.setdefault(failure.message, []).append(failure)
    lines = []
    for message, failures in by_message.items():
        scopes = ", ".join(failure.scope for failure in failures)
        if failures[0].details:
            report = crash.save(project.state_dir, failures[0].details)
            lines.append(
                messages.RENDER_BUG.format(message=crash.message(message, report, project.root), scopes=scopes)
            )
        else:
            lines.append(messages.RENDER_FAILED.format(message=message, scopes=scopes))
    lines.append(messages.NOTHING_PUBLISHED.format(count=len(error.failures)))
    return lines


if __name__ == "__main__":
    run()

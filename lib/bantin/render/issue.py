"""``make issue``: a period's bulletins issued as they stand, under the register's next number and a date.

1. Under the project's lock, what the analyst has read must be what goes out: the period's drafts are current
   (``outputs.is_up_to_date``, as a ``make report`` with nothing to do), no half-year has failed its check, no file
   awaits a decision about its unit, and every unit has reported (unless ``partial``: the bulletin then says it
   went out before). Each refusal is one line.
2. The register (``model.register``) gives the number, in the series of the organisation in force on the date of
   issue and its committee's term. When the period was issued before and its bulletins' stamps have not changed,
   there is nothing to issue (said, exit 0).
3. The bulletins are rendered again with the number and the date (``Batch.render_issue``, on the same warm
   kernels as a report), then the set, and for a correction the "Đính chính" notice: each figure changed since the
   issue it corrects and each sentence whose wording changed (``bulletin.correction``, ``render.correction``). If
   nothing the bulletins say has changed (a change of the code alone), nothing is issued.
4. ``build.issues.write`` puts ``issued/<PERIOD>/<number>-<symbol>/`` in place whole, read-only, then the
   register; the index (``render.index_refresh``) says it.

An issue in the register whose folder is missing (a checkout without it) is made again, from the same inputs only
(its ``stamp``): that is how an issue is re-rendered from history.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from bantin import messages
from bantin.build import issues, products, provenance
from bantin.build.freshness import Inputs, State
from bantin.build.project import Project
from bantin.build.publish import run_lock
from bantin.formatting import date_numeric
from bantin.model.errors import BantinError
from bantin.model.periods import Period
from bantin.model.register import Issue, Register, folder_name, term_on
from bantin.model.tally import Tally
from bantin.render import failed_validation
from bantin.render.outputs import is_up_to_date


@dataclass(frozen=True)
class Issued:
    """What ``run_issue`` did: the issue written (None when there was nothing to issue) and what to say."""

    issue: Issue | None
    lines: list[str]


def run_issue(
    project: Project,
    period: Period,
    day: dt.date | None,
    partial: bool,
    today: dt.date,
    jobs: int,
    log=print,
) -> Issued:
    """Issue ``period`` on ``day`` (None: ``today``), or say in one line (``BantinError``) why not."""
    with run_lock(project.state_dir, log):
        reference = project.reference
        scopes = reference.scopes(period)
        register = Register.read(project.register_file, project.relative(project.register_file))
        latest = register.latest(str(period))
        code = provenance.code(project)
        _check_ready(project, period, scopes, code, partial)
        stamp = stamps_digest(project, period, scopes)
        if latest is not None and not issues.folder_of(project, latest).exists():
            return _rebuild(project, period, scopes, code, register, latest, stamp, jobs, log)
        if latest is not None and latest.stamp == stamp:
            return Issued(None, [_nothing_changed(period, latest, messages.ISSUE_NOTHING_CHANGED)])
        issue = next_issue(project, period, register, day or today, today, partial, latest, stamp)
        files = _render(project, period, scopes, code, issue, latest, jobs, log)
        if files is None:
            return Issued(None, [_nothing_changed(period, latest, messages.ISSUE_SAYS_THE_SAME)])
        return _write(project, period, register, issue, latest, files, len(scopes), log)


def _check_ready(project: Project, period: Period, scopes: list[str], code, partial: bool) -> None:
    """The refusals, in the order an analyst fixes them: a failed check, drafts behind, files undecided, units
    awaited."""
    label, name = period.label, str(period)
    for half in period.halves():
        folder = failed_validation.report_folder(project, half)
        if folder.is_dir():
            report = project.relative(folder / failed_validation.PAGE)
            raise BantinError(messages.ISSUE_FAILED.format(label=label, half=half, report=report, period=name))
    if not is_up_to_date(project, period, scopes, Inputs(project, code)):
        raise BantinError(messages.ISSUE_BEHIND.format(label=label, period=name))
    status = json.loads((project.period_outputs_dir(period) / products.STATUS).read_text("utf-8"))
    tally = Tally.from_dict(status.get("tally", {}))
    if tally.unresolved:
        page = project.relative(project.period_outputs_dir(period) / products.VALIDATION_PAGE)
        raise BantinError(messages.ISSUE_UNRESOLVED.format(label=label, count=tally.unresolved, page=page))
    awaited = [unit for cluster in status.get("clusters", []) for unit in cluster.get("missing", [])]
    if awaited and not partial:
        units = ", ".join(awaited[:5]) + (messages.ISSUE_AND_MORE.format(count=len(awaited) - 5) if awaited[5:] else "")
        raise BantinError(messages.ISSUE_AWAITED.format(label=label, count=len(awaited), units=units, period=name))


def stamps_digest(project: Project, period: Period, scopes: list[str]) -> str:
    """What the period's bulletins are made from, in one digest: their stamps as the drafts' records hold them
    (the drafts are current: ``_check_ready``)."""
    state = State.load(project)
    stamps = []
    for scope in scopes:
        record = state.records.get(project.relative(project.period_outputs_dir(period) / f"{scope}.{products.PDF}"))
        stamps.append(f"{scope}:{record.stamp if record else ''}")
    return provenance.text_digest(*stamps)[:16]


def next_issue(
    project: Project,
    period: Period,
    register: Register,
    day: dt.date,
    today: dt.date,
    partial: bool,
    latest: Issue | None,
    stamp: str,
) -> Issue:
    """The issue to write: the next number of its series on ``day``, which must fall after the period and not
    after today, nor before the series' last issue."""
    label = period.label
    if day < period.end:
        raise BantinError(
            messages.ISSUE_DATE_BEFORE_END.format(date=date_numeric(day), label=label, end=date_numeric(period.end))
        )
    if day > today:
        raise BantinError(messages.ISSUE_DATE_FUTURE.format(date=date_numeric(day), today=date_numeric(today)))
    reference = project.reference
    organisation = reference.organisation_at(day)
    committee, symbol = organisation["party_committee"], organisation.get("document_symbol", "")
    if not symbol:
        raise BantinError(
            messages.ISSUE_NO_SYMBOL.format(body=organisation["issuing_body_title"], date=date_numeric(day))
        )
    term = term_on(reference.terms, committee, day)
    if term is None:
        raise BantinError(messages.ISSUE_NO_TERM.format(committee=committee, date=date_numeric(day)))
    series = register.series(committee, symbol, term.name)
    if series and day < series[-1].date:
        last = series[-1]
        raise BantinError(
            messages.ISSUE_DATE_BEFORE_LAST.format(
                date=date_numeric(day), last=last.reference, last_date=date_numeric(last.date)
            )
        )
    number = register.next_number(committee, symbol, term.name)
    folder = project.relative(project.issued_dir / str(period) / folder_name(number, symbol))
    if (project.root / folder).exists():  # a number used again in a new term for the same period (or a folder the
        # register does not name: never written over)
        folder = f"{folder}-{day.isoformat()}"
    replaces = latest.number if latest else ""
    return Issue(str(period), number, symbol, day, committee, term.name, replaces, partial, folder, stamp)


def _render(project, period, scopes, code, issue: Issue, replaced: Issue | None, jobs: int, log) -> dict | None:
    """Every file of the issue's folder, in memory; None for a correction that would say nothing new."""
    from bantin.render.frozen_imports import imports_frozen
    from bantin.render.kernel_pool import KernelPool

    workers = max(1, min(jobs, len(scopes)))
    kernels = KernelPool.start(project, period, workers)
    try:
        with imports_frozen():
            from bantin.render.batch import Batch

        batch = Batch(project, period, scopes, code, kernels, log)
        planned, outcomes = batch.render_issue(workers, issue.as_parameter(replaced))
    finally:
        kernels.stop()
    from bantin.render import issue_files

    return issue_files.assemble(project, period, issue, replaced, planned, outcomes, batch.publication.files.read)


def _write(
    project, period, register: Register, issue: Issue, replaced: Issue | None, files: dict, bulletins: int, log
) -> Issued:
    target = issues.write(project, issue, files, register.with_issue(issue))
    from bantin.render.index_refresh import refresh_index

    refresh_index(project, log)
    folder, file = project.relative(target), project.relative(project.register_file)
    template = messages.ISSUE_CORRECTION_DONE if replaced else messages.ISSUE_DONE
    line = template.format(
        label=period.label,
        reference=issue.reference,
        date=issue.date_numeric,
        replaced=replaced.reference if replaced else "",
        count=bulletins,
        folder=folder,
        register=file,
    )
    return Issued(issue, [line, messages.ISSUE_KEEP_IN_GIT.format(folder=folder, register=file)])


def _rebuild(project, period, scopes, code, register: Register, latest: Issue, stamp: str, jobs, log) -> Issued:
    """The register's latest issue of ``period`` made again into its missing folder, from the same inputs only."""
    if latest.stamp != stamp:
        raise BantinError(
            messages.ISSUE_REBUILD_DIFFERS.format(reference=latest.reference, folder=latest.folder, period=period)
        )
    earlier = [issue for issue in register.of_period(str(period)) if issue.number == latest.replaces]
    replaced = earlier[-1] if earlier else None
    if replaced is not None and not issues.folder_of(project, replaced).exists():
        raise BantinError(messages.ISSUE_REBUILD_NEEDS.format(reference=latest.reference, folder=replaced.folder))
    files = _render(project, period, scopes, code, latest, replaced, jobs, log)
    if files is None:  # the same inputs said something new once: they say it again
        raise AssertionError("a correction rebuilt from its own inputs says nothing")
    issues.write(project, latest, files, project.register_file.read_bytes())  # the register as it is
    from bantin.render.index_refresh import refresh_index

    refresh_index(project, log)
    line = messages.ISSUE_REBUILT.format(reference=latest.reference, date=latest.date_numeric, folder=latest.folder)
    return Issued(latest, [line])


def _nothing_changed(period: Period, latest: Issue, template: str) -> str:
    return template.format(label=period.label, reference=latest.reference, date=latest.date_numeric)

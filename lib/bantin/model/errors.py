"""Every error type of the package, in one place.

Messages are Vietnamese because they reach the analyst and the units' staff; each names what to fix (their words are
in ``bantin.messages``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bantin import messages
from bantin.model.tally import Tally


class BantinError(Exception):
    """Base of the errors a user can act on; the command line prints them on one line each."""


class PeriodError(BantinError, ValueError):
    """A period that is not ``YYYYH1``, ``YYYYH2``, ``YYYY`` (or the ``S1``/``S2`` aliases)."""


class ReferenceDataError(BantinError):
    """The reference data under ``data/reference/`` (wording file included) is inconsistent or missing.

    Raised with one message, or with every ``problems`` the check of the reference data found
    (``model.reference_check``): then its text is a head line and one line per problem, each naming its file and
    line (or TOML table), in the order of the files.
    """

    def __init__(self, message: str = "", problems: list[Problem] | None = None):
        self.problems = list(problems or [])
        if self.problems:
            listed = [messages.REFERENCE_PROBLEM.format(problem=problem) for problem in ordered(self.problems)]
            message = "\n".join([messages.REFERENCE_INVALID.format(count=len(self.problems)), *listed])
        super().__init__(message)


class NotInPeriodError(BantinError, LookupError):
    """What an analyst asked the explore helpers for does not exist where asked: an unknown unit or indicator, one
    not active or not on the form in the period, a period without figures, a year without figures of its own for
    each unit (across a reorganisation, or with one half-year still to come)."""


class PublishError(BantinError):
    """A run's files could not be put in place; what was there before is untouched (the message says what to do)."""


class RenderError(BantinError):
    """Bulletins that could not be rendered; nothing of the run was published.

    ``failures`` holds, per bulletin, the one-line message and, for a fault of the tool itself rather than
    of its inputs, the full traceback to save for whoever maintains it (``details``).
    """

    def __init__(self, failures: list[Failure]):
        self.failures = failures
        super().__init__(messages.RENDER_FAILURES.format(count=len(failures)))


@dataclass(frozen=True)
class Failure:
    scope: str
    message: str  # one line, Vietnamese, naming the file and line at fault
    details: str = ""  # a traceback, when the tool itself is at fault (a bug): saved, never printed


def user_error_names() -> set[str]:
    """The names of every error a user can act on, to recognize them when a notebook kernel raised them."""
    names, pending = set(), [BantinError]
    while pending:
        error = pending.pop()
        names.add(error.__name__)
        pending += error.__subclasses__()
    return names


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a submission, located precisely enough to be fixed."""

    file: str
    location: str  # "dòng 12" for a CSV line, "Sheet1!C7" for a cell, "" for the whole file
    message: str
    unit: str = ""
    indicator: str = ""
    severity: str = "error"  # "error" blocks the report, "warning" does not
    rule: str = ""  # the code of the rule in data/reference/rules.csv that was broken, if any, for filtering
    unit_code: str = ""  # the unit's code when it is known, for filtering (``unit`` is for people)
    rule_name: str = ""  # the rule's name in words (rules.csv's name): what a reader sees, never ``rule``
    kind: str = ""  # what it is about, for the counts (``model.tally``): a unit awaited, a blank, a late submission…

    def __str__(self) -> str:
        where = f"{self.file}, {self.location}" if self.location else self.file
        about = ", ".join(part for part in (self.unit, self.indicator) if part)
        return f"{where}: {self.message}" + (f" ({about})" if about else "")


# A period may hold a million bad rows: the terminal shows the first problems and names the report that lists them
# (where each kind of problem of a file is listed a hundred times at most: ``intake.files.further``).
SHOWN_ON_SCREEN = 20


class SubmissionError(BantinError):
    """The submissions of a period cannot be consolidated; carries every problem found."""

    def __init__(self, problems: list[Problem], period=None, completeness=None):
        self.problems = problems
        self.period = period  # the half-year whose submissions failed
        self.completeness = completeness  # who reported, by cluster (``intake.completeness.by_cluster``), if known
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(messages.SUBMISSIONS_INVALID.format(count=len(errors)))

    def report(self, details: str = "", shown: int = SHOWN_ON_SCREEN, count: Callable[[int], str] = str) -> str:
        """The problems grouped by file, one per line, as printed to the analyst: the first ``shown`` of them
        (errors first: they block), then how many more there are, and where they are listed (``details``: the path
        of the report, relative to the project). ``count`` writes a number (the command line gives it
        ``formatting.count``, which ``model`` comes before)."""
        errors = sum(p.severity == "error" for p in self.problems)
        lines = Tally.of(self.problems).lines(self.period, count)  # the counts by kind, as the report says them
        listed = ordered(self.problems)
        chosen = set(map(id, sorted(listed, key=lambda p: p.severity != "error")[:shown]))
        current_file = None
        for problem in (problem for problem in listed if id(problem) in chosen):
            if problem.file != current_file:
                current_file = problem.file
                lines.append(messages.PROBLEMS_FILE.format(file=problem.file))
            where = messages.PROBLEM_WHERE.format(location=problem.location) if problem.location else ""
            about = ", ".join(part for part in (problem.unit, problem.indicator) if part)
            severity = messages.PROBLEM_ERROR if problem.severity == "error" else messages.PROBLEM_WARNING
            about = messages.PROBLEM_ABOUT.format(about=about) if about else ""
            lines.append(
                messages.PROBLEM_LINE.format(severity=severity, where=where, message=problem.message, about=about)
            )
        hidden_errors = errors - sum(1 for p in listed if id(p) in chosen and p.severity == "error")
        hidden_warnings = len(listed) - len(chosen) - hidden_errors
        if hidden_errors or hidden_warnings:
            hidden = ", ".join(
                what.format(count=count(number))
                for number, what in (
                    (hidden_errors, messages.PROBLEMS_HIDDEN_ERRORS),
                    (hidden_warnings, messages.PROBLEMS_HIDDEN_WARNINGS),
                )
                if number
            )
            where = messages.PROBLEMS_LISTED_IN.format(report=details) if details else ""
            lines.append(messages.PROBLEMS_HIDDEN.format(hidden=hidden, where=where))
        return "\n".join(lines)


def ordered(problems: list[Problem]) -> list[Problem]:
    """Problems by file, then in the order of the file (line or row number), errors before warnings."""

    def line(location: str) -> tuple[int, str]:
        digits = "".join(ch for ch in location if ch.isdigit())
        return (int(digits) if digits else 0, location)

    return sorted(problems, key=lambda p: (p.file, line(p.location), p.severity))

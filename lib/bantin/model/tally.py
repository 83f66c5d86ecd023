"""How many problems of each kind a half-year's check found: the one count that the terminal, ``validation.html``
and ``validation.csv`` all print.

A ``Problem`` says what it is about by its ``kind``: a unit that has not reported (``AWAITED``), a figure left
blank (``BLANK``), a submission after the deadline (``LATE``), a half-year without a deadline (``NO_DEADLINE``), a
file whose unit awaits the analyst's decision (``UNRESOLVED``, counted with the others), or anything else (``""``: a
cell that is not a number, a broken rule, …). ``Tally.of`` counts a list of problems once;
whoever prints a check prints its tally, so that no two places can disagree. Standard library only: a run with
nothing to do prints the tally it reads back from the period's ``status.json`` (``as_dict``, ``from_dict``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from bantin import messages

AWAITED, BLANK, LATE, NO_DEADLINE = "awaited", "blank", "late", "no_deadline"
UNRESOLVED = "unresolved"  # a file whose unit the analyst has still to decide (intake.identity): counted among "other"
KINDS = (AWAITED, BLANK, LATE, NO_DEADLINE, UNRESOLVED)  # the kinds of a problem besides the checks' own ("")


@dataclass(frozen=True)
class Tally:
    """The counts of a half-year's check, and the names of what they count that the terminal lists."""

    errors: int = 0  # what blocks a report (in STRICT=1, the units awaited too)
    awaited: int = 0  # units of the scope that have not reported
    blanks: int = 0  # figures left blank in the files received
    late: int = 0  # submissions dated after the half-year's deadline
    other: int = 0  # every other warning: the rules', an old template's, a missing deadline's, …
    unresolved: int = 0  # of ``other``: files whose unit awaits the analyst's decision (no issue till decided)
    late_units: tuple[str, ...] = ()  # the units that sent late, as the problems name them
    no_deadline: bool = False  # the half-year has no deadline in data/reference/deadlines.csv

    @classmethod
    def of(cls, problems) -> Tally:
        """The tally of ``problems`` (``model.errors.Problem``), each counted once by its severity and kind."""
        warnings = [problem for problem in problems if problem.severity != "error"]
        kinds = [problem.kind for problem in problems]
        return cls(
            errors=len(problems) - len(warnings),
            awaited=kinds.count(AWAITED),
            blanks=kinds.count(BLANK),
            late=kinds.count(LATE),
            other=sum(problem.kind not in (AWAITED, BLANK, LATE) for problem in warnings),
            unresolved=kinds.count(UNRESOLVED),
            late_units=tuple(problem.unit for problem in problems if problem.kind == LATE),
            no_deadline=NO_DEADLINE in kinds,
        )

    @property
    def warnings(self) -> int:
        return self.awaited + self.blanks + self.late + self.other

    def counts(self, count: Callable[[int], str] = str) -> str:
        """ "15 đơn vị chưa gửi báo cáo, 1 số liệu để trống, 5 đơn vị gửi muộn, 1 cảnh báo khác": the warnings
        that there are, by kind ("" when there is none). ``count`` writes a number (``formatting.count`` where
        Babel is loaded)."""
        parts = (
            (self.awaited, messages.TALLY_AWAITED),
            (self.blanks, messages.TALLY_BLANKS),
            (self.late, messages.TALLY_LATE),
            (self.other, messages.TALLY_OTHER),
        )
        return messages.TALLY_JOIN.join(template.format(count=count(number)) for number, template in parts if number)

    def lines(self, period, count: Callable[[int], str] = str, details: str = "") -> list[str]:
        """What the terminal says of a check: its counts on one line (``details``: where the report is), then the
        late units by name, then a missing deadline."""
        of_period = messages.PROBLEMS_OF_PERIOD.format(period=period) if period else ""
        warnings = self.counts(count)
        if self.errors:
            head = messages.TALLY_FAILED.format(
                of_period=of_period,
                errors=count(self.errors),
                warnings=messages.TALLY_AND.format(warnings=warnings) if warnings else "",
            )
        elif warnings:
            head = messages.TALLY_WARNINGS.format(of_period=of_period, warnings=warnings)
        else:
            head = messages.TALLY_CLEAN.format(of_period=of_period)
        if details:
            head = messages.TALLY_DETAILS.format(line=head.removesuffix("."), report=details)
        lines = [head]
        if self.late_units:
            lines.append(messages.TALLY_LATE_UNITS.format(units=", ".join(self.late_units)))
        if self.no_deadline:
            lines.append(messages.NO_DEADLINE.format(period=period))
        return lines

    def as_dict(self) -> dict:
        return asdict(self) | {"late_units": list(self.late_units)}

    @classmethod
    def from_dict(cls, data: dict) -> Tally:
        known = {key: value for key, value in data.items() if key in cls.__dataclass_fields__}
        return cls(**known | {"late_units": tuple(known.get("late_units", ()))})

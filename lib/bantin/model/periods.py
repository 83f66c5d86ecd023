"""Reporting periods: half-years (``2024H1``) and years (``2024``).

Standard library only, so that the command line can refuse a bad period before anything heavy loads.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from bantin import messages
from bantin.model.errors import PeriodError

_PATTERN = re.compile(r"(?P<year>\d{4})(?:(?P<kind>[HS])(?P<half>[12]))?")


@functools.total_ordering
@dataclass(frozen=True)
class Period:
    """A half-year (``half`` 1 or 2) or a whole year (``half`` None).

    >>> Period.parse("2024S2")
    Period(year=2024, half=2)
    >>> str(Period.parse("2024H1").previous())
    '2023H2'
    """

    year: int
    half: int | None = None

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``YYYYH1``, ``YYYYH2``, ``YYYY``, or the DHIS2 aliases ``YYYYS1``/``YYYYS2``."""
        match = _PATTERN.fullmatch(str(text).strip().upper())
        if not match:
            raise PeriodError(messages.PERIOD_INVALID.format(text=text))
        year = int(match["year"])
        if not 1900 <= year <= 2999:
            raise PeriodError(messages.PERIOD_YEAR_INVALID.format(text=text))
        half = int(match["half"]) if match["half"] else None
        return cls(year, half)

    @classmethod
    def named(cls, name: str) -> Period | None:
        """The period a folder or file is named after (``2024H1``, ``2024``, written exactly so), or None."""
        try:
            period = cls.parse(name)
        except PeriodError:
            return None
        return period if str(period) == name else None

    def __str__(self) -> str:
        return f"{self.year}H{self.half}" if self.half else str(self.year)

    def __lt__(self, other: Period) -> bool:
        """Time order; a year sorts after its own halves (it ends with the second)."""
        return self._key < other._key

    @property
    def _key(self) -> tuple[int, int]:
        return (self.year, self.half or 3)

    @property
    def is_year(self) -> bool:
        return self.half is None

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def label(self) -> str:
        """Vietnamese label: "6 tháng đầu năm 2024", "6 tháng cuối năm 2024", "năm 2024"."""
        return f"{self.short_label} {self.year}"

    @property
    def short_label(self) -> str:
        """The label without the year, as in "Trong 6 tháng đầu năm, …"."""
        return {1: "6 tháng đầu năm", 2: "6 tháng cuối năm", None: "năm"}[self.half]

    def halves(self) -> tuple[Period, ...]:
        """The half-years whose figures make up this period (itself for a half-year)."""
        return (Period(self.year, 1), Period(self.year, 2)) if self.is_year else (self,)

    def previous(self) -> Period:
        """The period just before: 2024H1 → 2023H2, 2024H2 → 2024H1, 2024 → 2023."""
        if self.is_year:
            return Period(self.year - 1)
        return Period(self.year - 1, 2) if self.half == 1 else Period(self.year, 1)

    def year_earlier(self) -> Period:
        """The same period a year earlier: 2024H1 → 2023H1."""
        return Period(self.year - 1, self.half)

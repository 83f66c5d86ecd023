"""How a table of figures by unit fits the A4 page: one table, or its columns split over stacked parts.

A table of indicators (rows) by unit (columns) reads well on the portrait page up to about ten columns of
figures. A cluster of up to 20 units is split into parts of at most ``MAX_COLUMNS`` columns, stacked one under
the other, each with the indicators' labels, the total in the last part's last column. The parts share their
column widths (a short part is padded with empty columns), so a column of one part lines up with the one above.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_COLUMNS = 11  # columns of figures in one table (units and the total): 10 units and the total still fit


@dataclass(frozen=True)
class Part:
    """One stacked table: its column headings, the total's last when ``total``, and its rows."""

    headings: list[str]
    rows: list[tuple[str, list[str]]]  # (indicator's label, its figures in this part's columns)
    total: bool
    padding: int = 0  # empty columns after the last, to keep the parts' columns aligned


def parts(headings: list[str], total: str, rows: list[tuple[str, list[str]]]) -> list[Part]:
    """The table of ``rows`` (label, figures of each column of ``headings`` then the total) as stacked parts.

    One part, as it always was, while the columns and the total fit; otherwise parts as even as can be, the
    earlier ones the wider: 20 units and the total give 11 + 10 columns.
    """
    every = [*headings, total]
    width = math.ceil(len(every) / math.ceil(len(every) / MAX_COLUMNS))
    return [
        Part(
            every[start : start + width],
            [(label, cells[start : start + width]) for label, cells in rows],
            total=start + width >= len(every),
            padding=max(0, start + width - len(every)),
        )
        for start in range(0, len(every), width)
    ]

"""The table ``make bench`` ends with: each measure, its target, the figure, and whether the target is met."""

from __future__ import annotations

from dataclasses import dataclass

MET, SHORT = "đạt", "CHƯA ĐẠT"


@dataclass(frozen=True)
class Measure:
    what: str
    target: str
    figure: str
    met: bool


def table(measures: list[Measure]) -> str:
    """The measures as a plain-text table, its columns as wide as their longest cell."""
    rows = [("Phép đo", "Mục tiêu", "Kết quả", "Đánh giá")]
    rows += [(measure.what, measure.target, measure.figure, MET if measure.met else SHORT) for measure in measures]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]
        for row in rows
    ]
    rule = "-" * max(len(line) for line in lines)
    return "\n".join([lines[0], rule, *lines[1:]])

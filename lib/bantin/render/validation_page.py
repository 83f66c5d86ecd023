"""The validation report of a period: every error and warning, grouped by file, and who reported.

Printed to the terminal by the command line; written as ``validation.html`` (for people) and
``validation.csv`` (for spreadsheets) beside the bulletins when the intake passed, or to a temporary
folder when it failed, so that ``outputs/`` keeps the last good run untouched.
"""

from __future__ import annotations

import csv
import io
from itertools import groupby

import jinja2

from bantin.core.errors import Problem, ordered
from bantin.core.periods import Period
from bantin.core.reference import Reference
from bantin.intake.completeness import ClusterCompleteness
from bantin.render.data_files import neutralize

COLUMNS = ("severity", "file", "location", "unit", "indicator", "rule", "message")
_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("bantin.render", "templates/site"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def to_csv(problems: list[Problem]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for problem in ordered(problems):
        writer.writerow([neutralize(getattr(problem, column)) for column in COLUMNS])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def to_html(
    problems: list[Problem], period: Period, reference: Reference, status: dict[str, ClusterCompleteness] | None = None
) -> str:
    files = [(file, list(group)) for file, group in groupby(ordered(problems), key=lambda p: p.file)]
    return _templates.get_template("validation.html.j2").render(
        organisation=reference.organisation,
        period=period,
        files=files,
        errors=sum(p.severity == "error" for p in problems),
        warnings=sum(p.severity == "warning" for p in problems),
        clusters=[(reference.clusters[code].name, item) for code, item in (status or {}).items()],
    )

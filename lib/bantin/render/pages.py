"""The project's own HTML pages, from ``templates/site/``: the index of ``outputs/`` and a period's validation report.

The validation report is written beside the bulletins when the intake passed, or to a temporary folder when
it failed, so that ``outputs/`` keeps the last good run untouched.
"""

from __future__ import annotations

from itertools import groupby

import jinja2

from bantin.bulletin import narrative
from bantin.core.errors import Problem, ordered
from bantin.core.periods import Period
from bantin.core.reference import PROVINCE, Reference
from bantin.intake.completeness import ClusterCompleteness

EXTRAS = (("validation.html", "Kiểm tra số liệu"), ("data.xlsx", "Số liệu (Excel)"), ("data.csv", "Số liệu (CSV)"))
_PAGES = jinja2.Environment(
    loader=jinja2.PackageLoader("bantin.render", "templates/site"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def index(catalogue: list[dict], reference: Reference) -> str:
    """The index page of the outputs folder, newest period first, with links relative to it."""
    periods = []
    scopes = [(code, cluster.name) for code, cluster in reference.clusters.items()] + [
        (PROVINCE, narrative.scope_name(reference, PROVINCE))
    ]
    for folder in catalogue:
        code, files = folder["period"], set(folder["files"])
        reports = []
        for scope, name in scopes:
            formats = [ext for ext in ("pdf", "html") if f"{scope}.{ext}" in files]
            if formats:
                reports.append({"name": name, "links": [(ext.upper(), f"{code}/{scope}.{ext}") for ext in formats]})
        extras = [(label, f"{code}/{file}") for file, label in EXTRAS if file in files]
        period = Period.parse(code)
        if reports:
            periods.append(
                {
                    "period": period,
                    "label": period.label,
                    "code": code,
                    "reports": reports,
                    "extras": extras,
                    "status": folder["status"],
                }
            )
    periods.sort(key=lambda item: item["period"], reverse=True)
    return _PAGES.get_template("index.html.j2").render(organisation=reference.organisation, periods=periods)


def validation(
    problems: list[Problem], period: Period, reference: Reference, status: dict[str, ClusterCompleteness] | None = None
) -> str:
    """The validation report of a period for people: every problem, grouped by file, and who reported."""
    files = [(file, list(group)) for file, group in groupby(ordered(problems), key=lambda p: p.file)]
    return _PAGES.get_template("validation.html.j2").render(
        organisation=reference.organisation,
        period=period,
        files=files,
        errors=sum(p.severity == "error" for p in problems),
        warnings=sum(p.severity == "warning" for p in problems),
        clusters=[(reference.clusters[code].name, item) for code, item in (status or {}).items()],
    )

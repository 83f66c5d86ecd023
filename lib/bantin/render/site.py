"""``outputs/index.html``: every published bulletin, by period, linked.

The index is drawn from a catalogue of the outputs folder (``catalogue``: each period's files and status),
taken as it will be once a run's transaction is committed; the catalogue is also what the index is
rebuilt from, for ``freshness``. Standard library but for the drawing itself.
"""

from __future__ import annotations

import json

from bantin.core.periods import Period
from bantin.core.project import Project
from bantin.core.publish import Transaction
from bantin.core.reference import PROVINCE, Reference

STATUS = "status.json"  # beside a period's bulletins: who reported and how many warnings
EXTRAS = (("validation.html", "Kiểm tra số liệu"), ("data.xlsx", "Số liệu (Excel)"), ("data.csv", "Số liệu (CSV)"))


def status(period: Period, reference: Reference, by_cluster: dict, warnings: int) -> bytes:
    """A period's completeness and validation status, for the index."""
    clusters = [
        {
            "code": code,
            "name": reference.clusters[code].name,
            "received": len(item.received),
            "expected": len(item.expected),
            "missing": [unit.name for unit in item.missing],
            "late": [unit.name for unit in item.late],
        }
        for code, item in by_cluster.items()
    ]
    return json.dumps(
        {"period": str(period), "clusters": clusters, "warnings": warnings},
        ensure_ascii=False,
        indent=1,
        sort_keys=True,
    ).encode("utf-8")


def catalogue(project: Project, tree: Transaction) -> list[dict]:
    """Each period folder of ``outputs/``: its files and its status, as they are once ``tree`` is committed."""
    found = []
    for name in sorted(tree.folders(project.outputs_dir)):
        files = tree.names(project.outputs_dir / name) if Period.named(name) else set()
        if files:
            content = tree.read(project.outputs_dir / name / STATUS)
            found.append({"period": name, "files": sorted(files), "status": json.loads(content) if content else None})
    return found


def render_index(catalogue: list[dict], reference: Reference) -> str:
    """The index page of the outputs folder, newest period first, with links relative to it."""
    import jinja2

    templates = jinja2.Environment(
        loader=jinja2.PackageLoader("bantin.render", "templates/site"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    periods = []
    scopes = [(code, cluster.name) for code, cluster in reference.clusters.items()] + [(PROVINCE, "Toàn tỉnh")]
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
    return templates.get_template("index.html.j2").render(organisation=reference.organisation, periods=periods)

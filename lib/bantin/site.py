"""``outputs/index.html``: every published bulletin, by period, linked."""

from __future__ import annotations

import json

import jinja2

from .errors import BantinError
from .periods import Period
from .project import Project
from .reference import PROVINCE, Reference

_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("bantin", "templates/site"), autoescape=True, trim_blocks=True, lstrip_blocks=True
)


STATUS = "status.json"  # beside a period's bulletins: who reported and how many warnings


def status(period: Period, reference: Reference, by_cluster: dict, warnings: int) -> bytes:
    """A period's completeness and validation status, for the index."""
    clusters = [
        {"code": code, "name": reference.clusters[code].name, "received": len(item.received), "expected": len(item.expected),
         "missing": [unit.name for unit in item.missing], "late": [unit.name for unit in item.late]}
        for code, item in by_cluster.items()
    ]
    return json.dumps({"period": str(period), "clusters": clusters, "warnings": warnings}, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def render_index(project: Project, reference: Reference) -> str:
    """The index page of the outputs folder, newest period first, with links relative to it."""
    periods = []
    for folder in project.outputs_dir.iterdir() if project.outputs_dir.is_dir() else []:
        period = _period(folder.name)
        if period is None or not folder.is_dir():
            continue
        scopes = [(code, cluster.name) for code, cluster in reference.clusters.items()] + [(PROVINCE, "Toàn tỉnh")]
        reports = []
        for code, name in scopes:
            formats = [ext for ext in ("pdf", "html") if (folder / f"{code}.{ext}").is_file()]
            if formats:
                reports.append({"name": name, "links": [(ext.upper(), f"{folder.name}/{code}.{ext}") for ext in formats]})
        extras = [(label, f"{folder.name}/{file}") for file, label in (("validation.html", "Kiểm tra số liệu"), ("data.xlsx", "Số liệu (Excel)"), ("data.csv", "Số liệu (CSV)")) if (folder / file).is_file()]
        state = json.loads((folder / STATUS).read_text(encoding="utf-8")) if (folder / STATUS).is_file() else None
        if reports:
            periods.append({"period": period, "label": period.label, "code": str(period), "reports": reports, "extras": extras, "status": state})
    periods.sort(key=lambda item: item["period"], reverse=True)
    return _templates.get_template("index.html.j2").render(organisation=reference.organisation, periods=periods)


def _period(name: str) -> Period | None:
    try:
        period = Period.parse(name)
    except BantinError:
        return None
    return period if str(period) == name else None

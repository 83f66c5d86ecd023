"""``outputs/index.html``: every published bulletin, by period, linked."""

from __future__ import annotations

import jinja2

from .periods import Period
from .project import Project
from .reference import Reference

_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("bantin", "templates/site"), autoescape=True, trim_blocks=True, lstrip_blocks=True
)


def render_index(project: Project, reference: Reference) -> str:
    """The index page of the outputs folder, newest period first, with links relative to it."""
    periods = []
    for folder in sorted(project.outputs_dir.glob("*"), reverse=True):
        try:
            period = Period.parse(folder.name)
        except Exception:
            continue
        if not folder.is_dir() or str(period) != folder.name:
            continue
        reports = []
        for code, cluster in reference.clusters.items():
            formats = [ext for ext in ("html", "pdf") if (folder / f"{code}.{ext}").is_file()]
            if formats:
                reports.append({"name": cluster.name, "links": [(ext.upper(), f"{folder.name}/{code}.{ext}") for ext in formats]})
        if reports:
            periods.append({"label": period.label, "code": str(period), "reports": reports})
    return _templates.get_template("index.html.j2").render(organisation=reference.organisation, periods=periods)

"""What a bulletin notebook displays: each method returns one block, ready for ``display``.

The notebook only calls these; the markup lives in ``templates/fragments/``, the wording in
``data/reference/narrative.yaml``, the number formats in ``formatting``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import jinja2
import mistune
import pandas as pd
from IPython.display import HTML, SVG

from . import charts, completeness, consolidated, formatting, metrics, narrative
from .notes import Notes, read_notes
from .periods import Period
from .project import Project
from .reference import Reference

_fragments = jinja2.Environment(
    loader=jinja2.PackageLoader("bantin", "templates/fragments"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_markdown = mistune.create_markdown(escape=True)


def document_title(reference: Reference, period: Period, cluster: str) -> str:
    """The title of a bulletin as a document: "Bản tin công tác dân vận – Cụm đồng bằng – 6 tháng đầu năm 2024"."""
    return f"Bản tin công tác dân vận – {reference.clusters[cluster].name} – {period.label}"


@dataclass
class ClusterBulletin:
    """The bulletin of one cluster for one period, computed from the consolidated data."""

    project: Project
    reference: Reference
    period: Period
    cluster: str
    observations: pd.DataFrame

    @classmethod
    def load(cls, period: str, cluster: str, project_dir: str | None = None) -> ClusterBulletin:
        """Everything the bulletin needs; the notebook's one call. Periods up to ``period`` are read for trends."""
        project = Project.find(project_dir)
        reference = Reference(project.reference_dir)
        parsed = Period.parse(period)
        if cluster not in reference.clusters:
            raise KeyError(f"Không có cụm {cluster!r} trong data/reference/clusters.csv.")
        wanted = [p for p in project.periods_with_submissions() if p <= parsed.halves()[-1]]
        observations = consolidated.load(project, wanted, reference)
        return cls(project, reference, parsed, cluster, observations)

    # -- figures --------------------------------------------------------------------------------
    @cached_property
    def wording(self) -> narrative.Wording:
        return narrative.Wording.load(self.project.reference_dir / "narrative.yaml")

    @cached_property
    def notes(self) -> Notes:
        return read_notes(self.project.notes_file(self.period, self.cluster))

    @cached_property
    def values(self) -> pd.DataFrame:
        return metrics.unit_values(self.observations, self.reference, self.period, self.cluster)

    @cached_property
    def totals(self) -> pd.Series:
        return metrics.totals(self.values)

    @cached_property
    def fields(self) -> dict[str, str]:
        return narrative.fields(self.totals, self.reference, self.period, self.cluster, self.notes, self.wording)

    @property
    def cluster_name(self) -> str:
        return self.reference.clusters[self.cluster].name

    @property
    def title(self) -> str:
        return document_title(self.reference, self.period, self.cluster)

    # -- blocks, in the bulletin's order -----------------------------------------------------------
    def header(self) -> HTML:
        """The page head of Hướng dẫn 36-HD/VPTW: issuing body, party heading, place and date, title."""
        organisation = self.reference.organisation
        day = self.notes.meeting_date or self.period.end
        return self._render(
            "header.html.j2",
            organisation=organisation,
            place_and_date=f"{organisation['place']}, {formatting.date_long(day)}",
            subtitle=f"{self.cluster_name} – {self.period.label}",
        )

    @cached_property
    def status(self) -> completeness.ClusterCompleteness:
        return completeness.by_cluster(self.reference, self.period, self.observations)[self.cluster]

    def completeness(self) -> HTML:
        """How many units reported; a clear mark when some did not, naming them."""
        return self._render("completeness.html.j2", status=self.status)

    def headline(self) -> HTML:
        return self._render("headline.html.j2", headline=narrative.headline(self.wording, self.fields))

    def lead(self) -> HTML:
        return self._render("paragraphs.html.j2", paragraphs=[narrative.lead(self.wording, self.fields, self.notes)], css="lead")

    def figures(self) -> HTML:
        return self._render("paragraphs.html.j2", paragraphs=narrative.paragraphs(self.wording, self.fields), css="figures")

    def unit_table(self) -> HTML:
        """Every indicator (rows) for every unit (columns) with the cluster total."""
        table = metrics.unit_table(self.observations, self.reference, self.period, self.cluster)
        units = self.reference.units(self.period, self.cluster)
        rows = [
            (self.reference.indicators[code].short_label, [formatting.count(value) for value in table.loc[code]])
            for code in table.index
        ]
        rate = metrics.recognition_rate(self.totals["mo_hinh_dang_ky"], self.totals["mo_hinh_cong_nhan"])
        return self._render(
            "unit_table.html.j2",
            title=self.wording.templates["sections"]["table"],
            units=[unit.short_name for unit in units],
            rows=rows,
            caption=f"Tỷ lệ mô hình “Dân vận khéo” được công nhận trên số đăng ký của {self.fields['cluster']}: "
            f"{formatting.percent(rate)}.",
        )

    def chart_models_by_unit(self) -> SVG:
        names = {unit.code: unit.short_name for unit in self.reference.units(self.period, self.cluster)}
        return SVG(charts.models_by_unit(self.values, names))

    def chart_trend(self) -> SVG:
        return SVG(charts.models_trend(metrics.trend(self.observations, self.reference, self.cluster, self.period)))

    def comparison(self) -> HTML:
        """Each figure against the previous period."""
        previous = self.period.previous()
        earlier = metrics.cluster_totals(self.observations, self.reference, previous, self.cluster)
        table = metrics.change(self.totals, earlier)
        rows = [
            (
                indicator.short_label,
                formatting.count(row["previous"]),
                formatting.count(row["current"]),
                narrative.describe_change(self.wording, row, indicator.unit),
            )
            for indicator, (_, row) in zip(self.reference.indicators.values(), table.iterrows())
        ]
        return self._render(
            "comparison.html.j2",
            title=self.wording.fill("sections.change", {"previous": previous.label}),
            previous=previous.label,
            current=self.period.label,
            rows=rows,
        )

    def annex(self) -> HTML:
        """Warnings about this cluster's figures that did not block the bulletin."""
        codes = {unit.code for unit in self.reference.units(self.period, self.cluster)}
        warnings = [w for w in consolidated.read_warnings(self.project, self.period) if w.unit_code in codes]
        return self._render("annex.html.j2", warnings=warnings)

    def analyst_notes(self) -> HTML:
        body = jinja2.utils.markupsafe.Markup(_markdown(self.notes.body)) if self.notes.body else ""
        return self._render("notes.html.j2", title=self.wording.templates["sections"]["notes"], body=body)

    def _render(self, template: str, **context) -> HTML:
        return HTML(_fragments.get_template(template).render(**context))

"""What the bulletin notebooks display: each method returns one block, ready for ``display``.

``ClusterBulletin`` (notebooks/bulletin.ipynb) and ``ProvinceBulletin`` (notebooks/province.ipynb)
share the page: the official head, the headline and text, the comparisons, the notes and the annex.
The notebooks only call these; the markup lives in ``bulletin/templates/``, the wording in
``data/reference/narrative.j2`` (its ``words`` for the fragments' headings and notices), the number formats in
``formatting``. Each block is a ``document.Block``: its typed content (the Word file's) and its HTML fragment
(the page's), made from the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import jinja2
import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from bantin import formatting, messages
from bantin.build.products import NEWS_ITEM, has_news_item
from bantin.build.project import Project
from bantin.bulletin import charts, comparisons, markdown, metrics, narrative, news, tables
from bantin.bulletin.document import (
    Block,
    Cell,
    Closing,
    Head,
    Heading,
    Paragraph,
    Row,
    Run,
    Table,
    runs,
)
from bantin.bulletin.heading import HeadLines, head_lines, issuer
from bantin.bulletin.narrative import document_title, scope_name
from bantin.bulletin.notes import Notes, read_notes
from bantin.bulletin.ranking import Ranking
from bantin.bulletin.visibility import per_unit, reported_only
from bantin.intake import completeness, consolidated
from bantin.model import site_wording
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference, Unit
from bantin.model.register import Issue
from bantin.model.text import in_sentence

FRAGMENTS = jinja2.Environment(  # the blocks' HTML fragments (bulletin/templates/), the notice's too
    loader=jinja2.PackageLoader("bantin.bulletin", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
FRAGMENTS.filters["in_sentence"] = in_sentence  # "cụm đồng bằng phía Nam": only the first letter lowered
RANKING_LABELS = (1, 2)  # the ranking's columns of words (unit, cluster), the others figures (ranking.html.j2)


def head_of(head: HeadLines, subtitle: str, render) -> Block:
    """The head of Hướng dẫn 36-HD/VPTW (``header.html.j2``): the organisation's committee, body and title (its
    ``bulletin_title``), the number line, a draft's mark, the party heading, place and date (``head``, from
    ``heading.head_lines``), the subject, and what the document replaces; rendered by ``render`` (a fragment's
    name and values → its HTML)."""
    organisation = head.organisation
    content = [
        Head(
            organisation["party_committee"],
            organisation["issuing_body"],
            organisation["party_heading"],
            head.place_and_date,
            head.number,
            head.mark,
        ),
        Heading(runs(organisation["bulletin_title"]), "title"),
        Paragraph(runs(subtitle), "subtitle"),
    ]
    if head.replaces:
        content.append(Paragraph(runs(head.replaces), "replaces"))
    html = render(
        "header.html.j2",
        organisation=organisation,
        place_and_date=head.place_and_date,
        subtitle=subtitle,
        number=head.number,
        mark=head.mark,
        replaces=head.replaces,
    )
    return Block("head", tuple(content), html)


def closing_of(organisation: dict, recipients: str, render) -> Block:
    """The end of Hướng dẫn 36-HD/VPTW as ``organisation`` sets it ("Nơi nhận", ``recipients`` its heading, and the
    signer), rendered by ``render`` (a fragment's name and values → its HTML); empty when it sets neither."""
    signer = organisation.get("signer") or {}
    closing = Closing(
        recipients,
        tuple(organisation.get("recipients", ())),
        tuple(line.strip() for line in signer.get("title", "").split("\n") if line.strip()),
        signer.get("name", "").strip(),
    )
    if not closing.recipients and not closing.signer_title:
        return Block("closing", (), "")
    return Block("closing", (closing,), render("closing.html.j2", closing=closing))


@dataclass
class Bulletin:
    """A bulletin for one scope (a cluster, or the province) and one period."""

    project: Project
    reference: Reference
    period: Period
    scope: str
    observations: pd.DataFrame
    data: str = consolidated.PUBLISHED  # where the consolidated data was read (``consolidated.SOURCES``)
    issue: Issue | None = None  # its number and date of issue; None: a draft
    replaced: Issue | None = None  # the issue a correction replaces (number, symbol, date), or None

    @classmethod
    def load(
        cls,
        period: str,
        scope: str,
        project_dir: str | None = None,
        data: str = consolidated.PUBLISHED,
        issue: dict | None = None,
    ):
        """Everything the bulletin needs, from the consolidated data; the notebook's one call.

        Every half-year with submissions up to ``period`` is read, for the trend and the comparisons, from ``data``:
        the published data (JupyterLab's default), or the data a run has checked and not yet published. ``issue``
        is the notebook's parameter (``model.register.Issue.as_parameter``): None for a draft, else the number and
        date of issue the head prints, and for a correction the issue it replaces.
        """
        project = Project.find(project_dir)
        reference = project.reference
        parsed = Period.parse(period)
        if scope != PROVINCE and scope not in reference.clusters:
            raise KeyError(messages.NO_CLUSTER_FOR_BULLETIN.format(cluster=scope))
        observations = consolidated.load(project, project.history(parsed), reference, data)
        issued, replaced = Issue.from_parameter(issue), Issue.replaced_of(issue)
        return cls(project, reference, parsed, scope, observations, data, issued, replaced)

    # -- what the subclasses say about their scope ---------------------------------------------------
    is_province = False

    @property
    def cluster(self) -> str | None:
        """The cluster code, or None for the whole province."""
        return None if self.is_province else self.scope

    @property
    def is_draft(self) -> bool:
        """Not issued yet: marked "DỰ THẢO", the day and month of its date and its number left to be filled."""
        return self.issue is None

    @property
    def issuer(self) -> dict:
        """Who issues it, for its head and its end: for an issue, the organisation in force on the date of issue;
        for a draft, the one of the period's end (its text always speaks with the period's words)."""
        return issuer(self.reference, self.period, self.issue)

    @property
    def scope_text(self) -> str:  # how the text names the scope: "cụm đồng bằng", "trong tỉnh"
        return narrative.scope_in_text(self.reference, self.scope, self.period)

    # -- figures ---------------------------------------------------------------------------------------
    @cached_property
    def units(self) -> list[Unit]:
        return self.reference.units(self.period, self.cluster)

    @cached_property
    def notes(self) -> Notes:
        path = self.project.notes_file(self.period, self.scope)
        return read_notes(path, self.project.relative(path))

    @cached_property
    def values(self) -> pd.DataFrame:
        return metrics.unit_values(self.observations, self.reference, self.period, self.cluster)

    @cached_property
    def totals(self) -> pd.Series | None:
        """The scope's totals; for a year across a reorganisation, over its territory (None: not the same)."""
        if metrics.changed_within(self.reference, self.period, self.cluster):
            return metrics.scope_totals(self.observations, self.reference, self.period, self.cluster)
        return metrics.totals(self.values)

    @cached_property
    def _clusters(self) -> dict[str, completeness.ClusterCompleteness]:
        return completeness.by_cluster(self.reference, self.period, self.observations)

    @property
    def status(self) -> completeness.ClusterCompleteness:
        """Who of the scope's units reported, who is awaited, and the figures left blank."""
        parts = self._clusters.values() if self.is_province else [self._clusters[self.scope]]
        return completeness.combined(self.scope, list(parts))

    @property
    def nothing_reported(self) -> bool:
        """No unit of the scope has reported, or its year has no territory: a short notice, not a bulletin."""
        return not self.status.received or self.totals is None

    @cached_property
    def text(self) -> narrative.Narrative:
        wording = narrative.wording_of(self.reference)
        context = narrative.context(
            self.totals,
            self.period,
            self.scope_text,
            [unit.name for unit in self.units],
            self.notes,
            self.reference.organisation_for(self.period),
            self.is_province,
            reported=len(self.status.received),
            blanks=narrative.blanks(self.status.blanks, self.reference, self.period),
            kinds=[unit.kind for unit in self.reference.units(self.period.halves()[-1], self.cluster)],  # at the end
            on_form=list(self.reference.indicators_in(self.period)),
        )
        return wording.for_figures(context)

    @property
    def title(self) -> str:
        return document_title(self.reference, self.period, self.scope)

    @property
    def rate_caption(self) -> str:
        """The share of the registered "Dân vận khéo" models that were recognized, said under the figures."""
        registered, recognized = metrics.model_codes(self.reference)
        return self.text.rate_caption(metrics.recognition_rate(self.totals[registered], self.totals[recognized]))

    def models_chart(self, title: str) -> charts.Models:
        """What a chart of the models draws, with the wording file's words (``title``: a key of its words)."""
        words = self.text.words
        legend = (words["registered"], words["recognized"])
        return charts.Models(
            *metrics.model_codes(self.reference),
            legend,
            words["models_axis"],
            words[title],
            words["not_reported"],
            words["coverage"],
        )

    # -- blocks shared by every bulletin, in the page's order --------------------------------------
    def header(self) -> Block:
        """The page head of Hướng dẫn 36-HD/VPTW: issuing body, number line, party heading, place and date, title.

        A draft is marked "DỰ THẢO" in a frame under its number line, which leaves the number blank, and its date
        leaves the day and month to be filled (the year of the meeting, or of the period's end). An issued bulletin
        prints its number and date of issue, under the organisation in force that day; a correction says, under its
        subject, which issue it replaces."""
        year = (self.notes.meeting_date or self.period.end).year  # a draft's: the meeting's, else the period end's
        head = head_lines(self.reference, self.period, self.words, self.issue, self.replaced, year)
        subtitle = f"{scope_name(self.reference, self.scope, self.period)} – {self.period.label}"
        return head_of(head, subtitle, self._render)

    @reported_only
    def closing(self) -> Block:
        """The end of Hướng dẫn 36-HD/VPTW, as the organisation sets it: "Nơi nhận" and its entries on the left, the
        signer's title, the space for the signature and the name on the right; nothing when it sets neither. An issue's
        are those of the organisation in force on its date of issue."""
        return closing_of(self.issuer, self.words["recipients"], self._render)

    def completeness(self) -> Block:
        """How many units reported; a clear mark when some did not, naming them (and a notice when none did)."""
        deadline = completeness.deadlines(self.reference).get(str(self.period))
        deadline = formatting.date_long(deadline) if deadline else ""
        awaited = completeness.awaited(self.reference, self._clusters) if self.is_province else []
        status, undefined, words = self.status, self.totals is None, self.words
        reported = status.summary(site_wording.of(self.reference.folder))
        changed_on = comparisons.changed_on(self.reference, self.period, self.cluster)
        # Issued while units were awaited (PARTIAL=1): the notice of a scope still awaiting some says so.
        partial = self.issue is not None and self.issue.partial and not status.complete
        # The notice as completeness.html.j2 lays it out, in the same words.
        said = f" – {reported}" + (f" {words['deadline'].replace('{date}', deadline)}" if deadline else "") + "."
        if undefined:
            notice = [Run(words["year_undefined"], bold=True)]
            notice += [Run(" – " + words["year_undefined_why"].replace("{date}", changed_on))]
        elif self.nothing_reported:
            awaiting = words["awaiting"].replace("{units}", _names(status.missing))
            notice = [Run(words["nothing_reported"], bold=True), Run(said), Run(None), Run(awaiting), Run(None)]
            notice += [Run(words["nothing_yet"] + (f" {words['issued_partial']}" if partial else ""))]
        elif not status.complete:
            units = _awaited_text(awaited, words) if awaited else _names(status.missing)
            included = words["not_included_one" if len(status.missing) == 1 else "not_included"]
            notice = [Run(words["incomplete"], bold=True), Run(said)]
            notice += [Run(f" {words['not_sent'].replace('{units}', units)}. {included}")]
            notice += [Run(f" {words['issued_partial']}")] if partial else []
        else:
            notice = []
        if notice:
            content = [Paragraph(tuple(notice), "notice")]
        else:
            late = f"; {words['late'].replace('{units}', _names(status.late))}" if status.late else ""
            content = [
                Paragraph(runs(words["figures_reported"].replace("{reported}", reported) + late + "."), "completeness")
            ]
        if changed_on and not undefined:
            content.append(Paragraph(runs(words["year_across"].replace("{date}", changed_on)), "completeness"))
        html = self._render(
            "completeness.html.j2",
            status=status,
            reported=reported,
            changed_on=changed_on,
            undefined=undefined,
            deadline=deadline,
            nothing=self.nothing_reported,
            awaited=awaited,
            partial=partial,
        )
        return Block("completeness", tuple(content), html)

    @reported_only
    def headline(self) -> Block:
        headline = self.text.headline()
        html = self._render("headline.html.j2", headline=headline)
        return Block("headline", (Heading(runs(headline), "headline"),), html)

    @reported_only
    def lead(self) -> Block:
        return self._paragraphs([self.text.lead()], "lead")

    @reported_only
    def figures(self) -> Block:
        return self._paragraphs(self.text.paragraphs(), "figures")

    def _paragraphs(self, paragraphs: list[str], css: str) -> Block:
        style = "lead" if css == "lead" else "body"
        content = tuple(Paragraph(runs(paragraph), style) for paragraph in paragraphs)
        return Block("paragraphs", content, self._render("paragraphs.html.j2", paragraphs=paragraphs, css=css))

    @reported_only
    def comparison(self) -> Block:
        """Every figure against the previous period and the same period a year earlier, like for like."""
        columns = comparisons.against_earlier(self.observations, self.reference, self.period, self.cluster, self.text)
        title, current = self.text.sections["comparison"], self.period.label
        references = [(column.label, comparisons.basis(column, self.text)) for column in columns]
        rows = comparisons.rows(columns, self.totals, self.reference, self.text, self.period)
        paragraph = comparisons.paragraph(columns, self.text)
        compared_with = self.words["compared_with"]
        header = [Cell(runs(self.words["indicator"]), label=True), Cell(runs(current[:1].upper() + current[1:]))]
        header += [
            Cell((Run(compared_with.replace("{reference}", label)), Run(None), Run(basis, note=True)), label=True)
            for label, basis in references
        ]
        body = [
            Row(
                (
                    Cell(runs(label), label=True),
                    Cell(runs(now)),
                    *(Cell(runs(change), label=True) for change in changes),
                )
            )
            for label, now, changes in rows
        ]
        table = Table((Row(tuple(header), header=True), *body))
        html = self._render(
            "comparison.html.j2", title=title, current=current, references=references, rows=rows, paragraph=paragraph
        )
        return Block("comparison", (Heading(runs(title)), Paragraph(runs(paragraph)), table), html)

    @reported_only
    def chart_trend(self) -> charts.Chart:
        trend = metrics.trend(self.observations, self.reference, self.cluster, self.period)
        ticks = [self.text.period_tick(Period.parse(text)) for text in trend.index]
        coverage = metrics.coverage(self.observations, self.reference, self.cluster, list(trend.index))
        changes = metrics.reorganisations(self.reference, self.cluster, list(trend.index))
        boundaries = tuple((index, self.text.words["reorganised"]) for index in changes)
        return charts.models_trend(trend, ticks, coverage, self.models_chart("models_trend"), boundaries)

    @reported_only
    def analyst_notes(self) -> Block:
        title, body = self.text.sections["notes"], self.notes.body
        html = self._render("notes.html.j2", title=title, body=Markup(markdown.html_of(body)) if body else "")
        return Block("notes", (Heading(runs(title)), *markdown.elements(body)) if body else (), html)

    @reported_only
    def annex(self) -> Block:
        """Warnings about this bulletin's units that did not block it."""
        codes = {unit.code for unit in self.units}
        warnings = [
            w
            for w in consolidated.read_warnings(self.project, self.period, self.reference, self.data)
            if w.unit_code in codes
        ]
        title = self.text.sections["annex"]
        html = self._render("annex.html.j2", title=title, warnings=warnings)
        if not warnings:
            return Block("annex", (), html)
        headings = [self.words[key] for key in ("unit", "indicator", "annex_message", "annex_source")]
        header = Row(tuple(Cell(runs(heading), label=True) for heading in headings), header=True)
        body = [
            Row(
                tuple(
                    Cell(runs(text), label=True)
                    for text in (w.unit, w.indicator, w.message, f"{w.file}, {w.location}" if w.location else w.file)
                )
            )
            for w in warnings
        ]
        content = (
            Heading(runs(title)),
            Paragraph(runs(self.words["annex_caption"]), "caption"),
            Table((header, *body)),
        )
        return Block("annex", content, html)

    def _figures_table(self, title: str, columns: list[str], total: str, table: pd.DataFrame) -> Block:
        """Indicators (rows) of ``table`` by ``columns`` and the ``total``: one table, or stacked parts (``tables``)."""
        rows = [
            (
                self.reference.indicators_in(self.period)[code].short_label,
                [formatting.count(v) for v in table.loc[code]],
            )
            for code in table.index
        ]
        parts = tables.parts(columns, total, rows)
        html = self._render("figures_table.html.j2", title=title, parts=parts, caption=self.rate_caption)
        indicator = self.words["indicator"]
        content = (Heading(runs(title)), *(_part(part, len(parts) > 1, indicator) for part in parts))
        return Block("figures", (*content, Paragraph(runs(self.rate_caption), "caption")), html)

    @cached_property
    def words(self) -> narrative.Entries:
        """The wording file's words for the fragments' headings and notices (without figures: a year may have none)."""
        return narrative.wording_of(self.reference).plain.words

    def _render(self, template: str, **context) -> str:
        return FRAGMENTS.get_template(template).render(words=self.words, **context)


class ClusterBulletin(Bulletin):
    """The bulletin of one cluster: its units side by side."""

    @classmethod
    def load(
        cls,
        period: str,
        cluster: str,
        project_dir: str | None = None,
        data: str = consolidated.PUBLISHED,
        issue: dict | None = None,
    ) -> ClusterBulletin:
        return super().load(period, cluster, project_dir, data, issue)

    @per_unit
    def unit_table(self) -> Block:
        """Every indicator (rows) for every unit (columns) with the cluster total; many units: in stacked parts."""
        table = metrics.unit_table(self.observations, self.reference, self.period, self.scope)
        columns = [unit.short_name for unit in self.units]
        return self._figures_table(self.text.sections["table"], columns, self.text.words["cluster_total"], table)

    @per_unit
    def chart_models_by_unit(self) -> charts.Chart:
        names = {unit.code: unit.short_name for unit in self.units}
        return charts.models_by_unit(self.values, names, self.models_chart("models_by_unit"))

    def news_item(self) -> news.NewsItem | HTML:
        """The news item for the paper and radio when the meeting has notes (``news``); else nothing."""
        if not has_news_item(self.project, self.period, self.scope):
            return HTML("")
        paragraphs = news.paragraphs(self.text, self.notes.body, reported=not self.nothing_reported)
        title, file = self.text.sections["news"], f"{self.scope}.{NEWS_ITEM}"
        html = self._render("news_item.html.j2", title=title, paragraphs=paragraphs, file=file)
        return news.NewsItem(paragraphs, html)


class ProvinceBulletin(Bulletin):
    """The province overview: every cluster side by side, and the units ranked."""

    is_province = True

    @classmethod
    def load(
        cls,
        period: str,
        project_dir: str | None = None,
        data: str = consolidated.PUBLISHED,
        issue: dict | None = None,
    ) -> ProvinceBulletin:
        return super().load(period, PROVINCE, project_dir, data, issue)

    @per_unit
    def cluster_table(self) -> Block:
        """Every indicator (rows) for every cluster (columns) with the province total."""
        table = metrics.cluster_table(self.observations, self.reference, self.period)
        columns = [self.reference.clusters[code].name for code in table.columns if code != metrics.TOTAL]
        total = scope_name(self.reference, PROVINCE, self.period)
        return self._figures_table(self.text.sections["clusters"], columns, total, table)

    @per_unit
    def chart_models_by_cluster(self) -> charts.Chart:
        table = metrics.cluster_table(self.observations, self.reference, self.period).drop(columns=metrics.TOTAL)
        names = {code: self.reference.clusters[code].name for code in table.columns}
        return charts.models_by_unit(table.T, names, self.models_chart("models_by_cluster"))

    @per_unit
    def ranking(self) -> Block:
        """Units ranked by the share of their registered models that were recognized; many: the top and the bottom."""
        shown = Ranking.of(self.observations, self.reference, self.period).body(self.text.words["ranking_excerpt"])
        return self._ranking(self.text.sections["ranking"], **shown)

    @per_unit
    def ranking_annex(self) -> Block:
        """Every unit ranked, at the end, when the body shows only the top and the bottom (else nothing)."""
        ranked = Ranking.of(self.observations, self.reference, self.period)
        return self._ranking(self.text.sections["ranking_annex"], **ranked.annex())

    def _ranking(self, title: str, rows: list, bottom: list, note: str, annex: bool) -> Block:
        html = self._render("ranking.html.j2", title=title, rows=rows, bottom=bottom, note=note, annex=annex)
        if not rows:
            return Block("ranking", (), html)

        def ranked(row) -> Row:
            return Row(tuple(Cell(runs(text), label=index in RANKING_LABELS) for index, text in enumerate(row)))

        keys = ("rank", "unit", "cluster", "ranking_registered", "ranking_recognized", "ranking_rate")
        headings = [Cell(runs(self.words[key]), label=index in RANKING_LABELS) for index, key in enumerate(keys)]
        table = [Row(tuple(headings), header=True), *map(ranked, rows)]
        if bottom:
            table += [Row((Cell(runs("…"), span=len(headings)),), gap=True), *map(ranked, bottom)]
        note = (Paragraph(runs(note), "caption"),) if note else ()
        # The full ranking, in an annex, follows the text (no page of its own: bulletin.css keeps its heading with it).
        return Block("ranking", (Heading(runs(title)), *note, Table(tuple(table))), html)


def _part(part: tables.Part, stacked: bool, indicator: str) -> Table:
    """A figures table, or one stacked part of it: the indicators' labels (headed ``indicator``), the figures, the
    total's column last."""

    def row(label: str, cells: list[str], header: bool) -> Row:
        total = len(cells) - 1 if part.total else -1
        figures = [Cell(runs(cell) if cell else (), total=index == total) for index, cell in enumerate(cells)]
        return Row((Cell(runs(label), label=True), *figures, *[Cell(pad=True)] * part.padding), header=header)

    rows = [row(indicator, part.headings, True), *(row(label, cells, False) for label, cells in part.rows)]
    return Table(tuple(rows), part=stacked)


def _names(units) -> str:
    return ", ".join(unit.name for unit in units)


def _awaited_text(awaited, words) -> str:
    """The province's units still awaited, by cluster, as completeness.html.j2 lists them."""
    return "; ".join(
        f"{in_sentence(cluster)}: "
        + (words["whole_cluster"].replace("{count}", str(len(units))) if whole else _names(units))
        for cluster, units, whole in awaited
    )

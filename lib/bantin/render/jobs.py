"""One bulletin to render: what it will show (its stamp and provenance), and rendering it in a worker.

A bulletin's stamp hashes its own slice of the data and warnings, its notes, the reference data, its notebook,
the code and the environment: equal stamps mean equal files. A worker executes the notebook with papermill's
Python API on its warm kernel and renders, in memory, the HTML once and the PDF from it, the Word file from the
same displayed blocks, and the news item's text when the notebook displayed one: publishing is the parent's,
once for the whole run.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from bantin import messages
from bantin.build import products, provenance
from bantin.build.products import has_news_item
from bantin.build.project import Project
from bantin.bulletin import narrative, news, territory
from bantin.bulletin.narrative import document_title
from bantin.intake import consolidated
from bantin.model.errors import BantinError, Problem
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference
from bantin.render import execution
from bantin.render.exporters import html_to_pdf, notebook_to_html
from bantin.render.outcome import Outcome
from bantin.render.word import notebook_to_docx


@dataclass(frozen=True)
class Job:
    """One bulletin to produce: a cluster's (or the province's) notebook for a period."""

    root: str
    period: str
    scope: str  # a cluster code, or PROVINCE
    title: str
    news_item: bool  # the cluster's meeting has notes: its notebook displays a news item (``has_news_item``)
    record: dict = field(default_factory=dict, compare=False)  # its provenance: stamp, data, code, inputs
    # The notebook's parameter issue (``model.register.Issue.as_parameter``): None renders a draft; make issue sets
    # it (dataclasses.replace) to render the period's issue, with its number and date of issue.
    issue: dict | None = field(default=None, compare=False)

    @property
    def notebook(self) -> str:
        return notebook_of(self.scope)

    @property
    def stamp(self) -> str:
        return self.record["stamp"]

    @property
    def provenance(self) -> dict:
        """What its provenance.json says (the publishing parent writes it, for a bulletin rendered or not)."""
        return {key: value for key, value in self.record.items() if key != "footer"}

    @property
    def parameters(self) -> dict[str, str | dict]:
        """Typed parameters, as the notebook's parameters cell declares them; no path (see execution): the kernel
        finds the project from its working directory, and reads the data this run has checked, not yet published.
        ``issue`` only when set: a draft keeps the notebook's default (None)."""
        cluster = {} if self.scope == PROVINCE else {"cluster": self.scope}
        issue = {"issue": self.issue} if self.issue else {}
        return {"period": self.period, **cluster, "data": consolidated.STAGED, **issue}


def notebook_of(scope: str) -> str:
    return "province.ipynb" if scope == PROVINCE else "bulletin.ipynb"


def plan(
    project: Project,
    period: Period,
    scopes: list[str],
    code: provenance.Code,
    reference: Reference,
    observations,
    warnings: list[Problem],
) -> list[Job]:
    """Each bulletin of ``scopes``, with the provenance record and the stamp of what it would show."""
    shared = {
        **{
            name: provenance.file_digest(path)
            for name, path in provenance.folder_files(project, project.reference_dir).items()
        },
        "requirements.lock": code.lock,
    }
    footer = narrative.wording_of(reference).plain.words["footer"]  # the bulletins' last line
    jobs = []
    for scope in scopes:
        data, sources = _data_slice(project, reference, period, scope, observations, warnings)
        notes = project.notes_file(period, scope)
        notebook = project.notebooks_dir / notebook_of(scope)
        inputs = dict(shared, **sources, **{project.relative(notebook): provenance.file_digest(notebook)})
        if notes.is_file():
            inputs[project.relative(notes)] = provenance.file_digest(notes)
        stamp = provenance.text_digest(str(period), scope, data, json.dumps(inputs, sort_keys=True), code.digest)
        record = {
            "period": str(period),
            "scope": scope,
            "stamp": stamp,
            "data": data,
            "inputs": inputs,
            "code": {"commit": code.commit, "dirty": code.dirty, "library": code.library, "lock": code.lock},
            "packages": provenance.packages(),
            "footer": provenance.footer(footer, data, code),
        }
        title = document_title(reference, period, scope)
        jobs.append(Job(str(project.root), str(period), scope, title, has_news_item(project, period, scope), record))
    return jobs


def render_job(job: Job) -> Outcome:
    """In a worker: run one notebook and render it, in memory; a failure is returned, to be said with the others."""
    started = time.perf_counter()
    try:
        notebook = execution.execute(str(Path(job.root) / "notebooks" / job.notebook), job.parameters)
        notebook.metadata["title"] = job.title
        notebook.metadata["bantin"] = {"footer": job.record["footer"]}
        html = notebook_to_html(notebook)
        files = {
            products.NOTEBOOK: nbformat.writes(notebook).encode("utf-8"),
            products.HTML: html.encode("utf-8"),
            products.PDF: html_to_pdf(html),
            products.WORD: notebook_to_docx(notebook),
        }
        if job.news_item:
            files[products.NEWS_ITEM] = news_item_text(notebook, job.notebook).encode("utf-8")
    except Exception as error:
        return Outcome(job.scope, time.perf_counter() - started, failure=execution.failure(job.scope, error))
    return Outcome(job.scope, time.perf_counter() - started, files=files)


def news_item_text(notebook: nbformat.NotebookNode, name: str) -> str:
    """The text of the news item the notebook displayed (``bulletin.news_item()``)."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if news.is_news_item(output):
                return output["data"]["text/plain"]
    raise BantinError(messages.NEWS_ITEM_NOT_SHOWN.format(notebook=name))


def _data_slice(project, reference, period, scope, observations, warnings) -> tuple[str, dict[str, str]]:
    """The hash of the figures and warnings a bulletin shows, and the submission files they come from."""
    if scope == PROVINCE:
        units = reference.unit_codes()
    else:
        units = {unit.code for half in project.history(period) for unit in reference.units(half, scope)}
        units |= territory.predecessors_of(reference, units)  # compared across a reorganisation
    rows = observations[observations["unit"].isin(units)].sort_values(["period", "unit", "indicator"])
    shown = sorted(str(warning) for warning in warnings if warning.unit_code in units)
    data = provenance.text_digest(rows[["period", "unit", "indicator", "value"]].to_csv(index=False), *shown)
    sources = {
        file: sha for file, sha in rows[["source_file", "source_sha256"]].drop_duplicates().itertuples(index=False)
    }
    return data, dict(sorted(sources.items()))

"""The "Đính chính" notice of a correction as files: its HTML, PDF and Word file, in the bulletins' look.

The notice's blocks (``bulletin.correction.Notice``) are displayed in a notebook made in memory, one code cell
each, as a kernel would display them (no kernel runs), and that notebook goes through the bulletins' own
exporters: ``exporters.notebook_to_html`` and ``html_to_pdf`` for the page and the PDF, ``word.notebook_to_docx``
for the Word file, which reads the blocks' JSON. The same inputs give the same bytes.
"""

from __future__ import annotations

import nbformat

from bantin.build import issues
from bantin.build.issues import FigureChange
from bantin.build.project import Project
from bantin.bulletin.correction import Notice
from bantin.model.periods import Period
from bantin.model.reference import Reference
from bantin.model.register import Issue
from bantin.render import fonts
from bantin.render.exporters import html_to_pdf, notebook_to_html
from bantin.render.word import notebook_to_docx

NAME = issues.NOTICE  # the notice's files in the issue's folder: dinh-chinh.html, .pdf, .docx
HTML, PDF, WORD = (f"{NAME}.{extension}" for extension in ("html", "pdf", "docx"))


def notice_files(
    project: Project,
    reference: Reference,
    period: Period | str,
    issue: Issue,
    replaced: Issue,
    figures: list[FigureChange],
    sentences: dict[str, list[tuple[str, str]]],
) -> dict[str, bytes]:
    """The notice of ``issue``, which corrects ``replaced``: ``{"dinh-chinh.html": …, ".pdf": …, ".docx": …}``.

    ``figures`` are the changed figures (``build.issues.figure_changes``), ``sentences`` each bulletin's changed
    sentences (``bulletin.correction.sentence_changes``) by scope, in the period's scope order. ``project`` is the
    project the notice is issued for (its reference data is ``reference``).
    """
    period = Period.parse(period) if isinstance(period, str) else period
    notice = Notice(reference, period, issue, replaced, list(figures), dict(sentences))
    notebook = notebook_of(notice)
    html = notebook_to_html(notebook)
    with fonts.dated(issue.date):  # the fonts the PDF embeds are dated by the notice, never by the clock
        pdf = html_to_pdf(html)
    return {HTML: html.encode("utf-8"), PDF: pdf, WORD: notebook_to_docx(notebook)}


def notebook_of(notice: Notice) -> nbformat.NotebookNode:
    """The notice's blocks displayed in a notebook, one code cell each, titled; no kernel, no code."""
    cells = []
    for count, block in enumerate(notice.blocks(), start=1):
        output = nbformat.v4.new_output("display_data", data=block._repr_mimebundle_(), metadata={})
        cells.append(nbformat.v4.new_code_cell(source="", outputs=[output], execution_count=count))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["title"] = notice.title
    return notebook

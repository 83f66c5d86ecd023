"""The files of an issue's folder, in memory, from its bulletins rendered with the number and date of issue.

Beside each bulletin's HTML, PDF, Word file and news item: the printable set, the data files, the figures as
issued (``build.issues.FIGURES``) and the bulletins' sentences (``SENTENCES``), which a later correction compares
with; for a correction, the "Đính chính" notice; and the manifest, each file's hash and what it was made from.
"""

from __future__ import annotations

import json

import nbformat

from bantin.build import issues, products
from bantin.build.project import Project
from bantin.bulletin import correction, narrative
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE
from bantin.model.register import Issue
from bantin.render import collection
from bantin.render.correction import notice_files

BULLETIN_FILES = (products.HTML, products.PDF, products.WORD, products.NEWS_ITEM)  # what goes out of each bulletin


def assemble(project: Project, period: Period, issue: Issue, replaced: Issue | None, planned, outcomes, read):
    """Every file of the issue's folder; None for a correction whose figures and sentences are those it corrects.

    ``planned``, ``outcomes``: the bulletins rendered for the issue (``Batch.render_issue``); ``read``: the run's
    files not yet published (the period's data files, the consolidated figures), as a report would publish them.
    """
    reference = project.reference
    folder = project.period_outputs_dir(period)
    files, sentences = {}, {}
    for job in planned:
        rendered = outcomes[job.scope].files
        for extension in BULLETIN_FILES:
            if extension in rendered:
                files[f"{job.scope}.{extension}"] = rendered[extension]
        sentences[job.scope] = correction.sentences(nbformat.reads(rendered[products.NOTEBOOK].decode("utf-8"), 4))
    figures = issues.current_figures(project, period, read)
    if replaced is not None:
        changed = issues.figure_changes(issues.issued_figures(project, replaced), figures)
        before = issues.issued_sentences(project, replaced)
        reworded = {scope: correction.sentence_changes(before.get(scope, []), now) for scope, now in sentences.items()}
        reworded = {scope: changes for scope, changes in reworded.items() if changes}
        if not changed and not reworded:
            return None
        files |= notice_files(project, reference, period, issue, replaced, changed, reworded)
    order = [PROVINCE] + [job.scope for job in planned if job.scope != PROVINCE]
    members = [
        collection.Member(scope, narrative.scope_name(reference, scope, period), files[f"{scope}.{products.PDF}"])
        for scope in order
        if f"{scope}.{products.PDF}" in files
    ]
    status = json.loads(read(folder / products.STATUS))
    files[products.PRINTABLE_SET] = collection.printable_set(reference, period, members, status, issue, replaced)
    for name in (products.DATA_TABLE, products.DATA_WORKBOOK):
        files[name] = read(folder / name)
    files[issues.FIGURES] = issues.figures_csv(figures)
    files[issues.SENTENCES] = (json.dumps(sentences, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    bulletins = {
        job.scope: {key: job.record[key] for key in ("stamp", "data", "inputs")}
        for job in sorted(planned, key=lambda job: job.scope)
    }
    first = planned[0].record
    files[issues.MANIFEST] = issues.manifest(issue, files, bulletins, first["code"], first["packages"])
    return files

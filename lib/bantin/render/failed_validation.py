"""The validation report of a half-year whose submissions failed their check, kept inside the project.

A failed intake publishes nothing: ``outputs/`` keeps the last good run, byte for byte. Its report goes to
``data/failed-validation/<HALF>/`` instead (``Project.failed_validation_dir``, git-ignored): ``validation.html``
for people and ``validation.csv`` for spreadsheets, as a good run writes them beside its bulletins. Whoever
found the failure writes it: ``make report`` (``cli``) or ``explore.load``. Once the half-year passes, its
report is stale and ``forget`` removes it, so that no one reads an old failure as today's.

``forget`` runs on the light path of ``make report`` (a run with nothing to do still clears a stale report),
so the top of this module imports the standard library, ``model`` and ``build`` only; ``write`` imports the page and
spreadsheet writers when it runs.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from bantin import messages
from bantin.build.products import VALIDATION_PAGE as PAGE
from bantin.build.products import VALIDATION_TABLE as TABLE
from bantin.build.project import Project
from bantin.build.publish import Transaction
from bantin.model.errors import PublishError, ReferenceDataError, SubmissionError
from bantin.model.periods import Period


def report_folder(project: Project, half: Period) -> Path:
    """Where the report of ``half`` goes while its submissions fail their check."""
    return project.failed_validation_dir / str(half)


def write(project: Project, error: SubmissionError) -> Path:
    """Write the report of ``error``'s half-year, every problem of it (the units awaited, the blanks and the late
    submissions too) and who reported by cluster; return the path of its page.

    Both files are put in place together, or neither (``PublishError``: a read-only project, a full disk).
    """
    from bantin.render import data_files, pages  # jinja2, pandas, openpyxl: only once an intake has failed

    folder = report_folder(project, error.period)
    page = pages.validation(error.problems, error.period, project.reference, error.completeness)
    files = Transaction(project.root)
    files.write(folder / PAGE, page.encode("utf-8"))
    files.write(folder / TABLE, data_files.problems_csv(error.problems))
    files.commit()
    return folder / PAGE


def write_and_name(project: Project, error: SubmissionError) -> str:
    """Write the report of ``error``; the line that names it, relative to the project, for the terminal or a
    warning (or that says why it could not be written, a mistake in the site's wording file included: the
    failure itself is what matters)."""
    try:
        page = write(project, error)
    except (PublishError, ReferenceDataError) as unwritten:
        return messages.FAILED_VALIDATION_NOT_WRITTEN.format(reason=unwritten)
    return messages.FAILED_VALIDATION_WRITTEN.format(page=project.relative(page))


def forget(project: Project, halves: list[Period]) -> None:
    """Remove the reports of ``halves``, whose submissions now pass, and the folders left empty.

    Best effort: a report that cannot be removed (a read-only folder) stays, and the run that passed is not
    failed for it.
    """
    for half in halves:
        folder = report_folder(project, half)
        for path in (folder / PAGE, folder / TABLE):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        for empty in (folder, project.failed_validation_dir):
            with contextlib.suppress(OSError):  # missing, or still holding something: left as it is
                empty.rmdir()

"""Every file a report publishes, in one list: what it is called, where it goes, and what it is built from.

The builders (``render.jobs``, ``render.batch``), the record of what is up to date (``freshness``), the files a
clean render would not write (``render.outputs.orphans``), the pages that link them (``render.pages``) and the
report of a failed intake all read their names here, so that a new product is added in one place.

| file | per | made by | built from (``freshness.Inputs``) |
|---|---|---|---|
| ``data/processed/<HALF>.csv``, ``<HALF>.warnings.csv`` | half-year read | ``intake.consolidated`` | ``processed`` |
| ``outputs/<PERIOD>/`` ``PERIOD_FILES`` | period | ``render.batch.period_files`` | ``period`` |
| ``outputs/<PERIOD>/<scope>.`` ``BULLETIN`` (+ ``NEWS_ITEM``) | bulletin | ``render.jobs.render_job`` | ``bulletin`` |
| ``outputs/<PERIOD>/<scope>.`` ``PROVENANCE`` | bulletin | ``render.batch`` (the job's record) | ``provenance`` |
| ``outputs/<PERIOD>/`` ``PRINTABLE_SET``, ``archive_name`` | period | ``render.collection`` | ``collection`` |
| ``outputs/index.html`` | project | ``render.index_refresh`` (``render.pages.index``) | ``index`` |

A bulletin's optional file, the news item, is decided here too (``has_news_item``). Standard library only:
a rerun with nothing to do reads this list before anything heavy is imported.
"""

from __future__ import annotations

from pathlib import Path

from bantin.build.project import Project
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE

# outputs/<PERIOD>/<scope>.<extension>: every bulletin's files, by extension.
NOTEBOOK, HTML, PDF, WORD, PROVENANCE = "ipynb", "html", "pdf", "docx", "provenance.json"
BULLETIN = (NOTEBOOK, HTML, PDF, WORD, PROVENANCE)
NEWS_ITEM = "tin.txt"  # <cluster>.tin.txt: the news item of a cluster whose meeting has notes
ARCHIVED = (PDF, WORD, NEWS_ITEM)  # what the archive holds of each bulletin (when it has it)

# outputs/<PERIOD>/: the period's own files beside its bulletins.
STATUS = "status.json"  # who reported and how many warnings: the index and the terminal read it
VALIDATION_PAGE, VALIDATION_TABLE = "validation.html", "validation.csv"  # also a failed intake's report
DATA_TABLE, DATA_WORKBOOK = "data.csv", "data.xlsx"  # the figures, for spreadsheets (and in the archive)
PERIOD_FILES = (STATUS, VALIDATION_PAGE, VALIDATION_TABLE, DATA_TABLE, DATA_WORKBOOK)
PRINTABLE_SET = "tap-ban-tin.pdf"  # every bulletin of the period behind a cover
LEGACY = (".stamp.json",)  # what earlier versions kept there, never written any more: removed when found

INDEX = "index.html"  # outputs/: every period, scope and file


def archive_name(period: Period) -> str:
    return f"ban-tin-{period}.zip"


def has_news_item(project: Project, period: Period, scope: str) -> bool:
    """A cluster whose meeting has notes (``data/notes/<PERIOD>/<cluster>.md``) gets a news item for the press."""
    return scope != PROVINCE and project.notes_file(period, scope).is_file()


def bulletin_extensions(project: Project, period: Period, scope: str) -> tuple[str, ...]:
    """What a bulletin publishes: ``BULLETIN``, and its news item when it has one."""
    return BULLETIN + ((NEWS_ITEM,) if has_news_item(project, period, scope) else ())


def bulletin_files(project: Project, period: Period, scope: str) -> list[Path]:
    folder = project.period_outputs_dir(period)
    return [folder / f"{scope}.{extension}" for extension in bulletin_extensions(project, period, scope)]


def period_files(project: Project, period: Period) -> list[Path]:
    folder = project.period_outputs_dir(period)
    return [folder / name for name in PERIOD_FILES]


def collection_files(project: Project, period: Period) -> list[Path]:
    """The period's printable set and the archive to send, made of every bulletin of the period."""
    folder = project.period_outputs_dir(period)
    return [folder / PRINTABLE_SET, folder / archive_name(period)]


def processed_files(project: Project, half: Period) -> tuple[Path, Path]:
    """A half-year's consolidated figures and the warnings that did not block them."""
    return project.processed_file(half), project.processed_dir / f"{half}.warnings.csv"


def index_file(project: Project) -> Path:
    return project.outputs_dir / INDEX

"""What the office has issued, on disk: each issue's folder, its manifest, and what has changed since.

An issue (``model.register.Issue``) is written once, by ``make issue`` (``render.issue``), into
``issued/<PERIOD>/<number>-<symbol>/``: the bulletins as sent, the set, the Word files, the news items, the data
files, ``so-lieu.csv`` (``FIGURES``: every figure of the period's half-years as the issue showed it, the basis of
every later comparison), ``noi-dung.json`` (``SENTENCES``: each bulletin's sentences, for a correction's notice)
and ``manifest.json`` (``MANIFEST``: each file's SHA-256, and the inputs and the code it was made from).

``write`` puts a folder in place whole or not at all (a hidden folder beside it, the register, then the folder
renamed into place), and makes its files read-only; nothing of the project writes there again. ``standing`` says what a
period's latest issue is and which figures have changed since (``figure_changes``): the terminal after a report
and the index say it. Standard library only: a run with nothing to do says it too.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bantin import messages
from bantin.build.project import Project
from bantin.model.errors import PublishError
from bantin.model.periods import Period
from bantin.model.register import Issue, Register

FIGURES = "so-lieu.csv"  # period,unit,indicator,value: the figures of the period's half-years, as issued
SENTENCES = "noi-dung.json"  # {scope: [sentence, …]}: each bulletin's sentences, as issued
MANIFEST = "manifest.json"  # {"issue": …, "files": {name: sha256}, "bulletins": …, "code": …, "packages": …}
NOTICE = "dinh-chinh"  # a correction's "Đính chính" notice: dinh-chinh.html, .pdf, .docx (render.correction)
FIGURE_COLUMNS = ("period", "unit", "indicator", "value")

Key = tuple[str, str, str]  # (half-year, unit, indicator)


@dataclass(frozen=True, order=True)
class FigureChange:
    """A figure that is not what the issue showed: its values as text ("" where there is no figure)."""

    period: str
    unit: str
    indicator: str
    issued: str
    current: str


def figure_changes(issued: dict[Key, str], current: dict[Key, str]) -> list[FigureChange]:
    """Every figure whose value differs between ``issued`` and ``current`` (a figure on one side only included),
    in the order of half-year, unit and indicator."""
    keys = sorted(set(issued) | set(current))
    return [
        FigureChange(*key, issued.get(key, ""), current.get(key, ""))
        for key in keys
        if issued.get(key, "") != current.get(key, "")
    ]


def _value(text: str) -> str:
    """A figure as compared: "12" for 12, 12.0 and " 12 "; "" for a blank or <NA>."""
    text = (text or "").strip()
    if text in ("", "<NA>", "nan", "NaN"):
        return ""
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


def figures_of(rows) -> dict[Key, str]:
    """The figures of CSV rows (dicts with ``FIGURE_COLUMNS``), blanks kept as "" (a blank is not a zero)."""
    return {(row["period"], row["unit"], row["indicator"]): _value(row["value"]) for row in rows}


def figures_csv(figures: dict[Key, str]) -> bytes:
    """``FIGURES``'s bytes: one line per figure, sorted, so that the same figures give the same file."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIGURE_COLUMNS)
    for key in sorted(figures):
        writer.writerow([*key, figures[key]])
    return out.getvalue().encode("utf-8")


def _read_csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def current_figures(
    project: Project, period: Period, read: Callable[[Path], bytes | None] | None = None
) -> dict[Key, str]:
    """The period's figures as ``data/processed/`` holds them, or as ``read`` gives its files (a run in progress
    reads what it is about to publish); a half-year without its file has no figures."""
    read = read or _read_file
    figures = {}
    for half in period.halves():
        content = read(project.processed_file(half))
        if content is not None:
            figures |= figures_of(_read_csv(content))
    return figures


def _read_file(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def folder_of(project: Project, issue: Issue) -> Path:
    return project.root / issue.folder


def issued_figures(project: Project, issue: Issue) -> dict[Key, str]:
    """The figures an issue showed (its ``FIGURES``)."""
    return figures_of(_read_csv((folder_of(project, issue) / FIGURES).read_bytes()))


def issued_sentences(project: Project, issue: Issue) -> dict[str, list[str]]:
    return json.loads((folder_of(project, issue) / SENTENCES).read_text("utf-8"))


@dataclass(frozen=True)
class Standing:
    """A period's issues, the latest last, and the figures that have changed since the latest."""

    issue: Issue
    issues: list[Issue]
    changes: list[FigureChange] = field(default_factory=list)

    @property
    def units(self) -> list[str]:
        """The units whose figures changed since the issue."""
        return sorted({change.unit for change in self.changes})


def standing(
    project: Project,
    period: Period,
    read: Callable[[Path], bytes | None] | None = None,
    register: Register | None = None,
) -> Standing | None:
    """What the register says of ``period`` and what changed since its latest issue; None when never issued.

    An issue whose folder has gone (a checkout without it) is compared with nothing: no change is claimed.
    ``register``: the register already read, if the caller has it.
    """
    register = register or Register.read(project.register_file, project.relative(project.register_file))
    issues = register.of_period(str(period))
    if not issues:
        return None
    latest = issues[-1]
    try:
        issued = issued_figures(project, latest)
    except FileNotFoundError:
        return Standing(latest, issues)
    return Standing(latest, issues, figure_changes(issued, current_figures(project, period, read)))


def manifest(issue: Issue, files: dict[str, bytes], bulletins: dict[str, dict], code: dict, packages: dict) -> bytes:
    """``MANIFEST``'s bytes: the issue, each file's SHA-256, and what it was made from: each bulletin's stamp, the
    digest of the figures it shows and its input files' digests (``bulletins``), the code and the packages."""
    value = {
        "issue": {
            "period": issue.period,
            "number": issue.number,
            "symbol": issue.symbol,
            "date": issue.date.isoformat(),
            "party_committee": issue.party_committee,
            "term": issue.term,
            "replaces": issue.replaces,
            "partial": issue.partial,
        },
        "files": {name: hashlib.sha256(content).hexdigest() for name, content in sorted(files.items())},
        "bulletins": bulletins,
        "code": code,
        "packages": packages,
    }
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def altered(project: Project, issue: Issue) -> list[str]:
    """The files of an issue's folder that are not as its manifest says (changed, missing or added)."""
    folder = folder_of(project, issue)
    listed = json.loads((folder / MANIFEST).read_text("utf-8"))["files"]
    found = {path.name for path in folder.iterdir() if path.name != MANIFEST}
    wrong = [
        name
        for name, digest in listed.items()
        if not (folder / name).is_file() or hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest
    ]
    return sorted(set(wrong) | (found - set(listed)))


READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


def write(project: Project, issue: Issue, files: dict[str, bytes], register: bytes) -> Path:
    """Put the issue's folder in place whole, with the register that names it; nothing when anything fails.

    The folder is written hidden beside its place (``.<name>.dang-ghi``), the register is replaced, then the folder
    is renamed into place; its files are read-only. Killed between the two, the register names a folder that is
    not there: the next ``make issue`` renders it again, from the same inputs (``render.issue``). An existing folder
    is never written over (``PublishError``).
    """
    target = folder_of(project, issue)
    if target.exists():
        raise PublishError(messages.ISSUE_FOLDER_EXISTS.format(folder=project.relative(target)))
    hidden = target.with_name(f".{target.name}.dang-ghi")
    register_new = project.register_file.with_name(f".{project.register_file.name}.dang-ghi")
    before = _read_file(project.register_file)
    try:
        _remove(hidden)
        hidden.mkdir(parents=True)
        for name, content in sorted(files.items()):
            (hidden / name).write_bytes(content)
            os.chmod(hidden / name, READ_ONLY)
        register_new.write_bytes(register)
        register_new.replace(project.register_file)
    except OSError as error:
        _remove(hidden)
        register_new.unlink(missing_ok=True)
        raise PublishError(messages.ISSUE_NOT_WRITTEN.format(folder=project.relative(target), error=error)) from None
    try:
        hidden.rename(target)
    except OSError as error:  # the register is taken back, so that it names no folder that is not there
        if before is None:
            project.register_file.unlink(missing_ok=True)
        else:
            project.register_file.write_bytes(before)
        _remove(hidden)
        raise PublishError(messages.ISSUE_NOT_WRITTEN.format(folder=project.relative(target), error=error)) from None
    return target


def _remove(folder: Path) -> None:
    """A folder of read-only files, removed (its files made writable first)."""
    if not folder.exists():
        return
    for path in folder.iterdir():
        os.chmod(path, READ_ONLY | stat.S_IWUSR)
    shutil.rmtree(folder, ignore_errors=True)

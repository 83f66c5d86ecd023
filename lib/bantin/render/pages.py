"""The project's own HTML pages, from ``templates/site/``: the index of ``outputs/``, a period's validation report
and the cover of its printable set.

Both wear the bulletins' look: their stylesheet (``templates/bulletin/bulletin.css``: Liberation Serif, A4) and their
official head (``bantin/bulletin/templates/header.html.j2``), read through this module's one Jinja loader. Their
words come from the site's wording file (``data/reference/site.toml``, ``model.site_wording``), given to every
template as ``words``; ``fill`` puts the figures (written by ``formatting``) and names into an entry.

The validation report is written beside the bulletins when the intake passed, or into
``data/failed-validation/<HALF>/`` when it failed (``failed_validation``), so that ``outputs/`` keeps the last
good run untouched.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

import jinja2
from markupsafe import Markup, escape

from bantin import formatting
from bantin.build import issues
from bantin.build.products import (
    DATA_TABLE,
    DATA_WORKBOOK,
    HTML,
    NEWS_ITEM,
    PDF,
    PRINTABLE_SET,
    VALIDATION_PAGE,
    WORD,
    archive_name,
)
from bantin.bulletin import narrative
from bantin.bulletin.heading import head_lines
from bantin.intake.completeness import ClusterCompleteness
from bantin.model import site_wording
from bantin.model.errors import Problem, ordered
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference
from bantin.model.register import Issue
from bantin.model.site_wording import SiteWording, fill
from bantin.model.tally import Tally
from bantin.model.text import two_lines
from bantin.render.outputs import completeness_line

# What each scope's cell links (its label's entry in site.toml's [index.links], then the file's extension), and
# each period's other files (the file, then its label's entry in [index.files]).
SCOPE_LINKS = (("pdf", PDF), ("html", HTML), ("word", WORD), ("news", NEWS_ITEM))
CORRECTION_NOTICE = f"{issues.NOTICE}.{PDF}"  # in a correction's issued folder (render.issue): the "Đính chính" notice
EXTRAS = ((VALIDATION_PAGE, "validation"), (DATA_WORKBOOK, "data_workbook"), (DATA_TABLE, "data_table"))
_PAGES = jinja2.Environment(
    loader=jinja2.ChoiceLoader(
        [
            jinja2.PackageLoader("bantin.render", "templates/site"),
            jinja2.PrefixLoader(
                {
                    "bulletin": jinja2.PackageLoader("bantin.render", "templates/bulletin"),  # bulletin.css
                    "blocks": jinja2.PackageLoader("bantin.bulletin", "templates"),  # header.html.j2
                }
            ),
        ]
    ),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_PAGES.filters["count"] = lambda value: formatting.count(value, pad=False)


def _fill(entry: str, **values):
    """A wording entry with its ``{name}`` parts replaced: a count written by ``formatting``, text escaped (markup
    the template gives, such as a ``<code>``, kept)."""
    result = escape(entry)
    for name, value in values.items():
        value = formatting.count(value, pad=False) if isinstance(value, int) else value
        result = result.replace("{" + name + "}", escape(value))
    return result


_PAGES.filters["fill"] = _fill


def _two_lines(text: str):
    """A heading that wraps onto two lines at most: each half of ``model.text.two_lines`` kept whole."""
    return Markup(" ").join(Markup('<span class="nowrap">{}</span>').format(line) for line in two_lines(text))


_PAGES.filters["two_lines"] = _two_lines


def _written(value: int) -> str:
    return formatting.count(value, pad=False)


def index(catalogue: list[dict], reference: Reference) -> str:
    """The index page of the outputs folder: periods (newest first) × scopes, with links relative to it, grouped
    by the organisation that issued them (each with its own clusters).

    Each cell links the scope's bulletin and says how many of its units reported and how many figures they left
    blank, and whether it is a draft ("Dự thảo") or issued (its number, linking the issued PDF under
    ``issued/``); each period says its check, its issues (each correction with its notice) and how many figures
    changed since the latest, and links its validation report and data files. A period folder without a status
    (written by an older version) still lists its bulletins; an issued period without a folder (after ``make
    clean``) still lists its issues.
    """
    words = site_wording.of(reference.folder)
    rows = []
    for folder in catalogue:
        organisation = reference.organisation_for(Period.parse(folder["period"]))
        scopes = [(code, cluster.name) for code, cluster in reference.clusters.items()]
        if row := _period_row(folder, scopes + [(PROVINCE, organisation["province_name"])], words):
            rows.append((organisation, row))
    rows.sort(key=lambda item: item[1]["period"], reverse=True)
    groups = []
    for _, members in groupby(rows, key=lambda item: item[0]["valid_from"]):
        members = list(members)
        organisation, periods = members[0][0], [row for _, row in members]
        scopes = [(code, cluster.name) for code, cluster in reference.clusters.items()]
        scopes.append((PROVINCE, organisation["province_name"]))
        shown = [(code, name) for code, name in scopes if any(_shown(row["cells"][code]) for row in periods)]
        groups.append(
            {
                "organisation": organisation,
                "dates": _in_force(organisation, words),
                "scopes": shown,
                "periods": periods,
            }
        )
    return _render("index.html.j2", reference, words, subtitle=words["index"]["subtitle"], groups=groups)


def _in_force(organisation: dict, words: SiteWording) -> str:
    """ "từ ngày 01 tháng 7 năm 2025", "đến ngày 28 tháng 02 năm 2025", or both (a body without ``valid_from``,
    in force since always, only "đến ngày …")."""
    since, until = organisation["valid_from"], organisation["valid_to"]
    parts = (
        "" if since == dt.date.min else fill(words["index"]["since"], date=formatting.date_long(since)),
        fill(words["index"]["until"], date=formatting.date_long(until)) if until else "",
    )
    return " ".join(part for part in parts if part)


def _shown(cell: dict) -> bool:
    """A scope's cell has something to show: a draft's links, or an issued bulletin."""
    return bool(cell["links"] or cell["issued"])


def _period_row(folder: dict, scopes: list[tuple[str, str]], words: SiteWording) -> dict | None:
    """One period of the index: a cell per scope, its check, its issues, its extra links (``None`` when it has
    neither a bulletin nor an issue)."""
    code, files = folder["period"], set(folder["files"])
    status = folder.get("status") or None
    counts = _scope_counts(status, scopes) if status else {}
    issued = _issued(folder, words)
    cells, incomplete = {}, []
    for scope, name in scopes:
        links = [
            (words["index"]["links"][label], f"{code}/{scope}.{ext}")
            for label, ext in SCOPE_LINKS
            if f"{scope}.{ext}" in files
        ]
        count = counts.get(scope)
        cell = {"links": links, "count": count, "line": "", "issued": _issued_cell(issued, scope)}
        if count:
            cell["line"] = completeness_line(
                words, name, count["received"], count["expected"], count["blanks"], _written
            )
            if count["missing"] or count["blanks"] or count["late"]:
                named = scope != PROVINCE  # the province's units awaited or late are named in their clusters' lines
                incomplete.append(
                    {
                        "line": cell["line"],
                        "missing": count["missing"] if named else [],
                        "late": count["late"] if named else [],
                    }
                )
        cells[scope] = cell
    if issued is None and not any(_shown(cell) for cell in cells.values()):
        return None
    period = Period.parse(code)
    total = counts.get(PROVINCE)
    return {
        "period": period,
        "label": period.label[:1].upper() + period.label[1:],
        "code": code,
        "cells": cells,
        "issued": issued,
        "incomplete": incomplete,
        "check": {
            "warnings": status.get("warnings", 0) if status else None,  # the checks' own, not the gaps
            "awaited": len(total["missing"]) if total else None,
            "blanks": total["blanks"] if total else None,
        },
        "extras": [
            (words["index"]["files"][label], f"{code}/{file}") for file, label in _extras(period) if file in files
        ],
    }


def _issued(folder: dict, words: SiteWording) -> dict | None:
    """A period's issues as the index says them (``outputs.catalogue``'s ``issues`` and ``changes``), or None for a
    period never issued: each issue's line ("Đã phát hành số 07-BT/BTGDVTU ngày 02/01/2027", a correction "đính
    chính số 08-…") with the links to its folder and, for a correction, its notice; the latest issue's number and
    folder, which the scopes' cells link; and how many figures changed since it. Links are relative to
    ``outputs/index.html``: ``../issued/<PERIOD>/<folder>/``."""
    issues = folder.get("issues") or []
    if not issues:
        return None
    said = words["index"]
    entries = []
    for position, issue in enumerate(issues):
        correction = position > 0 or bool(issue["replaces"])
        href = f"../{issue['folder']}/"
        links = [(said["issued_folder"], href)]
        if correction and CORRECTION_NOTICE in issue["files"]:
            links.insert(0, (said["correction_notice"], href + CORRECTION_NOTICE))
        line = fill(said["correction" if correction else "issued"], reference=issue["reference"], date=issue["date"])
        entries.append({"line": line, "links": links, "partial": issue["partial"]})
    changes = folder.get("changes") or {"figures": 0, "units": 0}
    figures, units = _written(changes["figures"]), _written(changes["units"])
    latest = issues[-1]
    return {
        "entries": entries,
        "number": fill(said["number"], reference=latest["reference"]),
        "date": latest["date"],
        "folder": f"../{latest['folder']}/",
        "files": set(latest["files"]),
        "changed": bool(changes["figures"]),
        "changes": fill(said["changed"], figures=figures, units=units) if changes["figures"] else said["unchanged"],
    }


def _issued_cell(issued: dict | None, scope: str) -> dict | None:
    """A scope's issued bulletin, as its cell says it: the latest issue's number, linking its PDF (None when the
    period was never issued, or its issue holds no bulletin of the scope)."""
    name = f"{scope}.{PDF}"
    if issued is None or name not in issued["files"]:
        return None
    return {"number": issued["number"], "date": issued["date"], "href": issued["folder"] + name}


def _extras(period: Period) -> tuple[tuple[str, str], ...]:
    """A period's files besides its bulletins, as the index links them (the file, its label's entry): the set and
    the archive first."""
    return ((PRINTABLE_SET, "printable_set"), (archive_name(period), "archive"), *EXTRAS)


def _scope_counts(status: dict, scopes: list[tuple[str, str]]) -> dict[str, dict]:
    """Scope code → received, expected, blanks, missing and late units, from a period's ``status.json``.

    A cluster is found by its code, or by its name in a status written before codes were recorded; the
    province's counts are the sum of its clusters'.
    """
    names = {name: code for code, name in scopes}
    counts = {}
    for row in status.get("clusters", []):
        scope = row.get("code") or names.get(row.get("name", ""))
        if scope:
            counts[scope] = {
                "received": row.get("received", 0),
                "expected": row.get("expected", 0),
                "blanks": row.get("blanks", 0),
                "missing": list(row.get("missing", [])),
                "late": list(row.get("late", [])),
            }
    if counts:
        counts[PROVINCE] = _summed(list(counts.values()))
    return counts


def validation(
    problems: list[Problem], period: Period, reference: Reference, status: dict[str, ClusterCompleteness] | None = None
) -> str:
    """The validation report of a period for people: counts by kind, who reported, every problem by file.

    ``problems`` holds, beside the checks' own, every unit awaited, figure left blank and late submission
    (``completeness.gap_problems``), whether the intake passed or failed; the counts are their ``Tally``, the
    very one the terminal and ``validation.csv`` say. ``status`` is who reported by cluster.
    """
    words = site_wording.of(reference.folder)
    clusters = status or {}
    files = [
        (words["validation"]["folder" if "." not in file.rsplit("/", 1)[-1] else "file"], file, list(group))
        for file, group in groupby(ordered(problems), key=lambda p: p.file)
    ]
    rows = [(reference.clusters[code].name, _counted(item)) for code, item in clusters.items()]
    if rows:
        rows.append((narrative.scope_name(reference, PROVINCE, period), _summed([row for _, row in rows])))
    return _render(
        "validation.html.j2",
        reference,
        words,
        reference.organisation_for(period),
        subtitle=fill(words["validation"]["subtitle"], period=period.label),
        period=period,
        counts=Tally.of(problems),
        files=files,
        clusters=rows,
    )


def cover(
    reference: Reference,
    period: Period,
    title: str,
    contents: list[dict],
    status: dict | None,
    issue: Issue | None = None,
    replaced: Issue | None = None,
) -> str:
    """The cover of a period's printable set: ``contents`` lists each bulletin's ``scope``, ``name``, ``pages`` and
    ``first_page`` (in the set, counting the cover); ``status`` (the period's ``status.json``) says how many of
    each bulletin's units reported, so that a draft set says it is one. Its head is a bulletin's: a draft set's has
    the draft's mark under its number line, left blank, and a date without day and month (the year of the period's
    end); an issued set's (``issue``), its number and date of issue, under the organisation in force that day, and
    for a correction the issue it replaces (``replaced``) under its subject."""
    words = site_wording.of(reference.folder)
    cover_words = words["cover"]
    head = head_lines(reference, period, cover_words, issue, replaced)
    counts = _scope_counts(status, [(entry["scope"], entry["name"]) for entry in contents]) if status else {}
    rows = [entry | {"count": counts.get(entry["scope"])} for entry in contents]
    subtitle = fill(cover_words["subtitle"], period=period.label)
    return _render(
        "cover.html.j2",
        reference,
        words,
        head.organisation,
        subtitle=subtitle,
        title=title,
        contents=rows,
        number=head.number,
        mark=head.mark,
        place_and_date=head.place_and_date,
        replaces=head.replaces,
    )


def _render(
    template: str, reference: Reference, words: SiteWording, organisation: dict | None = None, **context
) -> str:
    """A page of the site under the bulletins' official head: the organisation, its place (no date: a page is
    the same whenever it is written again), and the site's words."""
    organisation = organisation or reference.organisation  # a period's page: the organisation of that period
    context.setdefault("place_and_date", organisation["place"])  # an issued set's cover: its date of issue
    return _PAGES.get_template(template).render(organisation=organisation, words=words, **context)


def _counted(item: ClusterCompleteness) -> dict:
    """A cluster's row of the completeness table: counts, and the names of the units awaited and late."""
    return {
        "received": len(item.received),
        "expected": len(item.expected),
        "blanks": len(item.blanks),
        "missing": [unit.name for unit in item.missing],
        "late": [unit.name for unit in item.late],
    }


def _summed(rows: list[dict]) -> dict:
    """The province's row: its clusters' counts added up, their lists of units put together."""
    return {
        "received": sum(row["received"] for row in rows),
        "expected": sum(row["expected"] for row in rows),
        "blanks": sum(row["blanks"] for row in rows),
        "missing": [name for row in rows for name in row["missing"]],
        "late": [name for row in rows for name in row["late"]],
    }

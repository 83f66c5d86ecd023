"""What ``outputs/`` holds and should hold, decided with the standard library alone.

Whether a report has anything to do (``is_up_to_date``) is decided here, before anything heavy is imported
or any kernel starts: from each published file's record (``freshness``), the files a clean render would
not write (``orphans``), and the catalogue the index is drawn from (each period folder's files and status, and
each issued period's issues and how many of its figures changed since: ``build.issues``). The report's last lines
(who reported, the check's counts, what was issued) are read here too, from what the run published.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from bantin import messages
from bantin.build import issues
from bantin.build.freshness import Inputs, State
from bantin.build.products import (
    BULLETIN,
    LEGACY,
    NEWS_ITEM,
    PERIOD_FILES,
    STATUS,
    VALIDATION_PAGE,
    bulletin_files,
    collection_files,
    has_news_item,
    index_file,
)
from bantin.build.project import Project
from bantin.build.publish import Transaction
from bantin.model import site_wording
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference
from bantin.model.register import Register
from bantin.model.tally import Tally


def is_up_to_date(project: Project, period: Period, scopes: list[str], inputs: Inputs) -> bool:
    """Every file a report of ``period`` for ``scopes`` publishes is as a clean render would write it now."""
    state, disk = State.load(project), Transaction(project.root)
    if not all(state.is_fresh(name, digest) for name, digest in inputs.published_by(period, scopes).items()):
        return False
    if orphans(project, period, scopes, disk):
        return False
    return state.is_fresh(project.relative(index_file(project)), inputs.index(catalogue(project, disk)))


def orphans(project: Project, period: Period, scopes: list[str], tree: Transaction) -> list[Path]:
    """Files a clean render would not write: the bulletins of a scope no longer active in ``period`` (when every
    scope is rendered), the news item of a cluster whose notes are gone, what earlier versions kept, the
    consolidated data of a half-year no longer submitted."""
    found = []
    everything = project.reference.scopes(period)
    folder = project.period_outputs_dir(period)
    if sorted(scopes) == sorted(everything):
        written = {path.name for scope in everything for path in bulletin_files(project, period, scope)}
        written |= set(PERIOD_FILES) | {path.name for path in collection_files(project, period)}
        suffixes = tuple(f".{extension}" for extension in (*BULLETIN, NEWS_ITEM))
        found += [folder / name for name in tree.names(folder) if name.endswith(suffixes) and name not in written]
    else:
        news = [folder / f"{scope}.{NEWS_ITEM}" for scope in scopes if not has_news_item(project, period, scope)]
        found += [path for path in news if path.name in tree.names(folder)]
    found += [folder / name for name in LEGACY if (folder / name).is_file()]
    submitted, last = {str(half) for half in project.history(period)}, period.halves()[-1]
    for name in tree.names(project.processed_dir):
        half = Period.named(name.split(".", 1)[0])
        if name.endswith(".csv") and half and not half.is_year and half <= last and str(half) not in submitted:
            found.append(project.processed_dir / name)
    return found


def status(
    period: Period, reference: Reference, by_cluster: dict, warnings: int, province: str, tally: Tally | None = None
) -> bytes:
    """A period's completeness and validation status, for the index and the report's last lines (``tally``: the
    counts of its check, as its validation report says them)."""
    clusters = [
        {
            "code": code,
            "name": reference.clusters[code].name,
            "received": len(item.received),
            "expected": len(item.expected),
            "missing": [unit.name for unit in item.missing],
            "late": [unit.name for unit in item.late],
            "blanks": len(item.blanks),
        }
        for code, item in by_cluster.items()
    ]
    return json.dumps(
        {"period": str(period), "province": province, "clusters": clusters, "warnings": warnings}
        | ({"tally": tally.as_dict()} if tally else {}),
        ensure_ascii=False,
        indent=1,
        sort_keys=True,
    ).encode("utf-8")


def completeness_lines(project: Project, period: Period, written: Callable[[int], str] = str) -> list[str]:
    """ "Cụm đồng bằng: 2/8 đơn vị đã gửi báo cáo, 3 số liệu để trống" per cluster, then the province's, then the
    tally of the check (``model.tally``: the counts its validation report says, the late units by name), from the
    published status of ``period`` (none before its first report). ``written`` writes the figures, as in
    ``completeness_line``."""
    path = project.period_outputs_dir(period) / STATUS
    try:
        status = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    rows = status.get("clusters", [])
    total = {key: sum(row.get(key, 0) for row in rows) for key in ("received", "expected", "blanks")}
    scopes = [(row["name"], row) for row in rows] + [(status.get("province", PROVINCE), total)]
    words = site_wording.of(project.reference_dir)
    lines = [
        completeness_line(words, name, row["received"], row["expected"], row.get("blanks", 0), written)
        for name, row in scopes
    ]
    if "tally" in status:
        report = project.relative(project.period_outputs_dir(period) / VALIDATION_PAGE)
        lines += Tally.from_dict(status["tally"]).lines(period, written, details=report)
    return lines


def completeness_line(
    words: site_wording.SiteWording,
    name: str,
    received: int,
    expected: int,
    blanks: int,
    written: Callable[[int], str] = str,
) -> str:
    """ "Cụm đồng bằng: 2/8 đơn vị đã gửi báo cáo, 3 số liệu để trống" (the terminal's and the index's words, from
    the site's wording file). ``written`` writes the figures: ``formatting.count`` where Babel is loaded; the
    terminal's line after a run with nothing to do, which loads nothing heavy, writes them plainly (the same
    under a thousand)."""
    return site_wording.scope_line(
        words, name, written(received), written(expected), written(blanks) if blanks else None
    )


def issue_line(project: Project, period: Period, written: Callable[[int], str] = str) -> str | None:
    """ "Kỳ 6 tháng đầu năm 2026 đã phát hành số 07-BT/BTGDVTU ngày 05/01/2027; số liệu đã thay đổi từ đó: 3 số
    liệu của 2 đơn vị" (or "…; số liệu không thay đổi từ đó"): the latest issue of ``period`` and how its figures
    stand against the published data now (``build.issues.standing``); None for a period never issued. ``written``
    writes the figures, as in ``completeness_line``."""
    standing = issues.standing(project, period)
    if standing is None:
        return None
    issue = standing.issue
    said = {"label": period.label, "reference": issue.reference, "date": issue.date_numeric}
    if not standing.changes:
        return messages.ISSUED_AND_UNCHANGED.format(**said)
    figures, units = written(len(standing.changes)), written(len(standing.units))
    return messages.ISSUED_AND_CHANGED.format(**said, figures=figures, units=units)


def catalogue(project: Project, tree: Transaction) -> list[dict]:
    """Each period folder of ``outputs/``: its files and its status, as they are once ``tree`` is committed; and
    each period of the register of issues (``data/issued.csv``, a period folder or not): its ``issues``, the first
    first, each with the files of its folder, and the ``changes`` of its figures since the latest, against the
    consolidated data as ``tree`` will hold it (``build.issues.standing``): what the index says is what it is
    built from."""
    register = Register.read(project.register_file, project.relative(project.register_file))
    issued = {issue.period for issue in register.issues}
    found = []
    for name in sorted(set(tree.folders(project.outputs_dir)) | issued):
        files = tree.names(project.outputs_dir / name) if Period.named(name) else set()
        if files or name in issued:
            content = tree.read(project.outputs_dir / name / STATUS)
            entry = {"period": name, "files": sorted(files), "status": json.loads(content) if content else None}
            if name in issued:
                entry |= _issued(project, tree, Period.parse(name), register)
            found.append(entry)
    return found


def _issued(project: Project, tree: Transaction, period: Period, register: Register) -> dict:
    """A period's issues as the index lists them, and how many figures of how many units changed since the latest
    (none claimed when its folder has gone)."""
    standing = issues.standing(project, period, tree.read, register)
    return {
        "issues": [
            {
                "number": issue.number,
                "symbol": issue.symbol,
                "reference": issue.reference,
                "date": issue.date_numeric,
                "replaces": issue.replaces,
                "partial": issue.partial,
                "folder": issue.folder,
                "files": sorted(tree.names(project.root / issue.folder)) if issue.folder else [],
            }
            for issue in standing.issues
        ],
        "changes": {"figures": len(standing.changes), "units": len(standing.units)},
    }

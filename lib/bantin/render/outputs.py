"""What ``outputs/`` holds and should hold, decided with the standard library alone.

Whether a report has anything to do (``is_up_to_date``) is decided here, before anything heavy is imported
or any kernel starts: from each published file's record (``freshness``), the files a clean render would
not write (``orphans``), and the catalogue the index is drawn from (each period folder's files and status).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

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


def catalogue(project: Project, tree: Transaction) -> list[dict]:
    """Each period folder of ``outputs/``: its files and its status, as they are once ``tree`` is committed."""
    found = []
    for name in sorted(tree.folders(project.outputs_dir)):
        files = tree.names(project.outputs_dir / name) if Period.named(name) else set()
        if files:
            content = tree.read(project.outputs_dir / name / STATUS)
            found.append({"period": name, "files": sorted(files), "status": json.loads(content) if content else None})
    return found

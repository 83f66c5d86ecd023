"""Generate the bundled sample submissions under ``data/raw/``.

The figures written by this script are INVENTED sample data, made up so that the first
``make report`` works out of the box; they are not anyone's real report. Units, clusters,
indicators and validation rules are read from ``data/reference/``.

For each period in ``PERIODS`` and each cluster in ``clusters.csv`` the script writes one long-form
CSV, ``data/raw/<PERIOD>/<cluster>.csv``, with the header ``period,unit,indicator,value``: one row
per (unit, indicator) for every unit of the cluster that exists during the period and every
indicator on the period's form (``indicators.csv``'s dates: ``DIALOGUES`` from 2025H2 on), ordered by unit code and
then by the order of ``indicators.csv``. A cluster whose
``role`` is ``predecessor`` is written only for ``PREDECESSOR_PERIODS``.

What the periods stand for (the 2025 reform; see ``units.csv`` and ``successions.csv``):

* 2023H1 … 2025H1: Quảng Nam's 23 district-level units (Ban Dân vận of the huyện, thị, thành ủy;
  from 2025-03-01 Ban Tuyên giáo và Dân vận) in the three clusters ``dong-bang``, ``mien-nui``,
  ``ven-bien``, the trend rising mildly. On 2025-01-01 ``thac-bac`` was merged into ``suoi-may``
  (``successions.csv``: suoi-may took thac-bac whole and goes on), so 2025H1 has 22 of them.
* 2024H2 and 2025H1 also: ``da-nang-cu``, the former city of Đà Nẵng as one city-level total
  (the sum of its former districts), in a cluster of role ``predecessor``: no bulletin of its own,
  not in the province total, there only so that the merged city's 2025H2 and 2026H1 can be compared
  with the sum of its predecessors (the previous half-year and the same half a year earlier).
* 2025H2 and 2026H1: from 1 July 2025 the district level is abolished and Quảng Nam is merged into
  Đà Nẵng. The merged city has 94 commune-level units, as the real one: 23 phường and 70 xã, whose
  Đảng ủy report, in six new clusters, and the đặc khu Hoàng Sa, which has no Đảng ủy and never
  reports (``reports`` = no in units.csv: nothing is written for it). A commune does about a third of
  what a former district did. ``trung-tam`` is exactly the former Đà Nẵng's territory, 12 phường and 3
  xã (and Hoàng Sa), and ``mien-nui-tay`` the communes of six whole former mountain districts; the
  other four are drawn across the former districts' boundaries. The scales
  are set so that a territory's figures change by a few to about twenty percent across the merger
  (the former Đà Nẵng's 2025H1 against ``trung-tam``'s 2025H2; Quảng Nam's 23 units against the
  other 74 communes), not by the change in the number of units.

How the numbers are made:

* 2024H1, plains cluster (``dong-bang``): the cluster totals are exactly those of the published
  bulletin (``ANCHOR_TOTALS``), split across the units.
* Every other (cluster, period): totals near the anchor's per-unit level, scaled by the number of
  units and by ``CLUSTER_SCALE`` (mountain units are smaller, a commune a fraction of a district,
  ``da-nang-cu`` a whole city), with a mild upward trend from 2023H1 to 2026H1 (``PERIOD_TREND``)
  and random noise; dependent totals (attendance, recognised models, people inspected) are derived
  from their parents with the anchor's ratios.
* Totals are split parents first, then dependants only over units whose parent is > 0, with each
  unit getting at least what the ``>=`` rules demand, so every unit satisfies every rule of
  ``rules.csv`` (errors and warnings alike). Small totals leave some units at 0.

Everything is deterministic: each (period, cluster) has its own ``random.Random`` seeded with a
string derived from ``SEED`` (string seeds are hashed with SHA-512, independent of
``PYTHONHASHSEED``), and nothing depends on dict or set ordering. A file whose content has not
changed is left untouched, so its modification time is kept. Adding periods, clusters or units
leaves the files already written byte for byte as they were. ``check()`` re-reads what was written
and verifies the anchor totals and every rule for every unit of every period, that the totals
across the merger differ by less than ``MERGER_SPREAD``, and that ``successions.csv`` covers every
unit and former unit the way the sample says.

Run from anywhere: ``python3 data/generate_sample.py`` (paths are relative to this file).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
REFERENCE = HERE / "reference"
RAW = HERE / "raw"

SEED = 20240621
PERIODS = ("2023H1", "2023H2", "2024H1", "2024H2", "2025H1", "2025H2", "2026H1")
# The halves for which a cluster of role "predecessor" (a former organisation's figures, kept for
# comparisons across a merger) is written: the last before the merger (2025H1, the previous period
# of 2025H2) and the same half a year earlier than the first after it (2024H2, for 2025H2).
PREDECESSOR_PERIODS = ("2024H2", "2025H1")
PREDECESSOR = "predecessor"
# The reform: communes from this day on; the former Đà Nẵng and its successors, whose territory
# is the same on both sides; the cluster made of whole former (mountain) districts.
REFORM = dt.date(2025, 7, 1)
FORMER_CITY, FORMER_CITY_CLUSTER = "da-nang-cu", "trung-tam"
# A district merged into another before the reform (2025-01-01): (successor, former district, "whole").
ABSORPTIONS = (("suoi-may", "thac-bac", "whole"),)
WHOLE_DISTRICTS_CLUSTER = "mien-nui-tay"
# Across the merger (2025H2 against 2025H1), the same territory's totals stay within this factor
# of each other, indicator by indicator: the merged city against all its predecessors, and
# FORMER_CITY_CLUSTER against FORMER_CITY.
MERGER_SPREAD = 1.3
HEADER = ("period", "unit", "indicator", "value")

ANCHOR_PERIOD = "2024H1"
ANCHOR_CLUSTER = "dong-bang"
# The plains cluster's totals for 2024H1, as printed in the reference bulletin.
ANCHOR_TOTALS = {
    "van_ban": 129,
    "kiem_tra": 14,
    "kiem_tra_to_chuc_dang": 18,
    "kiem_tra_dang_vien": 11,
    "hoi_nghi_so_ket": 6,
    "hoi_nghi": 50,
    "hoi_nghi_luot_nguoi": 4819,
    "mo_hinh_dang_ky": 891,
    "mo_hinh_cong_nhan": 514,
    "tap_huan": 8,
    "tap_huan_luot_nguoi": 905,
    "kiem_tra_nghiep_vu": 25,
    "kiem_tra_nghiep_vu_to_chuc": 25,
    "kiem_tra_nghiep_vu_dang_vien": 5,
}

# Activity of an average unit relative to an average plains unit (a district-level unit until 2025H1).
CLUSTER_SCALE = {
    "dong-bang": 1.0,
    "mien-nui": 0.6,
    "ven-bien": 0.85,
    # The former city of Đà Nẵng as one unit: about 7 plains districts (its territory is trung-tam's).
    "da-nang-cu": 7.2,
    # Communes from 2025H2: about a third of a former district (mountain and midland ones less,
    # the city's wards more); with these, 94 communes do about what 23 districts and the city did.
    "trung-tam": 0.49,
    "phia-bac": 0.28,
    "dong-bang-nam": 0.27,
    "ven-bien-nam": 0.25,
    "trung-du": 0.23,
    "mien-nui-tay": 0.21,
}
# Mild upward trend over the half-years (2024H1 is the anchor).
PERIOD_TREND = {
    "2023H1": 0.88,
    "2023H2": 0.94,
    "2024H1": 1.0,
    "2024H2": 1.05,
    "2025H1": 1.09,
    "2025H2": 1.12,
    "2026H1": 1.16,
}
# Spread of a total around its trend value (combined with the trend: within about ±25 %).
NOISE = 0.12
# Relative size of a unit by the kind of its party committee.
KIND_SCALE = {
    "Thành ủy": 1.5,
    "Thị ủy": 1.15,
    "Huyện ủy": 1.0,
    "Đảng ủy phường": 1.2,
    "Đảng ủy xã": 1.0,
    "Đảng ủy đặc khu": 0.7,
}

# Counts split on their own across units (weight = unit size × jitter).
INDEPENDENT = (
    "van_ban",
    "kiem_tra",
    "hoi_nghi_so_ket",
    "hoi_nghi",
    "mo_hinh_dang_ky",
    "tap_huan",
    "kiem_tra_nghiep_vu",
)
# The indicators on the form from 2025H2 only (indicators.csv's valid_from): the heads of the cấp ủy and
# authorities meeting the people (Quy định 11-QĐi/TW). Written by ``dialogues``, unit by unit, from a generator
# of their own, so that the other figures (and every file before 2025H2) stay as they were.
DIALOGUES = ("tiep_xuc_dan", "tiep_xuc_dan_luot_nguoi")
# child -> parent: at least the parent per unit (one person per conference), only where parent > 0.
ATTENDANCE = {"hoi_nghi_luot_nguoi": "hoi_nghi", "tap_huan_luot_nguoi": "tap_huan"}
# child -> parent: at most the parent per unit (recognised <= registered).
CAPPED = {"mo_hinh_cong_nhan": "mo_hinh_dang_ky"}
# parent -> (first child, second child): children only where parent > 0, and together at least
# the parent per unit (each inspection covers at least one organisation or member).
COVERED = {
    "kiem_tra": ("kiem_tra_to_chuc_dang", "kiem_tra_dang_vien"),
    "kiem_tra_nghiep_vu": ("kiem_tra_nghiep_vu_to_chuc", "kiem_tra_nghiep_vu_dang_vien"),
}


# --------------------------------------------------------------------------- reference data


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: unicodedata.normalize("NFC", v) for k, v in row.items()} for row in csv.DictReader(f)]


def load_reference() -> tuple[dict[str, str], list[dict[str, str]], list[str], list[dict[str, str]]]:
    """Return (cluster code -> role, unit rows, indicator codes, rule rows), in file order."""
    clusters = {row["code"]: row.get("role") or "" for row in read_csv(REFERENCE / "clusters.csv")}
    units = read_csv(REFERENCE / "units.csv")
    indicators = list(dict.fromkeys(row["code"] for row in read_csv(REFERENCE / "indicators.csv")))
    rules = read_csv(REFERENCE / "rules.csv")
    known = set(ANCHOR_TOTALS) | set(DIALOGUES)
    if set(indicators) != known:
        raise SystemExit(f"indicators.csv and ANCHOR_TOTALS disagree: {sorted(set(indicators) ^ known)}")
    return clusters, units, indicators, rules


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    year, half = int(period[:4]), period[4:]
    if half == "H1":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if half == "H2":
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    raise ValueError(f"not a half-year period: {period!r}")


def on_form(period: str) -> list[str]:
    """The indicators on the form during ``period`` (a code's rows of indicators.csv span its existence)."""
    start, end = period_bounds(period)
    spans: dict[str, list[tuple[dt.date, dt.date]]] = {}
    for row in read_csv(REFERENCE / "indicators.csv"):
        first = dt.date.fromisoformat(row["valid_from"]) if row.get("valid_from") else dt.date.min
        last = dt.date.fromisoformat(row["valid_to"]) if row.get("valid_to") else dt.date.max
        spans.setdefault(row["code"], []).append((first, last))
    return [code for code, found in spans.items() if min(f for f, _ in found) <= end and max(t for _, t in found) >= start]


def dialogues(period: str, unit: dict[str, str]) -> dict[str, int]:
    """A commune's contacts and dialogues with the people in a half-year (the secretary receives the people at
    least two days a month, plus dialogues), and the people who came: at least one a meeting."""
    rng = random.Random(f"{SEED}:dialogues:{period}:{unit['code']}")
    meetings = round(12 * unit_size(unit) * rng.uniform(0.9, 1.4)) + rng.randint(0, 3)
    return {"tiep_xuc_dan": meetings, "tiep_xuc_dan_luot_nguoi": sum(rng.randint(3, 40) for _ in range(meetings))}


def units_in(units: list[dict[str, str]], cluster: str, period: str) -> list[dict[str, str]]:
    """Units of ``cluster`` that exist during ``period`` and report, sorted by code."""
    start, end = period_bounds(period)
    chosen = [
        u
        for u in units
        if u["cluster"] == cluster
        and u.get("reports", "") != "no"
        and dt.date.fromisoformat(u["valid_from"]) <= end
        and (not u["valid_to"] or dt.date.fromisoformat(u["valid_to"]) >= start)
    ]
    return sorted(chosen, key=lambda u: u["code"])


def units_written(units: list[dict[str, str]], cluster: str, role: str, period: str) -> list[dict[str, str]]:
    """The units whose figures are written for (cluster, period): none for a predecessor outside
    ``PREDECESSOR_PERIODS``."""
    if role == PREDECESSOR and period not in PREDECESSOR_PERIODS:
        return []
    return units_in(units, cluster, period)


def unit_size(unit: dict[str, str]) -> float:
    """A stable size factor for a unit: its kind of committee times a per-unit random factor."""
    kind = next((k for k in KIND_SCALE if unit["name"].startswith(k + " ")), "Huyện ủy")
    return KIND_SCALE[kind] * random.Random(f"{SEED}:size:{unit['code']}").uniform(0.7, 1.3)


# --------------------------------------------------------------------------- totals


def cluster_totals(rng: random.Random, cluster: str, period: str, n_units: int, n_anchor_units: int) -> dict[str, int]:
    """Plausible cluster totals for a (cluster, period); the anchor's exact totals for the anchor."""
    if (cluster, period) == (ANCHOR_CLUSTER, ANCHOR_PERIOD):
        return dict(ANCHOR_TOTALS)
    if cluster not in CLUSTER_SCALE:
        raise SystemExit(f"no CLUSTER_SCALE for cluster {cluster!r}; add one to {Path(__file__).name}")
    if period not in PERIOD_TREND:
        raise SystemExit(f"no PERIOD_TREND for period {period!r}; add one to {Path(__file__).name}")
    level = n_units / n_anchor_units * CLUSTER_SCALE[cluster] * PERIOD_TREND[period]

    def noisy(x: float) -> float:
        return x * rng.uniform(1 - NOISE, 1 + NOISE)

    def ratio(child: str, parent: str) -> float:
        return ANCHOR_TOTALS[child] / ANCHOR_TOTALS[parent]

    t: dict[str, int] = {}
    for code in INDEPENDENT:
        t[code] = max(1, round(noisy(ANCHOR_TOTALS[code] * level)))
    for child, parent in ATTENDANCE.items():
        t[child] = max(t[parent], round(noisy(t[parent] * ratio(child, parent))))
    for child, parent in CAPPED.items():
        t[child] = min(t[parent], round(noisy(t[parent] * ratio(child, parent))))
    for parent, (first, second) in COVERED.items():
        t[first] = round(noisy(t[parent] * ratio(first, parent)))
        t[second] = round(noisy(t[parent] * ratio(second, parent)))
        if t[first] + t[second] < t[parent]:
            t[first] = t[parent] - t[second]
    return t


# --------------------------------------------------------------------------- splitting


def split(
    rng: random.Random,
    total: int,
    weights: list[float],
    floor: list[int] | None = None,
    cap: list[int] | None = None,
) -> list[int]:
    """Split ``total`` over units: ``floor`` first, the rest one at a time at random by ``weights``.

    A unit with weight 0 gets nothing beyond its floor; a unit never exceeds its ``cap``.
    """
    n = len(weights)
    alloc = list(floor) if floor is not None else [0] * n
    rest = total - sum(alloc)
    if rest < 0:
        raise ValueError(f"floors {alloc} exceed total {total}")
    for _ in range(rest):
        open_ = [i for i in range(n) if weights[i] > 0 and (cap is None or alloc[i] < cap[i])]
        if not open_:
            raise ValueError(f"cannot place {total} within caps {cap} and weights {weights}")
        i = rng.choices(open_, weights=[weights[j] for j in open_])[0]
        alloc[i] += 1
    return alloc


def jitter(rng: random.Random, base: list[float]) -> list[float]:
    return [b * rng.uniform(0.6, 1.4) for b in base]


def split_cluster(rng: random.Random, totals: dict[str, int], sizes: list[float]) -> list[dict[str, int]]:
    """Per-unit values whose sums are ``totals`` and which satisfy the rules unit by unit."""
    n = len(sizes)
    v: dict[str, list[int]] = {}
    for code in INDEPENDENT:
        v[code] = split(rng, totals[code], jitter(rng, sizes))
    for child, parent in ATTENDANCE.items():
        p = v[parent]
        v[child] = split(rng, totals[child], jitter(rng, [float(x) for x in p]), floor=list(p))
    for child, parent in CAPPED.items():
        p = v[parent]
        v[child] = split(rng, totals[child], jitter(rng, [float(x) for x in p]), cap=list(p))
    for parent, (first, second) in COVERED.items():
        p = v[parent]
        # Coverage first: the first child covers what it can (at most the parent per unit),
        # the second child the remainder; then both get their rest where the parent is > 0.
        cover_first = split(rng, min(totals[first], sum(p)), [float(x) for x in p], cap=list(p))
        cover_second = [p[i] - cover_first[i] for i in range(n)]
        w = [float(x) for x in p]
        v[first] = split(rng, totals[first], jitter(rng, w), floor=cover_first)
        v[second] = split(rng, totals[second], jitter(rng, w), floor=cover_second)
    return [{code: v[code][i] for code in v} for i in range(n)]


# --------------------------------------------------------------------------- writing


def render(period: str, rows: list[tuple[str, str, int]]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for unit, indicator, value in rows:
        w.writerow((period, unit, indicator, value))
    return unicodedata.normalize("NFC", buf.getvalue()).encode("utf-8")


def write_if_changed(path: Path, data: bytes) -> str:
    if path.exists() and path.read_bytes() == data:
        return "unchanged"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return "wrote"


def generate() -> list[Path]:
    clusters, units, indicators, _rules = load_reference()
    n_anchor_units = len(units_in(units, ANCHOR_CLUSTER, ANCHOR_PERIOD))
    written = []
    for period in PERIODS:
        for cluster, role in clusters.items():
            members = units_written(units, cluster, role, period)
            if not members:
                continue
            rng = random.Random(f"{SEED}:{period}:{cluster}")
            totals = cluster_totals(rng, cluster, period, len(members), n_anchor_units)
            values = split_cluster(rng, totals, [unit_size(u) for u in members])
            if set(DIALOGUES) & set(on_form(period)):
                values = [values[i] | dialogues(period, u) for i, u in enumerate(members)]
            rows = [(u["code"], code, values[i][code]) for i, u in enumerate(members) for code in on_form(period)]
            path = RAW / period / f"{cluster}.csv"
            status = write_if_changed(path, render(period, rows))
            shown = f"{len(members)} units × {len(on_form(period))} indicators"
            print(f"{status} {path.relative_to(REPO).as_posix()} ({shown})")
            written.append(path)
    return written


# --------------------------------------------------------------------------- checking


def require(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def side(expression: str, values: dict[str, int]) -> int | None:
    """Value of ``a + b + …`` over indicator codes; None if any term is missing."""
    terms = [t.strip() for t in expression.split("+")]
    if any(t not in values for t in terms):
        return None
    return sum(values[t] for t in terms)


def rule_holds(rule: dict[str, str], values: dict[str, int]) -> bool | None:
    left, right = side(rule["left"], values), side(rule["right"], values)
    if left is None or right is None:
        return None  # if_missing = skip
    op = rule["operator"]
    if op == "<=":
        return left <= right
    if op == ">=":
        return left >= right
    if op == "==":
        return left == right
    if op == "only_if":
        return left == 0 or right > 0
    raise ValueError(f"rule {rule['code']}: unknown operator {op!r}")


def check() -> None:
    """Re-read every written file; check format, completeness, the anchor totals and every rule."""
    clusters, units, indicators, rules = load_reference()
    for rule in rules:
        for expression in (rule["left"], rule["right"]):
            for term in expression.split("+"):
                require(term.strip() in indicators, f"rule {rule['code']}: unknown indicator {term.strip()!r}")
    anchor_zero_seen = False
    for period in PERIODS:
        for cluster, role in clusters.items():
            members = units_written(units, cluster, role, period)
            path = RAW / period / f"{cluster}.csv"
            if not members:
                require(not path.exists(), f"{path}: no figures are written for this cluster in {period}")
                continue
            data = path.read_bytes()
            text = data.decode("utf-8")
            require(not text.startswith("\ufeff"), f"{path}: BOM")
            require("\r" not in text, f"{path}: CR in line endings")
            require(unicodedata.is_normalized("NFC", text), f"{path}: not NFC")
            reader = csv.reader(io.StringIO(text, newline=""))
            require(tuple(next(reader)) == HEADER, f"{path}: header")
            rows = list(reader)
            expected = [(u["code"], code) for u in members for code in on_form(period)]
            require([(r[1], r[2]) for r in rows] == expected, f"{path}: rows or their order")
            by_unit: dict[str, dict[str, int]] = {u["code"]: {} for u in members}
            for r in rows:
                require(r[0] == period, f"{path}: period {r[0]!r}")
                require(r[3].isascii() and r[3].isdigit(), f"{path}: value {r[3]!r} is not a count")
                by_unit[r[1]][r[2]] = int(r[3])
            applied = [  # the rules whose indicators are all on the period's form
                rule
                for rule in rules
                if all(t.strip() in on_form(period) for t in (rule["left"] + "+" + rule["right"]).split("+"))
            ]
            for unit, values in by_unit.items():
                for rule in applied:
                    require(
                        rule_holds(rule, values) is True,
                        f"{path}: unit {unit} breaks rule {rule['code']} ({rule['importance']}): {values}",
                    )
            if (cluster, period) == (ANCHOR_CLUSTER, ANCHOR_PERIOD):
                for code, total in ANCHOR_TOTALS.items():
                    got = sum(values[code] for values in by_unit.values())
                    require(got == total, f"{path}: {code} sums to {got}, the bulletin says {total}")
                anchor_zero_seen = any(0 in values.values() for values in by_unit.values())
    require(anchor_zero_seen, f"{ANCHOR_PERIOD}/{ANCHOR_CLUSTER}: expected at least one unit with a zero")
    check_merger(units, indicators)


def period_totals(period: str, chosen) -> dict[str, int]:
    """Totals over the written files of ``period`` of the units for which ``chosen(unit code)``."""
    totals: dict[str, int] = {}
    for path in sorted((RAW / period).glob("*.csv")):
        for row in read_csv(path):
            if chosen(row["unit"]):
                totals[row["indicator"]] = totals.get(row["indicator"], 0) + int(row["value"])
    return totals


def check_merger(units: list[dict[str, str]], indicators: list[str]) -> None:
    """The same territory's totals read plausibly across the merger (a change, not a jump)."""
    before, after = "2025H1", "2025H2"
    city = {u["code"] for u in units_in(units, FORMER_CITY_CLUSTER, after)}
    pairs = {
        "the merged city against its predecessors": (lambda code: True, lambda code: True),
        f"{FORMER_CITY_CLUSTER} against {FORMER_CITY}": (lambda code: code == FORMER_CITY, city.__contains__),
    }
    for what, (old, new) in pairs.items():
        was, now = period_totals(before, old), period_totals(after, new)
        for code in (code for code in indicators if code in was and code in now):
            low, high = sorted((was[code], now[code]))
            require(
                high <= low * MERGER_SPREAD,
                f"{what}, {code}: {was[code]} in {before}, {now[code]} in {after}; adjust CLUSTER_SCALE",
            )


def check_successions() -> None:
    """``successions.csv`` covers the reform as the sample says (see the module's docstring)."""
    clusters, units, _indicators, _rules = load_reference()
    rows = read_csv(REFERENCE / "successions.csv")
    require(rows == sorted(rows, key=lambda r: (r["unit"], r["predecessor"])), "successions.csv: order")
    absorbed = [r for r in rows if (r["unit"], r["predecessor"], r["share"]) in ABSORPTIONS]
    require(len(absorbed) == len(ABSORPTIONS), f"successions.csv: not every one of {ABSORPTIONS}")
    rows = [r for r in rows if r not in absorbed]
    new = {
        u["code"]: u["cluster"]
        for u in units
        if dt.date.fromisoformat(u["valid_from"]) >= REFORM and u.get("reports", "") != "no"
    }
    former = {u["code"] for u in units if u["valid_to"] and dt.date.fromisoformat(u["valid_to"]) < REFORM}
    former -= {r["predecessor"] for r in absorbed}  # their territory went on in another district until the reform
    predecessors: dict[str, set[str]] = {code: set() for code in new}
    successors: dict[str, set[str]] = {code: set() for code in former}
    for r in rows:
        require(r["unit"] in new, f"successions.csv: {r['unit']!r} is not a unit from {REFORM}")
        require(r["predecessor"] in former, f"successions.csv: {r['predecessor']!r} is not a former unit")
        require(r["share"] in ("whole", "part"), f"successions.csv: share {r['share']!r}")
        predecessors[r["unit"]].add(r["predecessor"])
        successors[r["predecessor"]].add(r["unit"])
    for code, found in (predecessors | successors).items():
        require(bool(found), f"successions.csv: {code} has no row")
    require(all(clusters[c] != PREDECESSOR for c in new.values()), "a commune in a predecessor cluster")
    city = {code for code, cluster in new.items() if cluster == FORMER_CITY_CLUSTER}
    require(successors[FORMER_CITY] == city, f"{FORMER_CITY_CLUSTER} is not exactly {FORMER_CITY}'s successors")
    require(all(predecessors[code] == {FORMER_CITY} for code in city), f"{FORMER_CITY_CLUSTER}: other predecessors")
    mountain = {code for code, cluster in new.items() if cluster == WHOLE_DISTRICTS_CLUSTER}
    districts = set().union(*(predecessors[code] for code in mountain))
    require(
        set().union(*(successors[d] for d in districts)) == mountain,
        f"{WHOLE_DISTRICTS_CLUSTER} is not made of whole former districts",
    )


def main() -> int:
    generate()
    check()
    check_successions()
    return 0


if __name__ == "__main__":
    sys.exit(main())

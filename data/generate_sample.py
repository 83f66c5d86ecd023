"""Generate the bundled sample submissions under ``data/raw/``.

The figures written by this script are INVENTED sample data, made up so that the first
``make report`` works out of the box; they are not anyone's real report. Units, clusters,
indicators and validation rules are read from ``data/reference/``.

For each period in ``PERIODS`` and each cluster in ``clusters.csv`` the script writes one long-form
CSV, ``data/raw/<PERIOD>/<cluster>.csv``, with the header ``period,unit,indicator,value``: one row
per (unit, indicator) for every unit of the cluster that exists during the period and every
indicator, ordered by unit code and then by the order of ``indicators.csv``.

How the numbers are made:

* 2024H1, plains cluster (``dong-bang``): the cluster totals are exactly those of the published
  bulletin (``ANCHOR_TOTALS``), split across the units.
* Every other (cluster, period): totals near the anchor's per-unit level, scaled by the number of
  units and by ``CLUSTER_SCALE`` (mountain units are smaller), with a mild upward trend from 2023H1
  to 2024H2 (``PERIOD_TREND``) and random noise; dependent totals (attendance, recognised models,
  people inspected) are derived from their parents with the anchor's ratios.
* Totals are split parents first, then dependants only over units whose parent is > 0, with each
  unit getting at least what the ``>=`` rules demand, so every unit satisfies every rule of
  ``rules.csv`` (errors and warnings alike). Small totals leave some units at 0.

Everything is deterministic: each (period, cluster) has its own ``random.Random`` seeded with a
string derived from ``SEED`` (string seeds are hashed with SHA-512, independent of
``PYTHONHASHSEED``), and nothing depends on dict or set ordering. A file whose content has not
changed is left untouched, so its modification time is kept. ``check()`` re-reads what was
written and verifies the anchor totals and every rule.

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
PERIODS = ("2023H1", "2023H2", "2024H1", "2024H2")
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

# Activity of an average unit relative to an average plains unit.
CLUSTER_SCALE = {"dong-bang": 1.0, "mien-nui": 0.6, "ven-bien": 0.85}
# Mild upward trend over the four half-years (2024H1 is the anchor).
PERIOD_TREND = {"2023H1": 0.88, "2023H2": 0.94, "2024H1": 1.0, "2024H2": 1.05}
# Spread of a total around its trend value (combined with the trend: within about ±25 %).
NOISE = 0.12
# Relative size of a unit by the kind of its party committee.
KIND_SCALE = {"Thành ủy": 1.5, "Thị ủy": 1.15, "Huyện ủy": 1.0}

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


def load_reference() -> tuple[list[str], list[dict[str, str]], list[str], list[dict[str, str]]]:
    """Return (cluster codes, unit rows, indicator codes, rule rows), in file order."""
    clusters = [row["code"] for row in read_csv(REFERENCE / "clusters.csv")]
    units = read_csv(REFERENCE / "units.csv")
    indicators = [row["code"] for row in read_csv(REFERENCE / "indicators.csv")]
    rules = read_csv(REFERENCE / "rules.csv")
    known = set(ANCHOR_TOTALS)
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


def units_in(units: list[dict[str, str]], cluster: str, period: str) -> list[dict[str, str]]:
    """Units of ``cluster`` that exist during ``period``, sorted by code."""
    start, end = period_bounds(period)
    chosen = [
        u
        for u in units
        if u["cluster"] == cluster
        and dt.date.fromisoformat(u["valid_from"]) <= end
        and (not u["valid_to"] or dt.date.fromisoformat(u["valid_to"]) >= start)
    ]
    return sorted(chosen, key=lambda u: u["code"])


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
        for cluster in clusters:
            members = units_in(units, cluster, period)
            if not members:
                continue
            rng = random.Random(f"{SEED}:{period}:{cluster}")
            totals = cluster_totals(rng, cluster, period, len(members), n_anchor_units)
            values = split_cluster(rng, totals, [unit_size(u) for u in members])
            rows = [(u["code"], code, values[i][code]) for i, u in enumerate(members) for code in indicators]
            path = RAW / period / f"{cluster}.csv"
            status = write_if_changed(path, render(period, rows))
            print(f"{status} {path.relative_to(REPO).as_posix()} ({len(members)} units × {len(indicators)} indicators)")
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
        for cluster in clusters:
            members = units_in(units, cluster, period)
            path = RAW / period / f"{cluster}.csv"
            if not members:
                require(not path.exists(), f"{path}: cluster has no units in {period}")
                continue
            data = path.read_bytes()
            text = data.decode("utf-8")
            require(not text.startswith("\ufeff"), f"{path}: BOM")
            require("\r" not in text, f"{path}: CR in line endings")
            require(unicodedata.is_normalized("NFC", text), f"{path}: not NFC")
            reader = csv.reader(io.StringIO(text, newline=""))
            require(tuple(next(reader)) == HEADER, f"{path}: header")
            rows = list(reader)
            expected = [(u["code"], code) for u in members for code in indicators]
            require([(r[1], r[2]) for r in rows] == expected, f"{path}: rows or their order")
            by_unit: dict[str, dict[str, int]] = {u["code"]: {} for u in members}
            for r in rows:
                require(r[0] == period, f"{path}: period {r[0]!r}")
                require(r[3].isascii() and r[3].isdigit(), f"{path}: value {r[3]!r} is not a count")
                by_unit[r[1]][r[2]] = int(r[3])
            for unit, values in by_unit.items():
                for rule in rules:
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


def main() -> int:
    generate()
    check()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reference data: clusters, units with dated membership, indicators, rules, the organisation.

Read with the standard library only (``csv``, ``tomllib``), so that arguments can be checked
before anything heavy is imported.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from bantin import messages
from bantin.model import organisation
from bantin.model.errors import ReferenceDataError
from bantin.model.periods import Period
from bantin.model.text import nfc


@dataclass(frozen=True)
class Cluster:
    code: str
    name: str  # "Cụm đồng bằng"
    role: str = ""  # "predecessor": figures of a former organisation, kept for comparisons across a merger only

    @property
    def has_bulletin(self) -> bool:
        return self.role != PREDECESSOR


@dataclass(frozen=True)
class Succession:
    """A unit of a new structure took the territory of a former unit, whole or in part (successions.csv)."""

    unit: str
    predecessor: str
    share: str  # "whole" or "part"


@dataclass(frozen=True)
class Unit:
    """One dated membership of a unit in a cluster (a unit may have several over time)."""

    code: str
    name: str  # "Huyện ủy Hòa An"
    short_name: str  # "Hòa An", for table headers and chart labels
    cluster: str
    valid_from: dt.date
    valid_to: dt.date | None
    kind: str = ""  # what the unit is: "huyện", "xã", "phường", "đặc khu"… (how sentences name the units together)
    reports: bool = True  # False for a unit that exists but never reports (a special zone without a party committee)

    def overlaps(self, period: Period) -> bool:
        return self.valid_from <= period.end and (self.valid_to is None or self.valid_to >= period.start)


@dataclass(frozen=True)
class Indicator:
    """An indicator of the reporting form: one row of indicators.csv (a span of its label), or the indicator
    itself (``Reference.indicators``, ``indicators_in``), whose dates are then those of its existence: from its
    first row's start to its last row's end (None: open)."""

    code: str
    label: str  # the full Vietnamese meaning
    short_label: str  # for tables and charts
    unit: str  # the counting word: "văn bản", "hội nghị", "lượt người", …
    role: str = ""  # what the bulletins use it for, e.g. "models_registered" (column role); mostly empty
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def in_force(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def overlaps(self, period: Period) -> bool:
        """Whether it exists (or this label is in force) on at least one day of ``period``."""
        return (self.valid_from is None or self.valid_from <= period.end) and (
            self.valid_to is None or self.valid_to >= period.start
        )


@dataclass(frozen=True)
class Rule:
    """A validation rule between indicators, in the spirit of DHIS2's validation rules."""

    code: str  # for the files and the tests; a reader sees ``name``
    name: str  # in words, as the validation report and the terminal say it: "Số đối tượng được kiểm tra nghiệp vụ"
    left: tuple[str, ...]  # indicator codes, summed
    operator: str  # "<=", ">=", "==", "only_if"
    right: tuple[str, ...]
    importance: str  # "error" or "warning"
    if_missing: str  # "skip", "skip_if_all_missing" or "never_skip" (DHIS2's missing value strategies)
    message: str


PREDECESSOR = "predecessor"  # the role of a cluster that holds a former organisation's figures (clusters.csv)
SHARES = ("whole", "part")
NOT_REPORTING = "no"  # units.csv's ``reports``: the unit exists but never reports (empty or "yes": it reports)
PROVINCE = "province"  # the scope of the province overview, beside the cluster codes: outputs/<PERIOD>/province.*
OPERATORS = ("<=", ">=", "==", "only_if")
IF_MISSING = ("skip", "skip_if_all_missing", "never_skip")


@dataclass(frozen=True)
class Reference:
    """All reference data of a project, read from ``data/reference/``."""

    folder: Path

    @cached_property
    def clusters(self) -> dict[str, Cluster]:
        rows = _read_csv(self.folder / "clusters.csv", ("code", "name"))
        for number, row in enumerate(rows, start=2):
            if row.get("role", "") not in ("", PREDECESSOR):
                raise ReferenceDataError(
                    messages.CLUSTER_ROLE_INVALID.format(line=number, role=row["role"], predecessor=PREDECESSOR)
                )
        return {row["code"]: Cluster(row["code"], row["name"], row.get("role", "")) for row in rows}

    @cached_property
    def successions(self) -> tuple[Succession, ...]:
        """Where each unit of a new structure comes from (the optional successions.csv)."""
        path = self.folder / "successions.csv"
        if not path.is_file():
            return ()
        found = []
        for number, row in enumerate(_read_csv(path, ("unit", "predecessor", "share")), start=2):
            unknown = [row[key] for key in ("unit", "predecessor") if row[key] not in self.unit_names]
            if unknown:
                raise ReferenceDataError(messages.SUCCESSION_UNIT_UNKNOWN.format(line=number, unit=unknown[0]))
            if row["share"] not in SHARES:
                raise ReferenceDataError(messages.SUCCESSION_SHARE_INVALID.format(line=number, share=row["share"]))
            found.append(Succession(row["unit"], row["predecessor"], row["share"]))
        return tuple(found)

    @cached_property
    def memberships(self) -> tuple[Unit, ...]:
        rows = _read_csv(self.folder / "units.csv", ("code", "name", "short_name", "cluster", "valid_from", "valid_to"))
        units = []
        for number, row in enumerate(rows, start=2):
            if row["cluster"] not in self.clusters:
                raise ReferenceDataError(messages.UNIT_CLUSTER_UNKNOWN.format(line=number, cluster=row["cluster"]))
            units.append(
                Unit(
                    code=row["code"],
                    name=row["name"],
                    short_name=row["short_name"] or row["name"],
                    cluster=row["cluster"],
                    valid_from=_date(row["valid_from"], "units.csv", number),
                    valid_to=_date(row["valid_to"], "units.csv", number) if row["valid_to"] else None,
                    kind=row.get("kind", ""),
                    reports=row.get("reports", "") != NOT_REPORTING,
                )
            )
        return tuple(units)

    @cached_property
    def indicator_spans(self) -> tuple[Indicator, ...]:
        """Every row of indicators.csv: an indicator's label (short label, counting word) during a span of dates."""
        rows = _read_csv(self.folder / "indicators.csv", ("code", "label", "short_label", "unit"))
        spans = []
        for number, row in enumerate(rows, start=2):
            start, end = (
                _date(row[key], "indicators.csv", number) if row.get(key) else None
                for key in ("valid_from", "valid_to")
            )
            spans.append(
                Indicator(row["code"], row["label"], row["short_label"], row["unit"], row.get("role", ""), start, end)
            )
        return tuple(spans)

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        """Every indicator ever on the form, in the order of indicators.csv, with its latest label and the dates of
        its existence: what the intake recognises (an old template is still read), what a period is checked against
        is ``indicators_in``."""
        by_code: dict[str, list[Indicator]] = {}
        for span in self.indicator_spans:
            by_code.setdefault(span.code, []).append(span)
        found = {}
        for code, spans in by_code.items():
            ordered = sorted(spans, key=lambda span: span.valid_from or dt.date.min)
            found[code] = replace(ordered[-1], valid_from=ordered[0].valid_from)
        return found

    def indicators_in(self, period: Period) -> dict[str, Indicator]:
        """The indicators that exist during ``period``, in the order of indicators.csv, each with the label in force
        at the period's end (or on its last day, for one that ended during the period)."""
        if period in self._indicators_by_period:
            return self._indicators_by_period[period]
        found = {}
        for code, indicator in self.indicators.items():
            if indicator.overlaps(period):
                day = min(period.end, indicator.valid_to or period.end)
                found[code] = replace(
                    self.indicator_at(code, day), valid_from=indicator.valid_from, valid_to=indicator.valid_to
                )
        self._indicators_by_period[period] = found
        return found

    @cached_property
    def _indicators_by_period(self) -> dict[Period, dict[str, Indicator]]:
        return {}

    def indicator_at(self, code: str, day: dt.date) -> Indicator:
        """The row of indicators.csv that labels ``code`` on ``day`` (else its latest row that began before)."""
        spans = sorted(
            (span for span in self.indicator_spans if span.code == code),
            key=lambda span: span.valid_from or dt.date.min,
        )
        before = [span for span in spans if span.valid_from is None or span.valid_from <= day]
        return next((span for span in spans if span.in_force(day)), before[-1] if before else spans[0])

    def indicator_exists(self, code: str, period: Period) -> bool:
        """Whether ``code`` is on the form during at least a day of ``period``."""
        return code in self.indicators and self.indicators[code].overlaps(period)

    def indicator_with_role(self, role: str) -> Indicator:
        """The one indicator that plays ``role`` in the bulletins (column ``role`` of indicators.csv)."""
        found = [indicator for indicator in self.indicators.values() if indicator.role == role]
        if not found:
            raise ReferenceDataError(messages.NO_INDICATOR_WITH_ROLE.format(role=role))
        if len(found) > 1:
            codes = ", ".join(indicator.code for indicator in found)
            raise ReferenceDataError(messages.ROLE_OF_SEVERAL_INDICATORS.format(role=role, codes=codes))
        return found[0]

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        path = self.folder / "rules.csv"
        rows = _read_csv(path, ("code", "name", "left", "operator", "right", "importance", "if_missing", "message"))
        rules = []
        for number, row in enumerate(rows, start=2):
            left, right = _terms(row["left"]), _terms(row["right"])
            unknown = [code for code in left + right if code not in self.indicators]
            if unknown:
                raise ReferenceDataError(
                    messages.RULE_INDICATOR_UNKNOWN.format(line=number, rule=row["name"], codes=", ".join(unknown))
                )
            for column, allowed in (
                ("operator", OPERATORS),
                ("importance", ("error", "warning")),
                ("if_missing", IF_MISSING),
            ):
                if row[column] not in allowed:
                    raise ReferenceDataError(
                        messages.RULE_COLUMN_INVALID.format(
                            line=number, column=column, rule=row["name"], value=row[column], allowed=", ".join(allowed)
                        )
                    )
            rules.append(
                Rule(
                    row["code"],
                    row["name"],
                    left,
                    row["operator"],
                    right,
                    row["importance"],
                    row["if_missing"],
                    row["message"],
                )
            )
        return tuple(rules)

    @cached_property
    def organisations(self) -> tuple[dict, ...]:
        """Who issued the bulletins, oldest first, each with its dates (``organisation.read``)."""
        return organisation.read(self.folder / "organisation.toml")

    @cached_property
    def terms(self):
        """The terms of the party committees, by which issues are numbered (``model.register.Term``)."""
        return organisation.terms(self.folder / "organisation.toml")

    def organisation_at(self, day: dt.date) -> dict:
        """The organisation in force on ``day`` (the earliest one before its first date)."""
        return organisation.in_force(self.organisations, day)

    def organisation_for(self, period: Period) -> dict:
        """The organisation that issues the bulletins of ``period``: the one in force at its end."""
        return self.organisation_at(period.end)

    @property
    def organisation(self) -> dict:
        """The organisation in force now (its latest), for what has no period: the index of the outputs."""
        return self.organisations[-1]

    def units(
        self, period: Period, cluster: str | None = None, predecessors: bool = False, silent: bool = False
    ) -> list[Unit]:
        """Units that report, active in ``period`` (optionally of one cluster), each with its membership then.

        A unit belongs to one cluster at a time; when its membership changed during the period,
        the latest membership that overlaps the period counts. The units of a predecessor cluster (a former
        organisation's, for comparisons only) are left out unless ``predecessors`` or their cluster is asked for.
        A unit that never reports (``reports`` = no: Hoàng Sa, which has no party committee) is left out unless
        ``silent``: it is never awaited, never missing, never in a total.
        """
        latest: dict[str, Unit] = {}
        for unit in self.memberships:
            if unit.overlaps(period) and (unit.code not in latest or unit.valid_from > latest[unit.code].valid_from):
                latest[unit.code] = unit
        return sorted(
            (
                unit
                for unit in latest.values()
                if (cluster is None or unit.cluster == cluster)
                and (silent or unit.reports)
                and (predecessors or cluster is not None or self.clusters[unit.cluster].has_bulletin)
            ),
            key=lambda unit: unit.code,
        )

    def unit_codes(self) -> set[str]:
        return {unit.code for unit in self.memberships}

    @cached_property
    def unit_names(self) -> dict[str, str]:
        """Code → full name (the latest, should a unit have been renamed)."""
        ordered = sorted(self.memberships, key=lambda unit: unit.valid_from)
        return {unit.code: unit.name for unit in ordered}

    def clusters_in(self, period: Period) -> list[Cluster]:
        """Clusters with a bulletin that have at least one active unit in ``period``, in the order of clusters.csv."""
        active = {unit.cluster for unit in self.units(period)}
        return [cluster for code, cluster in self.clusters.items() if code in active]

    def successor_clusters(self, cluster: str) -> list[Cluster]:
        """The clusters with a bulletin whose units took, through ``successions.csv`` and at any remove, the
        territory of ``cluster``'s units: the bulletins that show a predecessor cluster's figures, in the order of
        clusters.csv."""
        successors: dict[str, set[str]] = {}
        for succession in self.successions:
            successors.setdefault(succession.predecessor, set()).add(succession.unit)
        reached, todo = set(), [unit.code for unit in self.memberships if unit.cluster == cluster]
        while todo:
            code = todo.pop()
            for successor in successors.get(code, ()):
                if successor not in reached:
                    reached.add(successor)
                    todo.append(successor)
        found = {unit.cluster for unit in self.memberships if unit.code in reached}
        return [each for code, each in self.clusters.items() if code in found and each.has_bulletin]

    def scopes(self, period: Period) -> list[str]:
        """The bulletins of ``period``: each cluster of ``clusters_in``, then the province's (``PROVINCE``)."""
        return [cluster.code for cluster in self.clusters_in(period)] + [PROVINCE]


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            missing = [column for column in columns if column not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceDataError(
                    messages.REFERENCE_COLUMNS_MISSING.format(file=path.name, columns=", ".join(missing))
                )
            return [{key: nfc(value or "").strip() for key, value in row.items() if key} for row in reader]
    except FileNotFoundError:
        raise ReferenceDataError(messages.REFERENCE_FILE_MISSING.format(path=path)) from None


def _terms(expression: str) -> tuple[str, ...]:
    return tuple(term.strip() for term in expression.split("+") if term.strip())


def _date(text: str, file: str, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ReferenceDataError(messages.REFERENCE_DATE_INVALID.format(file=file, line=line, text=text)) from None

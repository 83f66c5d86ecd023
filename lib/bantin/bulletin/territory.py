"""Which units of two periods cover the same territory, so that their figures can be compared.

Within one structure a unit is its own territory. Across a reorganisation (``successions.csv``), the units
that took parts of the same former units, and those former units, form one territory: a commune is compared
only together with every commune that shares a former district with it, against those districts. A scope (a
cluster, the province) is comparable with an earlier period only when its territories lie wholly inside it:
a cluster drawn across former boundaries is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from bantin.core.periods import Period
from bantin.core.reference import Reference


@dataclass(frozen=True)
class Territory:
    now: tuple[str, ...]  # unit codes in the later period
    before: tuple[str, ...]  # unit codes in the earlier period (the same units, or their predecessors)

    @property
    def changed(self) -> bool:
        return self.now != self.before


def territories(reference: Reference, units: list[str], period: Period, earlier: Period) -> list[Territory] | None:
    """The territories of ``units`` (the scope's units in ``period``), or None when the scope's territory is not
    the same as any set of units of ``earlier`` (a cluster drawn across the former units)."""
    active_before = {unit.code for unit in reference.units(earlier, predecessors=True)}
    active_now = {unit.code for unit in reference.units(period, predecessors=True)}
    predecessors: dict[str, set[str]] = {}
    successors: dict[str, set[str]] = {}
    for succession in reference.successions:
        if succession.unit in active_now and succession.predecessor in active_before:
            predecessors.setdefault(succession.unit, set()).add(succession.predecessor)
            successors.setdefault(succession.predecessor, set()).add(succession.unit)
    groups: list[tuple[set[str], set[str]]] = []
    for unit in units:
        before = {unit} if unit in active_before else predecessors.get(unit, set())
        joined = [group for group in groups if group[1] & before]
        merged = (
            {unit} | {u for group in joined for u in group[0]},
            before | {u for group in joined for u in group[1]},
        )
        groups = [group for group in groups if group not in joined] + [merged]
    scope, former = set(units), {unit for _, before in groups for unit in before} - active_now
    if any(not successors[unit] <= scope for unit in former):
        return None  # a former unit whose territory went partly to units outside the scope
    return sorted((Territory(tuple(sorted(now)), tuple(sorted(before))) for now, before in groups), key=_first)


def predecessors_of(reference: Reference, units: set[str]) -> set[str]:
    """The former units whose territory ``units`` took (for what a bulletin's figures depend on)."""
    return {succession.predecessor for succession in reference.successions if succession.unit in units}


def _first(territory: Territory) -> str:
    return territory.now[0]

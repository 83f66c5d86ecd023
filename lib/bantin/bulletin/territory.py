"""Which units cover the same territory over time, so that their figures can be added up and compared.

Within one structure a unit is its own territory. Across a reorganisation (``successions.csv``) the units
that took parts of the same former units, and those former units, form one territory: a commune counts only
together with every commune that shares a former district with it, and with those districts. A territory's
figure over a period adds, half-year by half-year, the figures of its units active then; it is known only
when each half-year has an active unit and every one of them reported.

A scope (a cluster, the province) keeps its territory over some periods when its units' territories take no
unit that another bulletin shows at the same time: a cluster drawn anew across former districts does not; a
district merged into another of its cluster (its unit, shown by the same bulletin until then) does.
The units of a predecessor cluster (a former organisation's figures, kept for comparisons) never count
against a scope.
"""

from __future__ import annotations

from bantin.model.periods import Period
from bantin.model.reference import Reference


def territories(
    reference: Reference, units: list[str], periods: list[Period], cluster: str | None
) -> list[frozenset[str]] | None:
    """The territories of ``units`` (the units of ``cluster``, or of the province when None) over ``periods``, or
    None when the scope's territory is not the same throughout them."""
    halves = sorted({half for period in periods for half in period.halves()})
    relevant = {unit.code for half in halves for unit in reference.units(half, predecessors=True)}
    links: dict[str, set[str]] = {}
    for succession in reference.successions:
        if succession.unit in relevant and succession.predecessor in relevant:
            links.setdefault(succession.unit, set()).add(succession.predecessor)
            links.setdefault(succession.predecessor, set()).add(succession.unit)
    found, seen = [], set()
    for unit in units:
        if unit in seen:
            continue
        component, todo = set(), [unit]
        while todo:
            code = todo.pop()
            if code not in component:
                component.add(code)
                todo.extend(links.get(code, ()))
        seen |= component
        found.append(frozenset(component))
    for half in halves:
        active = {unit.code for unit in reference.units(half)}  # the units bulletins show then
        scope = set(units) | {unit.code for unit in reference.units(half, cluster)}  # this bulletin's, then too
        if active & scope and any(active & (component - scope) for component in found):
            return None  # the scope shares a territory with units another bulletin shows at the same time
    return found


def active_members(reference: Reference, territory: frozenset[str], half: Period) -> list[str]:
    """The units of ``territory`` active in ``half`` (predecessors included), in code order."""
    return sorted(unit.code for unit in reference.units(half, predecessors=True) if unit.code in territory)


def predecessors_of(reference: Reference, units: set[str]) -> set[str]:
    """The former units whose territory ``units`` took (for what a bulletin's figures depend on)."""
    return {succession.predecessor for succession in reference.successions if succession.unit in units}

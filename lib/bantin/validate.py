"""The rule engine: checks each unit's figures against the rules of ``data/reference/rules.csv``.

A rule reads "left operator right", each side a sum of indicators, in the spirit of DHIS2's
validation rules. ``only_if`` means the left side may be above zero only if the right side is.
"""

from __future__ import annotations

from collections import defaultdict

from .errors import Problem
from .formatting import count
from .intake import Observation
from .reference import Reference, Rule


def check_rules(observations: list[Observation], reference: Reference) -> list[Problem]:
    """Every rule broken by a unit's figures, located at the figure on the rule's left side."""
    by_unit: dict[tuple[str, str], dict[str, Observation]] = defaultdict(dict)
    for obs in observations:
        by_unit[(obs.period, obs.unit)][obs.indicator] = obs
    problems = []
    for (_, unit), figures in sorted(by_unit.items()):
        for rule in reference.rules:
            left, right = _side(rule.left, figures), _side(rule.right, figures)
            if left is None or right is None:
                continue  # if_missing = skip: a missing figure is reported by completeness, not here
            if not holds(rule, left, right):
                anchor = figures[rule.left[0]]
                detail = f" ({_describe(rule.left, reference)} = {count(left, pad=False)}, {_describe(rule.right, reference)} = {count(right, pad=False)})"
                problems.append(
                    Problem(
                        anchor.source_file,
                        anchor.source_location,
                        rule.message + detail,
                        unit,
                        reference.indicators[rule.left[0]].label,
                        rule.importance,
                    )
                )
    return problems


def holds(rule: Rule, left: int, right: int) -> bool:
    """Whether ``left operator right`` is true."""
    if rule.operator == "<=":
        return left <= right
    if rule.operator == ">=":
        return left >= right
    if rule.operator == "==":
        return left == right
    if rule.operator == "only_if":
        return left == 0 or right > 0
    raise ValueError(f"unknown operator {rule.operator!r}")


def _side(codes: tuple[str, ...], figures: dict[str, Observation]) -> int | None:
    values = [figures[code].value if code in figures else None for code in codes]
    return None if any(value is None for value in values) else sum(values)


def _describe(codes: tuple[str, ...], reference: Reference) -> str:
    return " + ".join(reference.indicators[code].short_label for code in codes)

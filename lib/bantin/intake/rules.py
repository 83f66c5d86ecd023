"""The validation rules between indicators (``data/reference/rules.csv``), evaluated unit by unit.

One engine for every rule, in the spirit of DHIS2's validation rules: a left side and a right side (sums of
indicators), an operator, what to do with blanks (``if_missing``), and the message the unit reads.
"""

from __future__ import annotations

import pandas as pd

from bantin import formatting, messages
from bantin.model.errors import BantinError, Problem
from bantin.model.periods import Period
from bantin.model.reference import Reference, Rule


def check_rules(
    observations: pd.DataFrame,
    reference: Reference,
    period: Period | None = None,
    failed: pd.DataFrame | None = None,
) -> list[Problem]:
    """Every rule broken by a unit's figures, located at the figure on the rule's left side; with ``period``, only
    the rules whose indicators all exist in it (``rules_in``), each said with the labels then.

    Every unit's figures that passed their check are judged, whatever failed elsewhere in its file or in other
    files, so that one run finds every problem; a rule that reads a cell in ``failed`` (``unit, indicator``: a
    figure that failed its check, so unknown) is left out for that unit only.
    """
    if observations.empty:
        return []
    wide = observations.pivot_table(index="unit", columns="indicator", values="value", aggfunc="first", dropna=False)
    wide = wide.reindex(columns=list(reference.indicators)).astype("Float64")
    unknown = _unknown(wide, failed)
    where = observations.set_index(["unit", "indicator"])[["source_file", "source_location"]]
    problems = []
    labels = reference.indicators_in(period) if period else reference.indicators
    for rule in rules_in(reference, period):
        left, right, evaluable = _sides(rule, wide)
        evaluable &= ~unknown[list(rule.left + rule.right)].any(axis=1)
        broken = evaluable & ~holds(rule, left, right)
        for unit in broken[broken].index:
            file, location = where.loc[(unit, rule.left[0])]
            broken_here = messages.RULE_BROKEN.format(
                message=rule.message,
                left=_describe(rule.left, labels),
                left_value=formatting.count(left[unit], pad=False),
                right=_describe(rule.right, labels),
                right_value=formatting.count(right[unit], pad=False),
            )
            problems.append(
                Problem(
                    file,
                    location,
                    broken_here,
                    unit_name(reference, unit),
                    labels[rule.left[0]].label,
                    rule.importance,
                    rule.code,
                    unit_code(reference, unit),
                    rule.name,
                )
            )
    return problems


def rules_in(reference: Reference, period: Period | None) -> tuple[Rule, ...]:
    """The rules of ``period``: those whose indicators all exist in it (every rule without a period)."""
    if period is None:
        return reference.rules
    existing = reference.indicators_in(period)
    return tuple(rule for rule in reference.rules if all(code in existing for code in rule.left + rule.right))


def _unknown(wide: pd.DataFrame, failed: pd.DataFrame | None) -> pd.DataFrame:
    """Unit × indicator, like ``wide``: whether the cell failed its check."""
    unknown = pd.DataFrame(False, index=wide.index, columns=wide.columns)
    if failed is None or failed.empty:
        return unknown
    pairs = failed[failed["unit"].isin(wide.index) & failed["indicator"].isin(wide.columns)]
    for indicator, units in pairs.groupby("indicator")["unit"]:
        unknown.loc[units.unique(), indicator] = True
    return unknown


def _sides(rule: Rule, wide: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Each unit's left and right sums, and where the rule is evaluated, per its ``if_missing``.

    ``skip`` (DHIS2's SKIP_IF_ANY_VALUE_MISSING): a blank anywhere in the rule skips it for that unit,
    since a blank is reported as missing, not judged; ``skip_if_all_missing``: evaluated when any of its
    figures is there, blanks counting as zero; ``never_skip``: always, blanks counting as zero.
    """
    codes = list(rule.left + rule.right)
    present = wide[codes].notna()
    if rule.if_missing == "skip":
        evaluable = present.all(axis=1)
    elif rule.if_missing == "skip_if_all_missing":
        evaluable = present.any(axis=1)
    else:  # never_skip
        evaluable = pd.Series(True, index=wide.index)
    left = wide[list(rule.left)].fillna(0).sum(axis=1)
    right = wide[list(rule.right)].fillna(0).sum(axis=1)
    return left, right, evaluable


def holds(rule: Rule, left: pd.Series, right: pd.Series) -> pd.Series:
    """Whether ``left operator right``, unit by unit."""
    if rule.operator == "<=":
        return left <= right
    if rule.operator == ">=":
        return left >= right
    if rule.operator == "==":
        return left == right
    if rule.operator == "only_if":
        return (left == 0) | (right > 0)
    raise BantinError(messages.RULE_OPERATOR_UNKNOWN.format(operator=rule.operator, rule=rule.name))


def unit_name(reference: Reference, code: str) -> str:
    """ "Huyện ủy An Khánh (an-khanh)": the name people know, the code the files use."""
    name = reference.unit_names.get(code)
    return f"{name} ({code})" if name else str(code)


def unit_code(reference: Reference, unit: str) -> str:
    return unit if unit in reference.unit_names else ""


def indicator_label(reference: Reference, code: str, period: Period | None = None) -> str:
    """The indicator's label in force in ``period`` (its latest, without a period or when it did not exist then)."""
    existing = reference.indicators_in(period) if period else {}
    if code in existing:
        return existing[code].label
    return reference.indicators[code].label if code in reference.indicators else str(code)


def _describe(codes: tuple[str, ...], labels: dict) -> str:
    return " + ".join(labels[code].short_label for code in codes)

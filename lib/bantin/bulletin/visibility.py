"""When a bulletin's blocks are shown: the guards of ``blocks``.

A scope no unit has reported for, or whose year has no territory (``Bulletin.nothing_reported``), gets a short
notice: every block of figures is left out. A year across a reorganisation shows its totals, text and
comparisons, but not its blocks by unit or cluster: those units were not the same in both halves.
"""

from __future__ import annotations

from functools import wraps

from IPython.display import HTML

from bantin.bulletin import metrics


def reported_only(block):
    """A block that shows figures: left out (empty) when no unit of the scope has reported."""

    @wraps(block)
    def shown_when_reported(self, *args, **kwargs):
        return HTML("") if self.nothing_reported else block(self, *args, **kwargs)

    return shown_when_reported


def per_unit(block):
    """A block by unit or cluster: left out too for a year across a reorganisation (its units are not the same
    in both halves; the half-year bulletins show them)."""

    @wraps(block)
    def shown_when_the_units_stayed(self, *args, **kwargs):
        changed = metrics.changed_within(self.reference, self.period, self.cluster)
        return HTML("") if self.nothing_reported or changed else block(self, *args, **kwargs)

    return shown_when_the_units_stayed

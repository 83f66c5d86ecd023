"""The units ranked by the share of their registered "Dân vận khéo" models that were recognized.

Up to ``FULL_UP_TO`` units (23 before the reorganisation of 2025) the province overview ranks them all in its
body. Above it (94 since) the body shows the ``SHOWN`` highest rates and the ``SHOWN`` lowest, with a sentence
saying where the rest is, and an annex at the end of the bulletin ranks every unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bantin import formatting
from bantin.bulletin import metrics
from bantin.model.periods import Period
from bantin.model.reference import Reference

FULL_UP_TO = 30  # units ranked in full in the body: about a page of the table
SHOWN = 10  # above it, the units shown from the top and from the bottom of the ranking


@dataclass(frozen=True)
class Ranking:
    """Every unit ranked, each row written the bulletins' way: position, unit, cluster, registered, recognized, rate.

    The first ``rated`` rows have a rate; the units without one (nothing registered, or not reported) come last.
    """

    rows: list[tuple[str, str, str, str, str, str]]
    rated: int

    @classmethod
    def of(cls, observations: pd.DataFrame, reference: Reference, period: Period) -> Ranking:
        ranked = metrics.ranking(observations, reference, period)
        rows = [
            (
                str(position),
                reference.unit_names[row.unit],
                reference.clusters[row.cluster].name,
                formatting.count(row.registered),
                formatting.count(row.recognized),
                formatting.percent(None if pd.isna(row.rate) else float(row.rate)),
            )
            for position, row in enumerate(ranked.itertuples(index=False), start=1)
        ]
        return cls(rows, int(ranked["rate"].notna().sum()))

    @property
    def in_annex(self) -> bool:
        """Too many units for the body: it shows the top and the bottom, the annex ranks them all."""
        return len(self.rows) > FULL_UP_TO

    def body(self, excerpt: str) -> dict:
        """What the body's table shows (``ranking.html.j2``); ``excerpt``: the wording file's sentence saying
        that the table shows the top and the bottom ({shown} of each) of the units ({units}) and where the rest is.
        """
        if not self.in_annex:
            return {"rows": self.rows, "bottom": [], "note": "", "annex": False}
        note = excerpt.replace("{shown}", formatting.count(SHOWN)).replace("{units}", formatting.count(len(self.rows)))
        bottom = self.rows[max(SHOWN, self.rated - SHOWN) : self.rated]  # the lowest rates, never one without
        return {"rows": self.rows[:SHOWN], "bottom": bottom, "note": note, "annex": False}

    def annex(self) -> dict:
        """What the annex's table shows: every unit, when the body does not (else nothing: no annex)."""
        return {"rows": self.rows if self.in_annex else [], "bottom": [], "note": "", "annex": True}

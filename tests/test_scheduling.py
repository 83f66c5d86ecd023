"""The order the workers take a run's bulletins in (``batch.largest_first``): the province's, the longest, first."""

from __future__ import annotations

from bantin.model.reference import PROVINCE
from bantin.render.batch import largest_first
from bantin.render.jobs import Job


def job(scope: str) -> Job:
    return Job("/project", "2026H1", scope, f"Bản tin {scope}", news_item=False)


def test_the_province_goes_first_and_the_clusters_keep_their_order():
    planned = [job("trung-tam"), job("phia-bac"), job("ven-bien-nam"), job(PROVINCE), job("trung-du")]
    assert [each.scope for each in largest_first(planned)] == [
        PROVINCE,
        "trung-tam",
        "phia-bac",
        "ven-bien-nam",
        "trung-du",
    ]


def test_a_run_of_clusters_only_keeps_their_order():
    planned = [job("dong-bang"), job("ven-bien")]
    assert largest_first(planned) == planned

"""The charts' own layout, measured by matplotlib: the trend's period labels fit the page's width for any number of
half-years."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from bantin.bulletin import charts, narrative
from bantin.model.periods import Period
from bantin.model.reference import Reference
from helpers import REFERENCE_TOTALS, ROOT
from test_narrative import MEETING, ORGANISATION


@pytest.fixture(scope="module")
def words():
    """The wording file bound to the reference figures: its period ticks and its chart words."""
    wording = narrative.Wording(ROOT / "data" / "reference" / "narrative.j2")
    totals = pd.Series(REFERENCE_TOTALS, dtype="Int64")
    context = narrative.context(totals, Period.parse("2024H1"), "cụm đồng bằng", ["a"], MEETING, ORGANISATION, False)
    return wording.for_figures(context)


def trend_chart(words, halves: int, expected: int = 93, missing_every: int = 3) -> charts.Chart:
    """The trend chart of ``halves`` half-years ending in 2026H1, every ``missing_every``-th but the last with one
    unit missing."""
    periods = [Period.parse("2026H1")]
    while len(periods) < halves:
        periods.insert(0, periods[0].previous())
    reference = Reference(ROOT / "data" / "reference")
    registered, recognized = (indicator for indicator in reference.indicators if indicator.startswith("mo_hinh_"))
    trend = pd.DataFrame(
        {registered: [800 + 37 * i for i in range(halves)], recognized: [500 + 21 * i for i in range(halves)]},
        index=[str(period) for period in periods],
    ).astype("Int64")
    coverage = [(expected - (i % missing_every == 1 and i < halves - 1), expected) for i in range(halves)]
    models = charts.Models(
        registered,
        recognized,
        (words.words["registered"], words.words["recognized"]),
        words.words["models_axis"],
        words.words["models_trend"],
        words.words["not_reported"],
        words.words["coverage"],
    )
    ticks = [words.period_tick(period) for period in periods]
    return charts.models_trend(trend, ticks, coverage, models, ((halves // 2, words.words["reorganised"]),))


def drawn_labels(chart: charts.Chart):
    """The chart's period labels as the Agg renderer draws them: (text, box in pixels)."""
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    return [
        (label.get_text(), label.get_window_extent())
        for label in chart.figure.axes[0].get_xticklabels()
        if label.get_visible() and label.get_text()
    ]


@pytest.mark.parametrize("halves", [2, 6, 10, 16])
def test_the_trends_period_labels_never_overlap_and_stay_inside_the_figure(words, halves):
    chart = trend_chart(words, halves)
    labels = drawn_labels(chart)
    assert labels, "no period is labelled"
    figure = chart.figure.bbox
    for text, box in labels:
        assert figure.x0 <= box.x0 and box.x1 <= figure.x1 and figure.y0 <= box.y0 and box.y1 <= figure.y1, text
    for (first, one), (second, other) in itertools.combinations(labels, 2):
        assert not one.overlaps(other), f"{first!r} overlaps {second!r}"


@pytest.mark.parametrize("halves", [3, 6, 10])
def test_every_period_up_to_ten_is_named_with_its_year_and_its_coverage(words, halves):
    texts = [text for text, _ in drawn_labels(trend_chart(words, halves))]
    assert len(texts) == halves
    assert " ".join(texts[-1].split()) == "6 tháng đầu 2026"  # the bulletin's own period, in the wording file's words
    assert "92/93 đơn vị" in " ".join(texts[1].split())  # the coverage under a period not every unit reported


def test_the_last_period_is_always_labelled_and_the_svg_and_png_show_the_same_figure(words):
    chart = trend_chart(words, 16)
    texts = [" ".join(text.split()) for text, _ in drawn_labels(chart)]
    assert texts[-1] == "6 tháng đầu 2026"
    assert chart.figure.get_figwidth() == charts.WIDTH  # the page's width: only the height may grow
    height = chart.figure.get_figheight()
    png = chart._repr_png_()
    assert png[16:24] == int(charts.WIDTH * charts.PNG_DPI).to_bytes(4, "big") + round(
        height * charts.PNG_DPI
    ).to_bytes(4, "big")  # the PNG's size in pixels: the SVG's figure at print resolution
    assert f'height="{height * 72:g}pt"' in chart.data or f'height="{height * 72:.6f}pt"' in chart.data

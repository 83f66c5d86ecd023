"""Charts of a bulletin, drawn with matplotlib as SVG: crisp in print, inline in the HTML; and as PNG at print
resolution for the Word file (``Chart``: a notebook keeps both, the HTML shows the SVG).

Figures are built without pyplot (no global state, nothing shown twice in a notebook) in DejaVu Sans,
which matplotlib ships and which covers Vietnamese, from matplotlib's default style and ours (``STYLE``): a
``matplotlibrc`` of the user's or the machine's changes nothing. Text stays text (selectable, light to draw): the PDF
embeds DejaVu Sans from matplotlib's copy, a browser uses it or its own sans-serif. The words (titles,
legends, axes, periods) come from the wording file, through ``blocks``.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field

import matplotlib.style
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from bantin import formatting
from bantin.bulletin.document import MIMETYPE, VERSION
from bantin.model.text import two_lines

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "bantin",  # stable element ids: the same data gives the same file
}
REGISTERED, RECOGNIZED = "#8fa9c9", "#1f4e79"
COLUMNS_UP_TO = 10  # units (or clusters) whose bars stand side by side; more lie one under the other
BAR_LINE = 0.22  # inches of height for each unit's pair of horizontal bars
PNG_DPI = 200  # the Word file's charts: sharp on paper at their printed size
WIDTH = 6.3  # inches: the page's text width, the charts' width
TREND_HEIGHT = 3.0  # inches, the trend chart's with its periods' labels lying down
TICKS_HEIGHT = 0.45  # inches of labels under the trend's plot before the figure grows: two lines and a note
_count_axis = FuncFormatter(lambda value, _: formatting.count(value, pad=False) if value == int(value) else "")


@dataclass(frozen=True)
class Chart:
    """A drawn chart, displayed by a notebook as SVG (``data``: what the HTML and PDF show) and PNG (the Word's)."""

    data: str = field(repr=False)  # the SVG, without prolog, as IPython's ``SVG`` holds it
    figure: Figure = field(repr=False, compare=False)
    title: str = ""

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIMETYPE: {"version": VERSION, "kind": "chart", "title": self.title}}

    def _repr_svg_(self) -> str:
        return self.data

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
        return buffer.getvalue()


@dataclass(frozen=True)
class Models:
    """What a chart of "Dân vận khéo" models draws and says."""

    registered: str  # the indicator codes of the models registered and recognized
    recognized: str
    legend: tuple[str, str]  # the words for each
    axis: str
    title: str
    not_reported: str  # under a unit that did not report: never drawn as a zero
    coverage: str  # under a period not every unit reported: "{received}/{expected} đơn vị"

    def indicators(self) -> tuple[str, str]:
        return self.registered, self.recognized

    def series(self) -> tuple[tuple[str, str, str], ...]:
        """(indicator code, legend, colour) of the registered models, then of the recognized ones."""
        return (self.registered, self.legend[0], REGISTERED), (self.recognized, self.legend[1], RECOGNIZED)


def models_by_unit(values: pd.DataFrame, names: dict[str, str], models: Models) -> Chart:
    """Bars per unit (or cluster): "Dân vận khéo" models registered and recognized. ``values``: rows × indicators.

    Up to ``COLUMNS_UP_TO`` units the bars stand side by side; more units lie one under the other
    (``models_by_many_units``), so that every unit's name reads on one line.
    """
    if len(values) > COLUMNS_UP_TO:
        return models_by_many_units(values, names, models)
    with matplotlib.style.context(["default", STYLE]):
        figure = Figure(figsize=(6.3, 3.0))
        axes = figure.add_subplot()
        positions = range(len(values))
        width = 0.4
        for shift, (code, label, color) in zip((-width / 2, width / 2), models.series(), strict=True):
            heights = values[code].astype("Float64").fillna(0)
            axes.bar([p + shift for p in positions], heights, width, label=label, color=color)
        for position, reported in zip(positions, values[list(models.indicators())].notna().any(axis=1), strict=True):
            if not reported:  # not reported is not zero: said where the bars would be
                axes.annotate(
                    models.not_reported,
                    (position, 0),
                    textcoords="offset points",
                    xytext=(0, 3),
                    ha="center",
                    fontsize=7,
                    color="#777777",
                    rotation=90,
                    va="bottom",
                )
        axes.set_xticks(
            list(positions),
            [names[code] for code in values.index],
            rotation=30 if len(values) > 4 else 0,
            ha="right" if len(values) > 4 else "center",
        )
        axes.yaxis.set_major_formatter(_count_axis)
        axes.set_ylabel(models.axis)
        _title_and_legend(axes, models.title)
        return _svg(figure, models.title)


def models_by_many_units(values: pd.DataFrame, names: dict[str, str], models: Models) -> Chart:
    """Horizontal bars, a unit a line in the order of ``values``, its name on its left: taller with more units."""
    with matplotlib.style.context(["default", STYLE]):
        figure = Figure(figsize=(6.3, 1.1 + BAR_LINE * len(values)))
        axes = figure.add_subplot()
        positions = range(len(values))
        height = 0.4
        for shift, (code, label, color) in zip((-height / 2, height / 2), models.series(), strict=True):
            widths = values[code].astype("Float64").fillna(0)
            axes.barh([p + shift for p in positions], widths, height, label=label, color=color)
        for position, reported in zip(positions, values[list(models.indicators())].notna().any(axis=1), strict=True):
            if not reported:  # not reported is not zero: said where the bars would be
                axes.annotate(
                    models.not_reported,
                    (0, position),
                    textcoords="offset points",
                    xytext=(3, 0),
                    ha="left",
                    va="center",
                    fontsize=7,
                    color="#777777",
                )
        axes.set_yticks(list(positions), [names[code] for code in values.index], fontsize=8)
        axes.set_ylim(len(values) - 0.5, -0.5)  # the first unit on top, as in the table
        axes.xaxis.set_major_formatter(_count_axis)
        axes.set_xlabel(models.axis)
        _title_and_legend(axes, models.title)
        return _svg(figure, models.title)


def models_trend(
    trend: pd.DataFrame,
    ticks: list[str],
    coverage: list[tuple[int, int]],
    models: Models,
    boundaries: tuple[tuple[int, str], ...] = (),
) -> Chart:
    """Lines over the half-years (``ticks``: their labels): models registered and recognized.

    A period not every unit reported (``coverage``: units reported, expected) is drawn as such: a hollow marker,
    a dashed segment to it, and how many units reported under its tick ("7/8 đơn vị": ``models.coverage``). A
    reorganisation (``boundaries``: the index of the first period after it, and its words) is a vertical line the
    series do not cross. The legend sits above the plot, never on the data.
    """
    after = {index for index, _ in boundaries}
    complete = [received == expected for received, expected in coverage]
    notes = [
        "" if full else _reported(models.coverage, received, expected)
        for full, (received, expected) in zip(complete, coverage, strict=True)
    ]
    with matplotlib.style.context(["default", STYLE]):
        figure = Figure(figsize=(WIDTH, TREND_HEIGHT))
        axes = figure.add_subplot()
        positions = list(range(len(ticks)))
        for code, label, color in models.series():
            series = trend[code].astype("Float64").to_numpy(dtype=float, na_value=float("nan"))
            for start in [start for start in range(len(positions) - 1) if start + 1 not in after]:
                dashed = not (complete[start] and complete[start + 1])
                axes.plot(
                    positions[start : start + 2],
                    series[start : start + 2],
                    color=color,
                    linestyle="--" if dashed else "-",
                    linewidth=1.2 if dashed else 1.6,
                )
            for x, y, full in zip(positions, series, complete, strict=True):
                if y == y:  # not NaN
                    axes.plot([x], [y], marker="o", color=color, markerfacecolor=color if full else "white")
                    axes.annotate(
                        formatting.count(int(y)),
                        (x, y),
                        textcoords="offset points",
                        xytext=(0, 5),
                        ha="center",
                        fontsize=7,
                    )
            axes.plot([], [], marker="o", color=color, label=label)  # the legend's entry
        for index, words in boundaries:
            axes.axvline(index - 0.5, color="#888888", linestyle=":", linewidth=1)
            axes.annotate(
                words,
                (index - 0.5, 0),
                xycoords=("data", "axes fraction"),
                xytext=(3, 3),
                textcoords="offset points",
                ha="left",
                va="bottom",
                fontsize=7,
                color="#555555",
            )
        axes.yaxis.set_major_formatter(_count_axis)
        axes.set_ylim(bottom=0)
        axes.margins(x=0.08, y=0.25)
        axes.set_ylabel(models.axis)
        _title_and_legend(axes, models.title)
        _fit_period_ticks(figure, axes, ticks, notes)
        return _svg(figure, models.title, laid_out=True)


def _fit_period_ticks(figure: Figure, axes, ticks: list[str], notes: list[str]) -> None:
    """Label the trend's periods in the first layout of ``_tick_layouts`` whose labels neither overlap nor leave the
    figure, as matplotlib measures them: the width is the page's, so with more periods the labels break into lines,
    then stand upright (the figure growing as tall as they need), then name every second period, third, …
    ``notes``: a line under a period's words ("7/8 đơn vị"), or "" for none. The SVG and the PNG are drawn from the
    figure laid out here, so both show the same labels.
    """
    positions, tried = list(range(len(ticks))), []
    for labels, rotation in _tick_layouts(ticks, notes):
        if (labels, rotation) in tried:  # every note empty: the same labels again
            continue
        tried.append((labels, rotation))
        axes.set_xticks(positions, labels, fontsize=8, rotation=rotation, ha="center", va="top")
        figure.set_size_inches(WIDTH, TREND_HEIGHT)
        figure.tight_layout()
        figure.draw_without_rendering()
        tallest = max(label.get_window_extent().height for label in axes.get_xticklabels()) / figure.dpi
        if (
            tallest > TICKS_HEIGHT
        ):  # taller labels (upright, or four lines): the plot keeps its height, the figure grows
            figure.set_size_inches(WIDTH, TREND_HEIGHT + tallest - TICKS_HEIGHT)
            figure.tight_layout()
            figure.draw_without_rendering()
        if _labels_fit(figure, axes.get_xticklabels()):
            return


def _tick_layouts(ticks: list[str], notes: list[str]):
    """(labels, rotation) from the plainest to the sparest: a period's words on one line ("6 tháng đầu 2024"), on two
    ("6 tháng đầu" over "2024"), with its note on two lines too ("92/93" over "đơn vị"), upright on one line, then
    upright for every second period, third, … (always the last, the bulletin's own). A note has a line of its own
    (upright: a column). The last layout always fits: one label."""
    count = len(ticks)
    yield [_lines(tick, note) for tick, note in zip(ticks, notes, strict=True)], 0
    yield [_lines(*two_lines(tick, tail=1), note) for tick, note in zip(ticks, notes, strict=True)], 0
    yield [_lines(*two_lines(tick, tail=1), *two_lines(note)) for tick, note in zip(ticks, notes, strict=True)], 0
    for step in range(1, max(count, 1) + 1):
        yield (
            [
                _lines(tick, note) if (count - 1 - index) % step == 0 else ""
                for index, (tick, note) in enumerate(zip(ticks, notes, strict=True))
            ],
            90,
        )


def _lines(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def _labels_fit(figure: Figure, labels) -> bool:
    """Whether the drawn ``labels`` (matplotlib texts) lie inside ``figure`` and no two of them overlap."""
    boxes = [label.get_window_extent() for label in labels if label.get_visible() and label.get_text()]
    inside = all(figure.bbox.contains(box.x0, box.y0) and figure.bbox.contains(box.x1, box.y1) for box in boxes)
    return inside and not any(first.overlaps(second) for first, second in itertools.pairwise(boxes))


def _reported(words: str, received: int, expected: int) -> str:
    """The wording's "{received}/{expected} đơn vị" with its figures."""
    written = {"received": received, "expected": expected}
    for name, value in written.items():
        words = words.replace("{" + name + "}", formatting.count(value, pad=False))
    return words


def _title_and_legend(axes, title: str) -> None:
    """The title, and under it the legend in one row: above the plot, never on the data."""
    axes.legend(frameon=False, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=8, borderaxespad=0.3)
    axes.set_title(title, loc="left", fontsize=10, pad=22)


def _svg(figure: Figure, title: str, laid_out: bool = False) -> Chart:
    if not laid_out:  # ``_fit_period_ticks`` lays its figure out as it measures it
        figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return Chart(text[text.index("<svg") :], figure, title)  # no XML prolog nor doctype: the SVG is inlined into HTML

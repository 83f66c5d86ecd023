"""Charts of a bulletin, drawn with matplotlib as SVG: crisp in print, inline in the HTML.

Figures are built without pyplot (no global state, nothing shown twice in a notebook) in DejaVu Sans,
which matplotlib ships and which covers Vietnamese. Text stays text (selectable, light to draw): the PDF
embeds DejaVu Sans from matplotlib's copy, a browser uses it or its own sans-serif.
"""

from __future__ import annotations

import io

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from bantin.bulletin import formatting
from bantin.core.periods import Period

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "bantin",  # stable element ids: the same data gives the same file
}
REGISTERED, RECOGNIZED = "#8fa9c9", "#1f4e79"
_count_axis = FuncFormatter(lambda value, _: formatting.count(value, pad=False) if value == int(value) else "")


def models_by_unit(values: pd.DataFrame, names: dict[str, str], title: str) -> str:
    """Bars per unit (or cluster): "Dân vận khéo" models registered and recognized. ``values``: rows × indicators."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(6.3, 3.0))
        axes = figure.add_subplot()
        positions = range(len(values))
        registered = values["mo_hinh_dang_ky"].astype("Float64").fillna(0)
        recognized = values["mo_hinh_cong_nhan"].astype("Float64").fillna(0)
        width = 0.4
        axes.bar([p - width / 2 for p in positions], registered, width, label="Đăng ký thực hiện", color=REGISTERED)
        axes.bar([p + width / 2 for p in positions], recognized, width, label="Được công nhận", color=RECOGNIZED)
        axes.set_xticks(
            list(positions),
            [names[code] for code in values.index],
            rotation=30 if len(values) > 4 else 0,
            ha="right" if len(values) > 4 else "center",
        )
        axes.yaxis.set_major_formatter(_count_axis)
        axes.set_ylabel("Số mô hình")
        axes.legend(frameon=False, loc="upper right")
        axes.set_title(title, loc="left", fontsize=10)
        return _svg(figure)


def models_trend(trend: pd.DataFrame) -> str:
    """Lines over the half-years: models registered and recognized, and the recognition rate."""
    labels = [_period_tick(Period.parse(text)) for text in trend.index]
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(6.3, 2.8))
        axes = figure.add_subplot()
        for code, label, color in (
            ("mo_hinh_dang_ky", "Đăng ký thực hiện", REGISTERED),
            ("mo_hinh_cong_nhan", "Được công nhận", RECOGNIZED),
        ):
            series = trend[code].astype("Float64")
            axes.plot(labels, series.to_numpy(dtype=float, na_value=float("nan")), marker="o", label=label, color=color)
            for x, y in zip(labels, series):
                if not pd.isna(y):
                    axes.annotate(
                        formatting.count(y), (x, y), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=7
                    )
        axes.yaxis.set_major_formatter(_count_axis)
        axes.set_ylim(bottom=0)
        axes.margins(x=0.08, y=0.18)
        axes.set_ylabel("Số mô hình")
        axes.legend(frameon=False, loc="lower right")
        axes.set_title("Mô hình “Dân vận khéo” qua các kỳ", loc="left", fontsize=10)
        return _svg(figure)


def _period_tick(period: Period) -> str:
    return (
        f"6T đầu {period.year}"
        if period.half == 1
        else f"6T cuối {period.year}"
        if period.half == 2
        else str(period.year)
    )


def _svg(figure: Figure) -> str:
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog and doctype: the SVG is inlined into HTML

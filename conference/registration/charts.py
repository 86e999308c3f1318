"""A bar chart of registrations per day, laid out here and drawn as SVG by a template.

Sizes are SVG user units. The drawing is small (WIDTH × HEIGHT) and the page shows it at most
30rem wide (registration.css), so its 12-unit text reads about 10.5 px on a 375 px phone and
15 px on a desktop, instead of a full-width strip whose labels shrink to dots.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from conference.registration.selectors import DayCount

WIDTH = 360
HEIGHT = 220
# Room left of the plot for the count axis and its title, under it for the dates and theirs.
LEFT = 46
RIGHT = 10
TOP = 14
BOTTOM = 42
# Date labels ("05-02", about 30 units wide) are at least this far apart.
LABEL_SPACING = 48
# Counts are written over the bars only when the bars are this wide.
COUNT_SLOT = 24
# At most this many steps up the count axis.
MAX_TICKS = 5


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    centre: float
    label: str
    count: int
    show_label: bool


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


def nice_step(tallest: int, *, max_ticks: int = MAX_TICKS) -> int:
    """The smallest step of 1, 2 or 5 × 10ⁿ that reaches `tallest` in at most `max_ticks`."""
    if tallest <= max_ticks:
        return 1
    magnitude = 10 ** math.floor(math.log10(tallest / max_ticks))
    # tallest / max_ticks < 10 × magnitude, so the factor 10 always reaches it.
    return next(f * magnitude for f in (1, 2, 5, 10) if f * magnitude * max_ticks >= tallest)


def bar_chart(days: list[DayCount]) -> dict:
    """Bars, count-axis ticks and axis positions for one bar per day.

    The count axis runs from 0 to the first step of `nice_step` at or above the tallest day,
    so its labels are round numbers; a date label is shown every few days, never crowded.
    """
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    baseline = HEIGHT - BOTTOM
    chart = {
        "width": WIDTH,
        "height": HEIGHT,
        "left": plot_left,
        "right": plot_right,
        "top": TOP,
        "baseline": baseline,
        "middle_x": round((plot_left + plot_right) / 2, 1),
        "middle_y": round((TOP + baseline) / 2, 1),
        "bars": [],
        "ticks": [],
    }
    if not days:
        return chart
    tallest = max(day.count for day in days)
    step = nice_step(tallest)
    axis_top = max(step * math.ceil(tallest / step), step)
    plot_height = baseline - TOP
    slot = (plot_right - plot_left) / len(days)
    label_every = max(1, math.ceil(LABEL_SPACING / slot))
    bars = []
    for index, day in enumerate(days):
        height = plot_height * day.count / axis_top
        x = plot_left + index * slot
        bars.append(
            Bar(
                x=round(x + slot * 0.15, 1),
                y=round(baseline - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                centre=round(x + slot / 2, 1),
                label=day.day.strftime("%m-%d"),
                count=day.count,
                show_label=index % label_every == 0,
            )
        )
    chart["bars"] = bars
    chart["ticks"] = [
        Tick(y=round(baseline - plot_height * value / axis_top, 1), value=value)
        for value in range(0, axis_top + 1, step)
    ]
    chart["show_counts"] = slot >= COUNT_SLOT
    return chart

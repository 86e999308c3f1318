"""A bar chart of registrations per day, laid out here and drawn as SVG by a template."""

from dataclasses import dataclass

from conference.registration.selectors import DayCount

WIDTH = 640
HEIGHT = 180
# Room under the bars for the day labels, above them for the counts.
BOTTOM = 24
TOP = 16


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    show_label: bool


def bar_chart(days: list[DayCount]) -> dict:
    """Positions (in SVG user units) of one bar per day; the tallest bar fills the height."""
    if not days:
        return {"width": WIDTH, "height": HEIGHT, "bars": [], "baseline": HEIGHT - BOTTOM}
    tallest = max(day.count for day in days) or 1
    slot = WIDTH / len(days)
    plot_height = HEIGHT - BOTTOM - TOP
    # At most about twelve date labels, or they run into each other.
    label_every = max(1, round(len(days) / 12))
    bars = []
    for index, day in enumerate(days):
        height = plot_height * day.count / tallest
        bars.append(
            Bar(
                x=round(index * slot + slot * 0.1, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(slot * 0.8, 1),
                height=round(height, 1),
                label=day.day.strftime("%m-%d"),
                count=day.count,
                show_label=index % label_every == 0,
            )
        )
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "baseline": HEIGHT - BOTTOM}

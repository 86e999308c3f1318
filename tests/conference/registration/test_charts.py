"""The registrations chart: a count axis of round numbers, dates that never crowd."""

from datetime import date, timedelta

import pytest

from conference.registration.charts import bar_chart, nice_step
from conference.registration.selectors import DayCount


def days(*counts: int) -> list[DayCount]:
    first = date(2026, 5, 1)
    return [DayCount(day=first + timedelta(days=i), count=c) for i, c in enumerate(counts)]


@pytest.mark.parametrize(
    ("tallest", "step"),
    [(0, 1), (4, 1), (5, 1), (6, 2), (10, 2), (11, 5), (23, 5), (26, 10), (160, 50), (600, 200)],
)
def test_nice_step_reaches_the_tallest_in_at_most_five_steps(tallest, step):
    assert nice_step(tallest) == step


def test_the_count_axis_ends_on_a_round_number_above_the_tallest_day():
    chart = bar_chart(days(3, 14, 0, 9))

    assert [(tick.value, tick.y) for tick in chart["ticks"]] == [
        (0, 178.0),
        (5, 123.3),
        (10, 68.7),
        (15, 14.0),
    ]
    bars = chart["bars"]
    # 14 of 15: the tallest bar stops just under the top tick.
    assert [(bar.count, bar.height) for bar in bars] == [
        (3, 32.8),
        (14, 153.1),
        (0, 0.0),
        (9, 98.4),
    ]
    assert all(bar.y + bar.height == pytest.approx(chart["baseline"]) for bar in bars)
    assert (chart["show_counts"], [bar.show_label for bar in bars]) == (True, [True] * 4)


def test_six_weeks_show_a_date_every_week_and_no_counts_over_thin_bars():
    chart = bar_chart(days(*([2] * 42)))

    labelled = [bar.label for bar in chart["bars"] if bar.show_label]
    assert labelled == ["05-01", "05-08", "05-15", "05-22", "05-29", "06-05"]
    assert chart["show_counts"] is False
    assert chart["bars"][0].x >= chart["left"]
    assert chart["bars"][-1].x + chart["bars"][-1].width <= chart["right"]


def test_a_day_of_zeros_still_has_an_axis():
    chart = bar_chart(days(0, 0))

    assert [tick.value for tick in chart["ticks"]] == [0, 1]
    assert [bar.height for bar in chart["bars"]] == [0.0, 0.0]


def test_no_days_no_bars():
    assert (bar_chart([])["bars"], bar_chart([])["ticks"]) == ([], [])

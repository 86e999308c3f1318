"""Reads: the editor's day frame, across a clock change too."""

from datetime import date

from scheduling import selectors
from tests.factories import RoomAvailabilityFactory
from tests.scheduling.builders import hard_conference


def test_editor_day_is_nine_to_six_by_default(db):
    hard = hard_conference()

    frame = selectors.editor_day(
        conference=hard["conference"], day=date(2026, 10, 26), items=[], step=15
    )

    assert (frame["start"], frame["end"], frame["minutes"]) == (
        "2026-10-26T08:00:00Z",
        "2026-10-26T17:00:00Z",
        540,
    )
    assert frame["labels"][0] == [0, "09:00"]


def test_editor_day_widens_to_items_and_rooms_and_repeats_the_hour_clocks_go_back(db):
    hard = hard_conference()
    RoomAvailabilityFactory(
        room=hard["rooms"][0], date=date(2026, 10, 25), starts_at="08:00", ends_at="19:30"
    )
    items = list(hard["conference"].schedule_items.all())

    frame = selectors.editor_day(
        conference=hard["conference"], day=date(2026, 10, 25), items=items, step=30
    )

    # From the blocker at 01:00 (summer time) to 20:00 (winter time): 20 hours on the clock,
    # 20 real hours too, since the night had 02:00-03:00 twice.
    assert (frame["start"], frame["end"], frame["minutes"]) == (
        "2026-10-24T23:00:00Z",
        "2026-10-25T19:00:00Z",
        1200,
    )
    clock = [label for _offset, label in frame["labels"] if label.endswith(":00")]
    assert clock[:5] == ["01:00", "02:00", "02:00", "03:00", "04:00"]
    assert frame["labels"][-1] == [1195, "19:55"]


def test_unscheduled_talks_search_ignores_case_and_accents(conference):
    from tests.factories import SpeakerProfileFactory, SubmissionFactory, UserFactory

    muller = UserFactory(username="jm")
    SpeakerProfileFactory(user=muller, name="Jürgen Müller")
    SubmissionFactory(conference=conference, speaker=muller, title="Pixels", state="accepted")
    SubmissionFactory(conference=conference, title="Café culture", state="confirmed")
    SubmissionFactory(conference=conference, title="Drafted", state="submitted")

    def titles(search):
        return [t.title for t in selectors.unscheduled_talks(conference=conference, search=search)]

    assert titles("MULLER") == ["Pixels"]
    assert titles("cafe") == ["Café culture"]
    assert titles("drafted") == []
    assert titles("") == ["Café culture", "Pixels"]

"""Speakers' availability, attendees' stars and calendar feeds."""

from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import ValidationError

from scheduling import selectors, services
from scheduling.models import Favourite
from tests.factories import SubmissionFactory, UserFactory


def test_availability_is_stored_in_utc_across_the_clock_change(berlin, speaker):
    availability = services.save_speaker_availability(
        conference=berlin,
        user=speaker,
        windows=[
            (date(2026, 10, 25), time(9), time(12)),
            (date(2026, 10, 24), time(9), time(12)),
        ],
    )

    assert availability.windows == [
        {"start": "2026-10-24T07:00:00Z", "end": "2026-10-24T10:00:00Z"},
        {"start": "2026-10-25T08:00:00Z", "end": "2026-10-25T11:00:00Z"},
    ]
    assert selectors.availability_windows_local(user=speaker, conference=berlin) == [
        {"date": date(2026, 10, 24), "starts_at": time(9), "ends_at": time(12), "preferred": False},
        {"date": date(2026, 10, 25), "starts_at": time(9), "ends_at": time(12), "preferred": False},
    ]


def test_a_preferred_window_is_kept_as_such(berlin, speaker):
    availability = services.save_speaker_availability(
        conference=berlin,
        user=speaker,
        windows=[
            (date(2026, 10, 24), time(9), time(12), True),
            (date(2026, 10, 24), time(14), time(18), False),
        ],
    )

    assert availability.windows == [
        {"start": "2026-10-24T07:00:00Z", "end": "2026-10-24T10:00:00Z", "preferred": True},
        {"start": "2026-10-24T12:00:00Z", "end": "2026-10-24T16:00:00Z"},
    ]
    assert [
        row["preferred"]
        for row in selectors.availability_windows_local(user=speaker, conference=berlin)
    ] == [True, False]
    assert selectors.speaker_preferred_windows(conference=berlin) == {
        speaker.pk: [
            (datetime(2026, 10, 24, 7, tzinfo=UTC), datetime(2026, 10, 24, 10, tzinfo=UTC))
        ]
    }


def test_availability_replaces_and_can_be_emptied(berlin, speaker):
    services.save_speaker_availability(
        conference=berlin, user=speaker, windows=[(date(2026, 10, 24), time(9), time(12))]
    )

    availability = services.save_speaker_availability(conference=berlin, user=speaker, windows=[])

    assert availability.windows == []
    assert selectors.speaker_windows(conference=berlin) == {}


@pytest.mark.parametrize(
    "window",
    [(date(2026, 10, 27), time(9), time(12)), (date(2026, 10, 24), time(12), time(9))],
)
def test_availability_outside_the_conference_or_backwards_is_refused(berlin, speaker, window):
    with pytest.raises(ValidationError):
        services.save_speaker_availability(conference=berlin, user=speaker, windows=[window])


def test_set_favourite_stars_and_unstars(conference, speaker):
    talk = SubmissionFactory(conference=conference, state="confirmed")

    assert services.set_favourite(
        user=speaker, conference=conference, submission_id=talk.pk, starred=True
    )
    assert services.set_favourite(
        user=speaker, conference=conference, submission_id=talk.pk, starred=True
    )
    assert Favourite.objects.filter(user=speaker).count() == 1
    assert not services.set_favourite(
        user=speaker, conference=conference, submission_id=talk.pk, starred=False
    )
    assert not Favourite.objects.exists()


def test_only_talks_on_the_agenda_can_be_starred(conference, speaker):
    pending = SubmissionFactory(conference=conference, state="submitted")
    elsewhere = SubmissionFactory(state="confirmed")

    for talk in (pending, elsewhere):
        with pytest.raises(ValidationError):
            services.set_favourite(
                user=speaker, conference=conference, submission_id=talk.pk, starred=True
            )


def test_import_favourites_keeps_the_valid_new_ones(conference, speaker):
    kept = SubmissionFactory(conference=conference, state="accepted")
    already = SubmissionFactory(conference=conference, state="confirmed")
    rejected = SubmissionFactory(conference=conference, state="rejected")
    Favourite.objects.create(user=speaker, submission=already)

    added = services.import_favourites(
        user=speaker,
        conference=conference,
        submission_ids=[kept.pk, already.pk, rejected.pk, 999999],
    )

    assert added == 1
    assert selectors.favourite_ids(user=speaker, conference=conference) == {kept.pk, already.pk}


def test_calendar_feed_token_finds_its_user_until_reset(db):
    user = UserFactory(username="ann")
    feed = services.calendar_feed_for(user=user)
    token = feed.token

    assert selectors.calendar_feed_user(token=token) == user
    tampered = token[:-1] + ("1" if token[-1] == "0" else "0")
    assert selectors.calendar_feed_user(token=tampered) is None
    assert selectors.calendar_feed_user(token=f"{user.pk}-" + "0" * 32) is None
    assert selectors.calendar_feed_user(token="nonsense") is None

    services.reset_calendar_feed(user=user)

    assert selectors.calendar_feed_user(token=token) is None
    assert selectors.calendar_feed_user(token=services.calendar_feed_for(user=user).token) == user

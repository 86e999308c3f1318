"""The track queue's spot checks: one place in four goes to a suggested submission chosen by
its number, not its confidence, so people also decide confident suggestions."""

import pytest
from django.urls import reverse

from talks import selectors
from talks.enums import TrackSource
from tests.factories import SubmissionFactory


@pytest.fixture
def spot_checks(settings):
    settings.TRACK_QUEUE_SPOT_CHECKS = 0.25


def _suggested(conference, track, count):
    """`count` suggested submissions, confidence rising with creation: 0.10, 0.11, ..."""
    return [
        SubmissionFactory(
            conference=conference, suggested_track=track, suggested_confidence=0.10 + i / 100
        )
        for i in range(count)
    ]


def test_is_spot_check_takes_a_quarter_of_the_numbers(spot_checks):
    assert sum(selectors.is_spot_check(pk) for pk in range(1, 4001)) == 1000
    assert [pk for pk in range(1, 41) if selectors.is_spot_check(pk)] == [
        4,
        8,
        12,
        16,
        20,
        25,
        29,
        33,
        37,
    ]


def test_every_fourth_place_is_a_spot_check(spot_checks, conference, tracks):
    created = _suggested(conference, tracks[0], 24)
    unsuggested = SubmissionFactory(conference=conference)
    spots = [s for s in created if selectors.is_spot_check(s.pk)]
    plain = [s for s in created if not selectors.is_spot_check(s.pk)]
    assert spots and plain  # 24 numbers in a row give both kinds (a quarter-ish spot checks)

    queue = list(selectors.track_review_queue(conference=conference))

    # Plain places least confident first; spot checks in their hash order at 4, 8, ...
    spot_order = sorted(spots, key=lambda s: (s.pk * 2654435761 % 1000, s.pk))
    expected = []
    plain_left, spot_left = list(plain), list(spot_order)
    while plain_left or spot_left:
        if len(expected) % 4 == 3 and spot_left:
            expected.append(spot_left.pop(0))
        elif plain_left:
            expected.append(plain_left.pop(0))
        else:
            expected.append(spot_left.pop(0))
    assert queue == [*expected, unsuggested]
    assert [s.spot_check for s in queue[:8]] == [int(s in spots) for s in expected[:8]]
    assert queue[-1].spot_check == 0


def test_off_gives_the_plain_order(settings, conference, tracks):
    settings.TRACK_QUEUE_SPOT_CHECKS = 0
    created = _suggested(conference, tracks[0], 12)

    assert list(selectors.track_review_queue(conference=conference)) == created


def test_decided_ones_stay_last_on_the_queue_page(spot_checks, conference, tracks):
    created = _suggested(conference, tracks[0], 12)
    decided = created[0]
    decided.track, decided.track_source = tracks[0], TrackSource.REVIEW
    decided.save()

    queue = list(selectors.track_review_queue(conference=conference, undecided_first=True))

    assert queue[-1] == decided
    assert sorted(s.pk for s in queue[:-1]) == sorted(s.pk for s in created[1:])


def test_the_queue_page_and_the_api_say_which_are_spot_checks(
    spot_checks, client, organiser, conference, tracks
):
    created = _suggested(conference, tracks[0], 12)
    spots = {s.pk for s in created if selectors.is_spot_check(s.pk)}
    client.force_login(organiser)

    page = client.get(reverse("talks:track_review_queue", args=[conference.slug]))
    api = client.get(f"/api/v1/conferences/{conference.slug}/review/submissions/")

    marked = {s.pk for s in page.context["submissions"] if s.spot_check}
    assert marked == spots and spots
    assert page.content.decode().count('class="badge spot-check"') == len(spots)
    assert {row["id"] for row in api.json()["results"] if row["spot_check"]} == spots

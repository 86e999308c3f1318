"""The set-up page's track delete: a confirmation with counts and "move them to …"."""

import pytest
from django.urls import reverse

from conference.models import Track
from talks.enums import TrackSource
from talks.models import ReviewerScope
from tests.factories import ReviewerScopeFactory, SubmissionFactory


@pytest.fixture
def decided(conference, tracks):
    return SubmissionFactory(
        conference=conference, track=tracks[0], track_source=TrackSource.REVIEW
    )


def _url(conference, track):
    return reverse("setup:track_delete", args=[conference.slug, track.pk])


def test_track_delete_page_counts_what_it_holds_and_offers_tracks(
    client, organiser, conference, tracks, decided
):
    client.force_login(organiser)

    page = client.get(_url(conference, tracks[0]))

    text = page.content.decode()
    assert page.context["holdings"]["submissions"] == 1
    assert "1 submission (its track decision is kept)" in text
    assert [str(t) for t in page.context["form"].fields["reassign_to"].queryset] == [
        "Speech",
        "Vision",
    ]
    assert "Move them and delete the track" in text


def test_track_delete_without_a_target_is_refused_and_keeps_the_track(
    client, organiser, conference, tracks, decided
):
    client.force_login(organiser)

    response = client.post(_url(conference, tracks[0]), {"move_reviewers": "on"})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "“NLP” holds 1 submission: choose a track to move them to."
    ]
    assert Track.objects.filter(pk=tracks[0].pk).exists()


def test_track_delete_moves_to_the_chosen_track(client, organiser, conference, tracks, decided):
    scope = ReviewerScopeFactory(membership__conference=conference, tracks=[tracks[0]])
    client.force_login(organiser)

    response = client.post(
        _url(conference, tracks[0]), {"reassign_to": tracks[2].pk, "move_reviewers": "on"}
    )

    assert response.status_code == 302
    decided.refresh_from_db()
    assert (decided.track, decided.track_source) == (tracks[2], TrackSource.REVIEW)
    assert list(ReviewerScope.objects.get(pk=scope.pk).tracks.all()) == [tracks[2]]
    assert not Track.objects.filter(pk=tracks[0].pk).exists()


def test_track_delete_can_leave_reviewers_behind(client, organiser, conference, tracks, decided):
    scope = ReviewerScopeFactory(membership__conference=conference, tracks=[tracks[0]])
    client.force_login(organiser)

    client.post(_url(conference, tracks[0]), {"reassign_to": tracks[2].pk})

    assert list(ReviewerScope.objects.get(pk=scope.pk).tracks.all()) == []


def test_track_delete_of_an_empty_track_needs_no_target(client, organiser, conference, tracks):
    client.force_login(organiser)

    page = client.get(_url(conference, tracks[1]))
    response = client.post(_url(conference, tracks[1]))

    assert "Nothing is in this track yet." in page.content.decode()
    assert response.status_code == 302
    assert not Track.objects.filter(pk=tracks[1].pk).exists()


def test_track_delete_is_for_organisers(client, reviewer, conference, tracks):
    client.force_login(reviewer)

    assert client.post(_url(conference, tracks[1])).status_code == 403
    assert Track.objects.filter(pk=tracks[1].pk).exists()

"""The permission matrix across the talks pages."""

import pytest
from django.urls import reverse

from talks.models import Submission
from tests.factories import (
    CfpSettingsFactory,
    NearDuplicateFactory,
    PredictionFactory,
    ReviewerScopeFactory,
    ReviewFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    UserFactory,
)
from tests.talks.conftest import png_upload

# --- speaker A cannot see or touch speaker B's submission ----------------------------------------

SPEAKER_PAGES = [
    ("get", "talks:submission_detail", []),
    ("get", "talks:submission_edit", []),
    ("post", "talks:submission_edit", []),
    ("get", "talks:submission_state", ["withdraw"]),
    ("post", "talks:submission_state", ["withdraw"]),
    ("get", "talks:submission_state", ["confirm"]),
    ("post", "talks:submission_state", ["confirm"]),
    ("post", "talks:submission_state", ["submit"]),
    ("post", "talks:submission_invite", []),
]


@pytest.mark.parametrize(("method", "name", "extra"), SPEAKER_PAGES)
def test_another_speakers_submission_is_404(client, other_speaker, submission, method, name, extra):
    client.force_login(other_speaker)
    url = reverse(name, args=[submission.pk, *extra])

    response = getattr(client, method)(url, {"title": "Hijacked", "email": "x@example.org"})

    assert response.status_code == 404
    fresh = Submission.objects.get(pk=submission.pk)
    assert (fresh.title, fresh.state, fresh.version) == ("Speaker's talk", "submitted", 1)
    assert fresh.invitations.count() == 0


@pytest.mark.parametrize(("method", "name", "extra"), SPEAKER_PAGES)
def test_a_team_member_is_no_speaker_either(client, organiser, submission, method, name, extra):
    client.force_login(organiser)

    response = getattr(client, method)(reverse(name, args=[submission.pk, *extra]))

    assert response.status_code == 404


def test_another_speakers_submission_is_not_in_my_list(client, other_speaker, submission):
    client.force_login(other_speaker)

    response = client.get(reverse("talks:submission_list"))

    assert list(response.context["submissions"]) == []
    assert "Speaker&#x27;s talk" not in response.content.decode()


# --- reviewers see only their tracks --------------------------------------------------------------


@pytest.fixture
def limited(conference, tracks):
    """A reviewer limited to Vision, with one submission in and one out of that track."""
    scope = ReviewerScopeFactory(
        membership__conference=conference, membership__user__username="vision", tracks=[tracks[1]]
    )
    inside = SubmissionFactory(conference=conference, title="Inside", suggested_track=tracks[1])
    outside = SubmissionFactory(conference=conference, title="Outside", track=tracks[0])
    return scope.membership.user, inside, outside


@pytest.mark.parametrize("page", ["talks:review_list", "talks:track_review_queue"])
def test_track_limited_reviewer_lists_only_their_tracks(client, conference, limited, page):
    user, inside, outside = limited
    client.force_login(user)

    response = client.get(reverse(page, args=[conference.slug]))

    assert [s.title for s in response.context["submissions"]] == ["Inside"]
    assert "Outside" not in response.content.decode()


def test_track_limited_reviewer_cannot_open_or_decide_other_tracks(
    client, conference, limited, tracks
):
    user, inside, outside = limited
    client.force_login(user)

    assert (
        client.get(
            reverse("talks:submission_review", args=[conference.slug, inside.pk])
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse("talks:submission_review", args=[conference.slug, outside.pk])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("talks:submission_review", args=[conference.slug, outside.pk]), {"score": 5}
        ).status_code
        == 404
    )
    response = client.post(
        reverse("talks:track_decide", args=[conference.slug, outside.pk]), {"track": tracks[1].pk}
    )
    assert response.status_code == 404
    outside.refresh_from_db()
    assert (outside.track, outside.reviews.count()) == (tracks[0], 0)


def test_near_duplicates_outside_a_reviewers_tracks_are_not_linked(client, conference, limited):
    user, inside, outside = limited
    NearDuplicateFactory(first=inside, second=outside)
    client.force_login(user)

    response = client.get(reverse("talks:submission_review", args=[conference.slug, inside.pk]))

    assert response.context["duplicates"] == []
    assert "Outside" not in response.content.decode()


# --- anonymised review hides speakers from reviewers on every page they can open -----------------


@pytest.fixture
def anonymous_setup(conference, tracks, reviewer):
    CfpSettingsFactory(conference=conference, anonymised_review=True)
    ada = UserFactory(username="ada_l", first_name="Ada", last_name="Lovelace")
    SpeakerProfileFactory(user=ada, name="Ada Lovelace", affiliation="Babbage Engines Ltd")
    first = SubmissionFactory(
        conference=conference, speaker=ada, title="Engines", suggested_track=tracks[0]
    )
    second = SubmissionFactory(conference=conference, speaker=ada, title="Engines again")
    NearDuplicateFactory(first=first, second=second)
    PredictionFactory(submission=first, track=tracks[0])
    ReviewFactory(submission=first, reviewer=reviewer, score=4)
    return ada, first


def _reviewer_pages(conference, submission):
    return [
        reverse("conference:detail", args=[conference.slug]),
        reverse("talks:review_list", args=[conference.slug]),
        reverse("talks:review_list", args=[conference.slug]) + "?sort=title",
        reverse("talks:track_review_queue", args=[conference.slug]),
        reverse("talks:submission_review", args=[conference.slug, submission.pk]),
    ]


def test_anonymised_review_hides_speakers_from_reviewers_everywhere(
    client, conference, reviewer, anonymous_setup
):
    ada, submission = anonymous_setup
    client.force_login(reviewer)

    for url in _reviewer_pages(conference, submission):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        if "/c/devconf/" != url[-len("/c/devconf/") :]:
            assert "Engines" in body, url
        for secret in ("ada_l", "Ada", "Lovelace", "Babbage"):
            assert secret not in body, (url, secret)
    photo = client.get(reverse("talks:speaker_photo", args=[ada.pk]))
    assert photo.status_code == 404


def test_anonymised_review_still_shows_speakers_to_organisers(
    client, conference, organiser, anonymous_setup
):
    ada, submission = anonymous_setup
    client.force_login(organiser)

    body = client.get(
        reverse("talks:submission_review", args=[conference.slug, submission.pk])
    ).content.decode()

    assert "Ada Lovelace" in body and "Babbage Engines Ltd" in body


def test_without_anonymisation_reviewers_see_speakers(client, conference, reviewer, tracks):
    ada = UserFactory(username="ada_l")
    SpeakerProfileFactory(user=ada, name="Ada Lovelace", photo=png_upload())
    submission = SubmissionFactory(conference=conference, speaker=ada)
    client.force_login(reviewer)

    body = client.get(
        reverse("talks:submission_review", args=[conference.slug, submission.pk])
    ).content.decode()

    assert "Ada Lovelace" in body
    assert client.get(reverse("talks:speaker_photo", args=[ada.pk])).status_code == 200


# --- speakers never see reviews ------------------------------------------------------------------


def test_speakers_never_see_reviews(client, conference, speaker, submission, reviewer):
    ReviewFactory(submission=submission, reviewer=reviewer, score=1, comment="Secret verdict")
    Submission.objects.filter(pk=submission.pk).update(state="accepted")
    client.force_login(speaker)

    pages = [
        reverse("talks:submission_list"),
        reverse("talks:submission_detail", args=[submission.pk]),
        reverse("talks:submission_state", args=[submission.pk, "confirm"]),
        reverse("talks:speaker_page", args=[speaker.pk]),
        reverse("talks:conference_speakers", args=[conference.slug]),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "Secret verdict" not in body, url
        assert "reviewer" not in body, url
    for name in ("talks:review_list", "talks:track_review_queue"):
        assert client.get(reverse(name, args=[conference.slug])).status_code == 403
    review_page = reverse("talks:submission_review", args=[conference.slug, submission.pk])
    assert client.get(review_page).status_code == 403
    assert client.post(review_page, {"score": 5}).status_code == 403
    assert submission.reviews.get().score == 1

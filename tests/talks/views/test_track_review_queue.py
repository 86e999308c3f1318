import pytest
from django.urls import reverse

from talks.models import Submission
from tests.factories import ConferenceFactory, MembershipFactory, SubmissionFactory, TrackFactory


@pytest.fixture
def url(conference):
    return reverse("talks:track_review_queue", args=[conference.slug])


def test_track_review_queue_lists_least_confident_first(client, organiser, conference, tracks, url):
    sure = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.95
    )
    unsure = SubmissionFactory(
        conference=conference, suggested_track=tracks[1], suggested_confidence=0.41
    )
    unsuggested = SubmissionFactory(conference=conference)
    SubmissionFactory()  # another conference's
    client.force_login(organiser)

    response = client.get(url)

    assert response.status_code == 200
    assert list(response.context["submissions"]) == [unsure, sure, unsuggested]
    body = response.content.decode()
    assert "41%" in body and "95%" in body


@pytest.mark.parametrize("role", ["organiser", "reviewer"])
def test_track_review_queue_open_to_the_team(client, conference, url, role):
    member = MembershipFactory(conference=conference, role=role).user
    client.force_login(member)

    assert client.get(url).status_code == 200


def test_track_review_queue_refuses_anonymous(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_track_review_queue_refuses_speakers(client, speaker, submission, url):
    client.force_login(speaker)

    assert client.get(url).status_code == 403


def test_track_review_queue_refuses_organisers_of_other_conferences(client, url):
    stranger = MembershipFactory(conference=ConferenceFactory()).user
    client.force_login(stranger)

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_track_review_queue_query_count(
    client, organiser, conference, tracks, url, count, django_assert_num_queries
):
    SubmissionFactory.create_batch(
        count, conference=conference, suggested_track=tracks[0], suggested_confidence=0.5
    )
    client.force_login(organiser)

    # session, user, conference, membership, submissions (joined), tracks
    with django_assert_num_queries(6):
        client.get(url)


def test_track_decide_confirms_the_suggestion(client, organiser, conference, tracks):
    submission = SubmissionFactory(
        conference=conference, suggested_track=tracks[1], suggested_confidence=0.6
    )
    client.force_login(organiser)

    response = client.post(
        reverse("talks:track_decide", args=[conference.slug, submission.pk]),
        {"track": tracks[1].pk},
    )

    submission.refresh_from_db()
    assert response.status_code == 302
    assert (submission.track, submission.track_source) == (tracks[1], "review")


def test_track_decide_overrides_the_suggestion(client, reviewer, conference, tracks):
    submission = SubmissionFactory(
        conference=conference, suggested_track=tracks[1], suggested_confidence=0.6
    )
    client.force_login(reviewer)

    client.post(
        reverse("talks:track_decide", args=[conference.slug, submission.pk]),
        {"track": tracks[2].pk},
    )

    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (tracks[2], "override")


def test_track_decide_refuses_another_conferences_track(client, organiser, conference, tracks):
    submission = SubmissionFactory(conference=conference)
    foreign = TrackFactory()
    client.force_login(organiser)

    response = client.post(
        reverse("talks:track_decide", args=[conference.slug, submission.pk]),
        {"track": foreign.pk},
        follow=True,
    )

    submission.refresh_from_db()
    assert submission.track is None
    assert [str(m) for m in response.context["messages"]] == [
        "Pick one of this conference's tracks."
    ]


def test_track_decide_refuses_speakers(client, speaker, conference, tracks, submission):
    client.force_login(speaker)

    response = client.post(
        reverse("talks:track_decide", args=[conference.slug, submission.pk]),
        {"track": tracks[0].pk},
    )

    assert response.status_code == 403
    assert Submission.objects.get(pk=submission.pk).track is None

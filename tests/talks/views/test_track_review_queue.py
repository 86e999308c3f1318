import pytest
from django.urls import reverse

from tests.factories import (
    CfpSettingsFactory,
    ConferenceFactory,
    MembershipFactory,
    PredictionFactory,
    SubmissionFactory,
)


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

    # session, user, conference, membership, CfP settings (the threshold), tracks, the count of
    # all matching, one page of submissions (joined, with the latest prediction's top 3)
    with django_assert_num_queries(8):
        client.get(url)


def test_track_review_queue_shows_the_latest_top3(client, organiser, conference, tracks, url):
    submission = SubmissionFactory(
        conference=conference, suggested_track=tracks[1], suggested_confidence=0.6
    )
    PredictionFactory(
        submission=submission,
        track=tracks[0],
        model_version="old",
        top=[{"track": "nlp", "label": "NLP", "probability": 0.9}],
    )
    PredictionFactory(
        submission=submission,
        track=tracks[1],
        model_version="new",
        top=[
            {"track": "vision", "label": "Vision", "probability": 0.6},
            {"track": "speech", "label": "Speech", "probability": 0.3},
            {"track": "nlp", "label": "NLP", "probability": 0.1},
        ],
    )
    client.force_login(organiser)

    response = client.get(url)

    (row,) = response.context["submissions"]
    assert [(e["label"], e["probability"]) for e in row.latest_top] == [
        ("Vision", 0.6),
        ("Speech", 0.3),
        ("NLP", 0.1),
    ]
    body = response.content.decode()
    assert 'Vision <span class="muted">60%</span>' in body
    assert 'Speech <span class="muted">30%</span>' in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"track": "vision"}, ["Vision 50", "Vision decided"]),
        ({"min_confidence": "50", "max_confidence": "80"}, ["Vision 50", "NLP 80"]),
        ({"state": "accepted"}, ["Accepted NLP"]),
        ({"decision": "auto"}, ["NLP 80"]),
        ({"decision": "decided"}, ["Vision decided"]),
        ({"decision": "pending"}, ["Accepted NLP", "Vision 50", "NLP 80", "Nothing"]),
        # Undecided first: a track a person decided goes after all the others.
        (
            {"min_confidence": "bad"},
            ["Accepted NLP", "Vision 50", "NLP 80", "Nothing", "Vision decided"],
        ),
    ],
)
def test_track_review_queue_filters(client, organiser, conference, tracks, url, query, expected):
    SubmissionFactory(
        conference=conference,
        title="Accepted NLP",
        state="accepted",
        suggested_track=tracks[0],
        suggested_confidence=0.3,
    )
    SubmissionFactory(
        conference=conference,
        title="Vision 50",
        suggested_track=tracks[1],
        suggested_confidence=0.5,
    )
    SubmissionFactory(
        conference=conference,
        title="NLP 80",
        suggested_track=tracks[0],
        suggested_confidence=0.8,
        track=tracks[0],
        track_source="auto",
    )
    SubmissionFactory(
        conference=conference,
        title="Vision decided",
        suggested_track=tracks[0],
        suggested_confidence=0.9,
        track=tracks[1],
        track_source="override",
    )
    SubmissionFactory(conference=conference, title="Nothing")
    SubmissionFactory(conference=conference, title="Draft", state="draft")
    client.force_login(organiser)
    if query.get("track"):
        query = {"track": next(t.pk for t in tracks if t.slug == query["track"])}

    response = client.get(url, query)

    assert [s.title for s in response.context["submissions"]] == expected


def test_track_review_queue_shows_auto_assigned_and_the_threshold(
    client, organiser, conference, tracks, url
):
    CfpSettingsFactory(conference=conference, auto_assign_threshold=0.85)
    SubmissionFactory(
        conference=conference,
        suggested_track=tracks[0],
        suggested_confidence=0.9,
        track=tracks[0],
        track_source="auto",
    )
    client.force_login(organiser)

    body = client.get(url).content.decode()

    assert "tracks are set automatically from a confidence of 85%" in body
    assert 'NLP <small class="muted">(Set automatically)</small>' in body
    assert 'class="confirm"' in body  # still confirmable


def test_track_review_queue_bulk_confirm_is_for_organisers(client, reviewer, organiser, url):
    client.force_login(reviewer)
    assert client.get(url).context["bulk_form"] is None
    client.force_login(organiser)
    assert client.get(url).context["bulk_form"] is not None

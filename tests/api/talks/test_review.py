"""The review API: what organisers and reviewers read and write, and what reviewers never see."""

import pytest

from talks import services as talk_services
from talks.models import Review, Submission
from tests.api.conftest import token_client
from tests.factories import CfpSettingsFactory, PredictionFactory, ReviewFactory, SubmissionFactory

C = "/api/v1/conferences/devconf/review"
FIELDS = {
    "id",
    "title",
    "abstract",
    "format",
    "duration",
    "level",
    "language",
    "state",
    "track",
    "track_source",
    "suggested_track",
    "suggested_confidence",
    "suggestions",
    "spot_check",
    "speakers",
    "my_review",
    "created_at",
}


@pytest.fixture
def queue(conference, tracks, submissions):
    """Three more submissions with predictions of different confidence, one per track."""
    nlp, vision, speech = tracks
    made = {}
    for title, track, confidence in (
        ("Sure vision talk", vision, 0.95),
        ("Unsure speech talk", speech, 0.35),
        ("Middling NLP talk", nlp, 0.6),
    ):
        submission = SubmissionFactory(
            conference=conference,
            title=title,
            suggested_track=track,
            suggested_confidence=confidence,
        )
        PredictionFactory(submission=submission, track=track, confidence=confidence)
        made[title] = submission
    return made


def titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


def test_queue_lists_least_confident_first_with_suggestions_and_own_review_only(
    users, submissions, client_for, queue
):
    ReviewFactory(submission=submissions["own"], reviewer=users["organiser"], score=1)

    response = client_for("reviewer").get(f"{C}/submissions/")

    assert response.status_code == 200
    # Unsuggested last; drafts never.
    assert titles(response) == [
        "Unsure speech talk",
        "Middling NLP talk",
        "Sure vision talk",
        "Own submitted talk",
        "Accepted talk",
        "Other's talk",
    ]
    rows = {row["title"]: row for row in response.json()["results"]}
    unsure = rows["Unsure speech talk"]
    assert set(unsure) == FIELDS
    assert unsure["suggested_track"]["slug"] == "speech"
    assert unsure["suggestions"] == [{"track": "speech", "label": "Speech", "probability": 0.35}]
    assert unsure["my_review"] is None
    assert unsure["spot_check"] is False  # spot checks off in tests (tests/conftest.py)
    own = rows["Own submitted talk"]
    # The reviewer's own score, never the organiser's.
    assert (own["my_review"]["score"], own["my_review"]["comment"]) == (4, "Good")
    assert own["speakers"] == [{"id": users["speaker"].pk, "name": "Ada Speaker"}]


def test_queue_filters_by_track_decision_state_and_confidence(tracks, users, client_for, queue):
    client = client_for("organiser")

    assert titles(client.get(f"{C}/submissions/?track=speech")) == ["Unsure speech talk"]
    assert titles(client.get(f"{C}/submissions/?max_confidence=0.6")) == [
        "Unsure speech talk",
        "Middling NLP talk",
    ]
    assert titles(client.get(f"{C}/submissions/?state=accepted")) == ["Accepted talk"]
    talk_services.set_submission_track(
        submission=queue["Sure vision talk"],
        track=tracks[1],
        user=users["organiser"],
    )
    assert titles(client.get(f"{C}/submissions/?decision=decided")) == ["Sure vision talk"]
    assert "Sure vision talk" not in titles(client.get(f"{C}/submissions/?decision=pending"))


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("decision=maybe", {"decision": ['"maybe" is not a valid choice.']}),
        ("track=nope", {"track": ["No such track in this conference."]}),
        ("state=draft", {"state": ['"draft" is not a valid choice.']}),
        ("min_confidence=2", {"min_confidence": ["Ensure this value is less than or equal to 1."]}),
    ],
)
def test_queue_refuses_bad_filters(client_for, query, errors):
    response = client_for("reviewer").get(f"{C}/submissions/?{query}")

    assert response.status_code == 400
    assert response.json()["errors"] == errors


def test_anonymised_review_hides_speakers_from_reviewers_not_organisers(
    conference, users, submissions, client_for
):
    CfpSettingsFactory(conference=conference, anonymised_review=True)
    own = submissions["own"].pk

    as_reviewer = client_for("reviewer").get(f"{C}/submissions/{own}/").json()
    as_organiser = client_for("organiser").get(f"{C}/submissions/{own}/").json()

    assert as_reviewer["speakers"] is None
    assert "Ada Speaker" not in str(client_for("reviewer").get(f"{C}/submissions/").json())
    assert as_organiser["speakers"] == [{"id": users["speaker"].pk, "name": "Ada Speaker"}]


def test_track_limited_reviewer_sees_and_acts_on_their_tracks_only(
    conference, tracks, users, client_for, queue
):
    _nlp, vision, _speech = tracks
    membership = conference.memberships.get(user=users["reviewer"])
    talk_services.set_reviewer_tracks(
        membership=membership, tracks=[vision], user=users["organiser"]
    )
    client = client_for("reviewer")
    nlp_talk = queue["Middling NLP talk"].pk

    assert titles(client.get(f"{C}/submissions/")) == ["Sure vision talk", "Accepted talk"]
    assert client.get(f"{C}/submissions/{nlp_talk}/").status_code == 404
    assert (
        client.put(f"{C}/submissions/{nlp_talk}/review/", {"score": 5}, format="json").status_code
        == 404
    )
    assert (
        client.post(
            f"{C}/submissions/{nlp_talk}/track/", {"track": vision.pk}, format="json"
        ).status_code
        == 404
    )
    assert not Review.objects.filter(submission_id=nlp_talk).exists()
    assert Submission.objects.get(pk=nlp_talk).track_id is None


def test_reviewer_saves_and_replaces_their_review(users, client_for, queue):
    client = client_for("reviewer")
    pk = queue["Unsure speech talk"].pk

    first = client.put(f"{C}/submissions/{pk}/review/", {"score": 2}, format="json")
    second = client.put(
        f"{C}/submissions/{pk}/review/", {"score": 4, "comment": "Clear <b>plan</b>"}, format="json"
    )

    assert first.status_code == second.status_code == 200
    assert (first.json()["score"], first.json()["comment"]) == (2, "")
    assert set(second.json()) == {"score", "comment", "created_at", "updated_at"}
    review = Review.objects.get(submission_id=pk)
    assert (review.reviewer, review.score, review.comment) == (
        users["reviewer"],
        4,
        "Clear <b>plan</b>",
    )
    detail = client.get(f"{C}/submissions/{pk}/").json()
    assert detail["my_review"]["score"] == 4


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"score": ["This field is required."]}),
        ({"score": 6}, {"score": ["Ensure this value is less than or equal to 5."]}),
        ({"score": -1}, {"score": ["Ensure this value is greater than or equal to 0."]}),
        (
            {"score": 3, "comment": "x" * 2001},
            {"comment": ["Ensure this field has no more than 2000 characters."]},
        ),
    ],
)
def test_review_refuses_bad_input_and_saves_nothing(submissions, client_for, body, errors):
    response = client_for("reviewer").put(
        f"{C}/submissions/{submissions['other'].pk}/review/", body, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    assert not Review.objects.filter(submission=submissions["other"]).exists()


def test_review_is_closed_once_decided(submissions, client_for):
    response = client_for("reviewer").put(
        f"{C}/submissions/{submissions['public'].pk}/review/", {"score": 5}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "A decision was made: reviews are closed."
    assert not Review.objects.filter(submission=submissions["public"]).exists()


def test_reviewer_confirms_or_overrides_the_suggested_track(tracks, client_for, queue):
    client = client_for("reviewer")
    nlp, vision, speech = tracks
    unsure, middling = queue["Unsure speech talk"].pk, queue["Middling NLP talk"].pk

    confirmed = client.post(f"{C}/submissions/{unsure}/track/", {"track": speech.pk}, format="json")
    overridden = client.post(
        f"{C}/submissions/{middling}/track/", {"track": vision.pk}, format="json"
    )
    foreign = client.post(f"{C}/submissions/{middling}/track/", {"track": 999999}, format="json")

    assert confirmed.status_code == overridden.status_code == 200
    assert (confirmed.json()["track"]["slug"], confirmed.json()["track_source"]) == (
        "speech",
        "review",
    )
    assert (overridden.json()["track"]["slug"], overridden.json()["track_source"]) == (
        "vision",
        "override",
    )
    assert set(overridden.json()) == FIELDS  # no one's reviews
    assert foreign.status_code == 400
    assert foreign.json()["errors"] == {"track": ["No such track in this conference."]}
    assert Submission.objects.get(pk=middling).track == vision


def test_reviews_of_others_never_reach_a_reviewer(users, submissions, client_for):
    ReviewFactory(
        submission=submissions["own"], reviewer=users["organiser"], score=0, comment="Secret"
    )
    client = client_for("reviewer")

    bodies = [
        client.get(f"{C}/submissions/").content,
        client.get(f"{C}/submissions/{submissions['own'].pk}/").content,
        client.get("/api/v1/conferences/devconf/reviews/").content,
    ]

    assert all(b"Secret" not in body for body in bodies)


def test_a_member_of_another_conference_gets_403(users):
    client = token_client(users["foreign_organiser"])

    response = client.get(f"{C}/submissions/")

    assert response.status_code == 403

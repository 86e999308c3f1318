"""Organisers' submissions: predictions and reviews, decisions, tracks."""

import pytest

from talks.enums import State

C = "/api/v1/conferences/devconf"


@pytest.mark.parametrize(
    ("body", "status", "expected"),
    [
        ({"state": "rejected"}, 200, "rejected"),
        ({"state": "withdrawn"}, 400, {"state": ['"withdrawn" is not a valid choice.']}),
        ({}, 400, {"state": ["This field is required."]}),
    ],
)
def test_organiser_decides(submissions, client_for, body, status, expected):
    own = submissions["own"]

    response = client_for("organiser").post(f"{C}/submissions/{own.pk}/state/", body, format="json")

    assert response.status_code == status
    own.refresh_from_db()
    if status == 200:
        assert response.json()["state"] == own.state == expected
        assert set(response.json()) >= {"predictions", "reviews"}
    else:
        assert response.json()["errors"] == expected
        assert own.state == State.SUBMITTED


def test_cancelling_a_submitted_talk_is_400(submissions, client_for):
    own = submissions["own"]

    response = client_for("organiser").post(
        f"{C}/submissions/{own.pk}/state/", {"state": "cancelled"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "A submission that is submitted cannot become cancelled."


def test_team_submission_carries_predictions_and_reviews(tracks, submissions, client_for):
    own = submissions["own"]
    body = client_for("organiser").get(f"{C}/submissions/{own.pk}/").json()
    assert body["predictions"] == [
        {
            "id": submissions["prediction"].pk,
            "track": {"id": tracks[0].pk, "name": "NLP", "slug": "nlp"},
            "confidence": 0.7,
            "top": [{"track": "nlp", "label": "NLP", "probability": 0.7}],
            "categoriser": "zeroshot",
            "model_version": "v9",
            "created_at": body["predictions"][0]["created_at"],
        }
    ]
    assert [(r["reviewer"], r["score"], r["comment"]) for r in body["reviews"]] == [
        ("reviewer", 4, "Good")
    ]


def test_organiser_confirms_suggested_track(tracks, submissions, client_for):
    own, nlp = submissions["own"], tracks[0]
    response = client_for("organiser").post(
        f"{C}/submissions/{own.pk}/track/", {"track": nlp.pk}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["track"]["slug"], response.json()["track_source"]) == ("nlp", "review")


def test_organiser_overrides_track(tracks, submissions, client_for):
    own, speech = submissions["own"], tracks[2]
    response = client_for("organiser").post(
        f"{C}/submissions/{own.pk}/track/", {"track": speech.pk}, format="json"
    )
    assert response.json()["track_source"] == "override"


def test_track_of_other_conference_is_400(submissions, client_for):
    from tests.factories import TrackFactory

    foreign = TrackFactory()
    response = client_for("organiser").post(
        f"{C}/submissions/{submissions['own'].pk}/track/", {"track": foreign.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"track": ["No such track in this conference."]}

"""What the endpoints answer, with exact values."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conference.models import Registration
from modeldemo.models import Job, ModelVersion
from talks.enums import State
from talks.models import Submission
from tests.factories import RegistrationFactory

C = "/api/v1/conferences/devconf"


def test_public_talks_list_only_accepted_and_confirmed_without_reviews(world, client_for):
    response = client_for("anonymous").get(f"{C}/talks/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    talk = body["results"][0]
    assert talk == {
        "id": world["public"].pk,
        "title": "Accepted talk",
        "abstract": world["public"].abstract,
        "format": "talk",
        "duration": 30,
        "level": "",
        "language": "",
        "state": "accepted",
        "track": {"id": world["tracks"][1].pk, "name": "Vision", "slug": "vision"},
        "speakers": [{"id": world["users"]["speaker"].pk, "name": "Ada Speaker"}],
    }


def test_public_talks_filter_by_track(world, client_for):
    client = client_for("anonymous")
    assert client.get(f"{C}/talks/", {"track": "nlp"}).json()["count"] == 0
    assert client.get(f"{C}/talks/", {"track": "vision"}).json()["count"] == 1


def test_speakers_are_those_of_public_talks(world, client_for):
    body = client_for("anonymous").get(f"{C}/speakers/").json()
    assert body["results"] == [
        {
            "id": world["users"]["speaker"].pk,
            "name": "Ada Speaker",
            "bio": "Builds things.",
            "affiliation": "ACME",
            "links": [],
            "photo_url": None,
            "talks": [world["public"].pk],
        }
    ]


def test_list_pagination_caps_page_size_at_100(world, client_for):
    body = client_for("anonymous").get("/api/v1/conferences/", {"page_size": 1000}).json()
    assert body["count"] == 2
    assert body["next"] is None


def test_list_ordering(world, client_for):
    body = client_for("anonymous").get("/api/v1/conferences/", {"ordering": "name"}).json()
    assert [c["slug"] for c in body["results"]] == ["devconf", "otherconf"]
    body = client_for("anonymous").get("/api/v1/conferences/", {"ordering": "-name"}).json()
    assert [c["slug"] for c in body["results"]] == ["otherconf", "devconf"]


def test_speaker_lists_only_own_submissions(world, client_for):
    body = client_for("speaker").get("/api/v1/submissions/", {"ordering": "title"}).json()
    assert [s["title"] for s in body["results"]] == ["Accepted talk", "Own submitted talk"]


def test_speaker_creates_submission_through_service(world, client_for):
    payload = {
        "conference": "devconf",
        "title": "Fresh",
        "abstract": "About it.",
        "format": "workshop",
        "duration": 90,
        "language": "en",
    }
    response = client_for("attendee").post("/api/v1/submissions/", payload, format="json")
    assert response.status_code == 201
    created = Submission.objects.get(pk=response.json()["id"])
    assert (created.title, created.state, created.speaker.username) == (
        "Fresh",
        State.SUBMITTED,
        "attendee",
    )
    assert response.json()["speakers"] == [{"id": created.speaker.pk, "name": "attendee"}]


def test_create_after_cfp_closed_is_400(world, client_for):
    conference = world["conference"]
    conference.cfp_closes_at = timezone.now() - timedelta(days=1)
    conference.save()
    payload = {
        "conference": "devconf",
        "title": "Late",
        "abstract": "Too late.",
        "format": "talk",
        "duration": 30,
    }
    response = client_for("speaker").post("/api/v1/submissions/", payload, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The call for papers is closed.",
        "errors": {"non_field_errors": ["The call for papers is closed."]},
    }


def test_edit_with_stale_version_is_409(world, client_for):
    own = world["own"]
    client = client_for("speaker")
    first = client.patch(f"/api/v1/submissions/{own.pk}/", {"title": "One", "version": 1})
    assert first.status_code == 200
    assert first.json()["version"] == 2
    stale = client.patch(f"/api/v1/submissions/{own.pk}/", {"title": "Two", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["errors"] == {}
    own.refresh_from_db()
    assert own.title == "One"


def test_withdraw_twice_is_400(world, client_for):
    own = world["own"]
    client = client_for("speaker")
    assert client.post(f"/api/v1/submissions/{own.pk}/withdraw/").json()["state"] == "withdrawn"
    again = client.post(f"/api/v1/submissions/{own.pk}/withdraw/")
    assert again.status_code == 400
    assert again.json()["detail"] == "A submission that is withdrawn cannot become withdrawn."


def test_speaker_sends_a_draft_in_and_confirms_once_accepted(
    world, client_for, django_capture_on_commit_callbacks
):
    from django.core import mail

    client = client_for("speaker")
    draft = client.post(
        "/api/v1/submissions/",
        {
            "conference": "devconf",
            "title": "Drafted",
            "abstract": "Later.",
            "format": "talk",
            "duration": 30,
            "draft": True,
        },
        format="json",
    ).json()
    assert draft["state"] == "draft"

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(f"/api/v1/submissions/{draft['id']}/submit/")
    early = client.post(f"/api/v1/submissions/{draft['id']}/confirm/")
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client_for("organiser").post(
            f"{C}/submissions/{draft['id']}/state/", {"state": "accepted"}, format="json"
        )
    confirmed = client.post(f"/api/v1/submissions/{draft['id']}/confirm/")

    assert (sent.status_code, sent.json()["state"]) == (200, "submitted")
    assert early.status_code == 400
    assert early.json()["detail"] == "A submission that is submitted cannot become confirmed."
    assert (accepted.status_code, accepted.json()["state"]) == (200, "accepted")
    assert (confirmed.status_code, confirmed.json()["state"]) == (200, "confirmed")
    assert [m.subject for m in mail.outbox] == [
        "We received “Drafted”",
        "“Drafted” is accepted at DevConf",
    ]


@pytest.mark.parametrize(
    ("body", "status", "expected"),
    [
        ({"state": "rejected"}, 200, "rejected"),
        ({"state": "withdrawn"}, 400, {"state": ['"withdrawn" is not a valid choice.']}),
        ({}, 400, {"state": ["This field is required."]}),
    ],
)
def test_organiser_decides(world, client_for, body, status, expected):
    own = world["own"]

    response = client_for("organiser").post(f"{C}/submissions/{own.pk}/state/", body, format="json")

    assert response.status_code == status
    own.refresh_from_db()
    if status == 200:
        assert response.json()["state"] == own.state == expected
        assert set(response.json()) >= {"predictions", "reviews"}
    else:
        assert response.json()["errors"] == expected
        assert own.state == State.SUBMITTED


def test_cancelling_a_submitted_talk_is_400(world, client_for):
    own = world["own"]

    response = client_for("organiser").post(
        f"{C}/submissions/{own.pk}/state/", {"state": "cancelled"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "A submission that is submitted cannot become cancelled."


def test_speaker_invites_a_co_speaker_by_e_mail(
    world, client_for, django_capture_on_commit_callbacks
):
    from django.core import mail

    from talks.models import SpeakerInvitation

    own = world["own"]
    client = client_for("speaker")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/v1/submissions/{own.pk}/invitations/", {"email": "Co@Example.org"}, format="json"
        )
    listed = client.get(f"/api/v1/submissions/{own.pk}/invitations/")

    invitation = SpeakerInvitation.objects.get()
    assert response.status_code == 201
    assert response.json() == {
        "email": "co@example.org",
        "accepted": False,
        "created_at": response.json()["created_at"],
        "accepted_at": None,
    }
    assert listed.json() == [response.json()]
    assert invitation.token not in (response.content + listed.content).decode()
    (message,) = mail.outbox
    assert message.to == ["co@example.org"]
    assert invitation.token in message.body


@pytest.mark.parametrize(
    ("email", "errors", "detail"),
    [
        ("not-an-address", {"email": ["Enter a valid email address."]}, None),
        (
            "speaker@example.org",
            None,
            "That person is already a speaker of this submission.",
        ),
    ],
)
def test_invitation_refusals(world, client_for, email, errors, detail):
    from talks.models import SpeakerInvitation

    world["users"]["speaker"].email = "speaker@example.org"
    world["users"]["speaker"].save()

    response = client_for("speaker").post(
        f"/api/v1/submissions/{world['own'].pk}/invitations/", {"email": email}, format="json"
    )

    assert response.status_code == 400
    if errors:
        assert response.json()["errors"] == errors
    else:
        assert response.json()["detail"] == detail
    assert not SpeakerInvitation.objects.exists()


def test_a_rejected_submission_takes_no_co_speakers(world, client_for):
    Submission.objects.filter(pk=world["own"].pk).update(state=State.REJECTED)

    response = client_for("speaker").post(
        f"/api/v1/submissions/{world['own'].pk}/invitations/",
        {"email": "co@example.org"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "This submission no longer takes co-speakers."


def test_team_submission_carries_predictions_and_reviews(world, client_for):
    own = world["own"]
    body = client_for("organiser").get(f"{C}/submissions/{own.pk}/").json()
    assert body["predictions"] == [
        {
            "id": world["prediction"].pk,
            "track": {"id": world["tracks"][0].pk, "name": "NLP", "slug": "nlp"},
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


def test_organiser_confirms_suggested_track(world, client_for):
    own, nlp = world["own"], world["tracks"][0]
    response = client_for("organiser").post(
        f"{C}/submissions/{own.pk}/track/", {"track": nlp.pk}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["track"]["slug"], response.json()["track_source"]) == ("nlp", "review")


def test_organiser_overrides_track(world, client_for):
    own, speech = world["own"], world["tracks"][2]
    response = client_for("organiser").post(
        f"{C}/submissions/{own.pk}/track/", {"track": speech.pk}, format="json"
    )
    assert response.json()["track_source"] == "override"


def test_track_of_other_conference_is_400(world, client_for):
    from tests.factories import TrackFactory

    foreign = TrackFactory()
    response = client_for("organiser").post(
        f"{C}/submissions/{world['own'].pk}/track/", {"track": foreign.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"track": ["No such track in this conference."]}


def test_registrations_export_csv(world, client_for):
    response = client_for("organiser").get(f"{C}/registrations/export/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == (
        "Check-in code,Name,E-mail,Organisation,Ticket type,State,Registered,Confirmed,Checked in"
    )
    assert len(lines) == 2
    assert "Ann Attendee,ann@example.org" in lines[1]


def test_check_in_then_again(world, client_for):
    registration = world["registration"]
    client = client_for("organiser")
    url = f"{C}/registrations/{registration.pk}/check-in/"
    first = client.post(url).json()
    assert (first["checked_in_now"], first["registration"]["state"]) == (True, "checked_in")
    second = client.post(url).json()
    assert (second["checked_in_now"], second["registration"]["state"]) == (False, "checked_in")


def test_check_in_of_pending_registration_is_400(world, client_for):
    pending = RegistrationFactory(
        ticket_type=world["registration"].ticket_type,
        name="Pat",
        state=Registration.State.PENDING,
    )
    response = client_for("organiser").post(f"{C}/registrations/{pending.pk}/check-in/")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Pat cannot be checked in: the registration is “Pending e-mail confirmation”."
    )


def test_activate_model_version(world, client_for):
    version = world["version"]
    body = client_for("organiser").post(f"{C}/model-versions/{version.pk}/activate/").json()
    assert (body["model_version"]["is_active"], body["unknown_labels"]) == (True, [])
    assert ModelVersion.objects.get(is_active=True) == version


def test_activate_training_version_is_400(world, client_for):
    version = ModelVersion.objects.create(conference=world["conference"], kind="mlp")
    response = client_for("organiser").post(f"{C}/model-versions/{version.pk}/activate/")
    assert response.status_code == 400
    assert response.json()["detail"] == "Only a ready model can be activated."


def test_start_training_returns_job(world, client_for):
    response = client_for("organiser").post(f"{C}/training/", {"kind": "zeroshot"}, format="json")
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["id"])
    assert (job.kind, job.status, job.model_version.kind) == ("train", "queued", "zeroshot")
    detail = client_for("organiser").get(f"{C}/jobs/{job.pk}/").json()
    assert (detail["status"], detail["percent"], detail["model_version"]) == (
        "queued",
        0,
        job.model_version_id,
    )


def test_start_training_passes_the_settings_to_the_version(world, client_for):
    body = {"kind": "zeroshot", "epochs": 2, "max_length": 64, "tfidf_weight": 0.25}
    response = client_for("organiser").post(f"{C}/training/", body, format="json")
    assert response.status_code == 202
    config = Job.objects.get(pk=response.json()["id"]).model_version.training_config
    assert config == {"datasets": [], "epochs": 2, "max_length": 64, "tfidf_weight": 0.25}


def test_mlp_training_without_examples_is_400(world, client_for):
    response = client_for("organiser").post(f"{C}/training/", {"kind": "mlp"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Training needs examples of at least two tracks")


def test_start_recategorisation_returns_job(world, client_for):
    response = client_for("organiser").post(f"{C}/recategorisation/")
    assert response.status_code == 202
    assert Job.objects.get(pk=response.json()["id"]).kind == "recategorise"


def test_job_of_other_conference_is_404(world, client_for):
    from tests.factories import ConferenceFactory

    foreign_job = Job.objects.create(conference=ConferenceFactory(), kind="train")
    assert client_for("organiser").get(f"{C}/jobs/{foreign_job.pk}/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_team_submission_list_query_count(world, client_for, django_assert_max_num_queries, count):
    from tests.factories import SubmissionFactory

    for _ in range(count):
        SubmissionFactory(conference=world["conference"])
    client = client_for("organiser")
    with django_assert_max_num_queries(14):
        response = client.get(f"{C}/submissions/")
    assert response.json()["count"] == 3 + count

"""A speaker's own submissions: create, edit, send in, confirm, withdraw, invite."""

from datetime import timedelta

import pytest
from django.utils import timezone

from talks.enums import State
from talks.models import Submission

C = "/api/v1/conferences/devconf"


def test_speaker_lists_only_own_submissions(submissions, client_for):
    body = client_for("speaker").get("/api/v1/submissions/", {"ordering": "title"}).json()
    assert [s["title"] for s in body["results"]] == ["Accepted talk", "Own submitted talk"]


def test_speaker_creates_submission_through_service(client_for):
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
    submitter = created.speakers.get()
    assert (created.title, created.state, submitter.username) == (
        "Fresh",
        State.SUBMITTED,
        "attendee",
    )
    assert response.json()["speakers"] == [{"id": submitter.pk, "name": "attendee"}]


def test_create_after_cfp_closed_is_400(conference, client_for):
    conference = conference
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


def test_edit_with_stale_version_is_409(submissions, client_for):
    own = submissions["own"]
    client = client_for("speaker")
    first = client.patch(f"/api/v1/submissions/{own.pk}/", {"title": "One", "version": 1})
    assert first.status_code == 200
    assert first.json()["version"] == 2
    stale = client.patch(f"/api/v1/submissions/{own.pk}/", {"title": "Two", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["errors"] == {}
    own.refresh_from_db()
    assert own.title == "One"


def test_withdraw_twice_is_400(submissions, client_for):
    own = submissions["own"]
    client = client_for("speaker")
    assert client.post(f"/api/v1/submissions/{own.pk}/withdraw/").json()["state"] == "withdrawn"
    again = client.post(f"/api/v1/submissions/{own.pk}/withdraw/")
    assert again.status_code == 400
    assert again.json()["detail"] == "A submission that is withdrawn cannot become withdrawn."


def test_speaker_sends_a_draft_in_and_confirms_once_accepted(
    client_for, django_capture_on_commit_callbacks
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


def test_speaker_invites_a_co_speaker_by_e_mail(
    submissions, client_for, django_capture_on_commit_callbacks
):
    from django.core import mail

    from talks.models import SpeakerInvitation

    own = submissions["own"]
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
def test_invitation_refusals(users, submissions, client_for, email, errors, detail):
    from talks.models import SpeakerInvitation

    users["speaker"].email = "speaker@example.org"
    users["speaker"].save()

    response = client_for("speaker").post(
        f"/api/v1/submissions/{submissions['own'].pk}/invitations/", {"email": email}, format="json"
    )

    assert response.status_code == 400
    if errors:
        assert response.json()["errors"] == errors
    else:
        assert response.json()["detail"] == detail
    assert not SpeakerInvitation.objects.exists()


def test_a_rejected_submission_takes_no_co_speakers(submissions, client_for):
    Submission.objects.filter(pk=submissions["own"].pk).update(state=State.REJECTED)

    response = client_for("speaker").post(
        f"/api/v1/submissions/{submissions['own'].pk}/invitations/",
        {"email": "co@example.org"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "This submission no longer takes co-speakers."

from django.core import mail
from django.urls import reverse

from talks.models import SpeakerInvitation


def _url(submission):
    return reverse("talks:submission_invite", args=[submission.pk])


def test_submission_invite_sends_an_invitation(
    client, speaker, submission, django_capture_on_commit_callbacks
):
    client.force_login(speaker)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(submission), {"email": "grace@example.org"}, follow=True)

    invitation = SpeakerInvitation.objects.get()
    assert invitation.email == "grace@example.org"
    assert [str(m) for m in response.context["messages"]] == [
        "We e-mailed an invitation to grace@example.org."
    ]
    assert [m.to for m in mail.outbox] == [["grace@example.org"]]


def test_submission_invite_bad_address_is_refused(client, speaker, submission):
    client.force_login(speaker)

    response = client.post(_url(submission), {"email": "not an address"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Enter a valid e-mail address."]
    assert SpeakerInvitation.objects.count() == 0


def test_submission_invite_an_existing_speaker_is_refused(client, speaker, submission):
    client.force_login(speaker)

    response = client.post(_url(submission), {"email": "speaker@example.org"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "That person is already a speaker of this submission."
    ]


def test_submission_invite_get_is_not_allowed(client, speaker, submission):
    client.force_login(speaker)

    assert client.get(_url(submission)).status_code == 405

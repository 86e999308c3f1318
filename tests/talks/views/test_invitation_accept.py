import pytest
from django.urls import reverse

from talks import services
from tests.factories import UserFactory


@pytest.fixture
def invitation(submission, speaker):
    return services.invite_co_speaker(
        submission=submission, email="grace@example.org", user=speaker
    )


def _url(invitation):
    return reverse("talks:invitation_accept", args=[invitation.token])


def test_invitation_accept_shows_who_invites(client, invitation):
    client.force_login(UserFactory(username="grace"))

    response = client.get(_url(invitation))

    assert response.status_code == 200
    assert "speaker invites you to give “Speaker&#x27;s talk” together at DevConf." in (
        response.content.decode()
    )


def test_invitation_accept_joins_the_submission(client, invitation, submission):
    grace = UserFactory(username="grace")
    client.force_login(grace)

    response = client.post(_url(invitation))

    assert response.status_code == 302
    assert response["Location"] == reverse("talks:submission_detail", args=[submission.pk])
    assert grace in submission.speakers.all()


def test_invitation_accept_used_token_is_refused(client, invitation, submission):
    client.force_login(UserFactory(username="grace"))
    client.post(_url(invitation), follow=True)
    late = UserFactory(username="late")
    client.force_login(late)

    response = client.post(_url(invitation), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "This invitation is not valid any more."
    ]
    assert late not in submission.speakers.all()


def test_invitation_accept_unknown_token_is_404(client, db):
    client.force_login(UserFactory(username="grace"))

    assert client.get(reverse("talks:invitation_accept", args=["nope"])).status_code == 404


def test_invitation_accept_requires_login(client, invitation):
    response = client.get(_url(invitation))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.models import Invitation, Membership, OutboxMail
from conference.setup.services import invite_member
from tests.factories import UserFactory


@pytest.fixture
def link(conference, organiser):
    invite_member(
        conference=conference, email="grace@example.org", role="reviewer", invited_by=organiser
    )
    body = OutboxMail.objects.get().body
    url = next(line for line in body.splitlines() if "/invitations/" in line)
    return url.removeprefix("http://127.0.0.1:8000")


def test_invitation_anonymous_is_asked_to_log_in(client, link):
    response = client.get(link)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Join the team of DevConf" in body
    assert f'href="/accounts/login/?next={link}"' in body


def test_invitation_accept(client, conference, link):
    grace = UserFactory(username="grace")
    client.force_login(grace)

    response = client.post(link, follow=True)

    membership = Membership.objects.get(user=grace)
    assert (membership.conference, membership.role) == (conference, "reviewer")
    assert [str(m) for m in response.context["messages"]] == [
        "Welcome to the team of DevConf (Reviewer)."
    ]
    assert client.get(link).status_code == 404  # works once


def test_invitation_post_anonymous_changes_nothing(client, link):
    response = client.post(link)

    assert response.status_code == 200
    assert Membership.objects.filter(role="reviewer").count() == 0


def test_invitation_expired_is_404(client, link):
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=15))
    client.force_login(UserFactory())

    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404


def test_invitation_forged_is_404(client, db):
    assert client.get(reverse("setup:invitation", args=["forged-token"])).status_code == 404

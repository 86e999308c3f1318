from django.urls import reverse

from talks.models import Submission
from tests.factories import UserFactory


def _get(client, submission):
    return client.get(reverse("talks:submission_detail", args=[submission.pk]))


def test_submission_detail_shows_own_submission(client, speaker, submission):
    client.force_login(speaker)

    response = _get(client, submission)

    assert response.status_code == 200
    assert response.context["submission"] == submission
    assert "Speaker&#x27;s talk" in response.content.decode()


def test_submission_detail_of_another_speaker_is_404(client, other_speaker, submission):
    client.force_login(other_speaker)

    assert _get(client, submission).status_code == 404


def test_submission_detail_requires_login(client, submission):
    response = _get(client, submission)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_submission_detail_open_to_co_speakers(client, submission):
    co = UserFactory(username="co", first_name="Grace", last_name="Hopper")
    submission.speakers.add(co, through_defaults={"position": 1})
    client.force_login(co)

    response = _get(client, submission)

    assert response.status_code == 200
    assert [card["name"] for card in response.context["speakers"]] == ["speaker", "Grace Hopper"]


def test_submission_detail_offers_what_the_state_allows(client, speaker, submission):
    client.force_login(speaker)

    submitted = _get(client, submission)
    Submission.objects.filter(pk=submission.pk).update(state="accepted")
    accepted = _get(client, submission)
    Submission.objects.filter(pk=submission.pk).update(state="draft")
    draft = _get(client, submission)

    assert [name for name, _label in submitted.context["actions"]] == ["withdraw"]
    assert submitted.context["can_edit"] is True
    assert [name for name, _label in accepted.context["actions"]] == ["withdraw", "confirm"]
    assert accepted.context["can_edit"] is False
    assert [name for name, _label in draft.context["actions"]] == ["submit", "withdraw"]


def test_submission_detail_lists_pending_invitations(client, speaker, submission):
    submission.invitations.create(email="grace@example.org", token="t1", invited_by=speaker)
    client.force_login(speaker)

    body = _get(client, submission).content.decode()

    assert "Invited: grace@example.org (not joined yet)" in body


def test_submission_detail_offers_invitations_while_joinable(client, speaker, submission):
    client.force_login(speaker)

    open_page = _get(client, submission)
    Submission.objects.filter(pk=submission.pk).update(state="rejected")
    closed_page = _get(client, submission)

    assert open_page.context["can_invite"] is True
    assert "Co-speaker&#x27;s e-mail" in open_page.content.decode()
    assert closed_page.context["can_invite"] is False
    assert "Co-speaker&#x27;s e-mail" not in closed_page.content.decode()

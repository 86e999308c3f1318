"""The reviewer profile pages: one's own, and the organisers' list and edit of everyone's."""

import pytest
from django.urls import reverse

from conference.enums import Role
from talks.models import ReviewerProfile
from tests.factories import MembershipFactory, TrackFactory, UserFactory


def url(conference, name, *args):
    return reverse(f"talks:{name}", args=[conference.slug, *args])


def test_own_profile_saves_and_asks_for_embeddings(
    client, conference, reviewer, monkeypatch, django_capture_on_commit_callbacks
):
    nlp = TrackFactory(conference=conference, name="NLP")
    asked = []
    monkeypatch.setattr(
        "talks.services.assignment.request_reviewer_embeddings",
        lambda *, conference: asked.append(conference.slug),
    )
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(conference, "reviewer_profile"),
            {"expertise": "LLM serving, Kubernetes", "tracks": [nlp.pk], "cap": "5"},
        )

    assert response.status_code == 302
    profile = ReviewerProfile.objects.get(conference=conference, user=reviewer)
    assert (profile.expertise, profile.cap, profile.use_history) == (
        "LLM serving, Kubernetes",
        5,
        False,
    )
    assert [t.name for t in profile.tracks.all()] == ["NLP"]
    assert asked == ["devconf"]
    page = client.get(url(conference, "reviewer_profile")).content.decode()
    assert "LLM serving, Kubernetes</textarea>" in page


def test_own_profile_rerenders_errors(client, conference, reviewer):
    client.force_login(reviewer)

    response = client.post(url(conference, "reviewer_profile"), {"expertise": "x", "cap": "-2"})

    assert response.status_code == 400
    assert "cap" in response.context["form"].errors
    assert not ReviewerProfile.objects.exists()


def test_own_profile_is_for_the_team_only(client, conference, speaker):
    client.force_login(speaker)
    assert client.get(url(conference, "reviewer_profile")).status_code == 403


def test_organiser_edits_a_reviewers_cap(client, conference, organiser, reviewer):
    client.force_login(organiser)

    response = client.post(
        url(conference, "reviewer_profile_edit", reviewer.pk),
        {"expertise": "speech", "cap": "2", "use_history": "on"},
    )

    assert response.status_code == 302
    assert response.url == url(conference, "reviewer_profiles")
    profile = ReviewerProfile.objects.get(user=reviewer)
    assert (profile.cap, profile.use_history) == (2, True)
    body = client.get(url(conference, "reviewer_profiles")).content.decode()
    assert '<td class="load">0 / 2</td>' in body


def test_profile_edit_of_someone_outside_the_team_is_404(client, conference, organiser, speaker):
    client.force_login(organiser)
    assert client.get(url(conference, "reviewer_profile_edit", speaker.pk)).status_code == 404


@pytest.mark.parametrize("who", ["reviewer", "speaker"])
def test_reviewers_and_speakers_cannot_open_the_profile_list(
    client, conference, reviewer, speaker, who
):
    client.force_login(reviewer if who == "reviewer" else speaker)
    assert client.get(url(conference, "reviewer_profiles")).status_code == 403
    assert client.get(url(conference, "reviewer_profile_edit", reviewer.pk)).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_profile_list_query_count(client, conference, organiser, count, django_assert_num_queries):
    track = TrackFactory(conference=conference)
    for n in range(count):
        user = MembershipFactory(
            conference=conference, user=UserFactory(username=f"r{n}"), role=Role.REVIEWER
        ).user
        profile = ReviewerProfile.objects.create(conference=conference, user=user, cap=n)
        profile.tracks.add(track)
    client.force_login(organiser)
    client.get(url(conference, "reviewer_profiles"))

    with django_assert_num_queries(9):
        response = client.get(url(conference, "reviewer_profiles"))

    assert len(response.context["rows"]) == count + 1

import pytest
from django.urls import reverse

from conference.enums import Role
from talks.models import ReviewerScope
from tests.factories import MembershipFactory, ReviewerScopeFactory


@pytest.fixture
def url(conference):
    return reverse("talks:reviewer_tracks", args=[conference.slug])


def test_reviewer_tracks_limits_a_reviewer(client, organiser, reviewer, tracks, url):
    membership = reviewer.memberships.get()
    client.force_login(organiser)

    response = client.post(
        url,
        {"membership": membership.pk, f"m{membership.pk}-tracks": [tracks[0].pk, tracks[2].pk]},
        follow=True,
    )

    assert set(ReviewerScope.objects.get().tracks.all()) == {tracks[0], tracks[2]}
    assert [str(m) for m in response.context["messages"]] == ["reviewer's tracks are saved."]


def test_reviewer_tracks_none_ticked_means_none(client, organiser, conference, tracks, url):
    scope = ReviewerScopeFactory(membership__conference=conference, tracks=[tracks[0]])
    client.force_login(organiser)

    client.post(url, {"membership": scope.membership.pk})

    scope.membership.refresh_from_db()
    assert list(scope.tracks.all()) == []
    assert scope.membership.reviews_all_tracks is False


def test_reviewer_tracks_refuses_organiser_memberships(client, organiser, url):
    client.force_login(organiser)

    response = client.post(url, {"membership": organiser.memberships.get().pk})

    assert response.status_code == 404


def test_reviewer_tracks_is_for_organisers(client, reviewer, url):
    client.force_login(reviewer)

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_reviewer_tracks_query_count(
    client, organiser, conference, tracks, url, count, django_assert_num_queries
):
    for _ in range(count):
        ReviewerScopeFactory(membership__conference=conference, tracks=[tracks[1]])
    MembershipFactory(conference=conference, role=Role.REVIEWER)  # without a scope
    client.force_login(organiser)

    # session, user, conference, membership, reviewers (with scopes), scopes' tracks, tracks
    with django_assert_num_queries(7):
        response = client.get(url)

    assert len(response.context["rows"]) == count + 1

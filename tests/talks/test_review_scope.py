"""A reviewer's scope is explicit (Membership.reviews_all_tracks): it never widens by deletion."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from conference.setup import services as setup_services
from talks import services
from talks.enums import TrackSource
from talks.rules import review_track_ids
from tests.factories import MembershipFactory, ReviewerScopeFactory, SubmissionFactory


@pytest.fixture
def limited(conference, tracks):
    """A reviewer limited to NLP, where one decided submission is; Vision holds three more."""
    SubmissionFactory.create_batch(3, conference=conference, track=tracks[1])
    scope = ReviewerScopeFactory(
        membership__conference=conference, membership__user__username="nlp", tracks=[tracks[0]]
    )
    return scope.membership.user


@pytest.fixture
def nlp_talk(conference, tracks):
    return SubmissionFactory(
        conference=conference, track=tracks[0], track_source=TrackSource.REVIEW, title="NLP talk"
    )


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_review_track_ids_follows_the_flag(conference, tracks, reviewer, limited):
    empty = MembershipFactory(conference=conference, role="reviewer", reviews_all_tracks=False)

    assert review_track_ids(reviewer, conference) is None
    assert review_track_ids(limited, conference) == frozenset({tracks[0].pk})
    assert review_track_ids(empty.user, conference) == frozenset()


def test_review_scope_without_tracks_sees_nothing_and_is_told(client, conference, tracks):
    SubmissionFactory(conference=conference, suggested_track=tracks[0], suggested_confidence=0.3)
    nobody = MembershipFactory(conference=conference, role="reviewer", reviews_all_tracks=False)
    client.force_login(nobody.user)

    page = client.get(reverse("talks:track_review_queue", args=[conference.slug]))

    assert list(page.context["submissions"]) == []
    assert "You are not assigned to any track" in page.content.decode()


def test_review_scope_of_a_reviewer_of_every_track_has_no_notice(client, conference, reviewer):
    client.force_login(reviewer)

    page = client.get(reverse("talks:track_review_queue", args=[conference.slug]))

    assert "You are not assigned to any track" not in page.content.decode()


def test_review_scope_never_widens_when_her_only_track_goes(
    client, conference, tracks, limited, nlp_talk
):
    vision_talk = conference.submissions.filter(track=tracks[1]).first()
    queue = reverse("talks:track_review_queue", args=[conference.slug])
    client.force_login(limited)
    before = [s.title for s in client.get(queue).context["submissions"]]
    hidden_before = client.get(vision_talk.get_review_url()).status_code

    setup_services.delete_track(track=tracks[0], reassign_to=tracks[2], move_reviewers=False)

    after = list(client.get(queue).context["submissions"])
    assert before == ["NLP talk"]
    assert after == []
    assert hidden_before == client.get(vision_talk.get_review_url()).status_code == 404
    assert review_track_ids(fresh(limited), conference) == frozenset()


def test_review_scope_follows_a_reassigned_track_and_nothing_else(
    client, conference, tracks, limited, nlp_talk
):
    setup_services.delete_track(track=tracks[0], reassign_to=tracks[2])

    client.force_login(limited)
    queue = client.get(reverse("talks:track_review_queue", args=[conference.slug]))
    assert [s.title for s in queue.context["submissions"]] == ["NLP talk"]
    assert review_track_ids(fresh(limited), conference) == frozenset({tracks[2].pk})


def test_set_reviewer_tracks_all_tracks_flag(conference, organiser, tracks):
    membership = MembershipFactory(conference=conference, role="reviewer")

    services.set_reviewer_tracks(membership=membership, tracks=[], user=organiser)
    membership.refresh_from_db()
    nothing = (membership.reviews_all_tracks, review_track_ids(fresh(membership.user), conference))
    services.set_reviewer_tracks(membership=membership, tracks=[], all_tracks=True, user=organiser)
    membership.refresh_from_db()

    assert nothing == (False, frozenset())
    assert membership.reviews_all_tracks is True
    assert review_track_ids(fresh(membership.user), conference) is None


def test_reviewer_tracks_form_has_the_every_track_checkbox(client, organiser, conference, tracks):
    membership = MembershipFactory(conference=conference, role="reviewer")
    url = reverse("talks:reviewer_tracks", args=[conference.slug])
    client.force_login(organiser)

    page = client.get(url)
    client.post(url, {"membership": membership.pk, f"m{membership.pk}-tracks": [tracks[0].pk]})
    membership.refresh_from_db()
    limited = membership.reviews_all_tracks
    client.post(url, {"membership": membership.pk, f"m{membership.pk}-all_tracks": "on"})
    membership.refresh_from_db()

    assert f'name="m{membership.pk}-all_tracks"' in page.content.decode()
    assert page.context["rows"][0][1]["all_tracks"].initial is True
    assert limited is False
    assert membership.reviews_all_tracks is True


# The data migration --------------------------------------------------------------------------

BEFORE = [("conference", "0005_outbox_tasks"), ("talks", "0007_speakers_through")]
AFTER = [("talks", "0008_no_silent_cascades")]


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def back_to_latest(transactional_db):
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_review_scope_migration_keeps_no_tracks_as_every_track(back_to_latest):
    apps = migrate(BEFORE)
    User = apps.get_model("auth", "User")
    conference = apps.get_model("conference", "Conference").objects.create(
        name="C", slug="c", start_date="2027-05-10", end_date="2027-05-11"
    )
    track = apps.get_model("conference", "Track").objects.create(
        conference=conference, name="NLP", slug="nlp"
    )
    Membership = apps.get_model("conference", "Membership")
    Scope = apps.get_model("talks", "ReviewerScope")
    every, empty, limited = (
        Membership.objects.create(
            conference=conference, user=User.objects.create(username=name), role="reviewer"
        )
        for name in ("every", "empty", "limited")
    )
    Scope.objects.create(membership=empty)
    Scope.objects.create(membership=limited).tracks.add(track)

    apps = migrate(AFTER)

    flags = apps.get_model("conference", "Membership").objects.order_by("user__username")
    assert list(flags.values_list("user__username", "reviews_all_tracks")) == [
        ("empty", True),
        ("every", True),
        ("limited", False),
    ]

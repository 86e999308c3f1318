import pytest
from django.urls import reverse

from conference.models import Invitation, Membership, OutboxMail
from tests.factories import MembershipFactory


def test_team_lists_members_and_open_invitations(client, organiser, reviewer, conference):
    Invitation.objects.create(
        conference=conference, email="open@example.org", role="reviewer", token_hash="a" * 64
    )
    client.force_login(organiser)

    response = client.get(reverse("setup:team", args=[conference.slug]))

    assert [(m.user.username, m.role) for m in response.context["members"]] == [
        ("organiser", "organiser"),
        ("reviewer", "reviewer"),
    ]
    assert [i.email for i in response.context["invitations"]] == ["open@example.org"]


def test_team_invite_sends_an_invitation(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(
        reverse("setup:team", args=[conference.slug]),
        {"email": "grace@example.org", "role": "reviewer"},
        follow=True,
    )

    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "grace@example.org",
        "reviewer",
        organiser,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "An invitation was sent to grace@example.org."
    ]
    assert OutboxMail.objects.get().to == "grace@example.org"


def test_team_invite_of_a_member_is_refused(client, organiser, reviewer, conference):
    client.force_login(organiser)

    response = client.post(
        reverse("setup:team", args=[conference.slug]),
        {"email": "reviewer@example.org", "role": "organiser"},
    )

    assert response.context["form"].non_field_errors() == [
        "reviewer@example.org is in the team already."
    ]
    assert Invitation.objects.count() == 0


def test_team_remove_member(client, organiser, reviewer, conference):
    client.force_login(organiser)

    client.post(
        reverse("setup:member_remove", args=[conference.slug, reviewer.memberships.get().pk])
    )

    assert list(Membership.objects.values_list("user__username", flat=True)) == ["organiser"]


def test_team_remove_the_last_organiser_is_refused(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(
        reverse("setup:member_remove", args=[conference.slug, organiser.memberships.get().pk]),
        follow=True,
    )

    assert Membership.objects.count() == 1
    assert [str(m) for m in response.context["messages"]] == [
        "The last organiser cannot be removed: invite another first."
    ]


def test_team_remove_member_of_another_conference_is_404(client, organiser, conference):
    other = MembershipFactory()
    client.force_login(organiser)

    response = client.post(reverse("setup:member_remove", args=[conference.slug, other.pk]))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_team_revoke_invitation(client, organiser, conference):
    invitation = Invitation.objects.create(
        conference=conference, email="x@example.org", role="reviewer", token_hash="b" * 64
    )
    client.force_login(organiser)

    client.post(reverse("setup:invitation_revoke", args=[conference.slug, invitation.pk]))

    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_team_query_count(client, organiser, conference, count, django_assert_num_queries):
    MembershipFactory.create_batch(count, conference=conference, role="reviewer")
    for number in range(count):
        Invitation.objects.create(
            conference=conference,
            email=f"i{number}@example.org",
            role="reviewer",
            token_hash=f"{number}" * 64,
            invited_by=organiser,
        )
    client.force_login(organiser)

    # session, user, conference, membership, members with users, invitations with inviters
    with django_assert_num_queries(6):
        response = client.get(reverse("setup:team", args=[conference.slug]))

    assert len(response.context["invitations"]) == count

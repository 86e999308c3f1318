import pytest

from talks.assignment.conflicts import (
    CONFLICT_TEXT,
    conflict_reason,
    conflicted_submission_ids,
    conflicts_for,
)
from talks.models import AssignmentSettings, BidLevel, ReviewerBid, SpeakerInvitation
from tests.factories import (
    MembershipFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def member(conference, username, email, affiliation=None):
    user = UserFactory(username=username, email=email)
    MembershipFactory(conference=conference, user=user, role="reviewer")
    if affiliation is not None:
        SpeakerProfileFactory(user=user, affiliation=affiliation)
    return user


def speaker(username, email, affiliation=""):
    user = UserFactory(username=username, email=email)
    SpeakerProfileFactory(user=user, affiliation=affiliation)
    return user


def test_conflicts_for_names_each_reason(conference):
    ana = member(conference, "ana", "ana@lab-one.cn", affiliation="Lab One")
    bo = member(conference, "bo", "bo@mail.lab-two.cn")
    cy = member(conference, "cy", "cy@elsewhere.cn", affiliation="Nowhere Inc")
    own = SubmissionFactory(conference=conference, speaker=ana, title="Ana's own")
    co = SubmissionFactory(
        conference=conference, speaker=speaker("s1", "s1@x.cn"), speakers=[bo], title="Bo co"
    )
    same_affiliation = SubmissionFactory(
        conference=conference, speaker=speaker("s2", "s2@other.cn", " LAB one. "), title="aff"
    )
    same_domain = SubmissionFactory(
        conference=conference, speaker=speaker("s3", "s3@mail.lab-two.cn"), title="domain"
    )
    declared = SubmissionFactory(conference=conference, speaker=speaker("s4", "s4@y.cn"))
    ReviewerBid.objects.create(submission=declared, reviewer=cy, level=BidLevel.CONFLICT)
    ReviewerBid.objects.create(submission=co, reviewer=cy, level=BidLevel.EAGER)

    assert conflicts_for(conference=conference) == {
        (own.pk, ana.pk): "speaker",
        (co.pk, bo.pk): "co_speaker",
        (same_affiliation.pk, ana.pk): "affiliation",
        (same_domain.pk, bo.pk): "email_domain",
        (declared.pk, cy.pk): "declared",
    }
    assert set(CONFLICT_TEXT) == {
        "speaker",
        "co_speaker",
        "affiliation",
        "email_domain",
        "declared",
    }


def test_conflicts_for_restricts_to_the_given_ids(conference):
    ana = member(conference, "ana", "ana@lab-one.cn")
    bo = member(conference, "bo", "bo@lab-one.cn")
    first = SubmissionFactory(conference=conference, speaker=ana)
    second = SubmissionFactory(conference=conference, speaker=bo)

    assert conflicts_for(conference=conference, reviewer_ids=[bo.pk]) == {
        (first.pk, bo.pk): "email_domain",
        (second.pk, bo.pk): "speaker",
    }
    assert conflicts_for(conference=conference, submission_ids=[first.pk]) == {
        (first.pk, ana.pk): "speaker",
        (first.pk, bo.pk): "email_domain",
    }


def test_public_and_reserved_domains_never_conflict(conference):
    AssignmentSettings.objects.create(conference=conference, public_email_domains="Gmail.com\n")
    reviewer = member(conference, "ana", "ana@gmail.com")
    tester = member(conference, "tess", "tess@example.org")
    SubmissionFactory(conference=conference, speaker=speaker("s1", "s1@GMAIL.com"))
    SubmissionFactory(conference=conference, speaker=speaker("s2", "s2@example.org"))

    assert conflicts_for(conference=conference, reviewer_ids=[reviewer.pk, tester.pk]) == {}


def test_toggles_turn_affiliation_and_domain_off(conference):
    ana = member(conference, "ana", "ana@lab-one.cn", affiliation="Lab One")
    submission = SubmissionFactory(
        conference=conference, speaker=speaker("s1", "s1@lab-one.cn", "Lab One")
    )
    settings = AssignmentSettings.objects.create(
        conference=conference, conflict_same_affiliation=False
    )
    assert conflicts_for(conference=conference) == {(submission.pk, ana.pk): "email_domain"}

    settings.conflict_same_affiliation = True
    settings.conflict_same_email_domain = False
    settings.save()
    conference.refresh_from_db()
    assert conflicts_for(conference=conference) == {(submission.pk, ana.pk): "affiliation"}

    settings.conflict_same_affiliation = False
    settings.save()
    conference.refresh_from_db()
    assert conflicts_for(conference=conference) == {}


def test_an_open_invitation_is_a_co_speaker_conflict(conference):
    ana = member(conference, "ana", "Ana@Lab-One.cn")
    submission = SubmissionFactory(conference=conference, speaker=speaker("s1", "s1@x.cn"))
    SpeakerInvitation.objects.create(submission=submission, email="ana@lab-one.cn")

    assert conflict_reason(submission=submission, user=ana) == "co_speaker"


def test_conflict_reason_and_conflicted_submission_ids(conference, django_assert_max_num_queries):
    ana = member(conference, "ana", "ana@lab-one.cn")
    mine = SubmissionFactory(conference=conference, speaker=ana)
    other = SubmissionFactory(conference=conference, speaker=speaker("s1", "s1@x.cn"))
    ReviewerBid.objects.create(submission=other, reviewer=ana, level=BidLevel.WILLING)
    free = SubmissionFactory(conference=conference, speaker=speaker("s2", "s2@y.cn"))

    with django_assert_max_num_queries(6):
        assert conflict_reason(submission=mine, user=ana) == "speaker"
    assert conflict_reason(submission=other, user=ana) is None
    assert conflict_reason(submission=free, user=None) is None
    assert conflicted_submission_ids(conference=conference, user=ana) == {mine.pk}

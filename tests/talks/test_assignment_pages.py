"""The services behind the assignment pages: profiles, bids, editing a pair, applying."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conference.enums import Role
from conference.models import OutboxMail
from talks.models import (
    AssignmentProposal,
    AssignmentSettings,
    BidLevel,
    ProposalStatus,
    ReviewAssignment,
    ReviewerBid,
    ReviewerProfile,
)
from talks.services.assignment_pages import apply_proposal, edit_proposal_pair
from talks.services.reviewer_profiles import (
    save_bids,
    save_reviewer_profile,
    update_assignment_settings,
)
from tests.factories import MembershipFactory, SubmissionFactory, TrackFactory, UserFactory


@pytest.fixture
def team(conference):
    return [
        MembershipFactory(
            conference=conference, user=UserFactory(username=name), role=Role.REVIEWER
        ).user
        for name in ("ann", "bob", "cai")
    ]


@pytest.fixture
def talks(conference):
    return [SubmissionFactory(conference=conference, title=f"Talk {n}") for n in "ABC"]


def pair(submission, reviewer, affinity=0.5, kept=False):
    return {
        "submission": submission.pk,
        "reviewer": reviewer.pk,
        "affinity": affinity,
        "reasons": ["matches your expertise: nlp"],
        "kept": kept,
    }


def ready(conference, pairs, unfilled=None, k=2):
    return AssignmentProposal.objects.create(
        conference=conference,
        status=ProposalStatus.READY,
        params={"k": k},
        pairs=pairs,
        unfilled=unfilled or {},
    )


# --- profiles and bids ---------------------------------------------------------------------


def test_save_reviewer_profile_sets_text_tracks_cap_and_asks_for_embeddings(
    conference, reviewer, monkeypatch, django_capture_on_commit_callbacks
):
    nlp = TrackFactory(conference=conference, name="NLP")
    TrackFactory(conference=conference, name="Vision")
    asked = []
    monkeypatch.setattr(
        "talks.services.assignment.request_reviewer_embeddings",
        lambda *, conference: asked.append(conference.pk),
    )

    with django_capture_on_commit_callbacks(execute=True):
        profile = save_reviewer_profile(
            conference=conference,
            user=reviewer,
            by=reviewer,
            expertise="  LLM serving, Kubernetes ",
            tracks=[nlp],
            cap=7,
            use_history=False,
        )

    profile.refresh_from_db()
    assert (profile.expertise, profile.cap, profile.use_history) == (
        "LLM serving, Kubernetes",
        7,
        False,
    )
    assert list(profile.tracks.values_list("name", flat=True)) == ["NLP"]
    assert asked == [conference.pk]


def test_save_reviewer_profile_of_someone_else_needs_an_organiser(
    conference, reviewer, second_reviewer, organiser
):
    with pytest.raises(PermissionDenied):
        save_reviewer_profile(
            conference=conference,
            user=second_reviewer,
            by=reviewer,
            expertise="x",
            tracks=[],
            cap=None,
            use_history=True,
        )
    save_reviewer_profile(
        conference=conference,
        user=second_reviewer,
        by=organiser,
        expertise="speech",
        tracks=[],
        cap=3,
        use_history=True,
    )
    assert ReviewerProfile.objects.get(user=second_reviewer).cap == 3


def test_save_bids_sets_changes_and_removes(conference, reviewer, talks):
    a, b, c = talks
    assert save_bids(conference=conference, user=reviewer, bids={a.pk: "eager", b.pk: "not"}) == 2
    assert (
        save_bids(conference=conference, user=reviewer, bids={a.pk: "eager", b.pk: "", c.pk: ""})
        == 1
    )
    assert dict(ReviewerBid.objects.values_list("submission__title", "level")) == {
        "Talk A": BidLevel.EAGER
    }


def test_save_bids_refuses_a_submission_out_of_scope_and_unknown_levels(
    conference, reviewer, talks
):
    other = SubmissionFactory()  # another conference
    with pytest.raises(PermissionDenied):
        save_bids(conference=conference, user=reviewer, bids={other.pk: "eager"})
    with pytest.raises(ValidationError):
        save_bids(conference=conference, user=reviewer, bids={talks[0].pk: "desperate"})
    assert ReviewerBid.objects.count() == 0


def test_update_assignment_settings_is_for_organisers(conference, organiser, reviewer):
    with pytest.raises(PermissionDenied):
        update_assignment_settings(conference=conference, by=reviewer, default_cap=3)
    update_assignment_settings(
        conference=conference, by=organiser, default_cap=3, reviewers_per_submission=2
    )
    settings = AssignmentSettings.objects.get(conference=conference)
    assert (settings.default_cap, settings.reviewers_per_submission) == (3, 2)


# --- editing one pair ----------------------------------------------------------------------


def test_edit_pair_replaces_the_reviewer(conference, organiser, team, talks):
    ann, bob, cai = team
    proposal = ready(conference, [pair(talks[0], ann), pair(talks[0], bob)])

    new = edit_proposal_pair(
        proposal=proposal,
        submission_id=talks[0].pk,
        old_reviewer_id=ann.pk,
        new_reviewer_id=cai.pk,
        by=organiser,
    )

    proposal.refresh_from_db()
    assert [(p["reviewer"], p.get("edited", False)) for p in proposal.pairs] == [
        (cai.pk, True),
        (bob.pk, False),
    ]
    assert new["reviewer"] == cai.pk
    assert 0.0 <= new["affinity"] <= 1.0


def test_edit_pair_refuses_a_reviewer_at_her_cap(conference, organiser, team, talks):
    ann, bob, cai = team
    ReviewerProfile.objects.create(conference=conference, user=cai, cap=1)
    proposal = ready(conference, [pair(talks[0], ann), pair(talks[1], cai)])

    with pytest.raises(ValidationError) as error:
        edit_proposal_pair(
            proposal=proposal,
            submission_id=talks[0].pk,
            old_reviewer_id=ann.pk,
            new_reviewer_id=cai.pk,
            by=organiser,
        )

    assert error.value.code == "cap"
    assert error.value.messages == ["cai already has 1 of at most 1 submissions."]
    proposal.refresh_from_db()
    assert [p["reviewer"] for p in proposal.pairs] == [ann.pk, cai.pk]


def test_edit_pair_refuses_a_conflict_of_interest(conference, organiser, team, talks):
    ann, bob, cai = team
    ReviewerBid.objects.create(submission=talks[0], reviewer=cai, level=BidLevel.CONFLICT)
    proposal = ready(conference, [pair(talks[0], ann)])

    with pytest.raises(ValidationError) as error:
        edit_proposal_pair(
            proposal=proposal,
            submission_id=talks[0].pk,
            old_reviewer_id=ann.pk,
            new_reviewer_id=cai.pk,
            by=organiser,
        )

    assert error.value.code == "conflict"
    assert error.value.messages == [
        "Conflict of interest: The reviewer declared a conflict of interest with this submission."
    ]


def test_edit_pair_refuses_the_speaker_herself(conference, organiser, team):
    ann, bob, _cai = team
    own = SubmissionFactory(conference=conference, speaker=bob)
    proposal = ready(conference, [pair(own, ann)])

    with pytest.raises(ValidationError) as error:
        edit_proposal_pair(
            proposal=proposal,
            submission_id=own.pk,
            old_reviewer_id=ann.pk,
            new_reviewer_id=bob.pk,
            by=organiser,
        )

    assert error.value.code == "conflict"


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [("ann", "bob", "duplicate"), ("cai", "bob", "no_pair"), ("ann", "ann", "same")],
)
def test_edit_pair_refuses_wrong_pairs(conference, organiser, team, talks, old, new, code):
    users = {user.username: user for user in team}
    proposal = ready(conference, [pair(talks[0], users["ann"]), pair(talks[0], users["bob"])])

    with pytest.raises(ValidationError) as error:
        edit_proposal_pair(
            proposal=proposal,
            submission_id=talks[0].pk,
            old_reviewer_id=users[old].pk,
            new_reviewer_id=users[new].pk,
            by=organiser,
        )

    assert error.value.code == code


def test_edit_pair_refuses_a_kept_pair_and_a_speaker(conference, organiser, team, talks):
    ann, bob, _cai = team
    proposal = ready(conference, [pair(talks[0], ann, kept=True)])
    with pytest.raises(ValidationError) as error:
        edit_proposal_pair(
            proposal=proposal,
            submission_id=talks[0].pk,
            old_reviewer_id=ann.pk,
            new_reviewer_id=bob.pk,
            by=organiser,
        )
    assert error.value.code == "kept"
    outsider = UserFactory(username="outsider")
    proposal = ready(conference, [pair(talks[1], ann)])
    with pytest.raises(ValidationError) as error:
        edit_proposal_pair(
            proposal=proposal,
            submission_id=talks[1].pk,
            old_reviewer_id=ann.pk,
            new_reviewer_id=outsider.pk,
            by=organiser,
        )
    assert error.value.code == "out_of_scope"


def test_edit_pair_fills_a_missing_place(conference, organiser, team, talks):
    ann, bob, _cai = team
    proposal = ready(conference, [pair(talks[0], ann)], unfilled={str(talks[0].pk): "too few"}, k=2)

    edit_proposal_pair(
        proposal=proposal,
        submission_id=talks[0].pk,
        old_reviewer_id=None,
        new_reviewer_id=bob.pk,
        by=organiser,
    )

    proposal.refresh_from_db()
    assert sorted(p["reviewer"] for p in proposal.pairs) == sorted([ann.pk, bob.pk])
    assert proposal.unfilled == {}


def test_edit_pair_needs_an_organiser_and_a_ready_proposal(conference, organiser, team, talks):
    ann, bob, _cai = team
    proposal = ready(conference, [pair(talks[0], ann)])
    with pytest.raises(PermissionDenied):
        edit_proposal_pair(
            proposal=proposal,
            submission_id=talks[0].pk,
            old_reviewer_id=ann.pk,
            new_reviewer_id=bob.pk,
            by=ann,
        )
    AssignmentProposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.APPLIED)
    proposal.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        edit_proposal_pair(
            proposal=proposal,
            submission_id=talks[0].pk,
            old_reviewer_id=ann.pk,
            new_reviewer_id=bob.pk,
            by=organiser,
        )
    assert error.value.code == "not_ready"


# --- applying --------------------------------------------------------------------------------


def test_apply_creates_exactly_the_new_pairs_and_one_held_mail_per_reviewer(
    conference, organiser, team, talks
):
    ann, bob, cai = team
    a, b, c = talks
    ReviewAssignment.objects.create(submission=a, reviewer=ann)
    proposal = ready(
        conference,
        [pair(a, ann, kept=True), pair(a, bob), pair(b, bob), pair(c, cai), pair(b, ann)],
    )

    result = apply_proposal(proposal=proposal, by=organiser)

    assert (result.added, result.already, result.skipped_conflicts, result.mails) == (4, 1, 0, 3)
    assert sorted(
        ReviewAssignment.objects.values_list("submission__title", "reviewer__username")
    ) == [
        ("Talk A", "ann"),
        ("Talk A", "bob"),
        ("Talk B", "ann"),
        ("Talk B", "bob"),
        ("Talk C", "cai"),
    ]
    assert set(
        ReviewAssignment.objects.exclude(submission=a, reviewer=ann).values_list(
            "assigned_by", flat=True
        )
    ) == {organiser.pk}
    mails = list(OutboxMail.objects.order_by("to"))
    assert [(m.to, m.status, m.held_reason) for m in mails] == [
        ("ann@example.org", OutboxMail.Status.HELD, "Reviewer assignment"),
        ("bob@example.org", OutboxMail.Status.HELD, "Reviewer assignment"),
        ("cai@example.org", OutboxMail.Status.HELD, "Reviewer assignment"),
    ]
    assert mails[1].subject == "2 submissions to review for DevConf"
    assert "- Talk A\n- Talk B" in mails[1].body
    assert "- Talk A" not in mails[0].body  # ann had Talk A before: only Talk B is new
    assert "https://conf.example.org/c/devconf/review/assigned/" in mails[0].body
    proposal.refresh_from_db()
    assert (proposal.status, proposal.applied_by) == (ProposalStatus.APPLIED, organiser)


def test_apply_leaves_out_a_conflict_declared_since(conference, organiser, team, talks):
    ann, bob, _cai = team
    proposal = ready(conference, [pair(talks[0], ann), pair(talks[0], bob)])
    ReviewerBid.objects.create(submission=talks[0], reviewer=bob, level=BidLevel.CONFLICT)

    result = apply_proposal(proposal=proposal, by=organiser)

    assert (result.added, result.skipped_conflicts, result.mails) == (1, 1, 1)
    assert list(ReviewAssignment.objects.values_list("reviewer__username", flat=True)) == ["ann"]


def test_apply_twice_is_refused(conference, organiser, team, talks):
    proposal = ready(conference, [pair(talks[0], team[0])])
    apply_proposal(proposal=proposal, by=organiser)

    with pytest.raises(ValidationError) as error:
        apply_proposal(proposal=proposal, by=organiser)

    assert error.value.code == "not_ready"
    assert ReviewAssignment.objects.count() == 1
    assert OutboxMail.objects.count() == 1


def test_apply_needs_an_organiser(conference, team, talks):
    proposal = ready(conference, [pair(talks[0], team[0])])
    with pytest.raises(PermissionDenied):
        apply_proposal(proposal=proposal, by=team[1])
    assert ReviewAssignment.objects.count() == 0


def test_an_outdated_proposal_cannot_be_applied(conference, organiser, team, talks):
    old = ready(conference, [pair(talks[0], team[0])])
    ready(conference, [pair(talks[0], team[1])])

    with pytest.raises(ValidationError) as error:
        apply_proposal(proposal=old, by=organiser)

    assert error.value.code == "outdated"
    assert ReviewAssignment.objects.count() == 0

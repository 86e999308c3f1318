"""The organisers' reviewer assignment: settings, computing a proposal, showing it, editing one
pair, applying it, a reviewer's drop-out."""

import pytest
from django.urls import reverse

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
from tests.factories import MembershipFactory, SubmissionFactory, UserFactory


def url(conference, name, *args):
    return reverse(f"talks:{name}", args=[conference.slug, *args])


@pytest.fixture
def team(conference):
    users = []
    for name, text in (("ann", "speech recognition"), ("bob", "computer vision"), ("cai", "")):
        user = MembershipFactory(
            conference=conference, user=UserFactory(username=name), role=Role.REVIEWER
        ).user
        ReviewerProfile.objects.create(conference=conference, user=user, expertise=text)
        users.append(user)
    return users


def ready(conference, pairs, unfilled=None):
    return AssignmentProposal.objects.create(
        conference=conference,
        status=ProposalStatus.READY,
        params={"k": 2},
        pairs=pairs,
        unfilled=unfilled or {},
    )


def pair(submission, reviewer, affinity=0.5, kept=False):
    return {
        "submission": submission.pk,
        "reviewer": reviewer.pk,
        "affinity": affinity,
        "reasons": [f"reason for {reviewer.username}"],
        "kept": kept,
    }


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("assignment", ()),
        ("assignment_proposal", ("P",)),
        ("assignment_pair", ("P", "S")),
        ("reviewer_profiles", ()),
    ],
)
@pytest.mark.parametrize("who", ["reviewer", "speaker"])
def test_organiser_pages_refuse_reviewers_and_speakers(
    client, conference, reviewer, speaker, submission, name, args, who
):
    proposal = ready(conference, [pair(submission, reviewer)])
    values = {"P": proposal.pk, "S": submission.pk}
    client.force_login(reviewer if who == "reviewer" else speaker)

    assert client.get(url(conference, name, *[values[a] for a in args])).status_code == 403
    for action in ("assignment_compute", "assignment_drop"):
        assert client.post(url(conference, action)).status_code == 403
    assert client.post(url(conference, "assignment_apply", proposal.pk)).status_code == 403
    assert client.get(url(conference, "assignment_proposal_status", proposal.pk)).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.READY
    assert AssignmentProposal.objects.count() == 1


def test_settings_form_saves_and_rerenders_errors(client, conference, organiser):
    client.force_login(organiser)
    data = {
        "reviewers_per_submission": "2",
        "default_cap": "4",
        "affinity_floor": "0.3",
        "conflict_same_email_domain": "on",
        "public_email_domains": "gmail.com\nqq.com",
    }

    assert client.post(url(conference, "assignment"), data).status_code == 302
    settings = AssignmentSettings.objects.get(conference=conference)
    assert (settings.reviewers_per_submission, settings.default_cap, settings.affinity_floor) == (
        2,
        4,
        0.3,
    )
    assert (settings.conflict_same_affiliation, settings.conflict_same_email_domain) == (
        False,
        True,
    )

    response = client.post(url(conference, "assignment"), data | {"affinity_floor": "1.5"})
    assert response.status_code == 400
    assert response.context["form"].errors["affinity_floor"] == ["The floor is between 0 and 1."]


def test_compute_starts_a_proposal_that_the_worker_fills(
    client, conference, organiser, team, django_capture_on_commit_callbacks
):
    for title in ("Speech models", "Vision models"):
        SubmissionFactory(conference=conference, title=title)
    AssignmentSettings.objects.create(conference=conference, reviewers_per_submission=2)
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(conference, "assignment_compute"))

    proposal = AssignmentProposal.objects.get()
    assert response.url == url(conference, "assignment_proposal", proposal.pk)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.READY
    assert len(proposal.pairs) == 4
    page = client.get(response.url)
    assert page.context["summary"]["pairs"] == 4
    assert [row.load for row in page.context["reviewers"]] == [
        sum(1 for p in proposal.pairs if p["reviewer"] == user.pk) for user in team
    ] + [0]  # the organiser, without pairs
    status = client.get(url(conference, "assignment_proposal_status", proposal.pk)).json()
    assert status == {"status": "ready", "label": "Ready", "error": "", "pairs": 4}


def test_running_proposal_shows_its_progress(client, conference, organiser):
    proposal = AssignmentProposal.objects.create(conference=conference, created_by=organiser)
    client.force_login(organiser)

    body = client.get(url(conference, "assignment_proposal", proposal.pk)).content.decode()

    assert 'data-status="running"' in body
    assert "A worker is computing the proposal" in body
    assert "talks/js/assignment.js" in body


def test_proposal_page_shows_pairs_unfilled_and_conflicts(client, conference, organiser, team):
    ann, bob, cai = team
    a = SubmissionFactory(conference=conference, title="Alpha")
    b = SubmissionFactory(conference=conference, title="Beta")
    ReviewerBid.objects.create(submission=b, reviewer=cai, level=BidLevel.CONFLICT)
    proposal = ready(
        conference,
        [pair(a, ann, 0.8), pair(a, bob, 0.4), pair(b, ann, 0.6)],
        unfilled={str(b.pk): "Too few reviewers may review it."},
    )
    client.force_login(organiser)

    response = client.get(url(conference, "assignment_proposal", proposal.pk))

    rows = response.context["page"].object_list
    assert [
        (row.submission.title, [(p.reviewer.username, p.affinity) for p in row.pairs], row.unfilled)
        for row in rows
    ] == [
        ("Alpha", [("ann", 0.8), ("bob", 0.4)], ""),
        ("Beta", [("ann", 0.6)], "Too few reviewers may review it."),
    ]
    assert [(user.username, reason) for user, reason in rows[1].conflicts] == [
        ("cai", "The reviewer declared a conflict of interest with this submission.")
    ]
    body = response.content.decode()
    assert "reason for ann" in body
    assert '<td class="affinity">0.70</td>' in body  # ann: (0.8 + 0.6) / 2


@pytest.mark.parametrize("count", [1, 3])
def test_proposal_page_query_count(
    client, conference, organiser, team, count, django_assert_num_queries
):
    pairs = []
    for n in range(count):
        talk = SubmissionFactory(conference=conference, title=f"T{n}")
        pairs += [pair(talk, team[0]), pair(talk, team[1])]
    proposal = ready(conference, pairs)
    client.force_login(organiser)
    client.get(url(conference, "assignment_proposal", proposal.pk))

    with django_assert_num_queries(19):
        response = client.get(url(conference, "assignment_proposal", proposal.pk))

    assert len(response.context["page"].object_list) == count


def test_edit_one_pair_from_its_page(client, conference, organiser, team):
    ann, bob, cai = team
    talk = SubmissionFactory(conference=conference, title="Alpha")
    proposal = ready(conference, [pair(talk, ann), pair(talk, bob)])
    client.force_login(organiser)
    page_url = url(conference, "assignment_pair", proposal.pk, talk.pk)

    page = client.get(page_url)
    offered = [c.user.username for c in page.context["candidates"] if not c.refusal]
    assert offered == ["cai"]
    response = client.post(page_url, {"old_reviewer": ann.pk, "new_reviewer": cai.pk})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert sorted(p["reviewer"] for p in proposal.pairs) == sorted([bob.pk, cai.pk])


def test_edit_pair_page_rerenders_the_reason_of_a_refusal(client, conference, organiser, team):
    ann, bob, cai = team
    talk = SubmissionFactory(conference=conference, title="Alpha")
    ReviewerBid.objects.create(submission=talk, reviewer=cai, level=BidLevel.CONFLICT)
    proposal = ready(conference, [pair(talk, ann)])
    client.force_login(organiser)

    response = client.post(
        url(conference, "assignment_pair", proposal.pk, talk.pk),
        {"old_reviewer": ann.pk, "new_reviewer": cai.pk},
    )

    assert response.status_code == 400
    assert (
        "Conflict of interest: The reviewer declared a conflict of interest with this submission."
        in response.content.decode()
    )
    proposal.refresh_from_db()
    assert [p["reviewer"] for p in proposal.pairs] == [ann.pk]


def test_apply_from_the_page(client, conference, organiser, team):
    ann, bob, _cai = team
    a = SubmissionFactory(conference=conference, title="Alpha")
    b = SubmissionFactory(conference=conference, title="Beta")
    proposal = ready(conference, [pair(a, ann), pair(b, ann), pair(a, bob)])
    client.force_login(organiser)

    response = client.post(url(conference, "assignment_apply", proposal.pk), follow=True)

    assert sorted(
        ReviewAssignment.objects.values_list("submission__title", "reviewer__username")
    ) == [("Alpha", "ann"), ("Alpha", "bob"), ("Beta", "ann")]
    assert OutboxMail.objects.filter(status=OutboxMail.Status.HELD).count() == 2
    body = response.content.decode()
    assert "Proposal applied: 3 assignments made, 0 were made already." in body
    assert "2 e-mails to reviewers wait in the outbox until you release them." in body
    assert 'class="apply-proposal"' not in body


def test_drop_out_removes_her_assignments_and_starts_a_new_proposal(
    client, conference, organiser, team, django_capture_on_commit_callbacks
):
    ann, bob, cai = team
    talk = SubmissionFactory(conference=conference, title="Alpha")
    ReviewAssignment.objects.create(submission=talk, reviewer=ann)
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(conference, "assignment_drop"), {"reviewer": ann.pk})

    proposal = AssignmentProposal.objects.get()
    assert response.url == url(conference, "assignment_proposal", proposal.pk)
    assert not ReviewAssignment.objects.exists()
    assert ReviewerProfile.objects.get(user=ann).cap == 0
    proposal.refresh_from_db()
    assert ann.pk not in {p["reviewer"] for p in proposal.pairs}


def test_drop_out_of_a_stranger_is_404(client, conference, organiser, speaker):
    client.force_login(organiser)
    assert (
        client.post(url(conference, "assignment_drop"), {"reviewer": speaker.pk}).status_code == 404
    )


def test_computing_again_after_a_late_submission_keeps_the_assignments(
    client, conference, organiser, team, django_capture_on_commit_callbacks
):
    AssignmentSettings.objects.create(conference=conference, reviewers_per_submission=2)
    SubmissionFactory(conference=conference, title="Early")
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(conference, "assignment_compute"))
    first = AssignmentProposal.objects.get()
    client.post(url(conference, "assignment_apply", first.pk))
    before = set(ReviewAssignment.objects.values_list("submission_id", "reviewer_id"))
    late = SubmissionFactory(conference=conference, title="Late")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(conference, "assignment_compute"))

    second = AssignmentProposal.objects.exclude(pk=first.pk).get()
    kept = {(p["submission"], p["reviewer"]) for p in second.pairs if p["kept"]}
    new = [(p["submission"], p["kept"]) for p in second.pairs if not p["kept"]]
    assert kept == before
    assert new == [(late.pk, False), (late.pk, False)]


def test_assignment_page_points_to_a_running_proposal(client, conference, organiser):
    proposal = AssignmentProposal.objects.create(conference=conference, created_by=organiser)
    client.force_login(organiser)

    body = client.get(url(conference, "assignment")).content.decode()

    link = url(conference, "assignment_proposal", proposal.pk)
    assert f'A proposal is being computed: <a href="{link}">follow its progress</a>' in body

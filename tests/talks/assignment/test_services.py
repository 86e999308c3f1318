"""propose_assignment and friends end to end on a small conference (TF-IDF affinity)."""

import pytest
from django.core.exceptions import PermissionDenied

from talks.models import (
    AssignmentProposal,
    AssignmentSettings,
    BidLevel,
    ProposalStatus,
    ReviewAssignment,
    ReviewerBid,
    ReviewerProfile,
)
from talks.services.assignment import drop_reviewer, propose_assignment, start_proposal
from tests.factories import ReviewFactory
from tests.talks.assignment.conftest import make_reviewer

pytestmark = pytest.mark.django_db

KUBE = "Running LLM serving on Kubernetes: autoscaling GPU pods, latency and rollouts."
TRANSLATE = "Machine translation for Chinese legal documents with transformers and tokenisers."
VISION = "Detecting defects in factory camera images with small convolutional networks."


@pytest.fixture
def team(conference, ops, nlp):
    return {
        "ana": make_reviewer(conference, "ana", "LLM serving, Kubernetes, GPU autoscaling", [ops]),
        "bo": make_reviewer(conference, "bo", "machine translation, tokenisers, legal text", [nlp]),
        "cy": make_reviewer(conference, "cy", "camera images, defects, convolutional networks"),
    }


def pairs_of(proposal):
    return {(p["submission"], p["reviewer"]) for p in proposal.pairs}


def apply(proposal):
    ReviewAssignment.objects.bulk_create(
        [
            ReviewAssignment(submission_id=p["submission"], reviewer_id=p["reviewer"])
            for p in proposal.pairs
            if not p["kept"]
        ]
    )


def test_propose_assignment_matches_expertise(conference, organiser, team, talk, ops, nlp):
    kube = talk("Serving at scale", KUBE, ops)
    translate = talk("Legal translation", TRANSLATE, nlp)
    vision = talk("Factory vision", VISION)

    proposal = propose_assignment(conference=conference, by=organiser, k=1)

    assert proposal.status == ProposalStatus.READY
    assert pairs_of(proposal) == {
        (kube.pk, team["ana"].pk),
        (translate.pk, team["bo"].pk),
        (vision.pk, team["cy"].pk),
    }
    first = next(p for p in proposal.pairs if p["submission"] == kube.pk)
    assert first["reasons"][0].startswith("matches your expertise: ")
    assert first["reasons"][0].split(": ")[1].split(", ")[0] == "LLM serving"
    assert first["reasons"][1] == "track of interest: Operations"
    assert first["kept"] is False
    assert proposal.unfilled == {}
    assert proposal.stats["pairs"] == 3
    assert proposal.stats["load_max"] == 1
    assert proposal.params == {"k": 1, "incremental": True, "floor": 0.2}
    assert AssignmentProposal.objects.count() == 1


def test_propose_assignment_honours_conflicts_caps_and_k(conference, organiser, team, talk):
    own = talk("Ana's own talk", KUBE, speaker=team["ana"])
    others = [talk(f"Talk {i}", TRANSLATE) for i in range(3)]
    ReviewerBid.objects.create(submission=others[0], reviewer=team["bo"], level=BidLevel.CONFLICT)
    ReviewerProfile.objects.filter(user=team["cy"]).update(cap=2)

    proposal = propose_assignment(conference=conference, by=organiser, k=2)

    pairs = pairs_of(proposal)
    assert (own.pk, team["ana"].pk) not in pairs
    assert (others[0].pk, team["bo"].pk) not in pairs
    load = {user.pk: sum(1 for _s, r in pairs if r == user.pk) for user in team.values()}
    assert load[team["cy"].pk] <= 2
    per_submission = {s.pk: sum(1 for sid, _r in pairs if sid == s.pk) for s in [own, *others]}
    # 8 slots, caps 20 + 20 + 2: ana and bo take 3 each, cy 2 — every slot filled.
    assert per_submission == {own.pk: 2, others[0].pk: 2, others[1].pk: 2, others[2].pk: 2}
    assert sum(load.values()) == 8


def test_too_few_eligible_reviewers_are_reported(conference, organiser, team, talk):
    lonely = talk("Ana's own talk", KUBE, speaker=team["ana"])
    AssignmentSettings.objects.create(conference=conference, reviewers_per_submission=3)

    proposal = propose_assignment(conference=conference, by=organiser)

    assert proposal.unfilled == {str(lonely.pk): "too_few_eligible"}
    assert proposal.params["k"] == 3


def test_a_late_submission_moves_nobody(conference, organiser, team, talk, ops):
    early = [talk("Serving", KUBE, ops), talk("Legal", TRANSLATE), talk("Vision", VISION)]
    first = propose_assignment(conference=conference, by=organiser, k=2)
    apply(first)
    late = talk("Late serving talk", KUBE, ops)

    second = propose_assignment(conference=conference, by=organiser, k=2)

    kept = {(p["submission"], p["reviewer"]) for p in second.pairs if p["kept"]}
    new = {(p["submission"], p["reviewer"]) for p in second.pairs if not p["kept"]}
    assert kept == pairs_of(first)
    assert {s for s, _r in new} == {late.pk}
    assert len(new) == 2
    assert (late.pk, team["ana"].pk) in new
    assert second.stats["kept"] == 6 and second.stats["new"] == 2
    assert {s.pk for s in early} == {s for s, _r in kept}


def test_a_dropped_reviewer_is_replaced_without_reshuffling(conference, organiser, team, talk):
    talks = [talk("Serving", KUBE), talk("Legal", TRANSLATE), talk("Vision", VISION)]
    apply(propose_assignment(conference=conference, by=organiser, k=2))
    ana = team["ana"]
    reviewed = next(
        a.submission for a in ReviewAssignment.objects.filter(reviewer=ana).order_by("pk")
    )
    ReviewFactory(submission=reviewed, reviewer=ana)
    before = set(ReviewAssignment.objects.values_list("submission_id", "reviewer_id"))
    ana_open = {(s, r) for s, r in before if r == ana.pk and s != reviewed.pk}

    removed = drop_reviewer(conference=conference, user=ana, by=organiser)
    proposal = propose_assignment(conference=conference, by=organiser, k=2)

    assert removed == len(ana_open) >= 1
    assert ReviewerProfile.objects.get(user=ana).cap == 0
    kept = {(p["submission"], p["reviewer"]) for p in proposal.pairs if p["kept"]}
    new = {(p["submission"], p["reviewer"]) for p in proposal.pairs if not p["kept"]}
    # Everyone else's assignments stay; ana's reviewed one stays (it is hers, with a review).
    assert kept == before - ana_open
    assert {s for s, _r in new} == {s for s, _r in ana_open}
    assert all(r != ana.pk for _s, r in new)
    assert len(talks) == 3


def test_not_incremental_plans_afresh(conference, organiser, team, talk):
    talk("Serving", KUBE)
    planned = propose_assignment(conference=conference, by=organiser, k=1)
    apply(planned)

    again = propose_assignment(conference=conference, by=organiser, k=1, incremental=False)

    assert pairs_of(again) == pairs_of(planned)
    assert [p["kept"] for p in again.pairs] == [True]
    assert again.params["incremental"] is False


def test_only_organisers_propose(conference, team, talk):
    talk("Serving", KUBE)
    with pytest.raises(PermissionDenied):
        propose_assignment(conference=conference, by=team["ana"])
    with pytest.raises(PermissionDenied):
        drop_reviewer(conference=conference, user=team["bo"], by=team["ana"])


def test_start_proposal_computes_in_the_task(
    conference, organiser, team, talk, django_capture_on_commit_callbacks
):
    kube = talk("Serving", KUBE)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = start_proposal(conference=conference, by=organiser, k=1)
        assert proposal.status == ProposalStatus.RUNNING

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.READY
    assert pairs_of(proposal) == {(kube.pk, team["ana"].pk)}


def test_tasks_are_routed_to_their_queues():
    from conference.celery import app
    from modeldemo.tasks import task_embed_reviewers
    from talks.tasks import task_propose_assignment

    assert app.amqp.router.route({}, task_propose_assignment.name)["queue"].name == "default"
    assert app.amqp.router.route({}, task_embed_reviewers.name)["queue"].name == "ml"
    assert (task_propose_assignment.name, task_embed_reviewers.name) == (
        "talks.propose_assignment",
        "modeldemo.embed_reviewers",
    )


def test_a_failing_computation_marks_the_proposal_failed(conference, organiser):
    from talks.services.assignment import compute_proposal

    # Parameters that cannot be run (only a broken caller writes these) fail for real.
    proposal = AssignmentProposal.objects.create(
        conference=conference, created_by=organiser, params={"k": "three"}
    )

    with pytest.raises(ValueError):
        compute_proposal(proposal_id=proposal.pk)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.FAILED
    assert "three" in proposal.error
    assert compute_proposal(proposal_id=proposal.pk) is None

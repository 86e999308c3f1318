"""The demo's organising tools in use: an open review phase, reviewers assigned to the talks
still waiting for a decision, two CfP questions, and a message to the speakers held in the
outbox for the organiser to look at before it goes."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from conference.models import Conference
from talks.models import ReviewPhase
from talks.services.assignment import propose_assignment
from talks.services.assignment_pages import apply_proposal
from talks.services.compose import group_of, queue_group_mail
from talks.services.phases import save_review_phase, start_review_phase
from talks.services.questions import create_cfp_question
from talks.services.reviewer_profiles import save_reviewer_profile, update_assignment_settings

DINNER_SUBJECT = "Speakers' dinner on the first evening"
DINNER_BODY = (
    "Dear {name},\n\nthank you for speaking at {conference}. The speakers' dinner is on the "
    "first evening at 19:00, a short walk from the venue. Tell us by Friday whether you come."
    "\n\nYour talks: {talk_titles}\n"
)


# What each demo reviewer says she knows, so that the automatic assignment has something to
# match on the first load: (expertise, tracks of interest by slug, cap).
REVIEWER_PROFILES = {
    "priya.nair": (
        "Retrieval-augmented generation, LLM serving and evaluation, vector search, "
        "fine-tuning language models for customer service and legal documents.",
        ["natural-language-processing", "deployment-and-operations", "tools-and-frameworks"],
        30,
    ),
    "chen.jing": (
        "Medical imaging, clinical decision support, learning analytics and tutoring systems; "
        "privacy of patient and student data.",
        ["healthcare", "education"],
        20,
    ),
    "marcus.lee": (
        "Computer vision on the edge, model compression, quantisation and distillation, "
        "GPU inference, recommender systems at scale.",
        ["computer-vision", "optimisation-and-tuning", "recommender-systems"],
        30,
    ),
    "ana.souza": (
        "Credit risk and fraud detection, time series, speech recognition for call centres, "
        "MLOps: monitoring, drift and model registries.",
        ["financial-risk-control", "speech", "model-research"],
        30,
    ),
}


@dataclass
class Organising:
    assigned: int
    held_mails: int


def seed_demo_organising(*, conference: Conference, organiser, reviewers: list) -> Organising:
    """Once per conference (nothing when its review phase exists already).

    Side effects: one open ReviewPhase, a ReviewerProfile per reviewer, the AssignmentSettings
    (two reviewers per submission), an applied AssignmentProposal and its ReviewAssignment rows
    (two reviewers per undecided talk) with one held OutboxMail per reviewer, two CfpQuestion
    rows, and one held OutboxMail per speaker of the programme.
    """
    if ReviewPhase.objects.filter(conference=conference).exists():
        return Organising(assigned=0, held_mails=0)
    now = timezone.now()
    phase = save_review_phase(
        conference=conference,
        user=organiser,
        name="Main review",
        start=now - timedelta(days=21),
        end=now + timedelta(days=7),
        reviewers_see_scores=True,
        reviewers_see_names=False,
    )
    start_review_phase(phase=phase, user=organiser)
    tracks = {track.slug: track for track in conference.tracks.all()}
    for reviewer in reviewers:
        if reviewer.username not in REVIEWER_PROFILES:
            continue
        expertise, slugs, cap = REVIEWER_PROFILES[reviewer.username]
        save_reviewer_profile(
            conference=conference,
            user=reviewer,
            by=organiser,
            expertise=expertise,
            tracks=[tracks[slug] for slug in slugs if slug in tracks],
            cap=cap,
            use_history=True,
        )
    update_assignment_settings(conference=conference, by=organiser, reviewers_per_submission=2)
    # The reviewers are assigned the way an organiser would: the automatic assignment's
    # proposal (affinity from the profiles above), applied; each reviewer's e-mail is held.
    proposal = propose_assignment(conference=conference, by=organiser, incremental=False)
    applied = apply_proposal(proposal=proposal, by=organiser)
    create_cfp_question(
        conference=conference,
        user=organiser,
        text="Have you given this talk before?",
        kind="yes_no",
        help_text="Where and when, if so: we like first performances, but not only.",
    )
    create_cfp_question(
        conference=conference,
        user=organiser,
        text="What do attendees need on their laptops?",
        kind="choice",
        options=["Nothing", "Python 3.11 or later", "Docker", "A GPU notebook in the cloud"],
        required=True,
        formats=["workshop"],
    )
    batch = queue_group_mail(
        conference=conference,
        user=organiser,
        group=group_of(conference=conference, value="programme"),
        subject=DINNER_SUBJECT,
        body=DINNER_BODY,
        hold=True,
    )
    return Organising(assigned=applied.added, held_mails=batch.count + applied.mails)

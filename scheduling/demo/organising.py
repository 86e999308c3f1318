"""The demo's organising tools in use: an open review phase, reviewers assigned to the talks
still waiting for a decision, two CfP questions, and a message to the speakers held in the
outbox for the organiser to look at before it goes."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from conference.models import Conference
from talks.enums import State
from talks.models import ReviewPhase
from talks.services.compose import group_of, queue_group_mail
from talks.services.phases import assign_reviewers, save_review_phase, start_review_phase
from talks.services.questions import create_cfp_question

DINNER_SUBJECT = "Speakers' dinner on the first evening"
DINNER_BODY = (
    "Dear {name},\n\nthank you for speaking at {conference}. The speakers' dinner is on the "
    "first evening at 19:00, a short walk from the venue. Tell us by Friday whether you come."
    "\n\nYour talks: {talk_titles}\n"
)


@dataclass
class Organising:
    assigned: int
    held_mails: int


def seed_demo_organising(*, conference: Conference, organiser, reviewers: list) -> Organising:
    """Once per conference (nothing when its review phase exists already).

    Side effects: one open ReviewPhase, ReviewAssignment rows (two reviewers per undecided
    talk), two CfpQuestion rows, and one held OutboxMail per speaker of the programme.
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
    undecided = conference.submissions.filter(state=State.SUBMITTED).order_by("pk")
    result = assign_reviewers(
        conference=conference,
        submissions=list(undecided),
        reviewers=reviewers,
        user=organiser,
        per_submission=2,
    )
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
    return Organising(assigned=result.added, held_mails=batch.count)

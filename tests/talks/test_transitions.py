"""The submission state machine: every transition of the table, and every other one refused."""

import itertools

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from conference.enums import Role
from talks import services
from talks.enums import Actor, State
from talks.models import Submission, SubmissionLog
from tests.factories import MembershipFactory, SubmissionFactory, UserFactory

ALLOWED = {
    ("draft", "submitted"): "speaker",
    ("draft", "withdrawn"): "speaker",
    ("submitted", "withdrawn"): "speaker",
    ("submitted", "accepted"): "organiser",
    ("submitted", "rejected"): "organiser",
    ("accepted", "confirmed"): "speaker",
    ("accepted", "withdrawn"): "speaker",
    ("confirmed", "withdrawn"): "speaker",
    ("accepted", "cancelled"): "organiser",
    ("confirmed", "cancelled"): "organiser",
}
PEOPLE = ["speaker", "co_speaker", "organiser", "reviewer", "stranger"]
PAIRS = [(a, b) for a, b in itertools.permutations(State.values, 2)]


def test_transition_table_is_the_documented_one():
    assert {(a, b): str(actor) for (a, b), actor in services.TRANSITIONS.items()} == ALLOWED


@pytest.fixture
def people(conference, speaker):
    co_speaker = UserFactory(username="co")
    return {
        "speaker": speaker,
        "co_speaker": co_speaker,
        "organiser": MembershipFactory(conference=conference, user__username="org").user,
        "reviewer": MembershipFactory(
            conference=conference, user__username="rev", role=Role.REVIEWER
        ).user,
        "stranger": UserFactory(username="stranger"),
    }


def _may(person: str, actor: str | None) -> bool:
    if actor == Actor.SPEAKER:
        return person in ("speaker", "co_speaker")
    if actor == Actor.ORGANISER:
        return person == "organiser"
    return False


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize(("from_state", "to_state"), PAIRS)
def test_change_submission_state_follows_the_table(
    conference, people, person, from_state, to_state, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(
        conference=conference,
        speaker=people["speaker"],
        speakers=[people["co_speaker"]],
        state=from_state,
    )
    user = people[person]
    actor = ALLOWED.get((from_state, to_state))

    if _may(person, actor):
        with django_capture_on_commit_callbacks(execute=True):
            services.change_submission_state(submission=submission, to_state=to_state, user=user)
        submission.refresh_from_db()
        assert (submission.state, submission.version) == (to_state, 2)
        entry = SubmissionLog.objects.get(submission=submission)
        assert (entry.actor, entry.action, entry.data) == (
            user,
            "state",
            {"from": from_state, "to": to_state},
        )
    else:
        expected = ValidationError if actor is None else PermissionDenied
        with pytest.raises(expected):
            services.change_submission_state(submission=submission, to_state=to_state, user=user)
        submission.refresh_from_db()
        assert (submission.state, submission.version) == (from_state, 1)
        assert SubmissionLog.objects.count() == 0
        assert mail.outbox == []


def test_confirming_a_rejected_talk_says_why(submission, speaker):
    Submission.objects.filter(pk=submission.pk).update(state=State.REJECTED)
    submission.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        services.change_submission_state(
            submission=submission, to_state=State.CONFIRMED, user=speaker
        )

    assert error.value.messages == ["A submission that is rejected cannot become confirmed."]


def test_change_submission_state_refuses_a_stale_state(submission, speaker, organiser):
    stale = Submission.objects.get(pk=submission.pk)
    services.change_submission_state(submission=submission, to_state=State.WITHDRAWN, user=speaker)

    # The organiser's copy still says "submitted": the withdrawal wins, the acceptance does not.
    with pytest.raises(ValidationError) as error:
        services.change_submission_state(submission=stale, to_state=State.ACCEPTED, user=organiser)

    assert error.value.messages == [
        "The submission changed meanwhile; nothing was done. Reload and try again."
    ]
    submission.refresh_from_db()
    assert submission.state == "withdrawn"


@pytest.mark.parametrize(
    ("to_state", "kind", "subject"),
    [
        ("accepted", "cfp.accepted", "“Speaker's talk” is accepted at DevConf"),
        ("rejected", "cfp.rejected", "Your submission “Speaker's talk” to DevConf"),
    ],
)
def test_decisions_email_every_speaker(
    submission, organiser, to_state, kind, subject, django_capture_on_commit_callbacks
):
    co = UserFactory(username="co", first_name="Co", last_name="Speaker")
    submission.speakers.add(co, through_defaults={"position": 1})

    with django_capture_on_commit_callbacks(execute=True):
        services.change_submission_state(submission=submission, to_state=to_state, user=organiser)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["speaker@example.org"], subject),
        (["co@example.org"], subject),
    ]
    assert mail.outbox[1].body.startswith("Hello Co Speaker,\n\n")


def test_acceptance_email_has_the_confirm_link(
    submission, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.change_submission_state(
            submission=submission, to_state=State.ACCEPTED, user=organiser
        )

    (message,) = mail.outbox
    assert message.body == (
        "Hello speaker,\n\n"
        "good news: “Speaker's talk” is accepted for DevConf. Please confirm that you will give "
        "it:\n"
        f"https://conf.example.org/me/submissions/{submission.pk}/confirm/\n\n"
        "The DevConf team"
    )


def test_allowed_transitions_lists_the_users_buttons(submission, speaker, organiser, reviewer):
    assert services.allowed_transitions(submission=submission, user=speaker) == ["withdrawn"]
    assert services.allowed_transitions(submission=submission, user=organiser) == [
        "accepted",
        "rejected",
    ]
    assert services.allowed_transitions(submission=submission, user=reviewer) == []

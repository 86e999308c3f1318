"""Creating and editing submissions: limits, the CfP window, stale edits, history, e-mail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from talks import services
from talks.models import Submission, SubmissionLog
from talks.signals import submission_text_changed
from tests.factories import CfpSettingsFactory, SubmissionFactory


def _create(conference, speaker, **overrides):
    data = {
        "conference": conference,
        "speaker": speaker,
        "title": "Serving LLMs",
        "abstract": "How we serve models.",
        "format": "talk",
        "duration": 30,
    }
    data.update(overrides)
    return services.create_submission(**data)


def test_create_submission_makes_the_submitter_a_speaker_and_mails_them(
    conference, speaker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = _create(conference, speaker, level="beginner", language="zh")

    assert list(submission.speakers.all()) == [speaker]
    assert (submission.state, submission.level, submission.language) == (
        "submitted",
        "beginner",
        "zh",
    )
    entry = SubmissionLog.objects.get()
    assert (entry.actor, entry.action, entry.data) == (speaker, "created", {"state": "submitted"})
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["speaker@example.org"], "We received “Serving LLMs”")
    assert f"https://conf.example.org/me/submissions/{submission.pk}/" in message.body


def test_create_draft_sends_nothing_and_does_not_count(
    conference, speaker, django_capture_on_commit_callbacks
):
    CfpSettingsFactory(conference=conference, max_submissions_per_speaker=1)

    with django_capture_on_commit_callbacks(execute=True):
        _create(conference, speaker, draft=True)
        _create(conference, speaker, draft=True)
        _create(conference, speaker)

    assert sorted(Submission.objects.values_list("state", flat=True)) == [
        "draft",
        "draft",
        "submitted",
    ]
    assert len(mail.outbox) == 1


def test_create_submission_over_the_limit_is_refused(conference, speaker):
    CfpSettingsFactory(conference=conference, max_submissions_per_speaker=2)
    SubmissionFactory(conference=conference, speaker=speaker)
    SubmissionFactory(conference=conference, speaker=speaker, state="withdrawn")  # not counted
    SubmissionFactory(conference=conference, speaker=speaker, state="rejected")
    SubmissionFactory(speaker=speaker)  # another conference

    with pytest.raises(ValidationError) as error:
        _create(conference, speaker)

    assert error.value.messages == [
        "speaker already has 2 submissions here, the most this conference takes."
    ]
    assert Submission.objects.filter(conference=conference).count() == 3
    assert SubmissionLog.objects.count() == 0


def test_submitting_a_draft_over_the_limit_is_refused(conference, speaker):
    CfpSettingsFactory(conference=conference, max_submissions_per_speaker=1)
    SubmissionFactory(conference=conference, speaker=speaker)
    draft = SubmissionFactory(conference=conference, speaker=speaker, state="draft")

    with pytest.raises(ValidationError):
        services.change_submission_state(submission=draft, to_state="submitted", user=speaker)

    draft.refresh_from_db()
    assert draft.state == "draft"


def test_submitting_a_draft_after_close_is_refused(conference, speaker):
    draft = SubmissionFactory(conference=conference, speaker=speaker, state="draft")
    conference.cfp_closes_at = timezone.now() - timedelta(minutes=1)
    conference.save()

    with pytest.raises(ValidationError) as error:
        services.change_submission_state(submission=draft, to_state="submitted", user=speaker)

    assert error.value.messages == ["The call for papers is closed."]


def test_create_submission_in_a_disabled_format_is_refused(conference, speaker):
    formats = {"talk": {"enabled": False, "duration": 30}}
    CfpSettingsFactory(conference=conference, formats=formats)

    with pytest.raises(ValidationError) as error:
        _create(conference, speaker)

    assert error.value.message_dict == {"format": ["This conference does not take that format."]}


def test_create_submission_over_long_title_saves_nothing(conference, speaker):
    with pytest.raises(ValidationError) as error:
        _create(conference, speaker, title="x" * 201)

    assert error.value.message_dict == {
        "title": ["Ensure this value has at most 200 characters (it has 201)."]
    }
    assert Submission.objects.count() == 0


def test_update_submission_logs_old_and_new_values(submission, speaker):
    services.update_submission(
        submission=submission, user=speaker, expected_version=1, title="A better title"
    )

    submission.refresh_from_db()
    assert (submission.title, submission.version) == ("A better title", 2)
    entry = SubmissionLog.objects.get()
    assert (entry.actor, entry.action, entry.data) == (
        speaker,
        "edited",
        {"changes": {"title": ["Speaker's talk", "A better title"]}},
    )


def test_update_submission_with_a_stale_version_saves_nothing(submission, speaker):
    services.update_submission(submission=submission, user=speaker, title="First edit")
    stale_copy = Submission.objects.get(pk=submission.pk)

    with pytest.raises(services.StaleEdit) as error:
        services.update_submission(
            submission=stale_copy, user=speaker, expected_version=1, title="Second edit"
        )

    assert error.value.messages == [
        "Somebody else changed this since you opened the form. Nothing was saved: reload the "
        "page to see their changes, then make yours again."
    ]
    submission.refresh_from_db()
    assert (submission.title, submission.version) == ("First edit", 2)


def test_update_submission_announces_text_changes_even_on_a_changed_instance(submission):
    """A ModelForm copies its input onto the instance first: compare with the stored row."""
    announced = []

    def receiver(sender, submission_id, **kwargs):
        announced.append(submission_id)

    submission.title = "Changed by a form"
    submission_text_changed.connect(receiver)
    try:
        services.update_submission(submission=submission, title="Changed by a form")
    finally:
        submission_text_changed.disconnect(receiver)

    assert announced == [submission.pk]


def test_update_submission_by_another_user_is_refused(submission, other_speaker):
    with pytest.raises(PermissionDenied):
        services.update_submission(submission=submission, user=other_speaker, title="Hijacked")


@pytest.mark.parametrize("state", ["accepted", "rejected", "confirmed", "withdrawn"])
def test_update_submission_after_a_decision_is_refused(submission, speaker, state):
    Submission.objects.filter(pk=submission.pk).update(state=state)
    submission.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        services.update_submission(submission=submission, user=speaker, title="Too late")

    assert error.value.messages == ["A decision was made: the submission can no longer be changed."]


def test_update_submission_after_close_is_refused(submission, speaker, conference):
    conference.cfp_closes_at = timezone.now() - timedelta(minutes=1)
    conference.save()
    submission.refresh_from_db()

    with pytest.raises(ValidationError):
        services.update_submission(submission=submission, user=speaker, title="Too late")


def test_bulk_change_state_is_all_or_nothing(
    conference, organiser, django_capture_on_commit_callbacks
):
    fine = SubmissionFactory(conference=conference, title="Fine")
    withdrawn = SubmissionFactory(conference=conference, title="Gone", state="withdrawn")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        services.bulk_change_state(
            submissions=[fine, withdrawn], to_state="accepted", user=organiser
        )

    assert error.value.messages == [
        "“Gone”: A submission that is withdrawn cannot become accepted."
    ]
    fine.refresh_from_db()
    assert fine.state == "submitted"
    assert SubmissionLog.objects.count() == 0
    assert mail.outbox == []


def test_bulk_change_state_accepts_all(conference, organiser, django_capture_on_commit_callbacks):
    submissions = SubmissionFactory.create_batch(3, conference=conference)

    with django_capture_on_commit_callbacks(execute=True):
        changed = services.bulk_change_state(
            submissions=submissions, to_state="rejected", user=organiser
        )

    assert len(changed) == 3
    assert set(Submission.objects.values_list("state", flat=True)) == {"rejected"}
    assert [m.subject.startswith("Your submission") for m in mail.outbox] == [True] * 3


def test_send_confirmation_reminders_mails_accepted_unconfirmed_only(
    conference, organiser, django_capture_on_commit_callbacks
):
    waiting = SubmissionFactory(conference=conference, state="accepted", title="Waiting")
    SubmissionFactory(conference=conference, state="confirmed")
    SubmissionFactory(conference=conference, state="submitted")

    with django_capture_on_commit_callbacks(execute=True):
        count = services.send_confirmation_reminders(conference=conference, user=organiser)

    assert count == 1
    (message,) = mail.outbox
    assert message.subject == "Please confirm “Waiting”"
    assert f"https://conf.example.org/me/submissions/{waiting.pk}/confirm/" in message.body
    assert SubmissionLog.objects.get().action == "reminded"


def test_send_confirmation_reminders_is_for_organisers(conference, reviewer):
    with pytest.raises(PermissionDenied):
        services.send_confirmation_reminders(conference=conference, user=reviewer)

"""The decision log: bulk decisions listed with who, when, what and how many; undo."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conference.models import OutboxMail
from talks import services
from talks.models import Decision, LabelledExample, Submission, SubmissionLog
from tests.factories import ReviewerScopeFactory, SubmissionFactory, UserFactory


def _accept(conference, organiser, submissions):
    return services.decide_submissions(
        conference=conference, submissions=submissions, to_state="accepted", user=organiser
    )


def test_undo_puts_the_state_back_and_discards_the_held_mails(conference, organiser):
    submissions = SubmissionFactory.create_batch(2, conference=conference)
    decision = _accept(conference, organiser, submissions)
    assert OutboxMail.objects.filter(status="held").count() == 2

    undone = services.undo_decision(decision=decision, user=organiser)

    assert undone == services.Undone(restored=2, skipped=[], mails_discarded=2, mails_gone=0)
    assert set(Submission.objects.values_list("state", flat=True)) == {"submitted"}
    # Kept in the outbox for the record, never sent.
    assert list(OutboxMail.objects.values_list("status", flat=True)) == ["discarded"] * 2
    decision.refresh_from_db()
    assert decision.undone_by == organiser and decision.undone_at is not None
    entries = SubmissionLog.objects.filter(submission=submissions[0]).order_by("pk")
    assert [entry.data for entry in entries] == [
        {"from": "submitted", "to": "accepted"},
        {"from": "accepted", "to": "submitted", "undo": decision.pk},
    ]


def test_undo_leaves_what_changed_since_and_counts_mails_already_sent(conference, organiser):
    moved_on = SubmissionFactory(conference=conference, title="Confirmed since")
    waiting = SubmissionFactory(conference=conference, title="Waiting")
    decision = _accept(conference, organiser, [moved_on, waiting])
    Submission.objects.filter(pk=moved_on.pk).update(state="confirmed")
    # An organiser released the other one's mail before the undo.
    OutboxMail.objects.filter(to=waiting.speakers.get().email).update(status="queued")

    undone = services.undo_decision(decision=decision, user=organiser)

    assert undone == services.Undone(
        restored=1, skipped=["Confirmed since"], mails_discarded=0, mails_gone=1
    )
    assert dict(Submission.objects.values_list("title", "state")) == {
        "Confirmed since": "confirmed",
        "Waiting": "submitted",
    }
    # The released mail is left alone; the skipped submission's mail stays held.
    assert sorted(OutboxMail.objects.values_list("status", flat=True)) == ["held", "queued"]


def test_undo_twice_is_refused(conference, organiser):
    decision = _accept(conference, organiser, [SubmissionFactory(conference=conference)])
    services.undo_decision(decision=decision, user=organiser)

    with pytest.raises(ValidationError) as error:
        services.undo_decision(decision=decision, user=organiser)

    assert error.value.messages == ["That decision was undone already."]


def test_undo_is_for_organisers(conference, organiser, reviewer):
    decision = _accept(conference, organiser, [SubmissionFactory(conference=conference)])

    with pytest.raises(PermissionDenied):
        services.undo_decision(decision=decision, user=reviewer)


def test_undo_of_a_bulk_confirmation_restores_each_track(conference, organiser, tracks):
    undecided = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.9
    )
    auto = SubmissionFactory(
        conference=conference,
        suggested_track=tracks[1],
        suggested_confidence=0.95,
        track=tracks[1],
        track_source="auto",
    )
    decision = services.confirm_suggestions(
        conference=conference, min_confidence=0.8, user=organiser
    )
    # Confirmed in bulk, unseen: decided, but no labelled example (the model's own label).
    assert decision.count == 2 and LabelledExample.objects.count() == 0
    assert set(Submission.objects.values_list("track_source", flat=True)) == {"bulk"}

    undone = services.undo_decision(decision=decision, user=organiser)

    assert undone.restored == 2
    assert dict(Submission.objects.values_list("pk", "track_source")) == {
        undecided.pk: "",
        auto.pk: "auto",
    }
    assert Submission.objects.get(pk=undecided.pk).track is None
    assert Submission.objects.get(pk=auto.pk).track == tracks[1]
    assert LabelledExample.objects.count() == 0


def test_track_decision_of_one_row_is_undone_to_the_previous(conference, organiser, tracks):
    submission = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.4
    )
    services.set_submission_track(submission=submission, track=tracks[0], user=organiser)
    services.set_submission_track(submission=submission, track=tracks[2], user=organiser)

    assert services.undo_track_decision(submission=submission, user=organiser)
    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (tracks[0], "review")
    assert LabelledExample.objects.get().label == "NLP"

    assert services.undo_track_decision(submission=submission, user=organiser)
    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (None, "")
    assert not LabelledExample.objects.exists()
    assert not services.undo_track_decision(submission=submission, user=organiser)
    # Single decisions are undone from their row, not listed in the log.
    assert not Decision.objects.filter(bulk=True).exists()


def test_track_decision_without_a_log_entry_goes_back_to_undecided(conference, organiser, tracks):
    submission = SubmissionFactory(
        conference=conference,
        suggested_track=tracks[0],
        track=tracks[1],
        track_source="override",
    )

    assert services.undo_track_decision(submission=submission, user=organiser)

    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (None, "")


# --- pages ----------------------------------------------------------------------------------


def test_decision_log_lists_bulk_decisions(client, conference, organiser, tracks):
    other = UserFactory(username="second-organiser")
    live = _accept(conference, organiser, SubmissionFactory.create_batch(3, conference=conference))
    undone = services.decide_submissions(
        conference=conference,
        submissions=[SubmissionFactory(conference=conference)],
        to_state="rejected",
        user=organiser,
    )
    services.undo_decision(decision=undone, user=organiser)
    single = SubmissionFactory(conference=conference, suggested_track=tracks[0])
    services.set_submission_track(submission=single, track=tracks[0], user=organiser)
    Decision.objects.filter(pk=undone.pk).update(undone_by=other)
    client.force_login(organiser)

    response = client.get(reverse("talks:decision_log", args=[conference.slug]))

    rows = [(d.description, d.count, d.actor.username) for d in response.context["decisions"]]
    assert rows == [("Rejected", 1, "organiser"), ("Accepted", 3, "organiser")]
    body = response.content.decode()
    assert "Undone by second-organiser" in body
    undo = reverse("talks:decision_undo", args=[conference.slug, live.pk])
    assert f'<a href="{undo}" class="button secondary">Undo…</a>' in body
    assert body.count("Undo…</a>") == 1


def test_decision_undo_asks_first_then_undoes(client, conference, organiser):
    decision = _accept(
        conference, organiser, SubmissionFactory.create_batch(2, conference=conference)
    )
    url = reverse("talks:decision_undo", args=[conference.slug, decision.pk])
    client.force_login(organiser)

    asked = client.get(url)
    body = asked.content.decode()
    assert "This touches 2 submissions." in body
    assert "2 held e-mails are discarded." in body
    assert "Undo it for 2 submissions" in body
    assert set(Submission.objects.values_list("state", flat=True)) == {"accepted"}

    response = client.post(url, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Undone: 2 submissions are back as they were.",
        "2 held e-mails were discarded.",
    ]
    assert set(Submission.objects.values_list("state", flat=True)) == {"submitted"}
    again = client.post(url, follow=True)
    assert [str(m) for m in again.context["messages"]] == ["That decision was undone already."]


def test_decision_pages_are_for_organisers(client, conference, organiser, reviewer):
    decision = _accept(conference, organiser, [SubmissionFactory(conference=conference)])
    client.force_login(reviewer)

    assert client.get(reverse("talks:decision_log", args=[conference.slug])).status_code == 403
    undo = reverse("talks:decision_undo", args=[conference.slug, decision.pk])
    assert client.post(undo).status_code == 403
    assert Submission.objects.get().state == "accepted"


def test_decision_of_another_conference_is_404(client, organiser):
    foreign = _accept_elsewhere()
    client.force_login(organiser)

    url = reverse("talks:decision_undo", args=["devconf", foreign.pk])
    assert client.post(url).status_code == 404


def _accept_elsewhere():
    submission = SubmissionFactory()
    from tests.factories import MembershipFactory

    other = MembershipFactory(conference=submission.conference).user
    return _accept(submission.conference, other, [submission])


def test_track_undo_view(client, conference, reviewer, tracks):
    submission = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.5
    )
    services.set_submission_track(submission=submission, track=tracks[1], user=reviewer)
    client.force_login(reviewer)

    response = client.post(
        reverse("talks:track_undo", args=[conference.slug, submission.pk]),
        {"filters": "decision=decided&page=1"},
        follow=True,
    )

    assert response.redirect_chain[0][0].endswith("/review/tracks/?decision=decided&page=1")
    assert [str(m) for m in response.context["messages"]] == [
        f"“{submission.title}” is undecided again."
    ]
    assert Submission.objects.get().track is None


def test_track_undo_refuses_speakers_and_other_tracks_reviewers(
    client, conference, organiser, speaker, tracks
):
    submission = SubmissionFactory(
        conference=conference, speaker=speaker, suggested_track=tracks[0]
    )
    services.set_submission_track(submission=submission, track=tracks[0], user=organiser)
    scope = ReviewerScopeFactory(membership__conference=conference, tracks=[tracks[2]])
    url = reverse("talks:track_undo", args=[conference.slug, submission.pk])

    client.force_login(speaker)
    assert client.post(url).status_code == 403
    client.force_login(scope.membership.user)
    assert client.post(url).status_code == 404
    assert Submission.objects.get().track_source == "review"

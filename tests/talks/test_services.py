import pytest
from django.core.exceptions import PermissionDenied

from conference.models import Track
from talks import services
from talks.models import LabelledExample, Prediction, Submission, SubmissionLog
from talks.signals import submission_text_changed
from tests.factories import CfpSettingsFactory, ReviewerScopeFactory, SubmissionFactory


def test_record_prediction_is_idempotent_per_model_version(submission, tracks):
    ranking = [(tracks[0], 0.7), (tracks[1], 0.2), (tracks[2], 0.1)]

    services.record_prediction(
        submission=submission, ranking=ranking, categoriser="zeroshot", model_version="v1"
    )
    services.record_prediction(
        submission=submission, ranking=ranking, categoriser="zeroshot", model_version="v1"
    )

    prediction = Prediction.objects.get()
    submission.refresh_from_db()
    assert (prediction.track, prediction.confidence) == (tracks[0], 0.7)
    assert prediction.top == [
        {"track": "nlp", "label": "NLP", "probability": 0.7},
        {"track": "vision", "label": "Vision", "probability": 0.2},
        {"track": "speech", "label": "Speech", "probability": 0.1},
    ]
    assert (submission.suggested_track, submission.suggested_confidence) == (tracks[0], 0.7)


def test_update_submission_announces_only_text_changes(submission):
    announced = []

    def receiver(sender, submission_id, **kwargs):
        announced.append(submission_id)

    submission_text_changed.connect(receiver)
    try:
        services.update_submission(submission=submission, format="lightning", duration=10)
        services.update_submission(submission=submission, title="A better title")
    finally:
        submission_text_changed.disconnect(receiver)

    assert announced == [submission.pk]


def test_set_submission_track_refuses_outsiders(submission, tracks, other_speaker):
    with pytest.raises(PermissionDenied):
        services.set_submission_track(submission=submission, track=tracks[0], user=other_speaker)


def test_set_submission_track_keeps_a_labelled_example(submission, tracks, organiser):
    submission.suggested_track = tracks[0]
    services.set_submission_track(submission=submission, track=tracks[0], user=organiser)
    services.set_submission_track(submission=submission, track=tracks[1], user=organiser)

    (example,) = LabelledExample.objects.all()
    assert (example.text, example.label, example.source) == (
        "Speaker's talk. An abstract long enough to say something about the talk.",
        "Vision",
        "review",
    )
    assert example.conference == submission.conference


# --- automatic track assignment inside record_prediction -----------------------------------------


def _predict(submission, tracks, confidence, version="v1", best=0):
    others = [t for i, t in enumerate(tracks) if i != best]
    rest = (1 - confidence) / 2
    return services.record_prediction(
        submission=submission,
        ranking=[(tracks[best], confidence), (others[0], rest), (others[1], rest)],
        categoriser="zeroshot",
        model_version=version,
    )


def test_record_prediction_above_the_threshold_sets_the_track(submission, tracks, conference):
    CfpSettingsFactory(conference=conference, auto_assign_threshold=0.8)

    _predict(submission, tracks, 0.8)

    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (tracks[0], "auto")
    entry = SubmissionLog.objects.get()
    assert (entry.actor, entry.action, entry.data) == (
        None,
        "track",
        {"track": "NLP", "source": "auto", "confidence": 0.8},
    )
    assert LabelledExample.objects.count() == 0  # nobody decided: not a label


def test_record_prediction_below_the_threshold_leaves_it_to_people(submission, tracks, conference):
    CfpSettingsFactory(conference=conference, auto_assign_threshold=0.8)

    _predict(submission, tracks, 0.79)

    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (None, "")
    assert (submission.suggested_track, submission.suggested_confidence) == (tracks[0], 0.79)


def test_record_prediction_without_a_threshold_never_sets_the_track(submission, tracks):
    _predict(submission, tracks, 0.99)

    submission.refresh_from_db()
    assert submission.track is None


def test_record_prediction_never_overrides_a_person(submission, tracks, conference, organiser):
    CfpSettingsFactory(conference=conference, auto_assign_threshold=0.5)
    services.set_submission_track(submission=submission, track=tracks[2], user=organiser)

    _predict(submission, tracks, 0.9)

    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (tracks[2], "override")


def test_record_prediction_moves_and_takes_back_an_automatic_track(submission, tracks, conference):
    CfpSettingsFactory(conference=conference, auto_assign_threshold=0.7)
    _predict(submission, tracks, 0.9, version="v1", best=0)

    _predict(submission, tracks, 0.8, version="v2", best=1)
    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (tracks[1], "auto")

    _predict(submission, tracks, 0.4, version="v3", best=2)
    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (None, "")
    assert list(SubmissionLog.objects.order_by("pk").values_list("data", flat=True)) == [
        {"track": "NLP", "source": "auto", "confidence": 0.9},
        {"track": "Vision", "source": "auto", "confidence": 0.8},
        {"track": "", "source": "", "confidence": 0.4},
    ]


def test_an_automatic_track_can_still_be_confirmed(submission, tracks, conference, organiser):
    CfpSettingsFactory(conference=conference, auto_assign_threshold=0.5)
    _predict(submission, tracks, 0.9)
    submission.refresh_from_db()

    services.set_submission_track(submission=submission, track=tracks[0], user=organiser)

    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (tracks[0], "review")
    assert LabelledExample.objects.get().label == "NLP"


# --- bulk confirm --------------------------------------------------------------------------------


def test_bulk_confirm_suggestions_confirms_undecided_at_or_above(conference, tracks, organiser):
    sure = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.9
    )
    edge = SubmissionFactory(
        conference=conference, suggested_track=tracks[1], suggested_confidence=0.75
    )
    auto = SubmissionFactory(
        conference=conference,
        suggested_track=tracks[1],
        suggested_confidence=0.95,
        track=tracks[1],
        track_source="auto",
    )
    unsure = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.74
    )
    decided = SubmissionFactory(
        conference=conference,
        suggested_track=tracks[0],
        suggested_confidence=0.99,
        track=tracks[2],
        track_source="override",
    )
    draft = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.99, state="draft"
    )

    count = services.bulk_confirm_suggestions(
        conference=conference, min_confidence=0.75, user=organiser
    )

    assert count == 3
    states = {
        s.pk: (s.track_id, s.track_source)
        for s in Submission.objects.filter(pk__in=[sure.pk, edge.pk, auto.pk, unsure.pk])
    }
    assert states == {
        sure.pk: (tracks[0].pk, "bulk"),
        edge.pk: (tracks[1].pk, "bulk"),
        auto.pk: (tracks[1].pk, "bulk"),
        unsure.pk: (None, ""),
    }
    decided.refresh_from_db()
    draft.refresh_from_db()
    assert (decided.track, decided.track_source) == (tracks[2], "override")
    assert draft.track is None
    # Accepted unseen: nothing to learn from or to gate the model on (the model's own labels).
    assert not LabelledExample.objects.exists()


def test_bulk_confirm_suggestions_in_one_track(conference, tracks, organiser):
    nlp = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.9
    )
    SubmissionFactory(conference=conference, suggested_track=tracks[1], suggested_confidence=0.9)

    count = services.bulk_confirm_suggestions(
        conference=conference, min_confidence=0.5, user=organiser, track=tracks[0]
    )

    assert count == 1
    assert list(Submission.objects.exclude(track=None).values_list("pk", flat=True)) == [nlp.pk]


def test_bulk_confirm_suggestions_is_for_organisers(conference, reviewer):
    with pytest.raises(PermissionDenied):
        services.bulk_confirm_suggestions(conference=conference, min_confidence=0.5, user=reviewer)


def test_set_submission_track_outside_a_reviewers_tracks_is_refused(conference, tracks):
    scope = ReviewerScopeFactory(membership__conference=conference, tracks=[tracks[0]])
    submission = SubmissionFactory(conference=conference, suggested_track=tracks[1])

    with pytest.raises(PermissionDenied):
        services.set_submission_track(
            submission=submission, track=tracks[0], user=scope.membership.user
        )


def test_set_submission_track_is_logged(submission, tracks, organiser):
    services.set_submission_track(submission=submission, track=tracks[1], user=organiser)

    entry = SubmissionLog.objects.get()
    assert (entry.actor, entry.action, entry.data) == (
        organiser,
        "track",
        {"previous": "", "track": "Vision", "source": "override"},
    )


# --- imported examples ---------------------------------------------------------------------------


def test_import_labelled_examples_skips_duplicates(db):
    created, skipped = services.import_labelled_examples(
        rows=[("Text one", "A"), ("Text two", "B"), ("Text one", "A")], dataset="past"
    )
    again = services.import_labelled_examples(rows=[("Text one", "A")], dataset="past")

    assert (created, skipped, again) == (2, 1, (0, 1))
    assert sorted(LabelledExample.objects.values_list("text", "label", "source", "dataset")) == [
        ("Text one", "A", "import", "past"),
        ("Text two", "B", "import", "past"),
    ]


def test_record_prediction_leaves_out_a_track_deleted_meanwhile(submission, tracks):
    nlp, vision, speech = tracks
    # The categoriser read the tracks, then an organiser deleted one (nothing held it yet).
    Track.objects.filter(pk=nlp.pk).delete()

    prediction = services.record_prediction(
        submission=submission,
        ranking=[(nlp, 0.6), (vision, 0.3), (speech, 0.1)],
        categoriser="zeroshot",
        model_version="v1",
    )

    assert (prediction.track, prediction.confidence) == (vision, 0.3)
    assert [entry["label"] for entry in prediction.top] == ["Vision", "Speech"]
    submission.refresh_from_db()
    assert submission.suggested_track == vision


def test_record_prediction_with_every_track_gone_stores_nothing(submission, tracks):
    ranking = [(track, 1 / 3) for track in tracks]
    Track.objects.filter(pk__in=[track.pk for track in tracks]).delete()

    assert (
        services.record_prediction(
            submission=submission, ranking=ranking, categoriser="zeroshot", model_version="v1"
        )
        is None
    )
    assert Prediction.objects.count() == 0


def test_a_bulk_confirmation_stays_decided_but_never_gates_or_trains(conference, tracks, organiser):
    from modeldemo import label_maps
    from modeldemo.gate import is_held_out

    talk = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.9
    )
    services.set_submission_track(submission=talk, track=tracks[0], user=organiser)
    looked_at = SubmissionFactory(
        conference=conference, suggested_track=tracks[1], suggested_confidence=0.9
    )
    services.set_submission_track(submission=looked_at, track=tracks[1], user=organiser)
    reviewed = LabelledExample.objects.filter(source="review")
    assert sorted(reviewed.values_list("submission_id", flat=True)) == [talk.pk, looked_at.pk]

    # A person's decision on `talk` is replaced by a bulk one (after an undo, say).
    Submission.objects.filter(pk=talk.pk).update(track=None, track_source="")
    services.bulk_confirm_suggestions(conference=conference, min_confidence=0.8, user=organiser)

    talk.refresh_from_db()
    assert (talk.track, talk.track_source) == (tracks[0], "bulk")
    # Only the one a person looked at is left to learn from, and to gate on when it is held out
    # (the held-out share is chosen by the submission's id).
    assert list(reviewed.values_list("submission_id", flat=True)) == [looked_at.pk]
    gated = [label for _text, label in label_maps.gate_examples(conference=conference)]
    assert gated == (["Vision"] if is_held_out(looked_at.pk) else [])
    # The categoriser never overwrites it, as it would an automatic track.
    services.record_prediction(
        submission=talk,
        ranking=[(tracks[2], 0.99)],
        categoriser="zeroshot",
        model_version="zeroshot-test",
    )
    talk.refresh_from_db()
    assert (talk.track, talk.track_source, talk.suggested_track) == (tracks[0], "bulk", tracks[2])

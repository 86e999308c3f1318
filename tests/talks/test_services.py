import pytest
from django.core.exceptions import PermissionDenied

from talks import services
from talks.models import LabelledExample, Prediction
from talks.signals import submission_text_changed


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

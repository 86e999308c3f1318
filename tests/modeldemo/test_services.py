import pytest

from modeldemo import services
from scheduling.demo_data import TRACKS
from talks.models import Prediction
from tests.factories import SubmissionFactory, TrackFactory
from tests.modeldemo.test_zeroshot import CV_ABSTRACT, NLP_ABSTRACT


@pytest.fixture
def demo_tracks(conference):
    return [TrackFactory(conference=conference, **track) for track in TRACKS]


def test_categorise_submissions_records_predictions(conference, demo_tracks):
    nlp = SubmissionFactory(conference=conference, title="Legal QA", abstract=NLP_ABSTRACT)
    cv = SubmissionFactory(conference=conference, title="Defects", abstract=CV_ABSTRACT)

    done = services.categorise_submissions(submission_ids=[nlp.pk, cv.pk, 999_999])

    assert done == 2
    nlp.refresh_from_db()
    cv.refresh_from_db()
    assert nlp.suggested_track.slug == "natural-language-processing"
    assert cv.suggested_track.slug == "computer-vision"
    prediction = Prediction.objects.get(submission=nlp)
    assert prediction.categoriser == "zeroshot"
    assert prediction.confidence == nlp.suggested_confidence
    assert [entry["track"] for entry in prediction.top][0] == "natural-language-processing"
    assert len(prediction.top) == 3


def test_categorise_submission_twice_keeps_one_prediction(conference, demo_tracks):
    submission = SubmissionFactory(conference=conference, abstract=NLP_ABSTRACT)

    assert services.categorise_submission(submission_id=submission.pk) is True
    assert services.categorise_submission(submission_id=submission.pk) is True

    assert Prediction.objects.filter(submission=submission).count() == 1


def test_categorise_submission_without_tracks_does_nothing(conference):
    submission = SubmissionFactory(conference=conference)

    assert services.categorise_submission(submission_id=submission.pk) is False
    assert Prediction.objects.count() == 0


def test_categorise_missing_submission_does_nothing(db):
    assert services.categorise_submission(submission_id=123456) is False

"""A real ml worker process categorises a new submission through the real broker."""

import pytest

from scheduling.demo_data import TRACKS
from talks.models import Prediction
from talks.services import create_submission
from tests.factories import ConferenceFactory, TrackFactory, UserFactory
from tests.integration.conftest import wait_for
from tests.modeldemo.test_zeroshot import CV_ABSTRACT


@pytest.mark.integration
def test_ml_worker_categorises_a_new_submission(ml_worker):
    conference = ConferenceFactory()
    for track in TRACKS:
        TrackFactory(conference=conference, **track)

    submission = create_submission(
        conference=conference,
        speaker=UserFactory(),
        title="Seeing defects",
        abstract=CV_ABSTRACT,
        format="talk",
        duration=30,
    )

    prediction = wait_for(
        lambda: Prediction.objects.filter(submission=submission).first(), timeout=120
    )
    assert prediction is not None, "no prediction within 120 s:\n" + "".join(ml_worker.log[-40:])
    assert prediction.track.slug == "computer-vision"
    assert prediction.categoriser == "zeroshot"
    assert any("modeldemo.categorise_submission" in line for line in ml_worker.log)
    submission.refresh_from_db()
    assert submission.suggested_track == prediction.track

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


@pytest.mark.integration
def test_ml_worker_trains_a_bert_version_and_categorises_with_it(ml_worker):
    from modeldemo import services
    from modeldemo.models import Job
    from talks.services import import_labelled_examples
    from tests.factories import MembershipFactory
    from tests.modeldemo.conftest import TINY

    conference = ConferenceFactory()
    for name in TINY:
        TrackFactory(conference=conference, name=name, slug=name.lower())
    organiser = MembershipFactory(conference=conference).user
    import_labelled_examples(
        rows=[(text, label) for label, texts in TINY.items() for text in texts], dataset="tiny"
    )

    job = services.start_training(
        conference=conference,
        user=organiser,
        kind="bert",
        datasets=["tiny"],
        epochs=1,
        max_length=32,
    )
    finished = wait_for(
        lambda: Job.objects.filter(pk=job.pk, status__in=["done", "failed"]).first(), timeout=240
    )
    assert finished is not None, "training did not finish:\n" + "".join(ml_worker.log[-40:])
    version = finished.model_version
    version.refresh_from_db()
    assert (finished.status, version.status, version.error) == ("done", "ready", "")
    assert (finished.done, finished.total) == (2, 2)

    services.activate_model_version(version=version, user=organiser)
    submission = create_submission(
        conference=conference,
        speaker=UserFactory(),
        title="Dialect ASR",
        abstract="Automatic speech recognition for dialect audio.",
        format="talk",
        duration=30,
    )
    prediction = wait_for(
        lambda: Prediction.objects.filter(submission=submission).first(), timeout=120
    )
    assert prediction is not None, "no prediction:\n" + "".join(ml_worker.log[-40:])
    assert (prediction.categoriser, prediction.model_version) == ("bert", version.name)

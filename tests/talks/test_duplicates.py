"""Near-duplicate flagging on real MiniLM embeddings."""

import pytest
from django.core.exceptions import ValidationError

from talks import services
from talks.models import NearDuplicate, SubmissionEmbedding
from tests.factories import SubmissionFactory

ORIGINAL = (
    "Serving large language models on Kubernetes. We show how we serve LLM inference on "
    "Kubernetes with GPU autoscaling, request batching and quantised weights, and what it cost."
)
RESUBMITTED = (
    "Serving large language models on Kubernetes. We show how we serve LLM inference on "
    "Kubernetes with GPU autoscaling, batching of requests and quantised weights, and its cost."
)
UNRELATED = (
    "Growing tomatoes on a balcony. Soil, watering schedules and which varieties survive a "
    "windy city summer, from ten years of gardening."
)


@pytest.fixture(scope="module")
def vectors():
    from modeldemo.bert.encoder import get_encoder

    encoded = get_encoder().encode([ORIGINAL, RESUBMITTED, UNRELATED])
    return [[float(x) for x in row] for row in encoded]


def test_real_embeddings_of_the_texts_are_what_the_test_assumes(vectors):
    import numpy as np

    a, b, c = (np.asarray(v) for v in vectors)
    assert len(vectors[0]) == 384
    assert float(a @ b) >= 0.9
    assert float(a @ c) < 0.5


def test_record_submission_embedding_flags_near_duplicates(conference, vectors):
    original = SubmissionFactory(conference=conference, title="Original")
    again = SubmissionFactory(conference=conference, title="Again")
    other = SubmissionFactory(conference=conference, title="Tomatoes")

    assert services.record_submission_embedding(submission=original, vector=vectors[0]) == []
    assert services.record_submission_embedding(submission=other, vector=vectors[2]) == []
    flagged = services.record_submission_embedding(submission=again, vector=vectors[1])

    assert flagged == [original]
    pair = NearDuplicate.objects.get()
    assert (pair.conference, pair.first, pair.second) == (conference, original, again)
    assert pair.similarity >= 0.9
    assert SubmissionEmbedding.objects.get(submission=again).dimension == 384


def test_record_submission_embedding_again_flags_nothing_new(conference, vectors):
    original = SubmissionFactory(conference=conference)
    again = SubmissionFactory(conference=conference)
    services.record_submission_embedding(submission=original, vector=vectors[0])
    services.record_submission_embedding(submission=again, vector=vectors[1])

    assert services.record_submission_embedding(submission=again, vector=vectors[1]) == []
    assert services.record_submission_embedding(submission=original, vector=vectors[0]) == []
    assert NearDuplicate.objects.count() == 1


def test_record_submission_embedding_unflags_a_rewritten_submission(conference, vectors):
    original = SubmissionFactory(conference=conference)
    again = SubmissionFactory(conference=conference)
    services.record_submission_embedding(submission=original, vector=vectors[0])
    services.record_submission_embedding(submission=again, vector=vectors[1])

    services.record_submission_embedding(submission=again, vector=vectors[2])

    assert NearDuplicate.objects.count() == 0


def test_record_submission_embedding_ignores_other_conferences(conference, vectors):
    original = SubmissionFactory(conference=conference)
    elsewhere = SubmissionFactory()
    services.record_submission_embedding(submission=original, vector=vectors[0])

    assert services.record_submission_embedding(submission=elsewhere, vector=vectors[1]) == []
    assert NearDuplicate.objects.count() == 0


def test_record_submission_embedding_normalises_the_vector(conference, vectors):
    original = SubmissionFactory(conference=conference)
    again = SubmissionFactory(conference=conference)
    services.record_submission_embedding(submission=original, vector=[x * 7.5 for x in vectors[0]])

    assert services.record_submission_embedding(submission=again, vector=vectors[1]) == [original]


@pytest.mark.parametrize("vector", [[], [0.0, 0.0], [1.0, float("nan")]])
def test_record_submission_embedding_refuses_bad_vectors(submission, vector):
    with pytest.raises(ValidationError):
        services.record_submission_embedding(submission=submission, vector=vector)

    assert SubmissionEmbedding.objects.count() == 0

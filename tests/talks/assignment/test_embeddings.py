"""Reviewer embeddings on the real MiniLM (the ml worker's path), and the affinity using them."""

import numpy as np
import pytest

from modeldemo.reviewer_embeddings import embed_reviewers
from talks import services
from talks.assignment.affinity import affinity_matrix
from talks.assignment.profiles import reviewer_texts
from talks.models import ReviewerEmbedding, ReviewerProfile
from talks.services.assignment import request_reviewer_embeddings, store_reviewer_embedding
from tests.talks.assignment.conftest import make_reviewer

pytestmark = pytest.mark.django_db

KUBE = "We serve LLM inference on Kubernetes with GPU autoscaling and request batching."
GARDEN = "Soil, watering schedules and which tomato varieties survive a windy balcony summer."


def test_profiles_are_embedded_once_and_used_by_the_affinity(
    conference, talk, django_capture_on_commit_callbacks
):
    from modeldemo.bert.encoder import get_encoder

    ana = make_reviewer(conference, "ana", "LLM serving on Kubernetes clusters")
    bo = make_reviewer(conference, "bo", "Gardening: tomatoes, soil and watering")
    kube, garden = talk("Serving LLMs", KUBE), talk("Balcony tomatoes", GARDEN)
    for submission, vector in zip(
        (kube, garden),
        get_encoder().encode([kube.categoriser_text, garden.categoriser_text]),
        strict=True,
    ):
        services.record_submission_embedding(
            submission=submission, vector=[float(x) for x in vector]
        )

    with django_capture_on_commit_callbacks(execute=True):
        request_reviewer_embeddings(conference=conference)

    texts = reviewer_texts(conference=conference, user_ids=[ana.pk, bo.pk])
    rows = {row.profile.user_id: row for row in ReviewerEmbedding.objects.select_related("profile")}
    assert set(rows) == {ana.pk, bo.pk}
    assert rows[ana.pk].dimension == 384
    assert rows[ana.pk].text_hash == texts[ana.pk].text_hash
    vector = np.frombuffer(bytes(rows[ana.pk].vector), dtype="<f4")
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
    # Unchanged texts are not encoded again; a changed one is.
    assert embed_reviewers(conference_id=conference.pk) == 0
    ReviewerProfile.objects.filter(user=bo).update(expertise="Gardening on balconies: tomatoes")
    assert embed_reviewers(conference_id=conference.pk) == 1

    result = affinity_matrix(
        conference=conference, submission_ids=[kube.pk, garden.pk], reviewer_ids=[ana.pk, bo.pk]
    )
    assert result.from_embeddings.tolist() == [[True, True], [True, True]]
    assert result.scores[0, 0] > result.scores[0, 1]
    assert result.scores[1, 1] > result.scores[1, 0]
    assert result.reasons(0, 0)[0].startswith("matches your expertise: ")


def test_a_stale_embedding_falls_back_to_tfidf(conference, talk):
    ana = make_reviewer(conference, "ana", "LLM serving on Kubernetes clusters")
    kube = talk("Serving LLMs", KUBE)
    profile = ReviewerProfile.objects.get(user=ana)
    services.record_submission_embedding(submission=kube, vector=[1.0, 0.0, 0.0])
    store_reviewer_embedding(profile=profile, text_hash="old", vector=[0.0, 1.0, 0.0])

    result = affinity_matrix(conference=conference, submission_ids=[kube.pk], reviewer_ids=[ana.pk])

    assert result.from_embeddings.tolist() == [[False]]
    assert result.scores[0, 0] > 0.5

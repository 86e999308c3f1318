"""Affinity on TF-IDF (no embeddings yet): scores, bids, tracks and the reasons in words."""

import pytest

from talks.assignment.affinity import BID_BONUS, TRACK_BONUS, affinity_matrix, terms
from talks.models import BidLevel, ReviewerBid
from tests.talks.assignment.conftest import make_reviewer

pytestmark = pytest.mark.django_db

KUBE = "Running LLM serving on Kubernetes: autoscaling GPU pods, latency and rollouts."
TRANSLATE = "Machine translation for Chinese legal documents with transformers and tokenisers."


def test_terms_keep_phrases_within_commas_and_cut_chinese():
    assert terms("LLM serving, Kubernetes") == ["llm", "serving", "llm serving", "kubernetes"]
    assert terms("我们的大模型推理服务") == ["我们", "模型", "推理", "服务"]


def test_scores_reasons_tracks_and_bids(conference, talk, ops):
    ana = make_reviewer(conference, "ana", "LLM serving, Kubernetes", [ops])
    bo = make_reviewer(conference, "bo", "machine translation, legal text")
    kube, translate = talk("Serving", KUBE, ops), talk("Legal translation", TRANSLATE)
    ReviewerBid.objects.create(submission=translate, reviewer=ana, level=BidLevel.EAGER)
    ReviewerBid.objects.create(submission=kube, reviewer=bo, level=BidLevel.CONFLICT)

    result = affinity_matrix(
        conference=conference, submission_ids=[kube.pk, translate.pk], reviewer_ids=[ana.pk, bo.pk]
    )

    assert result.from_embeddings.tolist() == [[False, False], [False, False]]
    assert result.text_scores[0, 0] > result.text_scores[1, 0]
    assert result.text_scores[1, 1] > result.text_scores[0, 1]
    assert result.scores[0, 1] == 0.0  # a declared conflict
    assert result.scores[1, 0] == pytest.approx(result.text_scores[1, 0] + BID_BONUS["eager"])
    assert result.scores[0, 0] == pytest.approx(min(1.0, result.text_scores[0, 0] + TRACK_BONUS))
    assert result.reasons(0, 0) == [
        "matches your expertise: LLM serving, Kubernetes",
        "track of interest: Operations",
    ]
    assert result.reasons(1, 1) == ["matches your expertise: machine translation, legal"]
    assert result.reasons(1, 0) == ["you bid eager"]
    assert result.bid_preferences == {(1, 0): 1}


def test_a_reviewer_without_any_text_scores_zero(conference, talk):
    empty = make_reviewer(conference, "empty")
    kube = talk("Serving", KUBE)

    result = affinity_matrix(
        conference=conference, submission_ids=[kube.pk], reviewer_ids=[empty.pk]
    )

    assert result.scores.tolist() == [[0.0]]
    assert result.reasons(0, 0) == []

"""The review API with score categories and review phases (issue 16)."""

from decimal import Decimal

from django.utils import timezone

from talks.models import Review, ReviewPhase, ScoreCategory

C = "/api/v1/conferences/devconf/review"


def test_review_api_takes_category_scores_and_stores_the_total(conference, submissions, client_for):
    content = ScoreCategory.objects.create(conference=conference, name="Content", weight=Decimal(3))
    delivery = ScoreCategory.objects.create(conference=conference, name="Delivery")
    pk = submissions["other"].pk

    response = client_for("reviewer").put(
        f"{C}/submissions/{pk}/review/",
        {"scores": {str(content.pk): 5, str(delivery.pk): 1}, "comment": "Deep"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["score"] == 4  # (15 + 1) / 4
    review = Review.objects.get(submission_id=pk)
    assert sorted(review.scores.values_list("category__name", "value")) == [
        ("Content", 5),
        ("Delivery", 1),
    ]


def test_review_api_by_category_refuses_a_plain_score(conference, submissions, client_for):
    ScoreCategory.objects.create(conference=conference, name="Content")
    pk = submissions["other"].pk

    response = client_for("reviewer").put(
        f"{C}/submissions/{pk}/review/", {"score": 4}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"scores": ["Score every category that counts: Content."]}
    assert not Review.objects.filter(submission_id=pk).exists()


def test_review_api_reviews_a_decided_talk_while_a_phase_is_open(
    conference, submissions, client_for
):
    ReviewPhase.objects.create(conference=conference, name="Round 1", started_at=timezone.now())
    pk = submissions["public"].pk

    response = client_for("reviewer").put(
        f"{C}/submissions/{pk}/review/", {"score": 5}, format="json"
    )

    assert response.status_code == 200
    assert Review.objects.get(submission_id=pk).score == 5

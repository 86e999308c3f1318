"""The bids page: a reviewer's wishes on her scope's submissions; conflicts declared at once."""

import pytest
from django.urls import reverse

from talks.models import BidLevel, ReviewerBid
from tests.factories import (
    ReviewerScopeFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)


@pytest.fixture
def url(conference):
    return reverse("talks:bids", args=[conference.slug])


def test_bids_page_lists_the_scope_and_saves_the_bulk_form(client, conference, reviewer, url):
    a = SubmissionFactory(conference=conference, title="Alpha")
    b = SubmissionFactory(conference=conference, title="Beta")
    SubmissionFactory(conference=conference, title="Draft", state="draft")
    client.force_login(reviewer)

    page = client.get(url)

    assert [s.title for s, _field in page.context["rows"]] == ["Alpha", "Beta"]
    response = client.post(url, {f"bid_{a.pk}": "eager", f"bid_{b.pk}": "not", "page": "1"})

    assert response.status_code == 302
    assert dict(ReviewerBid.objects.values_list("submission__title", "level")) == {
        "Alpha": BidLevel.EAGER,
        "Beta": BidLevel.NOT,
    }
    body = client.get(url).content.decode()
    assert '<option value="eager" selected>Eager to review</option>' in body


def test_bids_page_rejects_an_unknown_bid(client, conference, reviewer, url):
    a = SubmissionFactory(conference=conference, title="Alpha")
    client.force_login(reviewer)

    response = client.post(url, {f"bid_{a.pk}": "desperate"})

    assert response.status_code == 400
    assert not ReviewerBid.objects.exists()


def test_bids_page_is_paginated(client, conference, reviewer, url):
    for n in range(52):
        SubmissionFactory(conference=conference, title=f"T{n:02d}")
    client.force_login(reviewer)

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert len(first.context["rows"]) == 50
    assert [s.title for s, _f in second.context["rows"]] == ["T50", "T51"]
    assert second.context["page"].paginator.count == 52


def test_bids_page_keeps_to_the_reviewers_tracks(client, conference, url):
    nlp = TrackFactory(conference=conference, name="NLP")
    vision = TrackFactory(conference=conference, name="Vision")
    limited = ReviewerScopeFactory(
        membership__conference=conference,
        membership__user=UserFactory(username="limited"),
        tracks=[nlp],
    ).membership.user
    mine = SubmissionFactory(conference=conference, title="Mine", track=nlp)
    theirs = SubmissionFactory(conference=conference, title="Theirs", track=vision)
    client.force_login(limited)

    assert [s.title for s, _f in client.get(url).context["rows"]] == ["Mine"]
    response = client.post(url, {f"bid_{mine.pk}": "eager", f"bid_{theirs.pk}": "eager"})
    assert list(ReviewerBid.objects.values_list("submission__title", flat=True)) == ["Mine"]
    assert response.status_code == 302


def test_declaring_a_conflict_hides_the_submission_at_once(client, conference, reviewer, url):
    talk = SubmissionFactory(conference=conference, title="Colleague's talk")
    client.force_login(reviewer)
    review_url = reverse("talks:submission_review", args=[conference.slug, talk.pk])
    assert client.get(review_url).status_code == 200

    response = client.post(
        reverse("talks:bid_conflict", args=[conference.slug, talk.pk]), {"page": "1"}
    )

    assert response.status_code == 302
    assert ReviewerBid.objects.get().level == BidLevel.CONFLICT
    assert client.get(review_url).status_code == 404
    listed = client.get(reverse("talks:review_list", args=[conference.slug]))
    assert list(listed.context["submissions"]) == []
    # The bids page still shows it, so that a mistaken declaration can be taken back.
    body = client.get(url).content.decode()
    assert "The reviewer declared a conflict of interest with this submission." in body
    client.post(url, {f"bid_{talk.pk}": ""})
    assert client.get(review_url).status_code == 200


def test_a_detected_conflict_cannot_be_bid_away(client, conference, reviewer, url):
    own = SubmissionFactory(conference=conference, title="My own talk", speaker=reviewer)
    client.force_login(reviewer)

    rows = client.get(url).context["rows"]

    assert [(s.title, s.conflict, field) for s, field in rows] == [("My own talk", "speaker", None)]
    client.post(url, {f"bid_{own.pk}": "eager"})
    assert not ReviewerBid.objects.exists()


def test_bids_page_is_for_the_team(client, conference, speaker, url):
    client.force_login(speaker)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_bids_page_query_count(client, conference, reviewer, url, count, django_assert_num_queries):
    for n in range(count):
        talk = SubmissionFactory(conference=conference, title=f"T{n}")
        ReviewerBid.objects.create(submission=talk, reviewer=reviewer, level=BidLevel.WILLING)
    client.force_login(reviewer)
    client.get(url)

    with django_assert_num_queries(14):
        response = client.get(url)

    assert len(response.context["rows"]) == count

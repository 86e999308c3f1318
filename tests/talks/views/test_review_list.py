import pytest
from django.urls import reverse

from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    NearDuplicateFactory,
    ReviewFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    UserFactory,
)


@pytest.fixture
def url(conference):
    return reverse("talks:review_list", args=[conference.slug])


def test_review_list_shows_aggregates_to_organisers(client, organiser, conference, url):
    submission = SubmissionFactory(conference=conference, title="Scored")
    for score in (1, 4, 4):
        ReviewFactory(submission=submission, score=score)
    client.force_login(organiser)

    response = client.get(url)

    body = response.content.decode()
    assert '<td class="count score">3</td>' in body
    assert '<td class="mean score">3.00</td>' in body
    assert '<td class="median score">4</td>' in body
    assert response.context["bulk_form"] is not None


def test_review_list_hides_aggregates_and_bulk_from_reviewers(client, reviewer, conference, url):
    submission = SubmissionFactory(conference=conference, title="Scored")
    ReviewFactory(submission=submission, score=1)
    ReviewFactory(submission=submission, reviewer=reviewer, score=5)
    client.force_login(reviewer)

    response = client.get(url)

    body = response.content.decode()
    assert 'class="mean score"' not in body
    assert '<td class="mine score">5</td>' in body
    assert response.context["bulk_form"] is None
    assert 'name="submissions"' not in body


def test_review_list_flags_near_duplicates_with_links(client, organiser, conference, url):
    first = SubmissionFactory(conference=conference, title="First")
    second = SubmissionFactory(conference=conference, title="Second")
    NearDuplicateFactory(first=first, second=second, similarity=0.93)
    client.force_login(organiser)

    body = client.get(url).content.decode()

    link_first = reverse("talks:submission_review", args=[conference.slug, first.pk])
    link_second = reverse("talks:submission_review", args=[conference.slug, second.pk])
    assert f'Near-duplicate of <a href="{link_second}">Second</a> (93%)' in body
    assert f'Near-duplicate of <a href="{link_first}">First</a> (93%)' in body


def test_review_list_leaves_out_drafts(client, organiser, conference, url):
    SubmissionFactory(conference=conference, title="Draft", state="draft")
    client.force_login(organiser)

    assert list(client.get(url).context["submissions"]) == []


def test_review_list_escapes_titles(client, organiser, conference, url):
    SubmissionFactory(conference=conference, title="<script>alert(1)</script>")
    client.force_login(organiser)

    body = client.get(url).content.decode()

    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_review_list_refuses_speakers_and_other_teams(client, speaker, url):
    client.force_login(speaker)
    assert client.get(url).status_code == 403
    client.force_login(MembershipFactory(conference=ConferenceFactory()).user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_review_list_query_count(
    client, organiser, conference, tracks, url, count, django_assert_num_queries
):
    for _ in range(count):
        user = UserFactory()
        SpeakerProfileFactory(user=user)
        submission = SubmissionFactory(conference=conference, speaker=user, track=tracks[0])
        ReviewFactory(submission=submission, score=3)
        NearDuplicateFactory(first=submission, second=SubmissionFactory(conference=conference))
    client.force_login(organiser)

    # session, user, conference, membership, tracks, the count of all matching, one page of
    # submissions (annotated), reviews, speakers with their profiles, near-duplicates
    with django_assert_num_queries(10):
        response = client.get(url)

    assert len(response.context["submissions"]) == 2 * count

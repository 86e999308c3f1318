import pytest
from django.urls import reverse

from talks.models import Review
from tests.factories import (
    NearDuplicateFactory,
    ReviewFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
)


@pytest.fixture
def url(conference, submission):
    return reverse("talks:submission_review", args=[conference.slug, submission.pk])


def test_submission_review_saves_a_score(client, reviewer, submission, url):
    client.force_login(reviewer)

    response = client.post(url, {"score": "4", "comment": "Good <b>stuff</b>"}, follow=True)

    review = Review.objects.get()
    assert (review.reviewer, review.score, review.comment) == (reviewer, 4, "Good <b>stuff</b>")
    assert [str(m) for m in response.context["messages"]] == ["Your review is saved."]
    assert "Good &lt;b&gt;stuff&lt;/b&gt;" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"score": "6"},
            {"score": ["Select a valid choice. 6 is not one of the available choices."]},
        ),
        ({"score": ""}, {"score": ["This field is required."]}),
        (
            {"score": "3", "comment": "x" * 2001},
            {"comment": ["Ensure this value has at most 2000 characters (it has 2001)."]},
        ),
    ],
)
def test_submission_review_bad_input_saves_nothing(client, reviewer, url, data, errors):
    client.force_login(reviewer)

    response = client.post(url, data)

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert Review.objects.count() == 0


def test_submission_review_shows_organisers_every_review_and_the_summary(
    client, organiser, submission, url
):
    for score, comment in ((2, "Weak"), (5, "Great"), (5, "Yes")):
        ReviewFactory(submission=submission, score=score, comment=comment)
    client.force_login(organiser)

    response = client.get(url)

    assert response.context["summary"] == {"count": 3, "mean": 4, "median": 5}
    body = response.content.decode()
    assert (
        '3 reviews · mean <span class="mean">4.00</span> · median <span class="median">5</span>'
        in body
    )
    assert "Weak" in body and "Great" in body


def test_submission_review_shows_reviewers_only_their_own(
    client, reviewer, second_reviewer, submission, url
):
    ReviewFactory(submission=submission, reviewer=second_reviewer, score=1, comment="Other's view")
    ReviewFactory(submission=submission, reviewer=reviewer, score=4, comment="My view")
    client.force_login(reviewer)

    response = client.get(url)

    assert response.context["summary"] is None
    assert response.context["form"].initial["score"] == 4
    body = response.content.decode()
    assert "My view" in body
    assert "Other&#x27;s view" not in body and "Other's view" not in body


def test_submission_review_history_is_for_organisers(
    client, organiser, reviewer, speaker, submission, url
):
    from talks import services

    services.update_submission(submission=submission, user=speaker, title="Renamed")
    services.change_submission_state(submission=submission, to_state="accepted", user=organiser)
    client.force_login(organiser)

    body = client.get(url).content.decode()

    assert "speaker · Edited" in body
    assert "title: “Speaker&#x27;s talk” → “Renamed”" in body
    assert 'organiser · State changed: <span class="details">Submitted → Accepted</span>' in body
    client.force_login(reviewer)
    assert client.get(url).context["history"] is None


def test_submission_review_after_the_decision_is_read_only(client, reviewer, submission, url):
    ReviewFactory(submission=submission, reviewer=reviewer, score=2)
    submission.state = "rejected"
    submission.save()
    client.force_login(reviewer)

    page = client.get(url)
    response = client.post(url, {"score": "5"}, follow=True)

    assert page.context["form"] is None
    assert [str(m) for m in response.context["messages"]] == [
        "A decision was made: reviews are closed."
    ]
    assert Review.objects.get().score == 2


def test_submission_review_links_near_duplicates(client, organiser, conference, submission, url):
    twin = SubmissionFactory(conference=conference, title="Twin")
    NearDuplicateFactory(first=submission, second=twin, similarity=0.97)
    client.force_login(organiser)

    body = client.get(url).content.decode()

    twin_url = reverse("talks:submission_review", args=[conference.slug, twin.pk])
    assert f'Near-duplicate of <a href="{twin_url}">Twin</a> (97%, Submitted)' in body


def test_submission_review_shows_speaker_profiles(client, organiser, speaker, url):
    SpeakerProfileFactory(user=speaker, name="Ada", bio="<img src=x onerror=alert(1)>")
    client.force_login(organiser)

    body = client.get(url).content.decode()

    assert '<strong class="speaker-name">Ada</strong>' in body
    assert "<img src=x" not in body


def test_submission_review_of_a_draft_or_another_conference_is_404(
    client, organiser, conference, speaker
):
    draft = SubmissionFactory(conference=conference, state="draft")
    foreign = SubmissionFactory()
    client.force_login(organiser)

    for submission in (draft, foreign):
        url = reverse("talks:submission_review", args=[conference.slug, submission.pk])
        assert client.get(url).status_code == 404


def test_submission_review_refuses_speakers(client, speaker, url):
    client.force_login(speaker)

    assert client.get(url).status_code == 403

from django.urls import reverse

from talks.models import Decision, LabelledExample, Submission
from tests.factories import SubmissionFactory


def _url(conference):
    return reverse("talks:track_bulk_confirm", args=[conference.slug])


def test_track_bulk_confirm_confirms_at_or_above(client, organiser, conference, tracks):
    high = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.81
    )
    low = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.79
    )
    client.force_login(organiser)

    asked = client.post(_url(conference), {"min_confidence": "80", "filters": "page=2"})
    assert "<h1>Confirm 1 suggested tracks?</h1>" in asked.content.decode()
    assert "the model neither learns from them nor is measured on them" in asked.content.decode()
    assert Submission.objects.get(pk=high.pk).track is None

    response = client.post(
        _url(conference),
        {"min_confidence": "80", "ids": str(high.pk), "confirm": "1", "filters": "page=2"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "1 suggestions at or above 80% are confirmed."
    ]
    assert response.redirect_chain[0][0].endswith("/review/tracks/?page=2")
    assert Submission.objects.get(pk=high.pk).track_source == "bulk"
    assert Submission.objects.get(pk=low.pk).track is None
    assert not LabelledExample.objects.exists()  # unseen: neither trains nor gates the model
    decision = Decision.objects.get()
    assert (decision.description, decision.count, decision.bulk) == (
        "Suggested tracks confirmed from 80%",
        1,
        True,
    )


def test_track_bulk_confirm_with_nothing_to_confirm(client, organiser, conference, tracks):
    SubmissionFactory(conference=conference, suggested_track=tracks[0], suggested_confidence=0.5)
    client.force_login(organiser)

    response = client.post(_url(conference), {"min_confidence": "80"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "No undecided suggestion is at or above 80%."
    ]


def test_track_bulk_confirm_bad_confidence_changes_nothing(client, organiser, conference, tracks):
    SubmissionFactory(conference=conference, suggested_track=tracks[0], suggested_confidence=0.9)
    client.force_login(organiser)

    response = client.post(_url(conference), {"min_confidence": "101"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Pick a confidence from 0 to 100%."]
    assert not Submission.objects.exclude(track=None).exists()


def test_track_bulk_confirm_refuses_reviewers(client, reviewer, conference, tracks):
    submission = SubmissionFactory(
        conference=conference, suggested_track=tracks[0], suggested_confidence=0.9
    )
    client.force_login(reviewer)

    response = client.post(
        _url(conference), {"min_confidence": "50", "ids": str(submission.pk), "confirm": "1"}
    )

    assert response.status_code == 403
    assert not Submission.objects.exclude(track=None).exists()

from django.urls import reverse

from talks.models import LabelledExample, Submission
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

    response = client.post(_url(conference), {"min_confidence": "80"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "1 suggestions at or above 80% are confirmed."
    ]
    assert Submission.objects.get(pk=high.pk).track_source == "review"
    assert Submission.objects.get(pk=low.pk).track is None
    assert list(LabelledExample.objects.values_list("submission_id", flat=True)) == [high.pk]


def test_track_bulk_confirm_bad_confidence_changes_nothing(client, organiser, conference, tracks):
    SubmissionFactory(conference=conference, suggested_track=tracks[0], suggested_confidence=0.9)
    client.force_login(organiser)

    response = client.post(_url(conference), {"min_confidence": "101"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Pick a confidence from 0 to 100%."]
    assert not Submission.objects.exclude(track=None).exists()


def test_track_bulk_confirm_refuses_reviewers(client, reviewer, conference, tracks):
    SubmissionFactory(conference=conference, suggested_track=tracks[0], suggested_confidence=0.9)
    client.force_login(reviewer)

    response = client.post(_url(conference), {"min_confidence": "50"})

    assert response.status_code == 403
    assert not Submission.objects.exclude(track=None).exists()

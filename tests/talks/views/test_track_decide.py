from django.urls import reverse

from talks.models import LabelledExample, Submission
from tests.factories import SubmissionFactory, TrackFactory


def _url(conference, submission):
    return reverse("talks:track_decide", args=[conference.slug, submission.pk])


def test_track_decide_confirms_the_suggestion(client, organiser, conference, tracks):
    submission = SubmissionFactory(
        conference=conference, suggested_track=tracks[1], suggested_confidence=0.6
    )
    client.force_login(organiser)

    response = client.post(_url(conference, submission), {"track": tracks[1].pk})

    submission.refresh_from_db()
    assert response.status_code == 302
    assert (submission.track, submission.track_source) == (tracks[1], "review")
    assert LabelledExample.objects.get().label == "Vision"


def test_track_decide_overrides_the_suggestion(client, reviewer, conference, tracks):
    submission = SubmissionFactory(
        conference=conference, suggested_track=tracks[1], suggested_confidence=0.6
    )
    client.force_login(reviewer)

    client.post(_url(conference, submission), {"track": tracks[2].pk})

    submission.refresh_from_db()
    assert (submission.track, submission.track_source) == (tracks[2], "override")
    assert LabelledExample.objects.get().label == "Speech"


def test_track_decide_refuses_another_conferences_track(client, organiser, conference, tracks):
    submission = SubmissionFactory(conference=conference)
    foreign = TrackFactory()
    client.force_login(organiser)

    response = client.post(_url(conference, submission), {"track": foreign.pk}, follow=True)

    submission.refresh_from_db()
    assert submission.track is None
    assert [str(m) for m in response.context["messages"]] == [
        "Pick one of this conference's tracks."
    ]


def test_track_decide_refuses_speakers(client, speaker, conference, tracks, submission):
    client.force_login(speaker)

    response = client.post(_url(conference, submission), {"track": tracks[0].pk})

    assert response.status_code == 403
    assert Submission.objects.get(pk=submission.pk).track is None


def test_track_decide_of_a_draft_is_404(client, organiser, conference, tracks):
    draft = SubmissionFactory(conference=conference, state="draft")
    client.force_login(organiser)

    assert client.post(_url(conference, draft), {"track": tracks[0].pk}).status_code == 404

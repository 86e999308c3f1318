"""/speakers/<id>/: the old address of a speaker's page leads to the agenda's speaker page."""

from datetime import date

from django.urls import reverse

from tests.factories import ConferenceFactory, SpeakerProfileFactory, SubmissionFactory


def test_speaker_page_redirects_to_the_agenda_speaker_page(client, speaker, conference):
    SubmissionFactory(conference=conference, speaker=speaker, state="accepted")

    response = client.get(reverse("talks:speaker_page", args=[speaker.pk]))

    assert (response.status_code, response["Location"]) == (
        302,
        f"/c/devconf/schedule/speakers/{speaker.pk}/",
    )


def test_speaker_page_goes_to_the_conference_of_the_latest_talk(client, speaker, conference):
    conference.start_date, conference.end_date = date(2026, 5, 1), date(2026, 5, 2)
    conference.save()
    later = ConferenceFactory(slug="later", start_date=date(2027, 5, 1), end_date=date(2027, 5, 2))
    SubmissionFactory(conference=conference, speaker=speaker, state="accepted")
    SubmissionFactory(conference=later, speaker=speaker, state="confirmed")

    response = client.get(reverse("talks:speaker_page", args=[speaker.pk]))

    assert response["Location"] == f"/c/later/schedule/speakers/{speaker.pk}/"


def test_speaker_page_shows_accepted_talks_before_any_release(client, speaker, conference):
    SpeakerProfileFactory(
        user=speaker, name="Ada", affiliation="Engines", links="https://ada.example.org"
    )
    SubmissionFactory(conference=conference, speaker=speaker, title="Accepted", state="accepted")
    SubmissionFactory(conference=conference, speaker=speaker, title="Confirmed", state="confirmed")
    SubmissionFactory(conference=conference, speaker=speaker, title="Pending")
    SubmissionFactory(conference=conference, speaker=speaker, title="Rejected", state="rejected")

    response = client.get(reverse("talks:speaker_page", args=[speaker.pk]), follow=True)

    assert response.status_code == 200
    assert [talk.title for talk in response.context["not_scheduled"]] == ["Accepted", "Confirmed"]
    assert (response.context["speaker"].name, response.context["speaker"].affiliation) == (
        "Ada",
        "Engines",
    )
    body = response.content.decode()
    assert '<a href="https://ada.example.org" rel="nofollow noopener">' in body
    assert "Pending" not in body and "Rejected" not in body


def test_speaker_page_without_an_accepted_talk_is_404(client, speaker, submission):
    assert client.get(reverse("talks:speaker_page", args=[speaker.pk])).status_code == 404


def test_speaker_page_escapes_the_profile(client, speaker, conference):
    SpeakerProfileFactory(user=speaker, name="<script>x()</script>")
    SubmissionFactory(conference=conference, speaker=speaker, state="accepted")

    body = client.get(
        reverse("talks:speaker_page", args=[speaker.pk]), follow=True
    ).content.decode()

    assert "<script>x()</script>" not in body
    assert "&lt;script&gt;x()&lt;/script&gt;" in body

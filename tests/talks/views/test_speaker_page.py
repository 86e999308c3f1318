from django.urls import reverse

from tests.factories import SpeakerProfileFactory, SubmissionFactory


def test_speaker_page_shows_accepted_talks(client, speaker, conference):
    SpeakerProfileFactory(
        user=speaker, name="Ada", affiliation="Engines", links="https://ada.example.org"
    )
    SubmissionFactory(conference=conference, speaker=speaker, title="Accepted", state="accepted")
    SubmissionFactory(conference=conference, speaker=speaker, title="Confirmed", state="confirmed")
    SubmissionFactory(conference=conference, speaker=speaker, title="Pending")
    SubmissionFactory(conference=conference, speaker=speaker, title="Rejected", state="rejected")

    response = client.get(reverse("talks:speaker_page", args=[speaker.pk]))

    assert response.status_code == 200
    assert [talk.title for talk in response.context["talks"]] == ["Accepted", "Confirmed"]
    body = response.content.decode()
    assert '<a href="https://ada.example.org" rel="nofollow noopener">' in body
    assert "Pending" not in body and "Rejected" not in body


def test_speaker_page_without_an_accepted_talk_is_404(client, speaker, submission):
    assert client.get(reverse("talks:speaker_page", args=[speaker.pk])).status_code == 404


def test_speaker_page_escapes_the_profile(client, speaker, conference):
    SpeakerProfileFactory(user=speaker, name="<script>x()</script>")
    SubmissionFactory(conference=conference, speaker=speaker, state="accepted")

    body = client.get(reverse("talks:speaker_page", args=[speaker.pk])).content.decode()

    assert "<script>x()</script>" not in body
    assert "&lt;script&gt;x()&lt;/script&gt;" in body

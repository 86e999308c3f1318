from django.urls import reverse

from tests.factories import SpeakerProfileFactory, SubmissionFactory
from tests.talks.conftest import png_bytes, png_upload


def _url(user):
    return reverse("talks:speaker_photo", args=[user.pk])


def test_speaker_photo_of_a_public_speaker(client, speaker, conference):
    SpeakerProfileFactory(user=speaker, photo=png_upload())
    SubmissionFactory(conference=conference, speaker=speaker, state="confirmed")

    response = client.get(_url(speaker))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Type"] == "image/png"


def test_speaker_photo_before_acceptance_is_private(client, speaker, other_speaker, submission):
    SpeakerProfileFactory(user=speaker, photo=png_upload())

    assert client.get(_url(speaker)).status_code == 404
    client.force_login(other_speaker)
    assert client.get(_url(speaker)).status_code == 404
    client.force_login(speaker)
    assert client.get(_url(speaker)).status_code == 200


def test_speaker_photo_for_the_organisers(client, speaker, organiser, submission):
    SpeakerProfileFactory(user=speaker, photo=png_upload())
    client.force_login(organiser)

    assert client.get(_url(speaker)).status_code == 200


def test_speaker_photo_without_a_photo_is_404(client, speaker):
    SpeakerProfileFactory(user=speaker)
    client.force_login(speaker)

    assert client.get(_url(speaker)).status_code == 404

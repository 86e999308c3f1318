import pytest
from django.urls import reverse

from conference.models import Track
from tests.factories import TrackFactory


def test_track_create(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(
        reverse("setup:track_create", args=[conference.slug]),
        {"name": "Speech", "description": "ASR and TTS.", "colour": "#2ca02c", "position": 3},
    )

    track = Track.objects.get()
    assert response["Location"] == reverse("setup:tracks", args=[conference.slug])
    assert (
        track.conference,
        track.name,
        track.slug,
        track.description,
        track.colour,
        track.position,
    ) == (
        conference,
        "Speech",
        "speech",
        "ASR and TTS.",
        "#2ca02c",
        3,
    )


def test_track_create_refuses_a_bad_colour(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(
        reverse("setup:track_create", args=[conference.slug]),
        {"name": "Speech", "colour": "green", "position": 0},
    )

    assert response.context["form"].errors == {"colour": ["Use a colour like #4a6fa5."]}
    assert Track.objects.count() == 0


def test_track_create_refuses_a_taken_name(client, organiser, conference):
    TrackFactory(conference=conference, name="Speech")
    client.force_login(organiser)

    response = client.post(
        reverse("setup:track_create", args=[conference.slug]),
        {"name": "Speech", "colour": "#2ca02c", "position": 0},
    )

    assert response.context["form"].non_field_errors() == [
        "Track with this Conference and Name already exists."
    ]


def test_track_edit(client, organiser, conference):
    track = TrackFactory(conference=conference, name="NLP", slug="nlp")
    client.force_login(organiser)

    client.post(
        reverse("setup:track_edit", args=[conference.slug, track.pk]),
        {"name": "Language", "description": "Words.", "colour": "#000000", "position": 1},
    )

    track.refresh_from_db()
    assert (track.name, track.slug, track.description) == ("Language", "nlp", "Words.")


def test_track_of_another_conference_is_404(client, organiser, conference):
    other = TrackFactory()
    client.force_login(organiser)

    assert (
        client.get(reverse("setup:track_edit", args=[conference.slug, other.pk])).status_code == 404
    )
    assert (
        client.post(reverse("setup:track_delete", args=[conference.slug, other.pk])).status_code
        == 404
    )
    assert Track.objects.filter(pk=other.pk).exists()


def test_track_delete_asks_then_deletes(client, organiser, conference):
    track = TrackFactory(conference=conference, name="NLP")
    client.force_login(organiser)
    url = reverse("setup:track_delete", args=[conference.slug, track.pk])

    page = client.get(url)
    response = client.post(url)

    assert "Delete “NLP”?" in page.content.decode()
    assert response.status_code == 302
    assert Track.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_track_list_query_count(client, organiser, conference, count, django_assert_num_queries):
    TrackFactory.create_batch(count, conference=conference)
    client.force_login(organiser)

    # session, user, conference, membership, tracks
    with django_assert_num_queries(5):
        response = client.get(reverse("setup:tracks", args=[conference.slug]))

    assert len(response.context["tracks"]) == count

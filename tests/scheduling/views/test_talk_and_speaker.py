"""Talk and speaker pages of a release."""

from django.urls import reverse

from scheduling import services
from tests.factories import PASSWORD, SubmissionFactory
from tests.scheduling.builders import SCRIPT_TITLE, UMLAUT_TITLE


def test_talk_page_shows_abstract_speakers_room_time_and_calendar_link(client, hard):
    talk = hard["talks"][1]

    response = client.get(reverse("scheduling:talk", args=[hard["conference"].slug, talk.pk]))

    body = response.content.decode()
    assert response.context["entry"].room.name == "会议室 A"
    assert "Sunday 25 October 2026, 10:00</time>–" in body
    assert "(Europe/Berlin)" in body
    assert "Über Ökosysteme: 机器学习 &amp; &lt;b&gt;HTML&lt;/b&gt;" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert f'href="/c/ai-dev-conf/schedule/talks/{talk.pk}.ics"' in body
    assert [s.name for s in response.context["talk"].speakers] == [
        "王小明",
        "<script>alert(1)</script>",
    ]


def test_talk_page_of_an_older_release_uses_its_own_links(client, hard):
    talk = hard["talks"][0]
    services.publish_release(conference=hard["conference"])

    response = client.get(
        reverse("scheduling:release_talk", args=[hard["conference"].slug, "v1", talk.pk])
    )

    assert f'href="/c/ai-dev-conf/schedule/v/v1/talks/{talk.pk}.ics"' in response.content.decode()


def test_a_talk_not_in_the_release_is_404(client, hard):
    unscheduled = SubmissionFactory(conference=hard["conference"], state="confirmed")

    response = client.get(
        reverse("scheduling:talk", args=[hard["conference"].slug, unscheduled.pk])
    )

    assert response.status_code == 404


def test_speaker_page_lists_their_talks(client, hard):
    zoe = hard["speakers"][0]

    response = client.get(reverse("scheduling:speaker", args=[hard["conference"].slug, zoe.pk]))

    assert response.context["speaker"].name == "Zoë Müller-Łukasiewicz"
    assert [e.title for e in response.context["speaker"].entries] == [
        SCRIPT_TITLE,
        "Keynote: Große Modelle",
    ]
    assert "Forscht an &lt;Sprachmodellen&gt; &amp; mehr." in response.content.decode()


def test_speaker_without_talk_in_release_is_404(client, hard, speaker):
    response = client.get(reverse("scheduling:speaker", args=[hard["conference"].slug, speaker.pk]))

    assert response.status_code == 404


def test_speakers_of_accepted_talks_see_the_availability_link(client, hard):
    client.login(username="wang", password=PASSWORD)

    body = client.get(reverse("scheduling:agenda", args=[hard["conference"].slug])).content.decode()

    assert 'href="/c/ai-dev-conf/schedule/availability/"' in body
    assert UMLAUT_TITLE not in body  # the grid opens on Saturday; Wang speaks on Sunday


def test_the_talk_page_has_the_agendas_star_button(client, hard):
    from tests.factories import UserFactory

    talk = hard["talks"][0]
    url = reverse("scheduling:talk", args=[hard["conference"].slug, talk.pk])
    anonymous = client.get(url).content.decode()
    UserFactory(username="ann")
    client.login(username="ann", password=PASSWORD)
    client.post(reverse("scheduling:star", args=[hard["conference"].slug, talk.pk]))
    starred = client.get(url).content.decode()

    # Anonymous: to the log-in page and back, nothing personal in the star (the one CSRF
    # token is the language switcher's).
    assert (
        f'<form method="get" action="/accounts/login/" class="star-form" data-talk="{talk.pk}">'
        in anonymous
    )
    assert anonymous.count("csrfmiddlewaretoken") == 1
    assert '<span class="label">Add to my agenda</span>' in anonymous
    assert 'aria-pressed="true" title="Remove from my agenda"' in starred
    assert '<span class="label">Remove from my agenda</span>' in starred


def test_an_address_template_is_no_page(client, hard):
    from scheduling.links import ID_PLACEHOLDER, page_templates, with_id

    templates = page_templates(hard["conference"], None)

    assert templates["talk_url"] == f"/c/ai-dev-conf/schedule/talks/{ID_PLACEHOLDER}/"
    assert with_id(templates["speaker_url"], 12) == "/c/ai-dev-conf/schedule/speakers/12/"
    assert client.get(templates["talk_url"]).status_code == 404


def test_talk_page_shows_track_format_level_and_language(client, hard):
    talk = hard["talks"][0]

    response = client.get(reverse("scheduling:talk", args=[hard["conference"].slug, talk.pk]))

    body = " ".join(response.content.decode().split())
    assert '<dt>Track</dt><dd><span class="track">NLP &amp; Sprache</span></dd>' in body
    assert "<dt>Format</dt><dd>Talk</dd>" in body
    assert "<dt>Level</dt><dd>Beginner</dd>" in body
    assert "<dt>Language</dt><dd>German</dd>" in body


def test_talk_page_shows_the_speakers_profile_as_it_is_now(client, hard):
    talk, zoe = hard["talks"][0], hard["speakers"][0]
    profile = zoe.speaker_profile
    profile.name, profile.bio = "Zoë Müller", "Neue Biografie."
    profile.save()

    response = client.get(reverse("scheduling:talk", args=[hard["conference"].slug, talk.pk]))

    assert [(s.name, s.biography) for s in response.context["speakers"]] == [
        ("Zoë Müller", "Neue Biografie.")
    ]
    body = response.content.decode()
    assert "Zoë Müller</a>" in body and "Neue Biografie." in body
    assert "Zoë Müller-Łukasiewicz" not in body


def test_speaker_page_shows_the_profile_as_it_is_now(client, hard):
    zoe = hard["speakers"][0]
    profile = zoe.speaker_profile
    profile.affiliation, profile.bio = "TU Berlin", "Neu."
    profile.save()

    response = client.get(reverse("scheduling:speaker", args=[hard["conference"].slug, zoe.pk]))

    speaker = response.context["speaker"]
    assert (speaker.name, speaker.affiliation, speaker.biography) == (
        "Zoë Müller-Łukasiewicz",
        "TU Berlin",
        "Neu.",
    )
    assert len(speaker.entries) == 2


def test_speaker_page_lists_accepted_talks_not_on_the_agenda_yet(client, hard):
    zoe = hard["speakers"][0]
    SubmissionFactory(conference=hard["conference"], speaker=zoe, title="Später", state="accepted")

    response = client.get(reverse("scheduling:speaker", args=[hard["conference"].slug, zoe.pk]))

    assert [t.title for t in response.context["not_scheduled"]] == ["Später"]
    assert "Später</strong>" in response.content.decode()


def test_speaker_page_of_an_older_release_lists_only_that_release(client, hard):
    zoe = hard["speakers"][0]
    SubmissionFactory(conference=hard["conference"], speaker=zoe, title="Später", state="accepted")

    response = client.get(
        reverse("scheduling:release_speaker", args=[hard["conference"].slug, "v1", zoe.pk])
    )

    assert response.context["not_scheduled"] == []
    assert len(response.context["speaker"].entries) == 2


def test_speaker_page_before_any_release(client, speaker, conference):
    SubmissionFactory(conference=conference, speaker=speaker, title="Accepted", state="accepted")

    response = client.get(reverse("scheduling:speaker", args=[conference.slug, speaker.pk]))

    assert response.status_code == 200
    assert [t.title for t in response.context["not_scheduled"]] == ["Accepted"]

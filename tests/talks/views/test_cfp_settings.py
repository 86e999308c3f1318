from datetime import UTC, datetime

import pytest
from django.urls import reverse

from talks.models import CfpSettings
from tests.factories import CfpSettingsFactory


@pytest.fixture
def url(conference):
    return reverse("talks:cfp_settings", args=[conference.slug])


def _data(**overrides):
    data = {
        "cfp_opens_at": "2026-01-01T09:00",
        "cfp_closes_at": "2026-03-01T18:30",
        "levels": ["beginner", "advanced"],
        "languages": ["en", "zh"],
        "max_submissions_per_speaker": "2",
        "anonymised_review": "on",
        "auto_assign_threshold": "85",
        "version": "1",
    }
    for fmt, minutes in {
        "keynote": 45,
        "talk": 30,
        "workshop": 120,
        "panel": 45,
        "lightning": 10,
        "case_study": 30,
    }.items():
        data[f"duration_{fmt}"] = str(minutes)
    data["format_talk"] = "on"
    data["format_workshop"] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_cfp_settings_shows_dates_in_the_conference_time_zone(client, organiser, conference, url):
    conference.cfp_opens_at = datetime(2026, 1, 1, 1, 0, tzinfo=UTC)
    conference.save()
    client.force_login(organiser)

    body = client.get(url).content.decode()

    # Asia/Shanghai is UTC+8.
    assert 'name="cfp_opens_at" value="2026-01-01T09:00"' in body


def test_cfp_settings_saves(client, organiser, conference, url):
    client.force_login(organiser)

    response = client.post(url, _data())

    assert response.status_code == 302
    conference.refresh_from_db()
    assert (conference.cfp_opens_at, conference.cfp_closes_at) == (
        datetime(2026, 1, 1, 1, 0, tzinfo=UTC),
        datetime(2026, 3, 1, 10, 30, tzinfo=UTC),
    )
    settings = CfpSettings.objects.get()
    assert [f.value for f in settings.enabled_formats] == ["talk", "workshop"]
    assert settings.formats["workshop"] == {"enabled": True, "duration": 120}
    assert (
        settings.levels,
        settings.languages,
        settings.max_submissions_per_speaker,
        settings.anonymised_review,
        settings.auto_assign_threshold,
    ) == (["beginner", "advanced"], ["en", "zh"], 2, True, 0.85)


def test_cfp_settings_empty_threshold_and_limit_mean_never_and_none(
    client, organiser, conference, url
):
    client.force_login(organiser)

    client.post(url, _data(auto_assign_threshold="", max_submissions_per_speaker=""))

    settings = CfpSettings.objects.get()
    assert (settings.auto_assign_threshold, settings.max_submissions_per_speaker) == (None, None)


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"cfp_closes_at": "2025-12-01T09:00"},
            {"cfp_closes_at": ["The call for papers must close after it opens."]},
        ),
        (
            {"format_talk": None, "format_workshop": None},
            {"__all__": ["Enable at least one format."]},
        ),
        (
            {"auto_assign_threshold": "120"},
            {"auto_assign_threshold": ["Ensure this value is less than or equal to 100."]},
        ),
        (
            {"duration_talk": "2"},
            {"duration_talk": ["Ensure this value is greater than or equal to 5."]},
        ),
        (
            {"levels": ["expert"]},
            {"levels": ["Select a valid choice. expert is not one of the available choices."]},
        ),
    ],
)
def test_cfp_settings_bad_input_saves_nothing(
    client, organiser, conference, url, overrides, errors
):
    client.force_login(organiser)

    response = client.post(url, _data(**overrides))

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert CfpSettings.objects.count() == 0
    conference.refresh_from_db()
    assert conference.cfp_opens_at != datetime(2026, 1, 1, 1, 0, tzinfo=UTC)


def test_cfp_settings_stale_form_saves_nothing(client, organiser, conference, url):
    CfpSettingsFactory(conference=conference, version=2, max_submissions_per_speaker=7)
    client.force_login(organiser)

    response = client.post(url, _data(version="1"))

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Somebody else changed this since you opened the form. Nothing was saved: reload the "
        "page to see their changes, then make yours again."
    ]
    assert CfpSettings.objects.get().max_submissions_per_speaker == 7


@pytest.mark.parametrize("who", ["reviewer", "speaker"])
def test_cfp_settings_is_for_organisers(client, request, url, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(url).status_code == 403
    assert client.post(url, _data()).status_code == 403
    assert CfpSettings.objects.count() == 0

"""The call-for-papers settings service."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talks import services
from talks.enums import DEFAULT_DURATIONS
from talks.models import CfpSettings


def _values(**overrides):
    values = {
        "cfp_opens_at": datetime(2026, 1, 1, 1, 0, tzinfo=UTC),
        "cfp_closes_at": datetime(2026, 3, 1, 1, 0, tzinfo=UTC),
        "formats": {
            fmt: {"enabled": fmt in ("talk", "workshop"), "duration": minutes}
            for fmt, minutes in DEFAULT_DURATIONS.items()
        }
        | {"workshop": {"enabled": True, "duration": 120}},
        "levels": ["advanced", "beginner"],
        "languages": ["zh"],
        "max_submissions_per_speaker": 2,
        "anonymised_review": True,
        "auto_assign_threshold": 0.85,
    }
    values.update(overrides)
    return values


def test_cfp_settings_default_without_a_row(conference):
    settings = CfpSettings.for_conference(conference)

    assert settings.pk is None
    assert [f.value for f in settings.enabled_formats] == [
        "keynote",
        "talk",
        "workshop",
        "panel",
        "lightning",
        "case_study",
    ]
    assert (settings.levels, settings.languages) == (
        ["beginner", "intermediate", "advanced"],
        ["en", "zh"],
    )
    assert (settings.max_submissions_per_speaker, settings.auto_assign_threshold) == (None, None)


def test_update_cfp_settings_saves_settings_and_dates(conference, organiser):
    settings = services.update_cfp_settings(
        conference=conference, user=organiser, expected_version=1, **_values()
    )

    conference.refresh_from_db()
    assert (conference.cfp_opens_at, conference.cfp_closes_at) == (
        datetime(2026, 1, 1, 1, 0, tzinfo=UTC),
        datetime(2026, 3, 1, 1, 0, tzinfo=UTC),
    )
    assert [f.value for f in settings.enabled_formats] == ["talk", "workshop"]
    assert settings.duration_for("workshop") == 120
    assert (settings.levels, settings.languages) == (["beginner", "advanced"], ["zh"])
    assert (
        settings.max_submissions_per_speaker,
        settings.anonymised_review,
        settings.auto_assign_threshold,
        settings.version,
    ) == (2, True, 0.85, 2)


def test_update_cfp_settings_stale_version_saves_nothing(conference, organiser):
    services.update_cfp_settings(
        conference=conference, user=organiser, expected_version=1, **_values()
    )

    with pytest.raises(services.StaleEdit):
        services.update_cfp_settings(
            conference=conference,
            user=organiser,
            expected_version=1,
            **_values(max_submissions_per_speaker=9, cfp_closes_at=None),
        )

    conference.refresh_from_db()
    assert CfpSettings.objects.get().max_submissions_per_speaker == 2
    assert conference.cfp_closes_at == datetime(2026, 3, 1, 1, 0, tzinfo=UTC)


def test_update_cfp_settings_closing_before_opening_saves_nothing(conference, organiser):
    with pytest.raises(ValidationError) as error:
        services.update_cfp_settings(
            conference=conference,
            user=organiser,
            expected_version=1,
            **_values(cfp_closes_at=datetime(2025, 1, 1, tzinfo=UTC)),
        )

    assert error.value.message_dict == {
        "cfp_closes_at": ["The call for papers must close after it opens."]
    }
    assert CfpSettings.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (
            {"formats": {f: {"enabled": False, "duration": 30} for f in DEFAULT_DURATIONS}},
            "formats",
        ),
        ({"auto_assign_threshold": 1.5}, "auto_assign_threshold"),
        ({"max_submissions_per_speaker": 0}, "max_submissions_per_speaker"),
    ],
)
def test_update_cfp_settings_bad_values_save_nothing(conference, organiser, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.update_cfp_settings(
            conference=conference, user=organiser, expected_version=1, **_values(**overrides)
        )

    assert list(error.value.message_dict) == [field]
    assert CfpSettings.objects.count() == 0


def test_update_cfp_settings_is_for_organisers(conference, reviewer):
    with pytest.raises(PermissionDenied):
        services.update_cfp_settings(
            conference=conference, user=reviewer, expected_version=1, **_values()
        )

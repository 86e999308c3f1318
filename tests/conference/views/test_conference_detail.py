from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from talks.models import CfpSettings


def _get(client, conference):
    return client.get(reverse("conference:detail", args=[conference.slug]))


def test_conference_detail_links_agenda_speakers_cfp_and_registration(client, conference):
    body = _get(client, conference).content.decode()

    for href in (
        "/c/devconf/schedule/",
        "/c/devconf/speakers/",
        "#cfp-heading",
        "/c/devconf/register/",
        "/c/devconf/submit/",
    ):
        assert f'href="{href}"' in body


def test_conference_detail_shows_the_deadline_in_the_conference_zone(client, conference):
    # 2030-03-01 15:59 UTC is 23:59 in Shanghai.
    conference.cfp_closes_at = datetime(2030, 3, 1, 15, 59, tzinfo=UTC)
    conference.save()

    response = _get(client, conference)

    cfp = response.context["cfp"]
    assert (cfp.state, cfp.closes_at.isoformat()) == ("open", "2030-03-01T23:59:00+08:00")
    assert "Open until 2030-03-01 23:59 (Asia/Shanghai)." in response.content.decode()


def test_conference_detail_lists_formats_with_durations_levels_and_languages(client, conference):
    CfpSettings.objects.create(
        conference=conference,
        formats={
            "keynote": {"enabled": False, "duration": 45},
            "talk": {"enabled": True, "duration": 25},
            "workshop": {"enabled": True, "duration": 120},
        },
        levels=["beginner", "advanced"],
        languages=["zh"],
    )

    response = _get(client, conference)

    cfp = response.context["cfp"]
    assert cfp.formats == [("Talk", 25), ("Workshop", 120)]
    assert (cfp.levels, cfp.languages) == (["Beginner", "Advanced"], ["Chinese"])
    body = response.content.decode()
    assert "<li>Talk: 25 minutes</li><li>Workshop: 120 minutes</li>" in body
    assert '<dd class="cfp-levels">Beginner, Advanced</dd>' in body
    assert '<dd class="cfp-languages">Chinese</dd>' in body


@pytest.mark.parametrize(
    ("opens", "closes", "state", "text"),
    [
        (-20, -1, "closed", "The call for papers is closed."),
        (5, 30, "upcoming", "Opens "),
    ],
)
def test_conference_detail_says_when_the_cfp_is_not_open(
    client, conference, opens, closes, state, text
):
    now = timezone.now()
    conference.cfp_opens_at = now + timedelta(days=opens)
    conference.cfp_closes_at = now + timedelta(days=closes)
    conference.save()

    response = _get(client, conference)

    assert response.context["cfp"].state == state
    body = response.content.decode()
    assert text in body
    assert 'href="/c/devconf/submit/"' not in body


def test_conference_detail_query_count(client, conference, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert _get(client, conference).status_code == 200

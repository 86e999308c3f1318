from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import reverse


def _data(**overrides):
    data = {
        "name": "DevConf 2026",
        "description": "Two days.",
        "venue": "Hall 7",
        "start_date": "2026-09-10",
        "end_date": "2026-09-11",
        "timezone": "Asia/Shanghai",
        "cfp_opens_at": "2026-05-01T09:00",
        "cfp_closes_at": "2026-06-30T18:00",
    }
    data.update(overrides)
    return data


def test_conference_edit_saves_with_local_times(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(reverse("setup:conference", args=[conference.slug]), _data())

    conference.refresh_from_db()
    assert response.status_code == 302
    assert (conference.name, conference.venue, conference.start_date, conference.end_date) == (
        "DevConf 2026",
        "Hall 7",
        date(2026, 9, 10),
        date(2026, 9, 11),
    )
    # 09:00 in Shanghai is 01:00 UTC.
    assert conference.cfp_opens_at == datetime(2026, 5, 1, 1, 0, tzinfo=ZoneInfo("UTC"))


def test_conference_edit_shows_local_times(client, organiser, conference):
    conference.cfp_opens_at = datetime(2026, 5, 1, 1, 0, tzinfo=ZoneInfo("UTC"))
    conference.save()
    client.force_login(organiser)

    body = client.get(reverse("setup:conference", args=[conference.slug])).content.decode()

    assert 'value="2026-05-01T09:00"' in body


def test_conference_edit_refuses_end_before_start(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(
        reverse("setup:conference", args=[conference.slug]), _data(end_date="2026-09-01")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "end_date": ["The last day cannot be before the first day."]
    }


def test_conference_edit_refuses_unknown_time_zone(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(
        reverse("setup:conference", args=[conference.slug]), _data(timezone="Mars/Olympus")
    )

    assert response.context["form"].errors == {
        "timezone": ["Select a valid choice. Mars/Olympus is not one of the available choices."]
    }


def test_conference_edit_reads_times_in_a_newly_chosen_time_zone(client, organiser, conference):
    client.force_login(organiser)

    client.post(
        reverse("setup:conference", args=[conference.slug]),
        _data(timezone="Europe/Berlin", cfp_opens_at="2026-05-01T09:00"),
    )

    conference.refresh_from_db()
    # 09:00 in Berlin (summer time) is 07:00 UTC.
    assert conference.timezone == "Europe/Berlin"
    assert conference.cfp_opens_at == datetime(2026, 5, 1, 7, 0, tzinfo=ZoneInfo("UTC"))

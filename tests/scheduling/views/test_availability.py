"""Speakers of accepted talks enter when they can give them."""

from datetime import time

import pytest
from django.urls import reverse

from scheduling import selectors
from tests.factories import PASSWORD, SubmissionFactory


def url(conference):
    return reverse("scheduling:availability", args=[conference.slug])


def formset_data(rows):
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "30",
    }
    for index, (day, start, end, *preferred) in enumerate(rows):
        data.update(
            {
                f"form-{index}-day": day,
                f"form-{index}-starts_at": start,
                f"form-{index}-ends_at": end,
            }
        )
        if preferred and preferred[0]:
            data[f"form-{index}-preferred"] = "on"
    return data


@pytest.mark.parametrize("state", ["submitted", "rejected", "withdrawn"])
def test_only_speakers_of_accepted_talks_enter_availability(client, berlin, speaker, state):
    SubmissionFactory(conference=berlin, speaker=speaker, state=state)
    client.login(username="speaker", password=PASSWORD)

    assert client.get(url(berlin)).status_code == 403


def test_anonymous_people_log_in_first(client, berlin):
    assert client.get(url(berlin))["Location"].startswith("/accounts/login/")


def test_a_speaker_saves_windows_in_local_time(client, berlin, speaker):
    SubmissionFactory(conference=berlin, speaker=speaker, state="accepted")
    client.login(username="speaker", password=PASSWORD)

    response = client.post(
        url(berlin),
        formset_data(
            [
                ("2026-10-25", "09:00", "12:00", True),
                ("2026-10-24", "14:00", "18:00"),
                ("", "", ""),
            ]
        ),
    )

    assert response.status_code == 302
    assert selectors.availability_of(user=speaker, conference=berlin).windows == [
        {"start": "2026-10-24T12:00:00Z", "end": "2026-10-24T16:00:00Z"},
        {"start": "2026-10-25T08:00:00Z", "end": "2026-10-25T11:00:00Z", "preferred": True},
    ]
    page = client.get(url(berlin))
    assert [form.initial for form in page.context["formset"].initial_forms] == [
        {"day": "2026-10-24", "starts_at": time(14), "ends_at": time(18), "preferred": False},
        {"day": "2026-10-25", "starts_at": time(9), "ends_at": time(12), "preferred": True},
    ]


def test_a_backwards_window_is_shown_as_an_error(client, berlin, speaker):
    SubmissionFactory(conference=berlin, speaker=speaker, state="confirmed")
    client.login(username="speaker", password=PASSWORD)

    response = client.post(url(berlin), formset_data([("2026-10-25", "12:00", "09:00")]))

    assert response.status_code == 200
    assert response.context["formset"].forms[0].non_field_errors() == [
        "A window must end after it starts."
    ]
    assert selectors.availability_of(user=speaker, conference=berlin) is None

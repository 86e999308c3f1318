"""A speaker's own pages with their slots: My submissions, a submission's page, the iCal file of
their talks (the scheduling side of talks' templates, scheduling/templatetags/speaker_area.py)."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from scheduling import services
from tests.factories import SubmissionFactory
from tests.scheduling.builders import SCRIPT_TITLE, at


@pytest.fixture
def zoe(client, hard):
    user = hard["speakers"][0]
    client.force_login(user)
    return user


def _slot_text(response, submission) -> str:
    body = response.content.decode()
    start = body.index(f'data-submission="{submission.pk}"')
    return " ".join(body[start : body.index("</li>\n", body.index('class="when"', start))].split())


def test_my_submissions_show_state_track_day_time_and_room(client, hard, zoe):
    first = hard["talks"][0]

    response = client.get(reverse("talks:submission_list"))

    text = _slot_text(response, first)
    assert '<span class="state">Confirmed</span>' in text
    assert '<span class="track">NLP &amp; Sprache</span>' in text
    assert 'datetime="2026-10-24T10:00:00+02:00">Sat 24 Oct 2026, 10:00–10:30</time>' in text
    assert '(Europe/Berlin)</span> · <span class="room">Großer Saal</span>' in text
    assert f'href="/c/ai-dev-conf/schedule/talks/{first.pk}/"' in text


def test_my_submissions_say_what_moved_since_the_previous_release(client, hard, zoe):
    first, item = hard["talks"][0], hard["items"]["first"]
    saturday = item.start.astimezone(hard["conference"].tzinfo).date()
    services.move_item(
        conference=hard["conference"],
        item_id=item.pk,
        version=item.version,
        room_id=hard["rooms"][1].pk,
        start=at(hard["conference"], saturday, 14),
        end=at(hard["conference"], saturday, 14, 30),
    )
    services.publish_release(conference=hard["conference"])

    text = _slot_text(client.get(reverse("talks:submission_list")), first)

    assert "Sat 24 Oct 2026, 14:00–14:30</time>" in text
    assert '<span class="room">会议室 A</span>' in text
    assert "Moved in v2; it was 2026-10-24 10:00–10:30, Großer Saal." in text


def test_my_submissions_of_an_accepted_talk_without_a_slot(client, hard, zoe):
    waiting = SubmissionFactory(
        conference=hard["conference"], speaker=zoe, title="Later", state="accepted"
    )

    text = _slot_text(client.get(reverse("talks:submission_list")), waiting)

    assert "Not on the agenda of v1." in text


def test_my_submissions_before_any_release(client, speaker, conference):
    submission = SubmissionFactory(conference=conference, speaker=speaker, state="confirmed")
    client.force_login(speaker)

    response = client.get(reverse("talks:submission_list"))

    assert "Not scheduled yet" in _slot_text(response, submission)


def test_my_submissions_link_the_calendar_of_my_talks(client, hard, zoe):
    body = client.get(reverse("talks:submission_list")).content.decode()

    assert '<a href="/c/ai-dev-conf/schedule/mine/talks.ics">My talks at ' in body


@pytest.mark.parametrize("count", [1, 3])
def test_my_submissions_query_count_with_a_release(
    client, hard, zoe, count, django_assert_num_queries
):
    for _ in range(count - 1):
        SubmissionFactory(conference=hard["conference"], speaker=zoe, state="accepted")

    # session, user, submissions, the latest release of each conference (with its snapshot)
    with django_assert_num_queries(4):
        response = client.get(reverse("talks:submission_list"))

    assert len(response.context["submissions"]) == count + 1  # and Zoë's keynote


def test_submission_detail_shows_the_slot_and_its_release(client, hard, zoe):
    first = hard["talks"][0]

    response = client.get(reverse("talks:submission_detail", args=[first.pk]))

    body = " ".join(response.content.decode().split())
    assert "Sat 24 Oct 2026, 10:00–10:30</time>" in body
    assert "Schedule v1, published" in body
    assert "New in v1." in body
    assert '<dd class="track">NLP &amp; Sprache</dd>' in body


def test_my_talks_ics_has_only_my_talks(client, hard, zoe):
    response = client.get(reverse("scheduling:my_talks_ics", args=[hard["conference"].slug]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ai-dev-conf-my-talks.ics"'
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [SCRIPT_TITLE, "Keynote: Große Modelle"]
    assert [e.decoded("dtstart").isoformat() for e in events] == [
        "2026-10-24T08:00:00+00:00",
        "2026-10-26T08:00:00+00:00",
    ]


def test_my_talks_ics_needs_a_login(client, hard):
    response = client.get(reverse("scheduling:my_talks_ics", args=[hard["conference"].slug]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_my_talks_ics_before_a_release_is_404(client, speaker, conference):
    client.force_login(speaker)

    assert client.get(reverse("scheduling:my_talks_ics", args=[conference.slug])).status_code == 404


def test_my_submissions_show_no_slot_for_a_rejected_talk(client, hard, zoe):
    rejected = SubmissionFactory(conference=hard["conference"], speaker=zoe, state="rejected")

    text = _slot_text(client.get(reverse("talks:submission_list")), rejected)

    assert text.endswith('<span class="label visually-hidden">When and where</span> </div>')
    assert "agenda" not in text and "scheduled" not in text

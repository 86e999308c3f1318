"""The editor page, its forms without JavaScript, publish, releases and star counts."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from conference.models import OutboxMail
from scheduling import services
from scheduling.models import Release, ScheduleItem
from tests.factories import (
    PASSWORD,
    FavouriteFactory,
    RoomFactory,
    SubmissionFactory,
    TrackFactory,
)


@pytest.fixture
def hall(conference):
    return RoomFactory(conference=conference, name="Hall", capacity=2)


@pytest.fixture
def logged_in(client, organiser):
    client.login(username="organiser", password=PASSWORD)
    return client


def utc(conference, hour, minute=0, day=0):
    return datetime.combine(
        conference.start_date + timedelta(days=day), datetime.min.time(), tzinfo=UTC
    ).replace(hour=hour, minute=minute)


def place(conference, talk, room, hour):
    return services.create_item(
        conference=conference,
        room_id=room.pk,
        submission_id=talk.pk,
        start=utc(conference, hour),
        end=utc(conference, hour, 30),
    )


def editor_url(conference, query=""):
    return reverse("scheduling:editor", args=[conference.slug]) + query


def test_editor_is_for_organisers(client, conference, reviewer):
    assert client.get(editor_url(conference)).status_code == 302
    client.login(username="reviewer", password=PASSWORD)
    assert client.get(editor_url(conference)).status_code == 403


def test_editor_shows_unscheduled_talks_grid_and_conflicts(logged_in, conference, hall, speaker):
    nlp = TrackFactory(conference=conference, name="NLP", slug="nlp")
    placed = SubmissionFactory(
        conference=conference, speaker=speaker, title="Placed <b>", state="accepted", track=nlp
    )
    SubmissionFactory(conference=conference, speaker=speaker, title="Waiting", state="confirmed")
    SubmissionFactory(conference=conference, title="Undecided", state="submitted")
    place(conference, placed, hall, 2)

    response = logged_in.get(editor_url(conference))

    assert [t.title for t in response.context["unscheduled"]] == ["Waiting"]
    assert [row.label for row in response.context["grid"]] == ["10:00"]
    assert [c["conflict"].code for c in response.context["conflicts"]] == ["unconfirmed"]
    config = response.context["config"]
    assert (config["date"], config["start"], config["step"]) == (
        conference.start_date.isoformat(),
        utc(conference, 1).isoformat().replace("+00:00", "Z"),
        15,
    )
    assert config["labels"][:2] == [[0, "09:00"], [5, "09:05"]]
    body = response.content.decode()
    assert "Placed &lt;b&gt;" in body
    assert 'id="editor-config" type="application/json"' in body
    # Keyboard moves: the help the items point at, the dialog, and the script's words.
    assert 'id="editor-keys"' in body
    assert '<dialog class="move-dialog"' in body
    assert config["strings"]["moved"] == "Moved: %(room)s, %(when)s."


def test_editor_sidebar_filters_without_javascript(logged_in, conference, speaker):
    nlp = TrackFactory(conference=conference, name="NLP", slug="nlp")
    SubmissionFactory(conference=conference, title="Parsing", state="confirmed", track=nlp)
    SubmissionFactory(conference=conference, title="Pixels", state="confirmed")

    by_track = logged_in.get(editor_url(conference, f"?track={nlp.pk}"))
    by_search = logged_in.get(editor_url(conference, "?q=pix"))

    assert [t.title for t in by_track.context["unscheduled"]] == ["Parsing"]
    assert [t.title for t in by_search.context["unscheduled"]] == ["Pixels"]


def test_editor_step_and_day_come_from_the_query(logged_in, conference):
    response = logged_in.get(
        editor_url(
            conference, f"?step=30&day={(conference.start_date + timedelta(days=1)).isoformat()}"
        )
    )
    bad = logged_in.get(editor_url(conference, "?step=7&day=nope"))

    assert (response.context["step"], response.context["day"]) == (
        30,
        conference.start_date + timedelta(days=1),
    )
    assert (bad.context["step"], bad.context["day"]) == (15, conference.start_date)


@pytest.mark.parametrize("count", [1, 3])
def test_editor_query_count(logged_in, conference, hall, count, django_assert_num_queries):
    for n in range(count):
        place(conference, SubmissionFactory(conference=conference, state="confirmed"), hall, 1 + n)
        SubmissionFactory(conference=conference, state="confirmed")

    with django_assert_num_queries(21):
        response = logged_in.get(editor_url(conference))

    assert len(response.context["unscheduled"]) == count


def test_place_talk_form(logged_in, conference, hall):
    talk = SubmissionFactory(conference=conference, title="Alpha", duration=40, state="confirmed")
    url = reverse("scheduling:place_talk", args=[conference.slug, talk.pk])

    form = logged_in.get(url)
    response = logged_in.post(
        url,
        {"room": hall.pk, "day": conference.start_date.isoformat(), "time": "10:30", "minutes": 45},
    )

    assert form.context["form"].initial["minutes"] == 40
    assert response.status_code == 302
    item = ScheduleItem.objects.get()
    assert (item.room, item.start, item.end) == (
        hall,
        utc(conference, 2, 30),
        utc(conference, 3, 15),
    )


def test_place_talk_form_shows_a_refusal(logged_in, conference, hall):
    first = SubmissionFactory(conference=conference, title="Alpha", state="confirmed")
    second = SubmissionFactory(conference=conference, title="Beta", state="confirmed")
    place(conference, first, hall, 2)

    response = logged_in.post(
        reverse("scheduling:place_talk", args=[conference.slug, second.pk]),
        {"room": hall.pk, "day": conference.start_date.isoformat(), "time": "10:00", "minutes": 30},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Hall is taken by “Alpha” then."]


def test_item_edit_moves_and_refuses_a_stale_version(logged_in, conference, hall):
    talk = SubmissionFactory(conference=conference, state="confirmed")
    item = place(conference, talk, hall, 2)
    url = reverse("scheduling:item_edit", args=[conference.slug, item.pk])
    data = {
        "room": hall.pk,
        "day": conference.start_date.isoformat(),
        "time": "14:00",
        "minutes": 60,
    }

    moved = logged_in.post(url, {**data, "version": 1})
    stale = logged_in.post(url, {**data, "time": "15:00", "version": 1})

    assert moved.status_code == stale.status_code == 302
    item.refresh_from_db()
    assert (item.start, item.end, item.version) == (utc(conference, 6), utc(conference, 7), 2)
    assert stale["Location"] == url


def test_unschedule_and_silence_forms(logged_in, conference, hall):
    talk = SubmissionFactory(conference=conference, state="accepted")
    item = place(conference, talk, hall, 2)

    logged_in.post(
        reverse("scheduling:item_silence", args=[conference.slug, item.pk]),
        {"version": 1, "code": "unconfirmed", "silenced": "1"},
    )
    item.refresh_from_db()
    assert item.silenced == ["unconfirmed"]

    logged_in.post(
        reverse("scheduling:item_unschedule", args=[conference.slug, item.pk]), {"version": 2}
    )
    assert not ScheduleItem.objects.exists()


def test_break_form_adds_a_break_across_every_room(logged_in, conference, hall):
    response = logged_in.post(
        reverse("scheduling:break_create", args=[conference.slug]),
        {
            "kind": "break",
            "title": "Lunch",
            "room": "",
            "day": conference.start_date.isoformat(),
            "time": "12:00",
            "minutes": 60,
        },
    )

    assert response.status_code == 302
    item = ScheduleItem.objects.get()
    assert (item.kind, item.title, item.room, item.start) == (
        "break",
        "Lunch",
        None,
        utc(conference, 4),
    )


def test_publish_page_previews_the_changelog_then_publishes(logged_in, conference, hall, speaker):
    talk = SubmissionFactory(
        conference=conference, speaker=speaker, title="Alpha", state="confirmed"
    )
    place(conference, talk, hall, 2)
    url = reverse("scheduling:publish", args=[conference.slug])

    preview = logged_in.get(url)
    response = logged_in.post(url, {"comment": "First cut"})

    assert preview.context["next_version"] == "v1"
    assert [(c["kind"], c["title"]) for c in preview.context["changes"]] == [("added", "Alpha")]
    assert response["Location"] == reverse("scheduling:releases", args=[conference.slug])
    release = Release.objects.get()
    assert (release.version, release.comment) == ("v1", "First cut")
    assert list(OutboxMail.objects.values_list("to", "status")) == [("speaker@example.org", "held")]


def test_publish_is_for_organisers(client, conference, speaker):
    client.login(username="speaker", password=PASSWORD)

    assert client.post(reverse("scheduling:publish", args=[conference.slug])).status_code == 403
    assert not Release.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_releases_page_query_count(client, conference, hall, count, django_assert_num_queries):
    talk = SubmissionFactory(conference=conference, title="Alpha", state="confirmed")
    item = place(conference, talk, hall, 2)
    for n in range(count):
        services.publish_release(conference=conference)
        services.move_item(
            conference=conference,
            item_id=item.pk,
            version=1 + n,
            room_id=hall.pk,
            start=utc(conference, 3 + n),
            end=utc(conference, 3 + n, 30),
        )

    with django_assert_num_queries(2):
        response = client.get(reverse("scheduling:releases", args=[conference.slug]))

    assert [r.version for r, _changes in response.context["releases"]] == [
        f"v{n}" for n in range(count, 0, -1)
    ]


def test_star_counts_for_organisers(logged_in, conference, hall, client):
    popular = SubmissionFactory(conference=conference, title="Popular", state="confirmed")
    quiet = SubmissionFactory(conference=conference, title="Quiet", state="confirmed")
    place(conference, popular, hall, 2)
    for _ in range(3):
        FavouriteFactory(submission=popular)
    FavouriteFactory(submission=quiet)

    response = logged_in.get(reverse("scheduling:star_counts", args=[conference.slug]))

    # 4 people star; nobody registered: they are the audience. Hall seats 2.
    assert [(r["talk"].title, r["stars"], r["expected"]) for r in response.context["rows"]] == [
        ("Popular", 3, 3),
        ("Quiet", 1, 1),
    ]
    assert 'class="too-small"' in response.content.decode()


def test_star_counts_are_for_organisers_only(client, conference, speaker):
    client.login(username="speaker", password=PASSWORD)

    assert client.get(reverse("scheduling:star_counts", args=[conference.slug])).status_code == 403


def test_editor_json_marks_a_too_small_room(logged_in, conference, hall):
    talk = SubmissionFactory(conference=conference, title="Popular", state="confirmed")
    place(conference, talk, hall, 2)
    for _ in range(3):
        FavouriteFactory(submission=talk)

    state = logged_in.get(reverse("scheduling:api_state", args=[conference.slug])).json()

    assert [(c["code"], c["message"]) for c in state["conflicts"]] == [
        ("room_too_small", "About 3 people are expected at “Popular”; Hall seats 2.")
    ]
    assert json.loads(json.dumps(state))["items"][0]["stars"] == 3

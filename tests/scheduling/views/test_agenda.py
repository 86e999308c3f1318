"""The public agenda: only the latest release, per day as grid and list, filters, search."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scheduling import services
from talks.models import Submission
from tests.factories import PASSWORD
from tests.scheduling.builders import (
    SCRIPT_TITLE,
    UMLAUT_TITLE,
    at,
    hard_conference,
    sized_conference,
)


def agenda(client, conference, query=""):
    return client.get(reverse("scheduling:agenda", args=[conference.slug]) + query)


def titles(response):
    return [entry.title for entry in response.context["entries"]]


def test_nothing_published_yet(client, conference):
    response = agenda(client, conference)

    assert response.status_code == 200
    assert response.templates[0].name == "scheduling/not_published.html"
    assert "The agenda is not published yet." in response.content.decode()


def test_agenda_shows_the_first_day_with_talks_as_a_grid(client, hard):
    response = agenda(client, hard["conference"])

    assert response.context["day"].isoformat() == "2026-10-24"
    assert response.context["view"] == "grid"
    rows = response.context["grid"]
    assert [row.label for row in rows] == ["10:00", "10:30"]
    # The talk in the first room, two empty rooms; then the break across all three.
    assert [[c.entries[0].title if c else None for c in row.cells] for row in rows] == [
        [SCRIPT_TITLE, None, None],
        ["Kaffee & Kuchen ☕"],
    ]
    assert rows[1].cells[0].colspan == 3


def test_agenda_escapes_user_text(client, hard):
    body = agenda(client, hard["conference"], "?view=list").content.decode()

    assert "<script>alert(" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Friends" in body


def test_agenda_list_of_a_day_with_local_times(client, hard):
    response = agenda(client, hard["conference"], "?day=2026-10-25&view=list")

    assert [(e.start_label, e.end_label, e.title) for e in response.context["entries"]] == [
        ("01:00", "04:00", "Nachtaufbau <Technik>"),
        ("10:00", "10:30", UMLAUT_TITLE),
    ]
    body = response.content.decode()
    assert '<time datetime="2026-10-25T10:00:00+01:00">10:00</time>' in body


def test_the_working_copy_stays_private_until_published(client, hard):
    conference = hard["conference"]
    services.delete_item(conference=conference, item_id=hard["items"]["first"].pk, version=1)

    assert SCRIPT_TITLE in titles(agenda(client, conference, "?view=list"))

    services.publish_release(conference=conference)

    assert titles(agenda(client, conference, "?view=list&day=2026-10-24")) == ["Kaffee & Kuchen ☕"]


def test_older_releases_stay_reachable_with_a_notice(client, hard):
    conference = hard["conference"]
    Submission.objects.filter(pk=hard["talks"][0].pk).update(title="Renamed")
    services.publish_release(conference=conference)

    old = client.get(
        reverse("scheduling:release_agenda", args=[conference.slug, "v1"]) + "?view=list"
    )
    new = agenda(client, conference, "?view=list")

    assert SCRIPT_TITLE in titles(old)
    assert "This is an older release of the schedule." in old.content.decode()
    assert "Renamed" in titles(new)
    assert "This is an older release" not in new.content.decode()
    assert (
        client.get(reverse("scheduling:release_agenda", args=[conference.slug, "v9"])).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?track=nlp", [SCRIPT_TITLE, "Kaffee & Kuchen ☕"]),
        ("?track=vision", ["Kaffee & Kuchen ☕"]),
        ("?q=friends", [SCRIPT_TITLE]),
        ("?q=ZOË", [SCRIPT_TITLE]),
        ("?level=beginner", [SCRIPT_TITLE, "Kaffee & Kuchen ☕"]),
        ("?format=keynote", ["Kaffee & Kuchen ☕"]),
        ("?track=unknown", [SCRIPT_TITLE, "Kaffee & Kuchen ☕"]),  # a bad value is ignored
    ],
)
def test_filters_apply_to_talks(client, hard, query, expected):
    response = agenda(client, hard["conference"], query + "&view=list&day=2026-10-24")

    assert titles(response) == expected


def test_filter_by_room_and_day_counts(client, hard):
    small = hard["rooms"][1]

    response = agenda(client, hard["conference"], f"?room={small.pk}&view=list")

    assert response.context["day"].isoformat() == "2026-10-25"  # the first day with a match
    assert titles(response) == [UMLAUT_TITLE]
    assert [count for _day, count in response.context["days"]] == [0, 1, 0]


def test_agenda_links_exports_of_the_release(client, hard):
    body = agenda(client, hard["conference"]).content.decode()

    assert 'href="/c/ai-dev-conf/schedule/schedule.json"' in body
    assert 'href="/c/ai-dev-conf/schedule/schedule.ics"' in body


def test_organisers_preview_the_working_copy_and_others_may_not(client, hard, conference):
    from tests.factories import MembershipFactory

    MembershipFactory(conference=hard["conference"], user__username="boss")
    url = reverse("scheduling:preview", args=[hard["conference"].slug])
    services.delete_item(
        conference=hard["conference"], item_id=hard["items"]["first"].pk, version=1
    )

    assert client.get(url).status_code == 302
    client.login(username="zoe", password=PASSWORD)
    assert client.get(url).status_code == 403
    client.login(username="boss", password=PASSWORD)
    response = client.get(url + "?view=list&day=2026-10-24")
    assert titles(response) == ["Kaffee & Kuchen ☕"]
    assert "Preview of the working copy" in response.content.decode()


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_agenda_and_schedule_json_issue_the_same_queries_for_10_and_300_talks(client, db):
    small = sized_conference(10, slug="small")
    large = sized_conference(300, slug="large")

    counts = {}
    for conference in (small, large):
        counts[conference.slug] = [
            count_queries(client, reverse("scheduling:agenda", args=[conference.slug])),
            count_queries(
                client, reverse("scheduling:agenda", args=[conference.slug]) + "?view=list"
            ),
            count_queries(client, reverse("scheduling:export", args=[conference.slug, "json"])),
            count_queries(client, reverse("scheduling:export", args=[conference.slug, "xml"])),
        ]

    # Conference, the pages' stamp (scheduling.middleware: release, profiles, name), release
    # with when any speaker profile last changed (the page shows profiles as they are now),
    # and its snapshot the first time a process reads the release (then it keeps the
    # programme); the exports read the stamp and the release and make the file. Small's first
    # page reads the profiles once more: large's speakers' profiles are newer than small's
    # release, so its programme is rebuilt with them once (and kept).
    assert counts == {"small": [5, 3, 3, 3], "large": [4, 3, 3, 3]}


@pytest.mark.parametrize("count", [1, 3])
def test_agenda_query_count_logged_in(client, conference, count, django_assert_num_queries):
    from tests.factories import RoomFactory, SubmissionFactory, UserFactory

    UserFactory(username="ann")
    room = RoomFactory(conference=conference)
    for n in range(count):
        talk = SubmissionFactory(conference=conference, state="confirmed")
        start = at(conference, conference.start_date, 9 + n)
        services.create_item(
            conference=conference,
            room_id=room.pk,
            submission_id=talk.pk,
            start=start,
            end=start + timedelta(minutes=30),
        )
    services.publish_release(conference=conference)
    client.login(username="ann", password=PASSWORD)

    # session, user, conference, role, release with when profiles changed and whether they
    # are a speaker, its snapshot (first read), stars
    with django_assert_num_queries(7):
        response = client.get(reverse("scheduling:agenda", args=[conference.slug]) + "?view=list")

    assert len(response.context["entries"]) == count


def without_token(body: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", body)


def test_the_anonymous_agenda_is_cached_per_release_and_query(client, hard):
    url = reverse("scheduling:agenda", args=[hard["conference"].slug]) + "?view=list"
    first = client.get(url)

    with CaptureQueriesContext(connection) as context:
        again = client.get(url)

    # The whole page comes from the cache (scheduling.middleware) after one query: has the
    # release, a profile or the conference's name changed since?
    assert len(context.captured_queries) == 1
    # The same page, with a CSRF token of its own (a new mask of the visitor's secret).
    assert without_token(again.content) == without_token(first.content)
    assert again.content != first.content
    # The one CSRF token is the language switcher's; the stars need none.
    assert first.content.decode().count("csrfmiddlewaretoken") == 1
    assert 'method="get" action="/accounts/login/"' in first.content.decode()

    services.publish_release(conference=hard["conference"])
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    # A new release: the stale page's stamp, then the view's: stamp, conference, release
    # with when profiles changed, snapshot; read and rendered afresh.
    assert len(context.captured_queries) == 5


def test_logged_in_people_see_their_own_stars(client, hard):
    from tests.factories import UserFactory

    UserFactory(username="ann")
    url = reverse("scheduling:agenda", args=[hard["conference"].slug]) + "?view=list"
    client.get(url)  # an anonymous visit fills the cache
    client.login(username="ann", password=PASSWORD)
    client.post(
        reverse("scheduling:star", args=[hard["conference"].slug, hard["talks"][0].pk]),
        {"starred": "1"},
    )

    body = client.get(url).content.decode()

    assert body.count('aria-pressed="true"') == 1
    assert 'method="post"' in body


def rendered_body(response) -> bool:
    return "scheduling/_agenda_body.html" in [t.name for t in response.templates]


def test_the_cache_key_ignores_junk_and_searches_are_never_cached(client, hard):
    url = reverse("scheduling:agenda", args=[hard["conference"].slug])

    assert rendered_body(client.get(url + "?view=list&junk=1"))
    again = client.get(url + "?junk=2&view=list&track=unknown")
    assert not rendered_body(again)
    # (The language switcher's form sends people back to the address they came from.)
    assert "junk" not in again.content.decode().split('<div class="agenda"')[1]
    assert rendered_body(client.get(url + "?view=list&q=friends"))
    assert rendered_body(client.get(url + "?view=list&q=friends"))


def test_agenda_shows_a_speakers_new_name_at_once(client, db):
    hard = hard_conference()
    zoe = hard["speakers"][0]
    url = reverse("scheduling:agenda", args=[hard["conference"].slug]) + "?day=2026-10-24"
    assert "Zoë Müller-Łukasiewicz" in client.get(url).content.decode()  # cached for anonymous

    profile = zoe.speaker_profile
    profile.name = "Zoë Müller"
    profile.save()

    body = client.get(url).content.decode()
    assert "Zoë Müller</a>" in body
    assert "Zoë Müller-Łukasiewicz" not in body

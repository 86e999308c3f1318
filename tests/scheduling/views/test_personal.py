"""Stars, "My agenda" and the personal calendar feed."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from scheduling import selectors, services
from scheduling.models import Favourite
from tests.factories import PASSWORD
from tests.scheduling.builders import SCRIPT_TITLE, UMLAUT_TITLE


def star_url(hard, talk):
    return reverse("scheduling:star", args=[hard["conference"].slug, talk.pk])


def test_star_without_an_account_goes_to_log_in(client, hard):
    talk = hard["talks"][0]

    response = client.post(star_url(hard, talk), {"starred": "1"})

    assert response.status_code == 302
    assert response["Location"] == (
        f"/accounts/login/?next=/c/ai-dev-conf/schedule/talks/{talk.pk}/"
    )


def test_star_form_post_stars_and_returns_to_the_page(client, hard, ann):
    talk = hard["talks"][0]
    client.login(username="ann", password=PASSWORD)

    response = client.post(
        star_url(hard, talk), {"starred": "1", "next": "/c/ai-dev-conf/schedule/?view=list"}
    )

    assert response["Location"] == "/c/ai-dev-conf/schedule/?view=list"
    assert list(Favourite.objects.values_list("user__username", "submission")) == [("ann", talk.pk)]
    page = client.get("/c/ai-dev-conf/schedule/?view=list").content.decode()
    assert 'aria-pressed="true"' in page


def test_star_does_not_redirect_off_site(client, hard, ann):
    client.login(username="ann", password=PASSWORD)

    response = client.post(star_url(hard, hard["talks"][0]), {"next": "https://evil.example/"})

    assert response["Location"] == f"/c/ai-dev-conf/schedule/talks/{hard['talks'][0].pk}/"


def test_star_with_fetch_answers_json(client, hard, ann):
    talk = hard["talks"][0]
    client.login(username="ann", password=PASSWORD)

    on = client.post(star_url(hard, talk), {"starred": "1"}, HTTP_ACCEPT="application/json")
    off = client.post(star_url(hard, talk), {"starred": "0"}, HTTP_ACCEPT="application/json")

    assert (on.json(), off.json()) == (
        {"talk": talk.pk, "starred": True},
        {"talk": talk.pk, "starred": False},
    )


def test_starring_a_talk_not_on_the_agenda_is_404(client, hard, ann):
    from tests.factories import SubmissionFactory

    pending = SubmissionFactory(conference=hard["conference"], state="submitted")
    client.login(username="ann", password=PASSWORD)

    assert client.post(star_url(hard, pending), {"starred": "1"}).status_code == 404


def test_my_agenda_lists_starred_talks_and_the_feed(client, hard, ann):
    services.set_favourite(
        user=ann, conference=hard["conference"], submission_id=hard["talks"][1].pk, starred=True
    )
    client.login(username="ann", password=PASSWORD)

    response = client.get(reverse("scheduling:my_agenda", args=[hard["conference"].slug]))

    assert [e.title for e in response.context["entries"]] == [UMLAUT_TITLE]
    token = selectors.calendar_feed_of(user=ann).token
    assert (
        response.context["feed_url"] == f"http://testserver/c/ai-dev-conf/schedule/feed/{token}.ics"
    )


def test_my_agenda_without_an_account_lists_every_talk_hidden_for_the_script(client, hard):
    response = client.get(reverse("scheduling:my_agenda", args=[hard["conference"].slug]))

    assert [e.title for e in response.context["entries"]] == [
        SCRIPT_TITLE,
        UMLAUT_TITLE,
        "Keynote: Große Modelle",
    ]
    body = response.content.decode()
    assert body.count('<li data-talk="') == 3
    assert body.count(" hidden>") >= 3
    assert response.context["feed_url"] is None


@pytest.mark.parametrize("count", [1, 3])
def test_my_agenda_query_count(client, hard, ann, count, django_assert_num_queries):
    for talk in hard["talks"][:count]:
        services.set_favourite(
            user=ann, conference=hard["conference"], submission_id=talk.pk, starred=True
        )
    client.login(username="ann", password=PASSWORD)
    services.calendar_feed_for(user=ann)

    # session, user, conference, release, its snapshot (first read), profiles changed?, stars,
    # feed, the nav's role and speaker checks
    with django_assert_num_queries(10):
        response = client.get(reverse("scheduling:my_agenda", args=[hard["conference"].slug]))

    assert len(response.context["entries"]) == count


def test_import_keeps_browser_stars(client, hard, ann):
    client.login(username="ann", password=PASSWORD)
    ids = f"{hard['talks'][0].pk},{hard['talks'][2].pk},x"

    response = client.post(
        reverse("scheduling:stars_import", args=[hard["conference"].slug]), {"talks": ids}
    )

    assert response.status_code == 302
    assert selectors.favourite_ids(user=ann, conference=hard["conference"]) == {
        hard["talks"][0].pk,
        hard["talks"][2].pk,
    }


def test_feed_has_the_starred_talks_and_a_reset_revokes_it(client, hard, ann):
    services.set_favourite(
        user=ann, conference=hard["conference"], submission_id=hard["talks"][0].pk, starred=True
    )
    token = services.calendar_feed_for(user=ann).token
    url = reverse("scheduling:feed", args=[hard["conference"].slug, token])

    response = client.get(url)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    calendar = Calendar.from_ical(response.content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [SCRIPT_TITLE]
    assert str(calendar["x-wr-calname"]) == (
        "My agenda: KI-Entwicklerkonferenz — 大模型应用开发者大会 & Friends"
    )

    client.login(username="ann", password=PASSWORD)
    client.post(reverse("scheduling:feed_reset", args=[hard["conference"].slug]))

    assert client.get(url).status_code == 404


def test_feed_with_a_wrong_token_is_404(client, hard, ann):
    url = reverse("scheduling:feed", args=[hard["conference"].slug, f"{ann.pk}-{'0' * 32}"])

    assert client.get(url).status_code == 404

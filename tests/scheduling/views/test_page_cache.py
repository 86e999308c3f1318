"""scheduling.middleware: the anonymous agenda and the exports whole from the cache, with
conditional GET, gzip, one body per language and a CSRF token of each visitor's own."""

import gzip
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from scheduling import services
from tests.scheduling.builders import sized_conference

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def agenda_url(conference, query="?view=list"):
    return reverse("scheduling:agenda", args=[conference.slug]) + query


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    return response, len(context.captured_queries)


def test_a_cached_hit_costs_one_query_and_renders_nothing(client, hard):
    url = agenda_url(hard["conference"])
    first, _count = queries(client, url)

    again, count = queries(client, url)

    assert count == 1
    assert again.status_code == 200
    assert again.templates == []  # no template rendered
    assert TOKEN.sub(b"", again.content) == TOKEN.sub(b"", first.content)


def test_the_cached_page_is_the_page_the_view_renders(client, hard):
    url = agenda_url(hard["conference"], "?view=grid&day=2026-10-24")
    client.get(url)
    cached = client.get(url)
    cache.clear()

    fresh = client.get(url)

    assert fresh.templates != []
    assert TOKEN.sub(b"", cached.content) == TOKEN.sub(b"", fresh.content)
    assert cached["Content-Type"] == fresh["Content-Type"] == "text/html; charset=utf-8"
    assert cached["ETag"] == fresh["ETag"]


def test_each_visitor_gets_a_token_of_their_own_csrf_cookie(hard):
    url = agenda_url(hard["conference"])
    Client().get(url)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get(url)

    assert visitor.cookies["csrftoken"].value
    token = TOKEN.search(page.content).group(1).decode()
    switched = visitor.post(
        reverse("set_language"), {"language": "zh-hans", "next": url, "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302  # not 403: the token fits this visitor's cookie


def test_conditional_get_answers_304_without_a_body(client, hard):
    url = agenda_url(hard["conference"])
    first = client.get(url)
    assert first["ETag"].startswith('W/"agenda-')
    assert first["Last-Modified"]
    assert first["Cache-Control"] == "no-cache"

    for headers in (
        {"HTTP_IF_NONE_MATCH": first["ETag"]},
        {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]},
    ):
        again, count = queries(client, url, **headers)
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == first["ETag"]
        assert count == 1


def test_304_before_rendering_when_the_page_is_not_cached(client, hard):
    url = agenda_url(hard["conference"])
    etag = client.get(url)["ETag"]
    cache.clear()

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again.templates == []
    assert again.content == b""


def test_a_new_release_changes_the_etag_and_the_page(client, hard):
    url = agenda_url(hard["conference"])
    first = client.get(url)

    services.publish_release(conference=hard["conference"], comment="Second thoughts.")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert b"Second thoughts." in again.content


def test_zh_hans_and_en_visitors_get_their_own_cached_pages(client, hard):
    url = agenda_url(hard["conference"])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")

    english_again, count = queries(client, url, HTTP_ACCEPT_LANGUAGE="en")
    chinese_again = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    by_cookie = visitor.get(url)

    assert count == 1
    assert b'<html lang="en">' in english_again.content
    assert b'<html lang="zh-hans">' in chinese_again.content
    assert b'<html lang="zh-hans">' in by_cookie.content
    assert english["ETag"] != chinese["ETag"]
    assert TOKEN.sub(b"", chinese_again.content) == TOKEN.sub(b"", chinese.content)
    for response in (english, chinese_again):
        vary = {value.strip() for value in response["Vary"].split(",")}
        assert {"Accept-Language", "Cookie"} <= vary


def test_a_new_chinese_name_is_shown_at_once(client, hard):
    conference = hard["conference"]
    url = agenda_url(conference)
    client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    conference.name_zh = "人工智能开发者大会"
    conference.save(update_fields=["name_zh"])

    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert "人工智能开发者大会" in chinese.content.decode()


def test_gzip_when_the_browser_asks_for_it(client, hard):
    url = agenda_url(hard["conference"])
    plain = client.get(url)
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")  # from the cache

    assert first["Content-Encoding"] == "gzip"
    assert int(first["Content-Length"]) == len(first.content) < len(plain.content) / 2
    text = gzip.decompress(first.content)
    assert TOKEN.sub(b"", text) == TOKEN.sub(b"", plain.content)
    assert len(TOKEN.findall(text)[0]) == 64
    assert "Accept-Encoding" in first["Vary"]


def test_exports_come_whole_from_the_cache_and_gzipped(client, hard):
    url = reverse("scheduling:export", args=[hard["conference"].slug, "json"])
    first = client.get(url)

    again, count = queries(client, url, HTTP_ACCEPT_ENCODING="gzip")
    not_modified, _count = queries(client, url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert count == 1
    assert gzip.decompress(again.content) == first.content
    assert again["Access-Control-Allow-Origin"] == "*"
    assert not_modified.status_code == 304
    assert not_modified["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "query", ["?view=list&utm=1", "?day=1999-01-01", "?view=list&q=friends", "?track=nothing"]
)
def test_junk_and_searches_are_answered_not_stored(client, hard, query):
    url = agenda_url(hard["conference"], query)
    client.get(url)

    again = client.get(url)

    assert again.templates != []  # rendered again


def test_logged_in_people_never_get_the_cached_page(client, hard):
    from tests.factories import PASSWORD, UserFactory

    url = agenda_url(hard["conference"])
    client.get(url)
    UserFactory(username="ann")
    client.login(username="ann", password=PASSWORD)

    page = client.get(url)

    assert page.templates != []
    assert b'<span class="who">ann</span>' in page.content


def test_the_day_page_of_300_talks_stays_small(client, db):
    conference = sized_conference(300, slug="large")
    url = reverse("scheduling:agenda", args=[conference.slug])

    page = client.get(url)

    # A day of 100 entries, each linking its talk, its speakers and a star; the details are
    # on the talk page (104,932 bytes before the grid was made compact, 79,596 after on
    # SQLite; about 2 KB more on PostgreSQL, whose ids earlier tests made longer).
    assert len(TOKEN.sub(b"", page.content)) <= 84_000


def test_a_zh_hans_visitor_reads_the_chinese_track_names(client, hard):
    conference = hard["conference"]
    track = conference.tracks.order_by("pk").first()
    track.name_zh = "自然语言处理专题"
    track.save(update_fields=["name_zh"])
    services.publish_release(conference=conference, comment="Chinese track names.")

    chinese = client.get(agenda_url(conference), HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get(agenda_url(conference), HTTP_ACCEPT_LANGUAGE="en")

    assert "自然语言处理专题" in chinese.content.decode()
    assert "自然语言处理专题" not in english.content.decode()
    assert escape(track.name) in english.content.decode()

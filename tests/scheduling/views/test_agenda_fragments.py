"""Searched and logged-in agenda pages joined from the entries' fragments and kept shells
(scheduling.fragments): the same HTML as the templates render entry by entry and page by page,
stars, escaping, nobody's name or token in another's page, nothing stale, zh-hans."""

import html
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import Message, constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scheduling import fragments, middleware, services
from scheduling.fragments import FILTER_FIELDS, NEXT, TOKEN, Page, agenda_list, grid_table
from scheduling.links import page_templates
from scheduling.models import Release
from scheduling.programme import Filters, Programme
from talks.models import Submission
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.scheduling.builders import sized_conference

TOKEN_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')
STAR_TOKEN = re.compile(
    r'class="star-form" data-talk="\d+"><input type="hidden" ' + TOKEN_VALUE.pattern
)


def agenda_url(conference, query: str = "") -> str:
    return reverse("scheduling:agenda", args=[conference.slug]) + query


def body_context(response) -> dict:
    return next(c for c in response.context if "grid_table" in c).flatten()


def reference_body(response) -> str:
    """The body as the templates render it entry by entry ({% agenda_entry %} in
    _grid_table.html and _list.html, {{ form.track }}…): the page's own context without the
    joined grid, list and kept widgets."""
    context = body_context(response)
    form = context["form"]
    context.update(
        grid_table="", agenda_list="", widgets={name: form[name] for name in FILTER_FIELDS}
    )
    return render_to_string("scheduling/_agenda_body.html", context, request=response.wsgi_request)


def without_tokens(text: str) -> str:
    return TOKEN_VALUE.sub('name="csrfmiddlewaretoken" value=""', text)


def shown_items(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'id="item-(\d+)"', body)]


def assert_as_the_templates_render(response) -> str:
    page = response.content.decode()
    reference = reference_body(response)
    assert without_tokens(reference) in without_tokens(page)
    return page


@pytest.mark.parametrize(
    "query",
    [
        "?q=e",
        "?view=list&q=e",
        "?q=friends&day=2026-10-24",
        "?view=list&q=%E7%8E%8B&day=2026-10-25",  # 王, a speaker's name
        "?q=nothing-matches",
        "?view=list&q=nothing-matches",
        "?q=e&track=nlp",
        "?view=list&q=e&room=0&format=talk&level=beginner",
        "?q=" + "x" * 101,  # too long: the form is invalid, its widgets rendered
        "?day=2026-10-26",
        "?view=list&day=2026-10-25",
    ],
)
def test_agenda_pages_are_the_templates_html(client, hard, ann, query):
    anonymous = client.get(agenda_url(hard["conference"], query))
    assert_as_the_templates_render(anonymous)

    client.login(username="ann", password=PASSWORD)
    client.post(
        reverse("scheduling:star", args=[hard["conference"].slug, hard["talks"][1].pk]),
        {"starred": "1"},
    )
    logged_in = client.get(agenda_url(hard["conference"], query))
    page = assert_as_the_templates_render(logged_in)
    assert shown_items(page) == shown_items(anonymous.content.decode())


def test_a_search_of_every_talk_shows_the_days_talks_in_order(client, db, ann):
    conference = sized_conference(60, rooms=4, days=2)
    release = Release.objects.get(conference=conference)
    programme = Programme(release.snapshot)
    first_day = [e.id for e in programme.entries_on(programme.days[0])]
    client.login(username="ann", password=PASSWORD)

    for view in ("grid", "list"):
        for who in ("logged in", "anonymous"):
            response = client.get(agenda_url(conference, f"?view={view}&q=TALK+number"))
            page = assert_as_the_templates_render(response)

            assert len(first_day) == 32  # 8 slots a day in 4 rooms
            assert shown_items(page) == first_day, (view, who)
            assert page.count('class="star-form"') == 32
            # Logged in, one token for the page's star forms, as {% csrf_token %} gives one
            # per rendering.
            tokens = STAR_TOKEN.findall(page)
            assert len(tokens) == (32 if who == "logged in" else 0)
            assert len(set(tokens)) == (1 if who == "logged in" else 0)
            client.logout()
        client.login(username="ann", password=PASSWORD)


def test_no_match_says_so(client, hard):
    grid = client.get(agenda_url(hard["conference"], "?q=nothing-matches")).content.decode()
    listed = client.get(
        agenda_url(hard["conference"], "?view=list&q=nothing-matches")
    ).content.decode()

    assert '<p class="muted">Nothing on this day matches.</p>' in grid
    assert '<li class="muted">Nothing on this day matches.</li>' in listed
    assert shown_items(grid) == shown_items(listed) == []
    assert '<span class="count">0</span>' in grid


def test_a_star_set_on_a_searched_page_shows_and_its_form_passes_csrf(hard, ann):
    browser = Client(enforce_csrf_checks=True)
    browser.login(username="ann", password=PASSWORD)
    url = agenda_url(hard["conference"], "?view=list&q=e&day=2026-10-25")
    second = hard["talks"][1].pk
    page = browser.get(url).content.decode()
    form = re.search(
        rf'<form method="post" action="([^"]+)" class="star-form" data-talk="{second}">'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">'
        r'<input type="hidden" name="next" value="([^"]+)">',
        page,
    )
    assert form is not None
    action, token, back = form.groups()
    assert html.unescape(back) == url
    assert 'value="/c/ai-dev-conf/schedule/?view=list&amp;q=e&amp;day=2026-10-25"' in page

    posted = browser.post(
        action, {"csrfmiddlewaretoken": token, "next": html.unescape(back), "starred": "1"}
    )

    assert posted.status_code == 302
    assert posted["Location"] == url
    again = browser.get(url).content.decode()
    star = re.search(rf'data-talk="{second}">.*?</form>', again, re.S).group(0)
    assert 'name="starred" value="0"' in star
    assert 'aria-pressed="true" title="Remove from my agenda"' in star
    assert '<span class="glyph" aria-hidden="true">★</span>' in star
    assert again.count('aria-pressed="true"') == 1


def test_user_text_is_escaped_in_the_fragments(client, hard, ann):
    client.login(username="ann", password=PASSWORD)
    for query in ("?q=e", "?view=list&q=e", "?view=list&q=e&day=2026-10-25"):
        body = client.get(agenda_url(hard["conference"], query)).content.decode()
        body = body.split('<div class="agenda"', 1)[1]
        assert "<script>alert" not in body
    grid = client.get(agenda_url(hard["conference"], "?q=friends")).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Friends" in grid
    listed = client.get(agenda_url(hard["conference"], "?view=list&q=e&day=2026-10-25"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</a>" in listed.content.decode()
    assert "Room &lt;Empty&gt; &amp; Co</th>" in grid


def test_text_like_a_hole_stays_text(hard, ann):
    release = hard["release"]
    snapshot = dict(release.snapshot)
    snapshot["items"] = [
        {**item, "talk": {**item["talk"], "title": f"{TOKEN}{NEXT} <i>x</i>"}}
        if item.get("talk")
        else item
        for item in snapshot["items"]
    ]
    programme = Programme(snapshot)
    request = RequestFactory().get("/c/ai-dev-conf/schedule/?q=x")
    request.user = ann
    page = Page(
        programme=programme,
        request=request,
        links=page_templates(hard["conference"], None),
        starred=set(),
    )
    entries = programme.filter(Filters(search="x"))

    listed = agenda_list(entries, page=page)

    assert listed.count(f"{TOKEN}{NEXT} &lt;i&gt;x&lt;/i&gt;") == 3
    assert listed.count("csrfmiddlewaretoken") == 3
    assert listed.count('name="next" value="/c/ai-dev-conf/schedule/?q=x"') == 3
    anonymous = RequestFactory().get("/c/ai-dev-conf/schedule/?q=x")
    anonymous.user = AnonymousUser()
    day = programme.days[0]
    table = grid_table(
        programme.grid(day, entries),
        programme.rooms,
        page=Page(
            programme=programme,
            request=anonymous,
            links=page_templates(hard["conference"], None),
            starred=set(),
        ),
    )
    assert f"{TOKEN}{NEXT} &lt;i&gt;x&lt;/i&gt;" in table
    assert "csrfmiddlewaretoken" not in table


def test_a_new_release_and_a_changed_profile_show_on_searched_pages(client, hard, ann):
    url = agenda_url(hard["conference"], "?view=list&q=e")
    client.login(username="ann", password=PASSWORD)
    for visitor in ("logged in", "anonymous"):
        assert "Zoë Müller-Łukasiewicz" in client.get(url).content.decode(), visitor
        client.logout()
    Submission.objects.filter(pk=hard["talks"][0].pk).update(title="Renamed <talk> e")
    services.publish_release(conference=hard["conference"])
    profile = hard["speakers"][0].speaker_profile
    profile.name = "Zoë Neu"
    profile.save()

    for visitor in ("anonymous", "logged in"):
        response = client.get(url)
        body = assert_as_the_templates_render(response)
        assert "Renamed &lt;talk&gt; e" in body, visitor
        assert "&lt;/script&gt; &amp; Friends" not in body
        assert "Zoë Neu</a>" in body
        assert "Müller-Łukasiewicz" not in body
        client.login(username="ann", password=PASSWORD)


def test_searched_pages_in_chinese_and_english_keep_apart(client, hard, ann):
    url = agenda_url(hard["conference"], "?q=e")
    english = client.get(url).content.decode()
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = assert_as_the_templates_render(chinese)

    assert '<th scope="col" class="time">时间</th>' in body
    assert 'title="加入我的议程"' in body
    assert "Add to my agenda" not in body
    assert 'title="Add to my agenda"' in english
    nothing = client.get(
        agenda_url(hard["conference"], "?q=nothing"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert '<p class="muted">这一天没有符合条件的内容。</p>' in nothing.content.decode()
    client.login(username="ann", password=PASSWORD)
    listed = client.get(url + "&view=list", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert 'title="加入我的议程"' in assert_as_the_templates_render(listed)
    assert 'title="Add to my agenda"' in client.get(url + "&view=list").content.decode()


def test_the_filter_widgets_show_each_pages_own_values(client, hard):
    with_track = client.get(agenda_url(hard["conference"], "?q=e&track=nlp")).content.decode()
    without = client.get(agenda_url(hard["conference"], "?q=e")).content.decode()
    again = client.get(agenda_url(hard["conference"], "?q=e&track=nlp")).content.decode()

    assert '<option value="nlp" selected>' in with_track
    assert '<option value="nlp" selected>' in again
    assert '<option value="nlp">' in without
    assert '<option value="" selected>Any track</option>' in without


def test_day_counts_are_each_days_entries(hard):
    programme = Programme(hard["release"].snapshot)
    for search in ("", "e", "nothing"):
        entries = programme.filter(Filters(search=search))
        expected = [(day, len(programme.entries_on(day, entries))) for day in programme.days]
        assert programme.day_counts(entries) == expected
    assert [count for _day, count in programme.day_counts()] == [2, 2, 1]


def test_fragments_are_kept_for_the_last_programmes_and_not_for_a_preview(hard):
    request = RequestFactory().get("/c/ai-dev-conf/schedule/?q=e")
    request.user = AnonymousUser()
    links = page_templates(hard["conference"], None)
    programmes = [Programme(hard["release"].snapshot) for _ in range(fragments.STORES_KEPT + 1)]
    for programme in programmes:
        agenda_list(
            programme.entries,
            page=Page(programme=programme, request=request, links=links, starred=set()),
        )
    preview = Programme(hard["release"].snapshot)
    listed = agenda_list(
        preview.entries,
        page=Page(programme=preview, request=request, links=links, starred=set(), keep=False),
    )

    assert [programme in fragments._STORES for programme in programmes] == [False, True, True, True]
    assert preview not in fragments._STORES
    assert listed.count('class="star-form"') == 3


# --- kept shells: the body and the page around it (scheduling.fragments.kept_page) -----------


def both_ways(client, url: str, monkeypatch, **extra) -> tuple[str, str]:
    """The page rendered through the templates, and from kept shells (the second time a
    shell is asked for: the first one renders it), never from the page cache."""
    monkeypatch.setattr(fragments, "KEEP_SHELLS", False)
    cache.clear()
    rendered = client.get(url, **extra).content.decode()
    monkeypatch.setattr(fragments, "KEEP_SHELLS", True)
    cache.clear()
    client.get(url, **extra)
    cache.clear()
    kept = client.get(url, **extra).content.decode()
    return rendered, kept


def kept_text() -> str:
    """The text of every kept shell, holes left empty."""
    return "".join(
        "".join(pieces[::2])
        for store in [fragments._PROCESS_STORE, *fragments._STORES.values()]
        for pieces in store.shells.values()
    )


@pytest.mark.parametrize(
    "query",
    [
        "?q=e",
        "?view=list&q=e",
        "?q=friends&day=2026-10-24",
        "?view=list&q=%E7%8E%8B&day=2026-10-25",
        "?q=nothing-matches",
        "?view=list&q=nothing-matches",
        "?q=e&track=nlp",
        "?view=list&q=e&room=0&format=talk&level=beginner",
        "?q=" + "x" * 101,
        "?q=%3Cscript%3E%22x%27%26",  # <script>"x'&
        "",
        "?day=2026-10-26",
        "?view=list&day=2026-10-25&track=nlp",
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "ann", "zoe (a speaker)", "zh-hans"])
def test_pages_from_kept_shells_are_the_templates_pages(client, hard, ann, monkeypatch, query, who):
    extra = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"} if who == "zh-hans" else {}
    if who == "ann":
        client.force_login(ann)
    elif who.startswith("zoe"):
        client.force_login(hard["speakers"][0])
    url = agenda_url(hard["conference"], query)

    rendered, kept = both_ways(client, url, monkeypatch, **extra)

    assert without_tokens(kept) == without_tokens(rendered)
    tokens = TOKEN_VALUE.findall(kept)
    assert tokens and all(len(token) == 64 for token in tokens)
    if who.startswith("zoe"):
        assert "My availability" in kept


def test_a_search_term_is_escaped_in_the_kept_body(client, hard, monkeypatch):
    url = agenda_url(hard["conference"], "?view=list&q=%3Cb%3E%22x%27%26")

    rendered, kept = both_ways(client, url, monkeypatch)

    assert 'name="q" value="&lt;b&gt;&quot;x&#x27;&amp;"' in kept
    assert "&amp;q=%3Cb%3E%22x%27%26" in kept
    assert "<b>" not in kept.split('<div class="agenda"', 1)[1]
    assert without_tokens(kept) == without_tokens(rendered)


def test_kept_shells_hold_nobodys_name_or_token(hard, kept_shells):
    first, second = UserFactory(username="qx-first"), UserFactory(username="qx-second")
    url = agenda_url(hard["conference"], "?q=e")
    pages = []
    for user in (first, second, first):
        browser = Client()
        browser.force_login(user)
        pages.append((user.username, browser.get(url).content.decode()))

    for name, page in pages:
        assert f'<span class="who">{name}</span>' in page
        assert page.count("qx-") == 1
    kept = kept_text()
    assert "qx-" not in kept
    assert set(TOKEN_VALUE.findall(kept)) <= {""}  # the token's place is a hole
    assert len({TOKEN_VALUE.search(page).group(1) for _name, page in pages}) == 3


def test_the_team_sees_its_menu_and_messages_show(client, hard, kept_shells):
    organiser = UserFactory(username="olga")
    MembershipFactory(conference=hard["conference"], user=organiser)
    client.force_login(organiser)
    url = agenda_url(hard["conference"], "?q=e")

    page = client.get(url).content.decode()

    assert reverse("scheduling:editor", args=[hard["conference"].slug]) in page
    client.logout()
    assert (
        reverse("scheduling:editor", args=[hard["conference"].slug])
        not in client.get(url).content.decode()
    )
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.INFO, "Saved <b>it</b>")])
    with_message = client.get(url).content.decode()
    assert '<li class="message info">Saved &lt;b&gt;it&lt;/b&gt;</li>' in with_message
    assert "Saved" not in client.get(url).content.decode()


def test_a_renamed_conference_shows_on_kept_pages(client, hard, kept_shells):
    url = agenda_url(hard["conference"], "?q=e")
    client.get(url)
    conference = hard["conference"]
    conference.name = "Renamed <conf>"
    conference.save()

    page = client.get(url).content.decode()

    assert "Agenda of Renamed &lt;conf&gt;" in page
    assert "Friends" not in page.split("<main>", 1)[0]


def test_a_searched_page_reads_no_page_cache_and_two_queries(
    client, hard, kept_shells, monkeypatch
):
    url = agenda_url(hard["conference"], "?q=e")
    client.get(url)
    reads = []
    read = middleware.cache.get
    monkeypatch.setattr(
        middleware.cache, "get", lambda key, *a, **k: reads.append(key) or read(key, *a, **k)
    )

    with CaptureQueriesContext(connection) as context:
        page = client.get(url)

    assert page.status_code == 200
    assert reads == []
    # The conference, and its latest release with when a speaker profile last changed.
    assert len(context.captured_queries) == 2
    client.get(agenda_url(hard["conference"]))
    assert reads[0].startswith("scheduling:page:")  # not searched: the page cache is read


def test_a_speaker_is_asked_with_the_release_and_a_withdrawn_one_is_none_at_once(
    client, hard, kept_shells, django_assert_num_queries
):
    zoe = hard["speakers"][0]
    client.force_login(zoe)
    url = agenda_url(hard["conference"], "?q=e")
    availability = reverse("scheduling:availability", args=[hard["conference"].slug])
    assert availability in client.get(url).content.decode()

    # session, user, conference, role, release with profiles and speaker, stars
    with django_assert_num_queries(6):
        assert availability in client.get(url).content.decode()
    Submission.objects.filter(speakers=zoe).update(state="withdrawn")

    assert availability not in client.get(url).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "ann"])
def test_an_older_releases_pages_from_kept_shells_are_the_templates_pages(
    client, hard, ann, monkeypatch, who
):
    old = hard["release"]
    Submission.objects.filter(pk=hard["talks"][0].pk).update(title="Renamed e")
    services.publish_release(conference=hard["conference"])
    if who == "ann":
        client.force_login(ann)
    slug = hard["conference"].slug
    for query in ("?q=e", "?view=list&q=e", ""):
        url = reverse("scheduling:release_agenda", args=[slug, old.version]) + query
        rendered, kept = both_ways(client, url, monkeypatch)

        assert without_tokens(kept) == without_tokens(rendered)
        assert "This is an older release of the schedule." in kept
        assert "Renamed e" not in kept
        latest, latest_kept = both_ways(client, agenda_url(hard["conference"], query), monkeypatch)
        assert without_tokens(latest_kept) == without_tokens(latest)
        assert "This is an older release" not in latest_kept
        assert "Renamed e" in latest_kept


def test_a_page_from_kept_shells_is_stored_and_answered_whole(client, hard, kept_shells):
    url = agenda_url(hard["conference"], "?view=list")
    cache.clear()
    first = client.get(url)

    with CaptureQueriesContext(connection) as context:
        again = client.get(url)

    assert len(context.captured_queries) == 1  # the page cache's stamp
    assert without_tokens(again.content.decode()) == without_tokens(first.content.decode())
    assert again.content.decode().count("csrfmiddlewaretoken") == 1

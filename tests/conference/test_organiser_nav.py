"""The one organiser navigation (templates/_organiser_nav.html, conference.templatetags)."""

from html.parser import HTMLParser

import pytest
from django.test import RequestFactory
from django.urls import reverse

from conference.templatetags import organiser_nav
from tests.factories import MembershipFactory, UserFactory


class _Nav(HTMLParser):
    """The organiser nav of a page: group labels, menu links and the current group's row."""

    def __init__(self):
        super().__init__()
        self.navs = 0
        self.depth = 0
        self.groups: list[str] = []
        self.pages: list[tuple[str, str, bool]] = []
        self.menu_links: list[str] = []
        self._where = ""
        self._text = ""
        self._href = ""
        self._current = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "organiser-menu" in (attrs.get("class") or ""):
            self.navs += 1
            self.depth = 1
            return
        if not self.depth:
            return
        if tag == "nav":
            self.depth += 1
        classes = attrs.get("class") or ""
        if tag == "summary" or (tag == "span" and "organiser-menu-group" in classes):
            self._where, self._text = "group", ""
        elif tag == "ul" and "organiser-menu-pages" in classes:
            self._where = "pages"
        elif tag == "a" and self._where in ("pages", "menu"):
            self._href, self._text = attrs["href"], ""
            self._current = attrs.get("aria-current") == "page"
        elif tag == "details":
            self._where = "menu"

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "nav":
            self.depth -= 1
        elif self._where == "group" and tag in ("summary", "span"):
            self.groups.append(self._text.strip())
            self._where = "menu" if tag == "summary" else ""
        elif tag == "a" and self._where == "pages":
            self.pages.append((self._text.strip(), self._href, self._current))
        elif tag == "a" and self._where == "menu":
            self.menu_links.append(self._href)
        elif tag == "details":
            self._where = ""

    def handle_data(self, data):
        if self.depth:
            self._text += data


def nav_of(response) -> _Nav:
    parser = _Nav()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def test_organiser_sees_every_group_with_the_current_page_marked(organiser_client, conference):
    response = organiser_client.get(reverse("setup:tracks", args=[conference.slug]))

    nav = nav_of(response)
    assert nav.navs == 1
    assert nav.groups == ["Set-up", "Review", "Schedule", "Registration", "Mail", "ML"]
    assert nav.pages == [
        ("Conference", "/c/devconf/setup/", False),
        ("Tracks", "/c/devconf/setup/tracks/", True),
        ("Rooms", "/c/devconf/setup/rooms/", False),
        ("Tickets", "/c/devconf/setup/tickets/", False),
        ("Questions", "/c/devconf/setup/questions/", False),
        ("Team", "/c/devconf/setup/team/", False),
    ]
    # The other groups are menus: the editor, the check-in and the models are one click away.
    for href in (
        "/c/devconf/submissions/",
        "/c/devconf/schedule/editor/",
        "/c/devconf/check-in/",
        "/c/devconf/outbox/",
        "/ml/c/devconf/models/",
        "/ml/c/devconf/models/examples/",
    ):
        assert href in nav.menu_links
    # The old set-up nav no longer repeats the links.
    assert response.content.decode().count('href="/c/devconf/setup/rooms/"') == 1


def test_a_sub_page_marks_the_longest_matching_entry(organiser_client, conference):
    response = organiser_client.get(reverse("scheduling:preview", args=[conference.slug]))

    nav = nav_of(response)
    assert [(label, current) for label, _href, current in nav.pages] == [
        ("Editor", False),
        ("Automatic draft", False),
        ("Preview", True),
        ("Publish", False),
        ("Releases", False),
        ("Stars", False),
    ]
    # The agenda's own nav keeps only the public pages.
    body = response.content.decode()
    assert body.count('href="/c/devconf/schedule/editor/publish/"') == 1


def test_the_mail_group_has_the_outbox_and_compose(organiser_client, conference):
    response = organiser_client.get(reverse("conference:outbox", args=[conference.slug]))

    assert nav_of(response).pages == [
        ("Outbox", "/c/devconf/outbox/", True),
        ("Compose", "/c/devconf/outbox/compose/", False),
    ]


def test_the_model_page_has_the_nav(organiser_client, conference):
    response = organiser_client.get(reverse("modeldemo:model_list", args=[conference.slug]))

    assert nav_of(response).pages == [
        ("Models", "/ml/c/devconf/models/", True),
        ("Examples", "/ml/c/devconf/models/examples/", False),
    ]


def test_reviewer_sees_only_the_review_pages_they_may_open(reviewer_client, conference):
    response = reviewer_client.get(reverse("talks:review_list", args=[conference.slug]))

    nav = nav_of(response)
    assert nav.groups == ["Review"]
    assert [label for label, _href, _current in nav.pages] == [
        "Submissions",
        "Assigned to me",
        "Reviewer profile",
        "Bids",
        "Track queue",
    ]
    assert nav.pages[0] == ("Submissions", "/c/devconf/submissions/", True)
    assert nav.menu_links == []


def test_reviewer_on_a_public_page_gets_the_review_menu(reviewer_client, conference):
    response = reviewer_client.get(reverse("scheduling:releases", args=[conference.slug]))

    nav = nav_of(response)
    assert (nav.groups, nav.pages) == (["Review"], [])
    assert nav.menu_links[0] == "/c/devconf/submissions/"
    assert "/c/devconf/schedule/editor/" not in response.content.decode()


def test_organisers_review_group_lists_the_cfp_pages(organiser_client, conference):
    response = organiser_client.get(reverse("talks:cfp_settings", args=[conference.slug]))

    labels = [label for label, _href, _current in nav_of(response).pages]
    assert labels == [
        "Submissions",
        "Assigned to me",
        "Review progress",
        "Assign reviewers",
        "Reviewer assignment",
        "Reviewer profile",
        "Bids",
        "Track queue",
        "Decision log",
        "Reviewers",
        "Review settings",
        "CfP settings",
        "CfP questions",
        "E-mail templates",
    ]
    assert ("CfP settings", "/c/devconf/cfp/", True) in nav_of(response).pages


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_nobody_outside_the_team_gets_the_nav(client, conference, who):
    if who == "stranger":
        client.force_login(UserFactory(username="stranger"))

    response = client.get(reverse("scheduling:releases", args=[conference.slug]))

    assert response.status_code == 200
    assert nav_of(response).navs == 0
    assert "Organiser pages" not in response.content.decode()


def test_a_page_without_a_conference_has_no_nav(client, organiser):
    client.force_login(organiser)

    response = client.get(reverse("talks:profile_edit"))

    assert nav_of(response).navs == 0


def test_an_entry_whose_url_does_not_exist_is_left_out(conference, organiser, monkeypatch):
    monkeypatch.setattr(
        organiser_nav,
        "GROUPS",
        [
            (
                "Mail",
                [
                    ("Outbox", "conference:outbox", organiser_nav.ORGANISERS),
                    ("Not built yet", "conference:no_such_page", organiser_nav.ORGANISERS),
                ],
            ),
            ("Empty", [("Missing", "talks:no_such_page", organiser_nav.ORGANISERS)]),
        ],
    )

    groups = organiser_nav.organiser_groups(
        conference=conference, user=organiser, path="/c/devconf/outbox/"
    )

    assert [(g.label, [(e.label, e.url, e.current) for e in g.entries]) for g in groups] == [
        ("Mail", [("Outbox", "/c/devconf/outbox/", True)])
    ]


def test_the_tag_needs_a_conference_in_the_context(conference, organiser):
    request = RequestFactory().get("/")
    request.user = organiser

    assert organiser_nav.organiser_nav({"request": request}) == {"groups": []}
    assert organiser_nav.organiser_nav({"request": request, "conference": "devconf"}) == {
        "groups": []
    }
    values = organiser_nav.organiser_nav({"request": request, "conference": conference})
    assert (len(values["groups"]), values["current_group"]) == (6, None)


def test_the_nav_costs_no_query_beyond_the_role(
    organiser_client, conference, django_assert_num_queries
):
    groups = organiser_nav.organiser_groups
    reviewer = MembershipFactory(conference=conference, role="reviewer").user

    with django_assert_num_queries(1):
        groups(conference=conference, user=reviewer, path="/")
    with django_assert_num_queries(0):
        groups(conference=conference, user=reviewer, path="/")

"""Searching attendees by name ignores case and accents: "muller" finds "Müller"."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from conference.models import Registration
from conference.registration import selectors
from conference.registration.services import change_registration_name
from tests.factories import RegistrationFactory, TicketTypeFactory


@pytest.fixture
def people(conference, ticket_type):
    names = ["Jürgen Müller", "José Álvarez", "ZOË Brontë", "Ada Lovelace", "张伟", "Ｍax Wide"]
    return {
        name: RegistrationFactory(conference=conference, ticket_type=ticket_type, name=name)
        for name in names
    }


def names(registrations) -> list[str]:
    return [registration.name for registration in registrations]


def test_search_name_is_the_folded_name(people):
    assert sorted(Registration.objects.values_list("search_name", flat=True)) == [
        "ada lovelace",
        "jose alvarez",
        "jurgen muller",
        "max wide",
        "zoe bronte",
        "张伟",
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("muller", ["Jürgen Müller"]),
        ("MÜLLER", ["Jürgen Müller"]),
        ("jose", ["José Álvarez"]),
        ("José", ["José Álvarez"]),
        ("alvarez", ["José Álvarez"]),
        ("zoe", ["ZOË Brontë"]),
        ("张", ["张伟"]),
        ("max", ["Ｍax Wide"]),
        ("lovelace", ["Ada Lovelace"]),
        ("nobody", []),
    ],
)
def test_attendee_list_finds_names_without_case_or_accents(conference, people, query, found):
    assert names(selectors.attendee_list(conference=conference, query=query)) == found


@pytest.mark.parametrize(
    ("query", "found"), [("muller", ["Jürgen Müller"]), ("JOSE ALV", ["José Álvarez"])]
)
def test_check_in_search_finds_names_without_case_or_accents(conference, people, query, found):
    matches = selectors.check_in_matches(conference=conference, query=query, code=query.upper())

    assert names(matches) == found


def test_search_still_finds_e_mail_and_code(conference, people):
    ada = people["Ada Lovelace"]

    by_mail = selectors.attendee_list(conference=conference, query=ada.email.upper())
    by_code = selectors.check_in_matches(
        conference=conference, query=ada.check_in_code.lower(), code=ada.check_in_code
    )

    assert (names(by_mail), names(by_code)) == (["Ada Lovelace"], ["Ada Lovelace"])


def test_a_query_of_accents_only_matches_nobody(conference, people):
    assert names(selectors.attendee_list(conference=conference, query="\u0301")) == []


def test_search_stays_inside_the_conference(conference, people):
    other = TicketTypeFactory(name="Other")
    RegistrationFactory(ticket_type=other, name="Hans Müller")

    assert names(selectors.attendee_list(conference=conference, query="muller")) == [
        "Jürgen Müller"
    ]


def test_a_changed_name_is_searchable_at_once(conference, people):
    registration = people["Ada Lovelace"]

    change_registration_name(registration=registration, name="Ada Łukasiewicz Öberg")

    registration.refresh_from_db()
    assert registration.search_name == "ada łukasiewicz oberg"
    assert names(selectors.attendee_list(conference=conference, query="oberg")) == [
        "Ada Łukasiewicz Öberg"
    ]


def test_the_attendee_page_searches_without_accents(client, organiser, conference, people):
    client.force_login(organiser)

    response = client.get(
        reverse("registrations:attendee_list", args=[conference.slug]), {"q": "muller"}
    )

    assert names(response.context["registrations"]) == ["Jürgen Müller"]
    assert "Jürgen Müller" in response.content.decode()
    assert "José Álvarez" not in response.content.decode()


def test_the_check_in_page_searches_without_accents(client, organiser, conference, people):
    client.force_login(organiser)

    response = client.get(reverse("registrations:check_in", args=[conference.slug]), {"q": "jose"})

    assert names(response.context["matches"]) == ["José Álvarez"]


def test_the_migration_fills_existing_rows(conference, people):
    Registration.objects.update(search_name="")
    migration = importlib.import_module("conference.migrations.0009_search_names")

    migration.fill_search_names(apps, schema_editor=None)

    assert dict(Registration.objects.values_list("name", "search_name")) == {
        "Jürgen Müller": "jurgen muller",
        "José Álvarez": "jose alvarez",
        "ZOË Brontë": "zoe bronte",
        "Ada Lovelace": "ada lovelace",
        "张伟": "张伟",
        "Ｍax Wide": "max wide",
    }

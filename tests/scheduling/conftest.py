from datetime import date

import pytest

from scheduling import fragments
from tests.factories import ConferenceFactory, UserFactory
from tests.scheduling.builders import hard_conference


@pytest.fixture
def berlin(db):
    """A conference in another zone than Shanghai and UTC: times must follow it."""
    return ConferenceFactory(
        slug="berlin",
        timezone="Europe/Berlin",
        start_date=date(2026, 10, 24),
        end_date=date(2026, 10, 26),
    )


@pytest.fixture
def hard(db):
    """The conference of tests.scheduling.builders.hard_conference, published."""
    return hard_conference()


@pytest.fixture
def ann(db):
    return UserFactory(username="ann")


@pytest.fixture(autouse=True)
def rendered_agenda(monkeypatch):
    """Agenda pages rendered through their templates each time, so that tests can read the
    templates' context and see whether a page was rendered; tests of the kept shells
    (scheduling.fragments.kept_page) ask for `kept_shells`."""
    monkeypatch.setattr(fragments, "KEEP_SHELLS", False)


@pytest.fixture
def kept_shells(monkeypatch):
    monkeypatch.setattr(fragments, "KEEP_SHELLS", True)

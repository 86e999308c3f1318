from datetime import date

import pytest

from tests.factories import ConferenceFactory


@pytest.fixture
def berlin(db):
    """A conference in another zone than Shanghai and UTC: times must follow it."""
    return ConferenceFactory(
        slug="berlin",
        timezone="Europe/Berlin",
        start_date=date(2026, 10, 24),
        end_date=date(2026, 10, 26),
    )

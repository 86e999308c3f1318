"""The latest change of any speaker profile (read by every public agenda page) is indexed."""

from django.db import connection

from talks.models import SpeakerProfile


def test_profiles_updated_at_has_an_index(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, SpeakerProfile._meta.db_table
        )

    assert any(
        details["index"] and details["columns"] == ["updated_at"]
        for details in constraints.values()
    )

from io import StringIO

from django.core.management import call_command


def test_migrations_match_the_models(db):
    out = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert out.getvalue().strip() == "No changes detected"

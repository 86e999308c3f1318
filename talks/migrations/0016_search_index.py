# The team's search, indexed on PostgreSQL (issue 20): a full-text GIN index over the folded
# title/abstract and speakers' names, and trigram GIN indexes on each for substrings (talks.search
# says which answers what). Other databases keep scanning: nothing happens there.
from django.db import migrations

# The same expression as talks.search.DOCUMENT compiles to, or the index goes unused.
DOCUMENT = (
    "(setweight(to_tsvector('simple'::regconfig, COALESCE(search_text, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, COALESCE(search_names, '')), 'B'))"
)
CREATE = [
    # pg_trgm ships with PostgreSQL; creating it needs a superuser or the database's owner.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS talks_submission_search_fts ON talks_submission "
    f"USING gin (({DOCUMENT}))",
    "CREATE INDEX IF NOT EXISTS talks_submission_search_text_trgm ON talks_submission "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS talks_submission_search_names_trgm ON talks_submission "
    "USING gin (search_names gin_trgm_ops)",
]
DROP = [
    # The extension stays: other databases' objects may use it.
    "DROP INDEX IF EXISTS talks_submission_search_fts",
    "DROP INDEX IF EXISTS talks_submission_search_text_trgm",
    "DROP INDEX IF EXISTS talks_submission_search_names_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("talks", "0015_submission_language")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]

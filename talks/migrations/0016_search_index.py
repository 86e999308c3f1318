# The team's search, indexed on PostgreSQL (issue 20). `search_document` holds the folded title
# and abstract and the speakers' names as a full-text vector (the 'simple' configuration, names
# weighted B), kept by a trigger from search_text and search_names, so that no query computes
# to_tsvector per row; a GIN index on it, and trigram GIN indexes on the two text columns for
# substrings (talks.search says which answers what). On other databases the column stays NULL
# and the search scans, as before.
import django.contrib.postgres.search
from django.db import migrations

DOCUMENT = (
    "setweight(to_tsvector('simple'::regconfig, COALESCE(NEW.search_text, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, COALESCE(NEW.search_names, '')), 'B')"
)
CREATE = [
    # pg_trgm ships with PostgreSQL; creating it needs a superuser or the database's owner.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""CREATE OR REPLACE FUNCTION talks_submission_search_document() RETURNS trigger AS $$
    BEGIN
        NEW.search_document := {DOCUMENT};
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql""",
    # Every write: whatever a save() sends for the column, the trigger's value is stored.
    "CREATE TRIGGER talks_submission_search_document BEFORE INSERT OR UPDATE "
    "ON talks_submission FOR EACH ROW EXECUTE FUNCTION talks_submission_search_document()",
    # Fills the column of the rows there are (the trigger computes it).
    "UPDATE talks_submission SET search_text = search_text",
    "CREATE INDEX talks_submission_search_fts ON talks_submission USING gin (search_document)",
    "CREATE INDEX talks_submission_search_text_trgm ON talks_submission "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX talks_submission_search_names_trgm ON talks_submission "
    "USING gin (search_names gin_trgm_ops)",
]
DROP = [
    # The extension stays: other databases' objects may use it.
    "DROP INDEX IF EXISTS talks_submission_search_fts",
    "DROP INDEX IF EXISTS talks_submission_search_text_trgm",
    "DROP INDEX IF EXISTS talks_submission_search_names_trgm",
    "DROP TRIGGER IF EXISTS talks_submission_search_document ON talks_submission",
    "DROP FUNCTION IF EXISTS talks_submission_search_document()",
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

    operations = [
        migrations.AddField(
            model_name="submission",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(_run(CREATE), _run(DROP), elidable=False),
    ]

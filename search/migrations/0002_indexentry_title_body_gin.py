"""A GIN index on the expression PostgreSQL's search backend matches against: ``title || body``.

Wagtail's index table has GIN indexes on ``title`` and ``body`` separately, but the backend matches the
query against their concatenation, which those indexes cannot serve: every search scanned every index
entry (its cost grew with the size of the site). With this index a search reads only the entries that
match. PostgreSQL only; a no-op on SQLite, whose FTS5 table is indexed by design.
"""

from django.db import migrations

INDEX_NAME = "portal_search_entry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON wagtailsearch_indexentry USING GIN ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]

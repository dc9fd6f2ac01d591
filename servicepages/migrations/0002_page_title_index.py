"""An index on page titles, for listings sorted by title (the service index shows the first 20 of
thousands of units: with the index the database reads 20 rows instead of sorting them all).

Wagtail's page table is not ours to change through a model, so the index is created with SQL that both
PostgreSQL and SQLite understand.
"""

from django.db import migrations

INDEX_NAME = "portal_page_title_idx"


def create_index(apps, schema_editor):
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON wagtailcore_page (title)")


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("servicepages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]

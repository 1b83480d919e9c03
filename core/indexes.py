"""Index operations for migrations that Django's `models.Index` can't express on every database."""

from __future__ import annotations


def ordered_index(model_name: str, name: str, columns: dict[str, str]):
    """A migration operation: the index `name` on the table of `model_name` ("app_label.Model")
    over `columns`, the SQL column list for each database vendor ("postgresql", "sqlite").

    For a list's order with NULLs last: PostgreSQL needs `NULLS LAST` spelled in the index to
    read that order from it, while SQLite has no NULLS clause in an index (and puts NULLs last in
    descending order anyway), so one `models.Index` can't serve both. A vendor not named gets
    no index."""
    from django.db import migrations

    def create(apps, schema_editor):
        listed = columns.get(schema_editor.connection.vendor)
        if listed:
            table = apps.get_model(model_name)._meta.db_table
            schema_editor.execute(f'CREATE INDEX "{name}" ON "{table}" ({listed})')

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop, elidable=False)

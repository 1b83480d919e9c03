"""Search's fold as an SQL function on PostgreSQL, and the trigram extension its indexes use
(core.text_search; the apps' migrations build the indexes). pg_trgm is a trusted extension
(PostgreSQL 13+): the database's owner may create it, no superuser needed. lower() is given the
ICU root collation when the server has it, so that Cyrillic and Greek capitals fold whatever
locale the database was created with; without ICU, the database's own locale (a UTF-8 one, not
"C") decides. Nothing on SQLite: there the function is registered on each connection."""

from django.db import migrations

from core.text_search import FOLD_FUNCTION, fold_function_sql


def create_fold(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'")
        icu = cursor.fetchone() is not None
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(fold_function_sql("und-x-icu" if icu else None))


def drop_fold(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FOLD_FUNCTION}(text)")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_cache_table")]

    operations = [migrations.RunPython(create_fold, drop_fold, elidable=False)]

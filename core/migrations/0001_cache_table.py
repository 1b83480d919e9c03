"""The database cache's table, where the API's anonymous rate limit counts when CACHE_URL names no
cache of its own (portal/settings.py): created by `migrate`, so every way the portal is set up
(make run, a deployment, the test database) has it. Changing CACHE_URL to another database
cache table later needs `manage.py createcachetable`."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]

"""Trigram indexes of the searched organisation, project and person columns on PostgreSQL
(core.text_search)."""

from django.db import migrations

from core.text_search import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_fold_function"), ("network", "0001_initial")]

    operations = [
        trigram_indexes("network.Organisation", ("name", "short_name", "native_name")),
        trigram_indexes("network.Project", ("title", "acronym", "description")),
        trigram_indexes("network.Person", ("name", "native_name", "title")),
    ]

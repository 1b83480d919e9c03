"""Trigram indexes of the searched publication columns on PostgreSQL (core.text_search)."""

from django.db import migrations

from core.text_search import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_search_fold_function"),
        ("publications", "0002_edition_files_private"),
    ]

    operations = [
        trigram_indexes("publications.Publication", ("title", "summary")),
        trigram_indexes("publications.Edition", ("title",)),
    ]

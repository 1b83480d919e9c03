"""Trigram indexes of the searched story columns on PostgreSQL (core.text_search)."""

from django.db import migrations

from core.text_search import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_fold_function"), ("portal", "0001_initial")]

    operations = [trigram_indexes("portal.Story", ("title", "summary", "body"))]

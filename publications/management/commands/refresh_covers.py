"""Make missing or outdated cover thumbnails (e.g. after restoring media or changing the design)."""

from django.core.management.base import BaseCommand

from publications.covers import refresh_cover
from publications.models import Publication


class Command(BaseCommand):
    help = "Make cover thumbnails whose source changed; --force remakes every one."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Remake every cover.")

    def handle(self, *args, force, **options):
        made = sum(
            refresh_cover(publication, force=force) for publication in Publication.objects.all()
        )
        self.stdout.write(f"Covers made: {made}; unchanged: {Publication.objects.count() - made}.")

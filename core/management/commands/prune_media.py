"""List, and with --delete remove, stored files that no record names (core.stored_files)."""

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from core.stored_files import delete_if_unreferenced, unreferenced_files


class Command(BaseCommand):
    help = (
        "Stored files no record names (replaced, of deleted records, of failed saves): listed; "
        "deleted with --delete. Files younger than --min-age-hours are left (their save may not "
        "be committed yet)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Delete them (without it: only list them)."
        )
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=1.0,
            help="Leave files modified less than this many hours ago (default 1).",
        )

    def handle(self, *args, delete, min_age_hours, **options):
        files = unreferenced_files(min_age_seconds=min_age_hours * 3600)
        deleted = 0
        for file in files:
            # Checked again, one by one: a record may have come to name it since the listing.
            if delete and delete_if_unreferenced(file.storage, file.name):
                deleted += 1
                self.stdout.write(f"deleted {file.name}")
            else:
                self.stdout.write(f"{file.name} ({filesizeformat(file.size)})")
        total = filesizeformat(sum(file.size for file in files))
        if delete:
            self.stdout.write(f"Deleted {deleted} of {len(files)} unreferenced files ({total}).")
        else:
            self.stdout.write(
                f"{len(files)} unreferenced files ({total}); run with --delete to delete them."
            )

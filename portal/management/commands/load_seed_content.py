"""Load the demo content extracted from the source documents (portal/seed_content/)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.seed.files import SEED_DIR, SeedError
from portal.seed.loader import load_all


def counted(counter) -> str:
    """ "3 events, 45 editions": a loader's counts, in the order of their names."""
    return ", ".join(f"{count} {label}" for label, count in sorted(counter.items()))


class Command(BaseCommand):
    help = (
        "Load the seed content (networks, members, governance, projects, pairings…) from "
        "portal/seed_content/. Creates what is missing and leaves existing records as they are, "
        "so a second run changes nothing; never re-creates what staff deleted or changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=SEED_DIR,
            help="Folder of seed files in the same format (default: portal/seed_content/).",
        )

    def handle(self, *args, directory, **options):
        if not directory.is_dir():
            raise CommandError(f"No seed-content folder at {directory}.")
        try:
            with transaction.atomic():
                recorder = load_all(directory)
        except SeedError as error:
            raise CommandError(f"Seed content not loaded, nothing changed: {error}") from None
        created = sum(recorder.created.values())
        if not created:
            total = sum(recorder.existing.values())
            self.stdout.write(
                f"Seed content already loaded: nothing changed ({total} records checked)."
            )
        else:
            details = counted(recorder.created)
            self.stdout.write(self.style.SUCCESS(f"Seed content loaded: created {details}."))
        if recorder.kept_deleted:
            deleted = counted(recorder.kept_deleted)
            self.stdout.write(f"Left deleted, as staff deleted them: {deleted}.")
        if recorder.kept_changed:
            changed = counted(recorder.kept_changed)
            self.stdout.write(
                f"Left as staff changed them, not re-created under the seed's key: {changed}."
            )
        if recorder.left_out:
            left_out = counted(recorder.left_out)
            self.stdout.write(f"Left out, as they need a record staff deleted: {left_out}.")
        if recorder.links_left_out:
            self.stdout.write("Loaded without their links to records staff deleted:")
            for link in recorder.links_left_out:
                self.stdout.write(f"  {link}")

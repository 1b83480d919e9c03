"""Write synthetic benchmark data (portal/bench_data.py) into an empty database."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, connection

from portal.bench_data import BASE_COUNTS, SYNTHETIC, existing_content, generate


class Command(BaseCommand):
    help = (
        "Fill an EMPTY database with synthetic benchmark data at a real network's size (scale 1: "
        + ", ".join(f"{count:,} {name}" for name, count in BASE_COUNTS.items())
        + "). Names are visibly made up ('Bench City 00123') and every record with a source "
        f"says '{SYNTHETIC}'. For measuring speed only: never load it next to real content "
        "(the command refuses a database that has any unless --force). Rows are bulk-inserted, "
        "so no edit history is recorded for them and no publication covers are generated. "
        "`make run` and load_seed_content never load it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiplies every count (default 1; e.g. 0.01 for a quick test).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed: the same seed gives the same data."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Write even though the database already holds content (it then mixes with it: "
            "use only on a database you will throw away).",
        )

    def handle(self, *args, scale, seed, force, **options):
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        found = existing_content()
        if found and not force:
            listed = ", ".join(f"{count} {name}" for name, count in found.items())
            raise CommandError(
                f"This database already holds content ({listed}). Synthetic benchmark data is "
                "written only into an empty database, so it never mixes with real records. "
                "Use a fresh database (e.g. DATABASE_URL=sqlite:////tmp/bench.sqlite3, then "
                "migrate), or --force if this database is disposable. Nothing was written."
            )
        began = time.monotonic()
        try:
            created = generate(
                scale=scale,
                seed=seed,
                log=(lambda line: self.stdout.write(f"  {line}"))
                if options["verbosity"] > 1
                else None,
            )
        except IntegrityError as error:
            raise CommandError(
                f"Nothing was written: the database already holds records with the same "
                f"synthetic names or slugs ({error}). Use a fresh database."
            ) from None
        if connection.vendor == "postgresql":
            # Fresh planner statistics and visibility map, as autovacuum would make a minute
            # later: without them the first requests run plans made for empty tables, and
            # index-only scans (the member counts' covering index) visit every heap page.
            # VACUUM cannot run inside a transaction (a test's): statistics alone there.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        elapsed = time.monotonic() - began
        details = ", ".join(f"{count:,} {name}" for name, count in created.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic benchmark data written in {elapsed:.1f} s (scale {scale:g}, "
                f"seed {seed}): {details}."
            )
        )

"""What is measured: every public list and detail page, each API list, the feeds, the sitemap,
search and two computed reports; and, in a separate pass in this process (Django's test client,
never a middleware in the measured server), the SQL queries and bytes of one request to each.

Run as `python -m benchmarks.pages OUT.json cached|uncached` with the environment of a mode (DJANGO_SETTINGS_MODULE
=benchmarks.settings, production settings, DJANGO_PAGE_CACHE_SECONDS): writes the URLs, their
queries, bytes and status, and the database's version.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
import time

# The kinds of page, for the targets: computed reports and search may take longer uncached.
PAGE, REPORT, SEARCH = "page", "report", "search"

API_LISTS = [
    "networks",
    "members",
    "governance",
    "people",
    "projects",
    "pairings",
    "themes",
    "sdgs",
    "events",
    "publications",
    "stories",
]


def page_list(pick: dict[str, str], today: dt.date) -> list[tuple[str, str]]:
    """(url, kind) of every measured URL; `pick` names one published record of each type."""
    pages = [
        ("/", PAGE),
        ("/networks/", PAGE),
        (f"/networks/{pick['network']}/", PAGE),
        (f"/networks/{pick['network']}/governance/", PAGE),
        (f"/networks/{pick['network']}/team/", PAGE),
        ("/members/", PAGE),
        ("/members/seoul/", PAGE),
        (f"/members/{pick['member']}/", PAGE),
        ("/projects/", PAGE),
        (f"/projects/{pick['project']}/", PAGE),
        ("/events/", PAGE),
        (f"/events/{pick['event']}/", PAGE),
        (f"/events/calendar/{today.year}/{today.month}/", PAGE),
        ("/publications/", PAGE),
        (f"/publications/{pick['publication']}/", PAGE),
        ("/stories/", PAGE),
        (f"/stories/{pick['story']}/", PAGE),
        ("/reports/", PAGE),
        ("/reports/iclei-east-asia/2022/", REPORT),
        ("/reports/citynet/2022/", REPORT),
        ("/events/feed.ics", PAGE),
        ("/events/feed.atom", PAGE),
        ("/publications/feed.atom", PAGE),
        ("/stories/feed/", PAGE),
        ("/sitemap.xml", PAGE),
        ("/sitemap-events.xml", PAGE),
        ("/search/?q=climate", SEARCH),
        ("/search/?q=Kunming", SEARCH),
    ]
    pages += [(f"/api/v1/{name}/?page_size=100", PAGE) for name in API_LISTS]
    return pages


def pick_records() -> dict[str, str]:
    """One published record of each type, the first bench record by slug (the same on every run
    over the same data); the seed's own records when there is no bench data."""
    from events.models import Event
    from network.models import Network, Organisation, Project
    from portal.models import Story
    from publications.models import Publication

    def first(model, prefix):
        records = model.objects.published().order_by("slug")
        record = records.filter(slug__startswith=prefix).first() or records.first()
        return record.slug if record else "missing"

    return {
        "network": first(Network, "bench-network-"),
        "member": first(Organisation, "bench-city-"),
        "project": first(Project, "bench-project-"),
        "event": first(Event, "bench-event-"),
        "publication": first(Publication, "bench-publication-"),
        "story": first(Story, "bench-story-"),
    }


def database_version() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def response_bytes(response) -> int:
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


class Deadline:
    """Stops a request's SQL once the request has run `seconds` (SQLite: a progress handler) or a
    statement has (PostgreSQL: statement_timeout), as gunicorn's timeout stops a worker. The
    request then answers 500, which the table shows with the error."""

    def __init__(self, seconds: float):
        from django.db import connection

        self.seconds = seconds
        self.until = float("inf")
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(self.passed, 10_000)
        else:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = %s", [int(seconds * 1000)])

    def passed(self) -> int:
        return int(time.monotonic() > self.until)

    def start(self) -> None:
        self.until = time.monotonic() + self.seconds


def measure(urls: list[str], *, cached: bool, timeout: float = 10) -> dict[str, dict]:
    """Queries and bytes of one request to each URL, as the server's workers answer it: uncached,
    the first request (after one warm-up request to the home page for the process's own start-up
    queries); cached, the second (the first fills the cache)."""
    from django.core.cache import cache
    from django.core.signals import got_request_exception
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    errors: list[str] = []

    def record(sender, request=None, **kwargs):
        error = sys.exc_info()[1]
        errors.append(f"{type(error).__name__}: {error}"[:200])

    got_request_exception.connect(record, weak=False)
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    if cached:
        cache.clear()
    client.get("/", secure=True)
    deadline = Deadline(timeout)

    def one(url: str) -> dict:
        errors.clear()
        deadline.start()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, secure=True)
            size = response_bytes(response)
        seconds = time.perf_counter() - started
        return {
            "status": response.status_code,
            "queries": len(queries),
            "bytes": size,
            "seconds": round(seconds, 3),
            "error": errors[-1] if errors else "",
            # Too slow to be worth measuring under load (see benchmarks.run).
            "too_slow": seconds >= timeout,
        }

    results = {}
    for url in urls:
        result = one(url)
        if cached and result["status"] < 500 and not result["too_slow"]:
            result = one(url)  # the first filled the cache
        results[url] = result
        print(f"  {url}: {result}", file=sys.stderr, flush=True)
    return results


def main(out: str, mode: str) -> None:
    import logging
    import os

    import django

    django.setup()
    from core import dates

    cached = mode == "cached"
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # each error is in the JSON
    pages = page_list(pick_records(), dates.today())
    wanted = [part for part in os.environ.get("BENCH_URLS", "").split(",") if part]
    if wanted:
        pages = [(url, kind) for url, kind in pages if any(part in url for part in wanted)]
    timeout = float(os.environ.get("BENCH_SLOW_SECONDS", "") or 10)
    results = measure([url for url, _ in pages], cached=cached, timeout=timeout)
    data = {
        "database": database_version(),
        "cached": cached,
        "page_cache_seconds": os.environ.get("DJANGO_PAGE_CACHE_SECONDS", ""),
        "pages": [{"url": url, "kind": kind, **results[url]} for url, kind in pages],
    }
    with open(out, "w") as file:
        json.dump(data, file, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

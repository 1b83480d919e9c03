"""Speed and memory at scale: a network with thousands of members and events.

Prints a table (run with `make bench`); asserts only that query counts stay flat, because
timings depend on the machine. Targets: every page under 300 ms and every API list under
200 ms on the reference machine (2 cores), a year's report under 1 s.
"""

import datetime as dt
import time
import tracemalloc

import pytest
from django.db import connection

from events.models import Event
from network.models import Membership, Network, Organisation, Region
from portal.reports import build_report

MEMBERS = 3000
EVENTS = 2000


@pytest.fixture
def large_network(db):
    network = Network.objects.create(name="Big Network", slug="big", is_published=True)
    regions = [
        Region.objects.create(network=network, name=f"Region {i}", slug=f"region-{i}")
        for i in range(6)
    ]
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"City {i:05d}", slug=f"city-{i:05d}", kind="city", country="KR", is_published=True
        )
        for i in range(MEMBERS)
    )
    Membership.objects.bulk_create(
        Membership(
            organisation=o,
            network=network,
            type="full" if i % 3 else "associate",
            region=regions[i % 6],
            joined=dt.date(2000 + i % 23, 1, 1),
        )
        for i, o in enumerate(organisations)
    )
    events = Event.objects.bulk_create(
        Event(
            title=f"Event {i}",
            slug=f"event-{i}",
            kind="webinar",
            status="held",
            is_published=True,
            start=dt.date(2022, 1 + i % 12, 1 + i % 28),
            ends_on=dt.date(2022, 1 + i % 12, 1 + i % 28),
            date_precision="day",
        )
        for i in range(EVENTS)
    )
    Event.networks.through.objects.bulk_create(
        Event.networks.through(event_id=e.pk, network_id=network.pk) for e in events
    )
    return network


def measure(label, action, rows):
    """Time (best of 3, without tracing, which slows Python down) and traced peak memory."""
    timings = []
    queries: list[str] = []

    def count(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    for _ in range(3):
        # Counted with an execute wrapper: the query log is reset when a request starts.
        queries.clear()
        with connection.execute_wrapper(count):
            started = time.perf_counter()
            action()
            timings.append(time.perf_counter() - started)
    elapsed = min(timings)
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append((label, elapsed * 1000, len(queries), peak / 1024 / 1024))
    return len(queries)


def test_scale(client, large_network):
    rows: list = []
    urls = [
        "/",
        "/members/",
        "/members/?network=big&membership_type=associate&region=region-3",
        "/members/?page=50",
        "/events/?year=2022",
        "/networks/big/",
        "/api/v1/members/?page_size=100",
        "/api/v1/events/?page_size=100",
        "/api/v1/members/?format=csv",
        "/reports/big/2022/",
    ]
    for url in urls:
        client.get(url)  # warm caches, templates and imports
        measure(f"GET {url}", lambda url=url: client.get(url), rows)
    measure("build_report(big, 2022)", lambda: build_report(large_network, 2022), rows)
    print(f"\n{MEMBERS} members, {EVENTS} events")
    print(f"{'what':70} {'ms':>8} {'queries':>8} {'peak MiB':>9}")
    for label, ms, count, peak in rows:
        print(f"{label:70} {ms:8.1f} {count:8d} {peak:9.1f}")
    assert all(count < 40 for _, _, count, _ in rows)

"""The lists' main queries read their rows from an index on PostgreSQL, not by reading every row.

A few thousand rows are made with bulk_create and ANALYZEd, so that the planner chooses as it
would at a network's size; each query's plan (EXPLAIN) must name an index of its table and no
Seq Scan of it. SQLite has no comparable plan output: the test runs on PostgreSQL only (CI's
PostgreSQL job, or DATABASE_URL=postgres://…).
"""

import datetime as dt
import re

import pytest
from django.db import connection, transaction
from django.utils import timezone

from core.text_search import every_word_in
from events import queries as event_queries
from events.filters import EventFilter
from events.models import Event, EventKind, EventPlace, EventStatus
from events.queries import EVENT_SEARCH_FIELDS
from network import queries as network_queries
from network.models import Membership, MembershipType, Organisation
from publications import queries as publication_queries
from publications.models import Publication, PublicationKind
from tests.factories.network import NetworkFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="checks PostgreSQL's query plans"),
]

EVENTS, ORGANISATIONS, PUBLICATIONS = 6000, 3000, 3000
TODAY = dt.date(2026, 6, 15)


@pytest.fixture(scope="module")
def rows(django_db_setup, django_db_blocker):
    """The rows, made once for the module's tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_rows()
        transaction.set_rollback(True)


def make_rows():
    network = NetworkFactory()
    published = timezone.now() - dt.timedelta(days=1)
    first = dt.date(2006, 1, 1)
    kinds, statuses = list(EventKind.values), list(EventStatus.values)
    events = Event.objects.bulk_create(
        Event(
            slug=f"event-{i}",
            title=f"Event {i:05d}",
            kind=kinds[i % len(kinds)],
            status=statuses[i % len(statuses)],
            # 20 years of events, one every 1.3 days or so, a few undated
            start=None if i % 50 == 0 else first + dt.timedelta(days=i * 7300 // EVENTS),
            ends_on=None if i % 50 == 0 else first + dt.timedelta(days=i * 7300 // EVENTS + 2),
            sort_day=None if i % 50 == 0 else first + dt.timedelta(days=i * 7300 // EVENTS),
            date_precision="day",
            is_published=i % 20 != 0,
            publish_at=published,
        )
        for i in range(EVENTS)
    )
    Event.networks.through.objects.bulk_create(
        Event.networks.through(event_id=e.pk, network_id=network.pk) for e in events[::3]
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            slug=f"city-{i}", name=f"City {i:05d}", is_published=True, publish_at=published
        )
        for i in range(ORGANISATIONS)
    )
    Membership.objects.bulk_create(
        Membership(organisation=o, network=network, type=MembershipType.FULL) for o in organisations
    )
    Publication.objects.bulk_create(
        Publication(
            slug=f"publication-{i}",
            title=f"Publication {i}",
            kind=PublicationKind.REPORT,
            latest_edition_date=None if i % 10 == 0 else first + dt.timedelta(days=i * 2),
            is_published=True,
            publish_at=published,
        )
        for i in range(PUBLICATIONS)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE events_event, events_event_networks, network_organisation, "
            "network_membership, publications_publication"
        )
    return network


def plan(queryset) -> str:
    return queryset.explain()


def assert_read_by_index(queryset, table: str):
    text = plan(queryset)
    assert not re.search(rf"Seq Scan on {table}\b(?!_)", text), text
    assert "Index" in text, text


def test_events_page_groups_are_read_by_index(rows):
    """The events page: each group of a page (upcoming soonest first, past latest first,
    undated) and a filtered page."""
    for filters in ({}, {"kind": "webinar"}, {"year": "2015"}, {"network": rows.slug}):
        events = EventFilter(filters, queryset=event_queries.published_events()).qs
        page = event_queries.upcoming_then_past(events, today=TODAY)
        for _timing, group in page.groups[:2]:
            assert_read_by_index(group[:30], "events_event")


def test_events_api_order_is_read_by_index(rows):
    """The API list: latest first, undated last, 100 a page."""
    events = event_queries.latest_first(event_queries.published_events())
    assert_read_by_index(events[:100], "events_event")


def test_library_order_is_read_by_index(rows):
    """The publications page and API: newest edition first, from the stored date."""
    assert_read_by_index(
        publication_queries.published_publications()[:30], "publications_publication"
    )


def test_member_directory_order_is_read_by_index(rows):
    """The member directory: organisations by name, 30 a page."""
    directory = network_queries.member_directory()
    assert_read_by_index(directory[:30], "network_organisation")


def rows_read_in_vain(queryset) -> int:
    """The rows the plan read and then dropped (EXPLAIN ANALYZE's "Rows Removed by Filter"):
    a query that finds a few rows by walking an index of the whole table drops thousands."""
    text = queryset.explain(analyze=True)
    return sum(int(n) for n in re.findall(r"Rows Removed by Filter: (\d+)", text))


def test_home_upcoming_events_read_only_upcoming_ones(rows):
    """The home page's next six events: not a walk from the oldest event in start order."""
    day = dt.date(2024, 1, 1)  # two of the twenty years of events are still to come
    upcoming = event_queries.upcoming(day)[:6]
    assert len(upcoming) == 6
    assert all(event.ends_on >= day for event in upcoming)
    assert rows_read_in_vain(upcoming) < 100


def test_an_organisations_events_read_only_its_events(rows):
    """A member page's events held at or hosted by the city: found from the city's own rows,
    not by walking every event in date order."""
    city = Organisation.objects.get(slug="city-7")
    events = list(Event.objects.filter(is_published=True).order_by("pk")[:3])
    Event.objects.filter(pk=events[0].pk).update(host=city)
    EventPlace.objects.create(event=events[1], organisation=city)
    EventPlace.objects.create(event=events[2], organisation=city, city="Elsewhere")
    held = event_queries.events_held_at(city)[:13]
    assert sorted(event.pk for event in held) == sorted(event.pk for event in events)
    assert rows_read_in_vain(held) < 100


def rows_scanned(queryset, table: str) -> int:
    """The most rows a scan of `table` read (EXPLAIN ANALYZE's actual rows × loops)."""
    text = queryset.explain(analyze=True)
    counts = [
        int(rows) * int(loops)
        for rows, loops in re.findall(
            rf"Scan[^\n]* on {table}\b(?!_)[^\n]*actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)",
            text,
        )
    ]
    assert counts, text
    return max(counts)


def assert_read_in_order(queryset, table: str):
    """A page of rows read in the index's order: the scan stops soon after the page's last row,
    instead of reading every row to sort them (the fixture's rows share one publish time, as a
    seed load or an import makes them, so an index of publish_at alone leaves them unsorted)."""
    assert rows_scanned(queryset, table) <= 2 * (queryset.query.high_mark or 0) + 10, plan(queryset)


def test_publications_feed_order_is_read_in_order(rows):
    """The publications' Atom feed: the 50 most recently published."""
    assert_read_in_order(publication_queries.recently_published()[:50], "publications_publication")


def test_events_feed_order_is_read_in_order(rows):
    """The events' Atom feed: the 30 most recently published."""
    assert_read_in_order(event_queries.newly_published(), "events_event")


def test_a_search_reads_only_the_matching_events(rows):
    """The site search and the events list's `q`: the few events whose title, description,
    series or places hold the word are read through the primary key, not found by scanning
    every event to join them to the trigram indexes' matches (the planner cannot tell a rare
    word from a common one: core.text_search.InMatches)."""
    found = every_word_in(
        event_queries.published_events().order_by("-start", "title"), EVENT_SEARCH_FIELDS, "04217"
    )[:11]
    assert [event.title for event in found] == ["Event 04217"]
    # The matching itself may scan (a table this small is read faster than its trigram index);
    # the events shown are then read by their ids, not by hashing the matches and scanning all.
    text = plan(found)
    assert "Index Scan using events_event_pkey on events_event " in text, text

"""Feeds and the sitemap hold a bounded window, whatever the size of the tables: the iCal feed
the last 90 days and the coming year (or ?year=), at most a fixed number of events; the Atom
feeds the latest N; the sitemap an index of sections paginated at a fixed size."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from icalendar import Calendar

from core.dates import today
from tests.factories import EventFactory, OrganisationFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def ical_titles(response) -> list[str]:
    assert response.status_code == 200
    return [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]


def days_from_today(days: int) -> dt.date:
    return today() + dt.timedelta(days=days)


def test_default_ical_feed_holds_the_last_90_days_and_the_coming_year(client):
    EventFactory(title="Two years ago", start=days_from_today(-730))
    EventFactory(title="Thirty days ago", start=days_from_today(-30))
    EventFactory(title="In six months", start=days_from_today(182))
    EventFactory(title="In two years", start=days_from_today(730))
    assert ical_titles(client.get("/events/feed.ics")) == ["Thirty days ago", "In six months"]


def test_ical_feed_of_a_past_year_holds_that_year(client):
    year = today().year - 2
    EventFactory(title="That year", start=dt.date(year, 3, 1))
    EventFactory(title="The year before", start=dt.date(year - 1, 3, 1))
    EventFactory(title="Thirty days ago", start=days_from_today(-30))
    assert ical_titles(client.get(f"/events/feed.ics?year={year}")) == ["That year"]


def test_ical_feed_holds_at_most_the_cap_in_start_order(client, settings):
    """At most the cap: the coming events first (soonest), the recently ended ones at most a
    fifth of it (latest), in start order; a year's the earliest."""
    settings.CALENDAR_FEED_MAX_EVENTS = 5
    for days in (-30, -20, -10, 5, 10, 20, 30, 40, 50):
        EventFactory(title=f"Day {days}", start=days_from_today(days))
    assert ical_titles(client.get("/events/feed.ics")) == [
        "Day -10",
        "Day 5",
        "Day 10",
        "Day 20",
        "Day 30",
    ]
    year = today().year - 1
    for month in range(1, 8):
        EventFactory(title=f"Month {month}", start=dt.date(year, month, 1))
    assert ical_titles(client.get(f"/events/feed.ics?year={year}")) == [
        f"Month {month}" for month in range(1, 6)
    ]


@pytest.mark.parametrize("url", ["/events/feed.atom", "/publications/feed.atom"])
def test_atom_feed_holds_the_latest_n(client, settings, url):
    settings.FEED_MAX_ITEMS = 3
    factory = EventFactory if url.startswith("/events/") else PublicationFactory
    now = timezone.now()
    for n in range(5):
        factory(title=f"Item {n}", publish_at=now - dt.timedelta(days=5 - n))
    titles = re.findall(r"<entry><title>([^<]+)</title>", client.get(url).content.decode())
    assert titles == ["Item 4", "Item 3", "Item 2"]


def test_sitemap_is_an_index_of_paginated_sections_without_drafts(client, settings):
    settings.SITEMAP_PAGE_SIZE = 2
    for n in range(5):
        OrganisationFactory(slug=f"city-{n}")
    OrganisationFactory(slug="secret-city", is_published=False)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    text = index.content.decode()
    assert "<sitemapindex" in text
    locations = re.findall(r"<loc>http://testserver([^<]+)</loc>", text)
    assert [loc for loc in locations if "members" in loc] == [
        "/sitemap-members.xml",
        "/sitemap-members.xml?p=2",
        "/sitemap-members.xml?p=3",
    ]
    assert "/sitemap-events.xml" in locations and "/sitemap-reports.xml" in locations
    pages = [client.get(f"/sitemap-members.xml?p={page}") for page in (1, 2, 3)]
    assert [page.status_code for page in pages] == [200, 200, 200]
    listed = [re.findall(r"/members/([\w-]+)/</loc>", page.content.decode()) for page in pages]
    assert listed == [["city-0", "city-1"], ["city-2", "city-3"], ["city-4"]]
    assert client.get("/sitemap-members.xml?p=4").status_code == 404
    for location in locations:
        assert "secret-city" not in client.get(location).content.decode()


def test_events_page_says_what_the_calendar_feed_holds(client):
    text = client.get("/events/").content.decode()
    assert "Calendar feed: the coming year and the last 90 days" in text

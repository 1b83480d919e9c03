"""An event whose dates have passed is never shown as planned, confirmed or upcoming: one rule
(events.models.shown_status) on every public surface."""

import csv
import datetime as dt
import io
import json
import re

import pytest

from core.dates import today
from events.models import Event, shown_status
from tests.factories import NetworkFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db

PASSED = "Date passed — not confirmed"


def test_shown_status_turns_a_passed_plan_into_date_passed():
    """Planned or confirmed before the last day; "date-passed" the day after; others unchanged."""
    day = dt.date(2023, 12, 13)
    assert shown_status("planned", day, today=day) == "planned"
    assert shown_status("confirmed", day, today=day) == "confirmed"
    assert shown_status("planned", day, today=day + dt.timedelta(days=1)) == "date-passed"
    assert shown_status("confirmed", day, today=day + dt.timedelta(days=1)) == "date-passed"
    for status in ("held", "postponed", "cancelled"):
        assert shown_status(status, day, today=dt.date(2030, 1, 1)) == status
    assert shown_status("planned", None, today=dt.date(2030, 1, 1)) == "planned"


def test_a_month_dated_plan_is_planned_until_the_month_ends():
    """ "Dec 2023" has passed only after 31 Dec 2023."""
    event = EventFactory.build(start=dt.date(2023, 12, 1), date_precision="month", status="planned")
    assert shown_status(event.status, dt.date(2023, 12, 31), today=dt.date(2023, 12, 31)) == (
        "planned"
    )
    assert event.shown_status == "date-passed"  # seen from today, years later


def past_and_coming_events():
    network = NetworkFactory(slug="iclei-east-asia", name="ICLEI East Asia")
    past = EventFactory(
        title="COP28 side event", networks=[network], start=dt.date(2023, 12, 3), status="planned"
    )
    confirmed = EventFactory(
        title="Confirmed forum", networks=[network], start=dt.date(2022, 5, 3), status="confirmed"
    )
    coming = EventFactory(
        title="Forum ahead",
        networks=[network],
        start=today() + dt.timedelta(days=40),
        status="planned",
    )
    return past, confirmed, coming


def status_tag(html: str, title: str) -> str:
    """The first tag of the list item that links `title` (its status, when not held)."""
    item = re.search(rf"<li>\s*<h3><a[^>]*>{re.escape(title)}</a>.*?</li>", html, re.S)
    assert item, title
    return re.search(r'<span class="tag">([^<]*)</span>', item.group(0)).group(1)


def test_events_page_and_home_never_call_a_passed_plan_planned(client):
    """The list shows "Date passed — not confirmed" for past plans and "Planned" only ahead."""
    past, confirmed, coming = past_and_coming_events()
    html = client.get("/events/").content.decode()
    assert status_tag(html, past.title) == PASSED
    assert status_tag(html, confirmed.title) == PASSED
    assert status_tag(html, coming.title) == "Planned"
    Event.objects.filter(pk=coming.pk).delete()  # no upcoming event: home shows recent ones
    home = client.get("/").content.decode()
    assert "The most recent ones" in home
    assert status_tag(home, past.title) == PASSED


def test_event_page_and_json_ld_of_a_passed_plan(client):
    """The page's status reads "Date passed — not confirmed"; JSON-LD states no status."""
    past, _, coming = past_and_coming_events()
    html = client.get(past.get_absolute_url()).content.decode()
    assert f"<dt>Status</dt><dd>{PASSED}</dd>" in html
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
    assert "eventStatus" not in data
    ahead = client.get(coming.get_absolute_url()).content.decode()
    assert "<dt>Status</dt><dd>Planned</dd>" in ahead
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', ahead, re.S).group(1))
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_atom_feed_says_date_passed(client):
    past_and_coming_events()
    body = client.get("/events/feed.atom").content.decode()
    assert PASSED in body
    assert "Planned" in body  # the one still ahead


def test_api_keeps_the_stored_status_and_adds_the_shown_one(client):
    """status stays "planned"; shown_status is "date-passed"; period gives the date as known."""
    past, _, coming = past_and_coming_events()
    EventFactory(title="Quarter forum", start=dt.date(2023, 10, 1), date_precision="quarter")
    rows = {row["title"]: row for row in client.get("/api/v1/events/").json()["results"]}
    assert rows[past.title]["status"] == "planned"
    assert rows[past.title]["shown_status"] == "date-passed"
    assert rows[coming.title]["shown_status"] == "planned"
    assert rows["Quarter forum"]["period"] == "2023-Q4"
    assert rows["Quarter forum"]["when"] == "Q4 2023"
    detail = client.get(f"/api/v1/events/{past.slug}/").json()
    assert (detail["status"], detail["shown_status"], detail["period"]) == (
        "planned",
        "date-passed",
        "2023-12-03",
    )


def test_api_csv_has_the_shown_status_and_the_period(client):
    past, _, _ = past_and_coming_events()
    EventFactory(
        title="Span",
        start=dt.date(2022, 2, 1),
        end=dt.date(2022, 5, 1),
        date_precision="month",
    )
    response = client.get("/api/v1/events/?format=csv")
    text = b"".join(response.streaming_content).decode()
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows[past.title]["shown_status"] == "date-passed"
    assert (rows["Span"]["when"], rows["Span"]["period"]) == ("Feb–May 2022", "2022-02/2022-05")


def test_openapi_schema_documents_shown_status_and_period(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    event = schema["components"]["schemas"]["Event"]["properties"]
    assert "date-passed" in json.dumps(event["shown_status"])
    assert "Date passed" in event["shown_status"]["description"]
    assert "2022-Q4" in event["period"]["description"]


def test_status_filter_reads_the_shown_status(client):
    """?status=planned finds only plans still ahead; ?status=date-passed the passed ones."""
    past, confirmed, coming = past_and_coming_events()

    def titles(query):
        return {row["title"] for row in client.get(f"/api/v1/events/?{query}").json()["results"]}

    assert titles("status=planned") == {coming.title}
    assert titles("status=date-passed") == {past.title, confirmed.title}
    page = client.get("/events/?status=date-passed").content.decode()
    assert past.title in page and coming.title not in page

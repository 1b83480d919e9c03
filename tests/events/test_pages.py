"""Public event pages and feeds: filters, drafts, bad parameters, iCal, Atom, JSON-LD, queries."""

import datetime as dt
import json
import re

import pytest
from icalendar import Calendar

from events.models import EventOrganisation, EventSession
from staff.models import StaffProfile
from tests.answers import assert_page_refuses
from tests.factories import (
    EventFactory,
    EventPlaceFactory,
    NetworkFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r"<h3><a href=\"[^\"]+\">([^<]+)</a></h3>", response.content.decode())


def test_event_list_shows_upcoming_before_past(client):
    """Upcoming (soonest first) then past (latest first), computed from today's date."""
    today = dt.date.today()
    EventFactory(title="Last year", start=today.replace(year=today.year - 1, month=1, day=1))
    EventFactory(
        title="Next year",
        start=today.replace(year=today.year + 1, month=1, day=1),
        status="planned",
    )
    EventFactory(
        title="Two years on",
        start=today.replace(year=today.year + 2, month=1, day=1),
        status="planned",
    )
    response = client.get("/events/")
    assert response.status_code == 200
    assert titles(response) == ["Next year", "Two years on", "Last year"]
    text = response.content.decode()
    assert text.index("Upcoming") < text.index("Past")


def test_event_list_filters_by_network_year_kind_country_and_search(client):
    network = NetworkFactory(slug="citynet")
    other = NetworkFactory()
    match = EventFactory(
        title="Seoul training",
        kind="training",
        networks=[network, other],
        start=dt.date(2022, 5, 1),
    )
    EventPlaceFactory(event=match, country="KR")
    EventPlaceFactory(event=match, country="KR", city="Busan")
    EventFactory(
        title="Other network", kind="training", networks=[other], start=dt.date(2022, 5, 1)
    )
    EventFactory(title="Other year", kind="training", networks=[network], start=dt.date(2021, 5, 1))
    response = client.get("/events/?network=citynet&year=2022&kind=training&country=KR&q=seoul")
    assert response.status_code == 200
    assert titles(response) == ["Seoul training"]  # once, although two places match


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "Enter a number."),
        ("year=20222", "less than or equal to 2100"),
        ("kind=party", "Select a valid choice"),
        ("network=nowhere", "Select a valid choice"),
    ],
)
def test_event_list_bad_filter_answers_400_with_message(client, query, message):
    EventFactory(title="Must not show")
    response = client.get(f"/events/?{query}")
    assert_page_refuses(response, message)
    assert "Must not show" not in response.content.decode()


def test_ical_feed_bad_filter_answers_400_with_message(client):
    assert_page_refuses(client.get("/events/feed.ics?year=abc"), "Year: Enter a number.")


def test_drafts_hidden_from_every_public_surface(client, staff_client, staff_user):
    """A draft appears in no list, feed, calendar or organisation page; its network's staff can
    preview it."""
    host = OrganisationFactory(slug="incheon", name="Incheon")
    draft = EventFactory(
        title="Secret draft", is_published=False, start=dt.date(2022, 10, 3), host=host
    )
    EventOrganisation.objects.create(event=draft, organisation=host, role="organiser")
    for url in [
        "/events/",
        "/events/feed.ics",
        "/events/feed.atom",
        "/events/calendar/2022/10/",
        "/members/incheon/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Secret draft" not in response.content.decode(), url
    assert client.get(f"/events/{draft.slug}/").status_code == 404
    assert client.get(f"/events/{draft.slug}/event.ics").status_code == 404
    StaffProfile.objects.create(user=staff_user).networks.set(draft.networks.all())
    preview = staff_client.get(f"/events/{draft.slug}/")
    assert preview.status_code == 200 and "Draft preview" in preview.content.decode()


def test_draft_preview_is_never_stored_by_a_shared_cache(client, staff_client, staff_user):
    """The page that shows staff a draft is marked private and not to be stored, so no proxy or
    CDN keeps it for the public; the public's pages carry no such mark."""
    draft = EventFactory(title="Secret draft", is_published=False)
    published = EventFactory(title="Open forum")
    StaffProfile.objects.create(user=staff_user).networks.set(draft.networks.all())

    preview = staff_client.get(f"/events/{draft.slug}/")

    assert preview.status_code == 200 and "Secret draft" in preview.content.decode()
    assert {"private", "no-store"} <= {part.strip() for part in preview["Cache-Control"].split(",")}
    public = client.get(f"/events/{published.slug}/")
    assert public.status_code == 200
    assert "private" not in public.get("Cache-Control", "")


def test_ical_feed_keeps_only_events_known_to_the_day_and_says_so(client, monkeypatch):
    """A day range becomes an all-day VEVENT over its days; events known only to the month,
    quarter or year are left out (no year-long block), and the calendar's description says so."""
    # The feed holds the last 90 days and the coming year: seen from the end of 2022.
    monkeypatch.setattr("events.queries.current_day", lambda: dt.date(2022, 12, 31))
    network = NetworkFactory(slug="neaspec")
    EventFactory(
        title="Day range", networks=[network], start=dt.date(2022, 10, 3), end=dt.date(2022, 10, 7)
    )
    EventFactory(
        title="Cancelled day", networks=[network], start=dt.date(2023, 2, 3), status="cancelled"
    )
    for title, start in [
        ("Month", dt.date(2023, 10, 1)),
        ("Quarter", dt.date(2023, 10, 1)),
        ("Year", dt.date(2023, 1, 1)),
    ]:
        precision = title.lower()
        EventFactory(title=title, networks=[network], start=start, date_precision=precision)
    EventFactory(title="Undated", networks=[network], start=None)
    EventFactory(title="Other network", start=dt.date(2022, 10, 3))
    response = client.get("/events/feed.ics?network=neaspec")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Day range", "Cancelled day"}
    assert (events["Day range"].decoded("dtstart"), events["Day range"].decoded("dtend")) == (
        dt.date(2022, 10, 3),
        dt.date(2022, 10, 8),
    )
    assert str(events["Cancelled day"]["status"]) == "CANCELLED"
    assert "known only to the month or quarter or year are left out" in str(
        calendar["x-wr-caldesc"]
    )
    assert str(calendar["description"]) == str(calendar["x-wr-caldesc"])


def test_ical_of_a_past_planned_event_is_tentative_and_says_date_passed(client):
    """A planned event whose day has passed is not "confirmed": TENTATIVE, with the words
    the pages show."""
    event = EventFactory(title="Old forum", start=dt.date(2021, 5, 3), status="planned")
    calendar = Calendar.from_ical(client.get(f"/events/{event.slug}/event.ics").content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["status"]) == "TENTATIVE"
    assert "Date passed — not confirmed" in str(vevent["description"])


def test_event_ics_of_a_quarter_dated_event_is_404_and_its_page_offers_no_link(client):
    """No day to put in a calendar: the page has no "Add to calendar" and the .ics says why."""
    event = EventFactory(title="Q4 forum", start=dt.date(2023, 10, 1), date_precision="quarter")
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert "Q4 2023" in page and "Add to calendar" not in page
    response = client.get(f"/events/{event.slug}/event.ics")
    assert response.status_code == 404


def test_ical_exports_sessions_on_separate_days_as_separate_events(client):
    """ "9 & 24 Oct" becomes two one-day events, not one event from 9 to 24 Oct."""
    event = EventFactory(
        title="Circular City Action Training", start=dt.date(2022, 10, 9), end=dt.date(2022, 10, 24)
    )
    EventSession.objects.create(event=event, start=dt.date(2022, 10, 9))
    EventSession.objects.create(event=event, start=dt.date(2022, 10, 24))
    calendar = Calendar.from_ical(client.get(f"/events/{event.slug}/event.ics").content)
    days = sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT"))
    assert days == [dt.date(2022, 10, 9), dt.date(2022, 10, 24)]


@pytest.mark.parametrize("breaks", ["\n", "\r\n", "\r", "\u2028"])
def test_a_line_break_in_a_title_keeps_both_calendars_valid(client, breaks):
    """The title names the event's own calendar (X-WR-CALNAME), which icalendar does not
    escape: a newline there was a 500. Both calendars parse and keep the title's words."""
    event = EventFactory(title=f"Forum{breaks}on water", start=dt.date(2022, 10, 3))
    for url in (f"/events/{event.slug}/event.ics", "/events/feed.ics?year=2022"):
        response = client.get(url)
        assert response.status_code == 200
        calendar = Calendar.from_ical(response.content)
        assert [str(vevent["summary"]).split() for vevent in calendar.walk("VEVENT")] == [
            ["Forum", "on", "water"]
        ]
    own = Calendar.from_ical(client.get(f"/events/{event.slug}/event.ics").content)
    assert str(own["x-wr-calname"]) == "Forum on water"


def test_atom_feed_lists_newly_published_events(client):
    EventFactory(title="Fresh forum", description="About <b>cities</b>")
    response = client.get("/events/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Fresh forum</title>" in response.content.decode()


def test_detail_page_has_json_ld_and_add_to_calendar(client):
    event = EventFactory(
        title="Forum </script><b>x",
        start=dt.date(2022, 12, 6),
        end=dt.date(2022, 12, 8),
        is_online=True,
        format="hybrid",
    )
    EventPlaceFactory(event=event, city="Incheon", country="KR")
    response = client.get(f"/events/{event.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert [attrs for attrs, _ in scripts] == [' type="application/ld+json"']
    data = json.loads(scripts[0][1])
    assert data["@type"] == "Event" and data["name"] == "Forum </script><b>x"
    assert (data["startDate"], data["endDate"]) == ("2022-12-06", "2022-12-08")
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"][0]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Incheon",
        "addressCountry": "KR",
    }
    assert f"/events/{event.slug}/event.ics" in html


def test_calendar_places_day_events_and_lists_vague_ones(client):
    EventFactory(title="On the 6th", start=dt.date(2022, 12, 6))
    EventFactory(title="Sometime in Q4", start=dt.date(2022, 10, 1), date_precision="quarter")
    response = client.get("/events/calendar/2022/12/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "On the 6th" in html and "Sometime in Q4" in html
    assert html.index("Sometime in Q4") < html.index("<table")


def test_calendar_impossible_month_answers_400(client):
    assert_page_refuses(client.get("/events/calendar/2022/13/"), "There is no month 2022-13.")


def test_next_year_preview_lists_planned_events_of_next_year(client):
    year = dt.date.today().year + 1
    EventFactory(title="Planned next", start=dt.date(year, 3, 1), status="planned")
    EventFactory(title="This year", start=dt.date(year - 1, 3, 1), status="planned")
    response = client.get("/events/next-year/")
    assert titles(response) == ["Planned next"]


def test_organisation_page_shows_events_held_and_organised(client):
    city = OrganisationFactory(slug="incheon", name="Incheon")
    held = EventFactory(title="Held in Incheon")
    EventPlaceFactory(event=held, organisation=city)
    organised = EventFactory(title="Organised by Incheon")
    EventOrganisation.objects.create(event=organised, organisation=city, role="co-organiser")
    html = client.get("/members/incheon/").content.decode()
    assert "Events held here" in html and "Held in Incheon" in html
    assert "Events organised" in html and "Organised by Incheon (Co-organiser)" in html.replace(
        "</a> — 3 Oct 2022 ", " "
    )


def test_editors_note_is_shown_to_staff_only(client, staff_client):
    """Notes on sources (line numbers, how documents differ) are for editors, not the public."""
    from tests.factories.events import EventFactory

    event = EventFactory(title="Forum", note="Also in 000:242 with another date.")
    assert "Also in 000:242" not in client.get(event.get_absolute_url()).content.decode()
    assert "Also in 000:242" in staff_client.get(event.get_absolute_url()).content.decode()


def test_ical_writer_gives_the_bytes_icalendar_writes(client):
    """The feed's VEVENTs are written directly (events.ical.event_lines), not by icalendar's
    objects: icalendar reads them back and writes the same bytes (escapes, folding of long and
    non-ASCII lines, property order)."""
    event = EventFactory(
        title="Forum, part 2; «Ümlaut» \\ back–slash " + "long title " * 12,
        description="Line one\nline two; with, commas\\ and a long tail " * 4,
        date_note="dates; to be confirmed",
    )
    content = client.get(f"/events/{event.slug}/event.ics").content
    assert Calendar.from_ical(content).to_ical() == content
    assert b"\\;" in content and b"\\," in content and b"\r\n " in content

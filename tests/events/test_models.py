"""Rules of events: partial dates, upcoming/past, validation messages, copying an edition."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events import queries, services
from events.models import Event, EventOrganisation, EventPlace, EventStatus, ReportGroup
from events.services import copy_into_next_edition, next_edition_title
from tests.factories import EventFactory, EventSeriesFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_event_quarter_precision_stores_whole_quarter_and_shows_it():
    """A "Q4 2023" event is stored as 1 Oct – 31 Dec and shown as "Q4 2023"."""
    event = EventFactory(start=dt.date(2023, 11, 15), date_precision="quarter")
    event.refresh_from_db()
    assert event.start == dt.date(2023, 10, 1)
    assert event.ends_on == dt.date(2023, 12, 31)
    assert event.when == "Q4 2023"


def test_event_upcoming_until_last_day_of_its_period():
    """A month-precision event stays upcoming until the month's last day, then becomes past."""
    event = EventFactory(start=dt.date(2023, 11, 1), date_precision="month")
    assert list(Event.objects.upcoming(dt.date(2023, 11, 30))) == [event]
    assert list(Event.objects.past(dt.date(2023, 11, 30))) == []
    assert list(Event.objects.past(dt.date(2023, 12, 1))) == [event]


def test_undated_event_is_neither_upcoming_nor_past_but_listed_last():
    """An event no source dates is listed under 'date not given', after dated ones."""
    dated = EventFactory(start=dt.date(2020, 1, 1))
    undated = EventFactory(start=None)
    assert undated.when == ""
    assert list(Event.objects.upcoming()) == [] and list(Event.objects.past()) == [dated]
    ordered = list(queries.upcoming_then_past(Event.objects.all()))
    assert ordered == [dated, undated]


def test_upcoming_then_past_orders_soonest_then_latest():
    today = dt.date(2023, 6, 1)
    later = EventFactory(start=dt.date(2023, 9, 1))
    sooner = EventFactory(start=dt.date(2023, 7, 1))
    old = EventFactory(start=dt.date(2021, 1, 1))
    recent = EventFactory(start=dt.date(2023, 1, 1))
    assert list(queries.upcoming_then_past(Event.objects.all(), today)) == [
        sooner,
        later,
        recent,
        old,
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"start": dt.date(2022, 10, 7), "end": dt.date(2022, 10, 3)},
            "end",
            "The end is before the start.",
        ),
        ({"start": None, "end": dt.date(2022, 10, 3)}, "end", "An end needs a start"),
        (
            {"start": dt.date(2099, 1, 1), "status": "held"},
            "status",
            "A held event cannot start in the future",
        ),
        ({"format": "online", "is_online": False}, "is_online", "must be marked 'online'"),
        ({"format": "in-person", "is_online": True}, "format", "online or hybrid, not in person"),
        ({"links": "www.example.org"}, "links", "must start with http"),
    ],
)
def test_event_clean_refuses_inconsistent_values(fields, field, message):
    event = Event(title="T", kind="forum", status="planned", start=dt.date(2022, 10, 3))
    for name, value in fields.items():
        setattr(event, name, value)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert any(message in text for text in error.value.message_dict[field])


def test_place_needs_organisation_city_or_country():
    with pytest.raises(ValidationError, match="needs an organisation, a city or a country"):
        EventPlace(event=EventFactory()).full_clean()


def test_events_in_year_groups_by_report_group_and_hides_drafts():
    network = NetworkFactory()
    webinars = ReportGroup.objects.create(network=network, name="Webinars", slug="webinars")
    trainings = ReportGroup.objects.create(
        network=network, name="Trainings", slug="trainings", order=1
    )
    training = EventFactory(networks=[network], start=dt.date(2022, 3, 1))
    webinar = EventFactory(networks=[network], start=dt.date(2022, 5, 1))
    ungrouped = EventFactory(networks=[network], start=dt.date(2022, 1, 1))
    draft = EventFactory(networks=[network], is_published=False)
    EventFactory(networks=[network], start=dt.date(2021, 12, 31))
    for event, group in ((training, trainings), (webinar, webinars), (draft, trainings)):
        services.event_set_report_groups(event=event, report_groups={network: group})
    groups = queries.events_in_year(network, 2022)
    assert [(g["group"], g["events"]) for g in groups] == [
        ("webinars", [webinar]),
        ("trainings", [training]),
        ("", [ungrouped]),
    ]


def test_year_spanning_event_belongs_to_both_years():
    network = NetworkFactory()
    event = EventFactory(networks=[network], start=dt.date(2022, 12, 30), end=dt.date(2023, 1, 2))
    assert [e for g in queries.events_in_year(network, 2023) for e in g["events"]] == [event]


def test_copy_into_next_edition_makes_a_draft_with_places_and_organisers():
    """The copy is an unpublished, undated next edition with the same places and organisers."""
    series = EventSeriesFactory(name="International Forum on Low Carbon Cities")
    host = OrganisationFactory(name="Incheon")
    event = EventFactory(
        title="2nd International Forum on Low Carbon Cities", series=series, edition=2, host=host
    )
    EventPlace.objects.create(event=event, organisation=host, city="Incheon", country="KR")
    EventOrganisation.objects.create(event=event, organisation=host, role="organiser")
    copy = copy_into_next_edition(event=event)
    assert copy.title == "3rd International Forum on Low Carbon Cities"
    assert (copy.edition, copy.is_published, copy.start, copy.status) == (
        3,
        False,
        None,
        EventStatus.PLANNED,
    )
    assert list(copy.places.values_list("city", flat=True)) == ["Incheon"]
    assert list(copy.organisations.values_list("organisation__name", "role")) == [
        ("Incheon", "organiser")
    ]
    assert list(copy.networks.all()) == list(event.networks.all())


def test_next_edition_title_moves_the_year():
    assert next_edition_title("Daring Cities 2022", edition=None, year=2022) == "Daring Cities 2023"


def test_past_events_and_the_api_list_sort_by_period_not_an_invented_first_day(client):
    """An event known only as "2021" or "Mar 2022" sorts at the end of its period, as reports
    do (period_order), not on the 1 January or 1 March its start is stored as: latest first,
    "Mar 2022" opens March 2022 and "2021" opens 2021 on the events page and in the API."""
    year = EventFactory(title="Year 2021", start=dt.date(2021, 1, 1), date_precision="year")
    december = EventFactory(title="Dec 5 2021", start=dt.date(2021, 12, 5))
    month = EventFactory(title="March 2022", start=dt.date(2022, 3, 1), date_precision="month")
    day = EventFactory(title="Mar 10 2022", start=dt.date(2022, 3, 10))
    expected = [month, day, year, december]
    assert list(Event.objects.past(dt.date(2023, 1, 1))) == expected
    assert list(queries.upcoming_then_past(Event.objects.all(), dt.date(2023, 1, 1))) == expected

    page = client.get("/events/").content.decode()
    positions = [page.index(f">{event.title}<") for event in expected]
    assert positions == sorted(positions), "the events page lists past events in period order"
    api = client.get("/api/v1/events/").json()["results"]
    assert [row["title"] for row in api] == [event.title for event in expected]


def test_the_sort_day_follows_a_change_of_precision_and_a_revert():
    """sort_day is derived on every save: a precision changed in the admin or by a history
    revert moves the event in the lists."""
    event = EventFactory(start=dt.date(2022, 3, 10))
    assert event.sort_day == dt.date(2022, 3, 10)
    event.date_precision = "quarter"
    event.save()
    event.refresh_from_db()
    assert (event.start, event.sort_day) == (dt.date(2022, 1, 1), dt.date(2022, 3, 31))
    event.history.earliest().instance.save()  # what the admin's history revert does
    event.refresh_from_db()
    assert (event.date_precision, event.sort_day) == ("day", dt.date(2022, 3, 10))


def test_time_elements_give_the_date_at_its_precision(client):
    """Machine-readable dates are as precise as known: <time datetime="2022"> for "2022",
    "2022-03" for "Mar 2022", the year for a quarter (HTML has no quarter), the day only when
    known — on the events page (its rows written in Python) and the event's own page."""
    from tests.factories import StoryFactory

    cases = [
        ("Year event", dt.date(2021, 1, 1), "year", "2021", "2021"),
        ("Quarter event", dt.date(2021, 10, 1), "quarter", "2021", "Q4 2021"),
        ("Month event", dt.date(2022, 3, 1), "month", "2022-03", "Mar 2022"),
        ("Day event", dt.date(2022, 3, 10), "day", "2022-03-10", "10 Mar 2022"),
    ]
    events = [
        EventFactory(title=title, start=start, date_precision=precision)
        for title, start, precision, _value, _shown in cases
    ]
    listing = client.get("/events/").content.decode()
    for event, (_title, _start, _precision, value, shown) in zip(events, cases, strict=True):
        element = f'<time datetime="{value}">{shown}</time>'
        assert element in listing
        assert element in client.get(event.get_absolute_url()).content.decode()
    assert 'datetime="2021-01-01"' not in listing and 'datetime="2021-10-01"' not in listing
    story = StoryFactory(slug="quarterly", date=dt.date(2022, 11, 5), date_precision="quarter")
    page = client.get(story.get_absolute_url()).content.decode()
    assert '<time datetime="2022">Q4 2022</time>' in page

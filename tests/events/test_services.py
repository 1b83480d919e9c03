"""The event write service: what is saved or refused, with which message, on every path."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events import services
from events.models import Event, EventPlace
from tests.api.test_writes import token_header
from tests.events.test_admin import form_data
from tests.factories import (
    EventFactory,
    EventPlaceFactory,
    NetworkFactory,
    OrganisationFactory,
    ThemeFactory,
)
from tests.staff.sheets import preview, sheet

pytestmark = pytest.mark.django_db


def new_event(**fields):
    return Event(title="Low Carbon Cities Forum", kind="forum", **fields)


def messages_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_event_save_creates_the_event_with_its_dates_places_and_networks(network):
    """A quarter date, a place and a network: all saved, the dates as the quarter's days."""
    event = services.event_save(
        event=new_event(),
        start="2026-Q4",
        networks=[network],
        places=[{"city": "Seoul", "country": "KR"}],
    )
    event.refresh_from_db()
    assert (event.start, event.end, event.date_precision, event.ends_on) == (
        dt.date(2026, 10, 1),
        None,
        "quarter",
        dt.date(2026, 12, 31),
    )
    assert list(event.networks.all()) == [network]
    assert [place.label for place in event.places.all()] == ["Seoul, South Korea"]


@pytest.mark.parametrize(
    ("places", "derived"), [([{"city": "Seoul", "country": "KR"}], "hybrid"), ([], "online")]
)
def test_event_save_derives_the_format_of_an_online_event_from_its_places(network, places, derived):
    """Online with no stated format: hybrid when it has places, online without."""
    event = services.event_save(event=new_event(is_online=True), networks=[network], places=places)
    assert Event.objects.get(pk=event.pk).format == derived


def test_event_save_keeps_a_stated_format_and_leaves_an_offline_event_unstated(network):
    stated = services.event_save(
        event=new_event(is_online=True, format="online"),
        networks=[network],
        places=[{"city": "Seoul"}],
    )
    offline = services.event_save(event=new_event(), networks=[network], places=[{"city": "Seoul"}])
    assert Event.objects.get(pk=stated.pk).format == "online"
    assert Event.objects.get(pk=offline.pk).format == ""


def test_event_places_saved_derives_the_format_once_the_admins_places_are_in(network):
    """The admin saves places after the event: the format follows them then."""
    event = EventFactory(networks=[network], is_online=True, format="")
    EventPlaceFactory(event=event, city="Seoul")
    services.event_places_saved(event=event)
    assert Event.objects.get(pk=event.pk).format == "hybrid"


@pytest.mark.parametrize(
    ("fields", "dates", "field", "message"),
    [
        (
            {"format": "online", "is_online": False},
            {},
            "is_online",
            "An online or hybrid event must be marked 'online'.",
        ),
        ({}, {"start": "2022-10", "end": "2022-09"}, "end", "The end is before the start."),
        ({}, {"start": "", "end": "2022-09"}, "start", "An end needs a start."),
        ({}, {"start": "2022-13"}, "start", "is not a date"),
        (
            {},
            {"start": "2022-10", "end": "2022-10-15"},
            "end",
            "Give 'start' and 'end' at the same precision.",
        ),
        ({}, {"start": "2022", "date_precision": "month"}, "start", "gives no month"),
    ],
)
def test_event_save_refuses_an_invalid_event_with_the_message_and_saves_nothing(
    network, fields, dates, field, message
):
    with pytest.raises(ValidationError) as excinfo:
        services.event_save(event=new_event(**fields), networks=[network], **dates)
    assert message in " ".join(messages_of(excinfo)[field])
    assert not Event.objects.exists()


def test_an_explicit_precision_reads_a_finer_end_within_it(network):
    """As in the admin form: with a stated precision, any day in the period will do."""
    event = services.event_save(
        event=new_event(),
        networks=[network],
        start="2022-10",
        end="2022-11-15",
        date_precision="month",
    )
    assert (event.start, event.end, event.when) == (
        dt.date(2022, 10, 1),
        dt.date(2022, 11, 30),
        "Oct–Nov 2022",
    )


def test_changing_the_start_alone_keeps_the_end(network):
    event = EventFactory(networks=[network], start=dt.date(2022, 10, 3), end=dt.date(2022, 10, 7))
    services.event_save(event=event, start="2022-10-04")
    event.refresh_from_db()
    assert (event.start, event.end) == (dt.date(2022, 10, 4), dt.date(2022, 10, 7))


def test_event_save_refuses_places_organisers_and_themes_that_do_not_fit(network):
    """Each wrong row is named; the event is not saved."""
    city = OrganisationFactory(slug="seoul")
    ThemeFactory(network=NetworkFactory(), slug="elsewhere")
    cases = [
        ({"places": [{"city": "Seoul"}, {"venue": "Hall"}]}, "places[1]", "needs an organisation"),
        (
            {
                "organisers": [
                    {"organisation": city, "role": "partner"},
                    {"organisation": city, "role": "partner"},
                ]
            },
            "organisers[1]",
            "This organisation already has this role.",
        ),
        ({"themes": ["elsewhere"]}, "themes", "No theme of the event's networks"),
    ]
    for relations, field, message in cases:
        with pytest.raises(ValidationError) as excinfo:
            services.event_save(event=new_event(), networks=[network], **relations)
        assert message in " ".join(messages_of(excinfo)[field])
    assert not Event.objects.exists() and not EventPlace.objects.exists()


def test_event_save_replaces_given_relations_and_keeps_the_others(network):
    theme = ThemeFactory(network=network, slug="climate")
    event = services.event_save(
        event=new_event(), networks=[network], themes=["climate"], places=[{"city": "Seoul"}]
    )
    services.event_save(event=event, places=[{"city": "Busan"}, {"city": "Incheon"}])
    assert list(event.themes.all()) == [theme]
    assert [place.city for place in event.places.order_by("order")] == ["Busan", "Incheon"]


# --- The same invalid event through every path ----------------------------------------------

INVALID = {
    "online without 'online'": {
        "admin": {"format": "online"},
        "api": {"format": "online", "is_online": False},
        "sheet": {"format": "online", "online": "no"},
        "fields": ("is_online", "is_online", "is_online"),
    },
    "end before start": {
        "admin": {"start_text": "2023-10-07", "end_text": "2023-10-03", "date_precision": "day"},
        "api": {"start": "2023-10-07", "end": "2023-10-03"},
        "sheet": {"start": "2023-10-07", "end": "2023-10-03"},
        "fields": ("end_text", "end", "end"),
    },
}


@pytest.mark.parametrize("case", INVALID)
def test_the_same_invalid_event_gets_the_same_message_from_admin_api_and_spreadsheet(
    superuser_client, client, network, case
):
    """Admin form, API and spreadsheet import refuse it with one and the same message."""
    given = INVALID[case]
    admin_field, api_field, sheet_field = given["fields"]

    response = superuser_client.post(
        "/admin/events/event/add/", form_data(network, **given["admin"])
    )
    assert response.status_code == 200
    from_admin = response.context["adminform"].form.errors[admin_field]

    response = client.post(
        "/api/v1/events/",
        {
            "title": "Hydrogen forum",
            "kind": "forum",
            "networks": ["iclei-east-asia"],
            "start": "2023-Q4",
            **given["api"],
        },
        content_type="application/json",
        **token_header("add_event"),
    )
    assert response.status_code == 400
    from_api = response.json()[api_field]

    row = {"title": "Hydrogen forum", "kind": "forum", "networks": "iclei-east-asia"}
    row.update({"start": "2023-Q4", **given["sheet"]})
    upload = sheet(",".join(row) + "\n" + ",".join(row.values()), name="events.csv")
    result = preview(superuser_client, "events_event", upload).context["result"]
    (invalid,) = result.invalid_rows
    from_sheet = invalid.error_dict[sheet_field]

    assert list(from_admin) == list(from_api) == list(from_sheet)
    assert len(from_api) == 1
    assert not Event.objects.exists()

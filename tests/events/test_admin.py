"""Staff create events with partial dates and places; clear messages for bad dates."""

import datetime as dt
import html

import pytest

from events.models import Event
from tests.factories import EventFactory, EventSeriesFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def form_data(network, **overrides):
    data = {
        "title": "Hydrogen forum",
        "kind": "forum",
        "networks": [network.pk],
        "start_text": "2023-Q4",
        "end_text": "",
        "date_precision": "quarter",
        "status": "planned",
        "publish_at_0": "2023-01-01",
        "publish_at_1": "00:00:00",
        "is_published": "on",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "places-TOTAL_FORMS": "2",
        "places-INITIAL_FORMS": "0",
        "places-0-city": "Incheon",
        "places-0-country": "KR",
        "places-0-order": "0",
        "places-1-city": "Almería",
        "places-1-country": "ES",
        "places-1-order": "1",
        "organisations-TOTAL_FORMS": "0",
        "organisations-INITIAL_FORMS": "0",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_staff_create_quarter_event_with_two_places_and_see_it_public(superuser_client, client):
    network = NetworkFactory()
    response = superuser_client.post("/admin/events/event/add/", form_data(network))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="Hydrogen forum")
    assert (event.start, event.end, event.when) == (dt.date(2023, 10, 1), None, "Q4 2023")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Q4 2023" in page and "Incheon, South Korea" in page and "Almería, Spain" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"start_text": "2023-10", "date_precision": "day"},
            "'2023-10' gives no day, but the date precision is Day",
        ),
        ({"start_text": "2023-13"}, "is not a date"),
        (
            {"start_text": "2023-10-07", "end_text": "2023-10-03", "date_precision": "day"},
            "The end is before the start.",
        ),
        (
            {"start_text": "2099-01-01", "date_precision": "day", "status": "held"},
            "A held event cannot start in the future",
        ),
    ],
)
def test_admin_refuses_bad_dates_with_clear_message(superuser_client, overrides, message):
    network = NetworkFactory()
    response = superuser_client.post("/admin/events/event/add/", form_data(network, **overrides))
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not Event.objects.filter(title="Hydrogen forum").exists()


def test_admin_copy_into_next_edition_action(superuser_client):
    series = EventSeriesFactory(name="Daring Cities")
    event = EventFactory(
        title="Daring Cities 2022", series=series, edition=None, start=dt.date(2022, 10, 3)
    )
    response = superuser_client.post(
        "/admin/events/event/",
        {"action": "copy_into_next_edition", "_selected_action": [event.pk]},
        follow=True,
    )
    assert "1 draft of a next edition created" in response.content.decode()
    copy = Event.objects.get(title="Daring Cities 2023")
    assert copy.is_published is False and copy.series == series


def test_admin_list_filters_by_year(superuser_client):
    EventFactory(title="In 2022", start=dt.date(2022, 3, 1))
    EventFactory(title="In 2021", start=dt.date(2021, 3, 1))
    html = superuser_client.get("/admin/events/event/?year=2022").content.decode()
    assert "In 2022" in html and "In 2021" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/events/event/?year=20x2",
        "/admin/publications/publication/?year=1899",
        "/admin/events/event/?year=²",
        "/admin/publications/publication/?year=²",
    ],
)
def test_admin_list_refuses_a_bad_year_instead_of_ignoring_it(superuser_client, url):
    """A year that is not a year (typed into the address) is refused with the admin's
    invalid-filter answer and a message saying so, never applied as if it were a year."""
    EventFactory(title="Hydrogen forum", start=dt.date(2022, 5, 1))
    response = superuser_client.get(url, follow=True)
    assert response.redirect_chain[-1][0].endswith("?e=1")
    assert "is not a year, so the list is shown unfiltered." in response.content.decode()

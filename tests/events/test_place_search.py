"""A search for a city finds the events held there, though their title does not name it: on the
events page, its API and the site search."""

import pytest

from tests.factories import EventFactory, EventPlaceFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    event = EventFactory(title="Climate Adaptation Workshop", is_published=True)
    EventPlaceFactory(event=event, city="Kunming", venue="Dianchi Hall", organisation=None)
    EventFactory(title="Urban Forum", is_published=True)
    return event


@pytest.mark.parametrize("q", ["Kunming", "kunming", "Dianchi", "workshop kunming"])
def test_the_events_page_and_api_find_events_by_their_place(client, workshop, q):
    page = client.get("/events/", {"q": q}).content.decode()
    assert "Climate Adaptation Workshop" in page
    assert "Urban Forum" not in page
    api = client.get("/api/v1/events/", {"q": q}).json()
    assert [e["slug"] for e in api["results"]] == [workshop.slug]


def test_the_site_search_finds_an_event_by_its_place(client, workshop):
    page = client.get("/search/", {"q": "Kunming"}).content.decode()
    assert "Climate Adaptation Workshop" in page


def test_a_draft_organisations_name_finds_nothing(client):
    """A place's organisation may be a draft: its name is not searched."""
    event = EventFactory(title="Closed Meeting", is_published=True)
    secret = OrganisationFactory(name="Secretcity", is_published=False)
    EventPlaceFactory(event=event, organisation=secret, city="")
    assert "Closed Meeting" not in client.get("/events/", {"q": "Secretcity"}).content.decode()

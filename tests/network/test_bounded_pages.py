"""An organisation's and a network's page list the latest LATEST of what grows with the years,
with a link to the list page filtered to them, which lists them all (issue 14: nothing on a page
grows with the whole table)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from events.models import EventOrganisation
from network.models import Organisation
from network.queries import LATEST, published_pairings
from tests.factories import (
    CityPairingFactory,
    EditionFactory,
    EventFactory,
    EventPlaceFactory,
    NetworkFactory,
    OrganisationFactory,
    ProjectFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

MORE = LATEST + 3


def events_of(city):
    """MORE events hosted by or held at `city` (in turn), and two it organised."""
    events = []
    for n in range(MORE + 2):
        event = EventFactory(title=f"Event {n:02}", start=dt.date(2000 + n, 5, 1))
        if n >= MORE:
            EventOrganisation.objects.create(event=event, organisation=city, role="organiser")
        elif n % 2:
            EventPlaceFactory(event=event, organisation=city)
        else:
            event.host = city
            event.save()
        events.append(event)
    return events


def test_organisation_page_lists_the_latest_events_and_links_to_all_of_them(client):
    city = OrganisationFactory(slug="busan", name="Busan")
    events = events_of(city)
    EventFactory(title="Someone else's")

    page = client.get("/members/busan/")
    assert page.context["held"] == events[MORE - 1 :: -1][:LATEST]  # the latest first
    assert page.context["organised"] == events[: MORE - 1 : -1]
    assert page.context["more"] == "/events/?organisation=busan"
    assert b'href="/events/?organisation=busan"' in page.content

    listed = client.get("/events/", {"organisation": "busan"})
    assert listed.status_code == 200
    assert sorted(e.title for e in listed.context["events"]) == sorted(e.title for e in events)


def test_few_events_show_all_without_a_link(client):
    city = OrganisationFactory(slug="busan")
    EventFactory(host=city)
    page = client.get("/members/busan/")
    assert len(page.context["held"]) == 1
    assert page.context["more"] is None
    assert b"/events/?organisation=" not in page.content


def test_organisation_page_lists_the_latest_publications_and_links_to_all(client):
    city = OrganisationFactory(slug="busan")
    about, published_by = [], []
    for n in range(MORE):
        publication = PublicationFactory(title=f"Publication {n:02}")
        if n % 2:
            publication.organisations.add(city)
            about.append(publication)
        else:
            EditionFactory(publication=publication, publisher=city, date=dt.date(2000 + n, 1, 1))
            published_by.append(publication)
    PublicationFactory(title="Someone else's")

    page = client.get("/members/busan/")
    assert b'href="/publications/?organisation=busan"' in page.content
    listed = client.get("/publications/", {"organisation": "busan"})
    assert listed.status_code == 200
    assert {p.title for p in listed.context["publications"]} == {
        p.title for p in about + published_by
    }


def test_organisation_page_lists_the_latest_projects_and_links_to_all(client):
    city = OrganisationFactory(slug="busan")
    network = NetworkFactory()
    projects = [
        ProjectFactory(network=network, title=f"Project {n:02}", start=dt.date(2000 + n, 1, 1))
        for n in range(MORE)
    ]
    for project in projects:
        project.participants.create(organisation=city, role="partner")
    ProjectFactory(network=network, title="Someone else's")

    page = client.get("/members/busan/")
    shown = [role.project for role in page.context["project_roles"]]
    assert len(shown) == LATEST
    assert shown[0] == projects[-1]  # the latest first
    assert b'href="/projects/?organisation=busan"' in page.content
    listed = client.get("/projects/", {"organisation": "busan"})
    assert listed.status_code == 200
    assert {p.title for p in listed.context["projects"]} == {p.title for p in projects}


def test_organisation_page_bounds_its_pairings_and_links_to_all(client):
    city = OrganisationFactory(slug="busan")
    programme = ProjectFactory()
    for _ in range(MORE):
        CityPairingFactory(programme=programme, first=city)
    page = client.get("/members/busan/")
    assert len(page.context["pairings"]) == LATEST
    assert b'href="/api/v1/pairings/?organisation=busan"' in page.content
    listed = client.get("/api/v1/pairings/", {"organisation": "busan", "page_size": 100})
    assert listed.json()["count"] == MORE


def test_a_draft_organisations_address_filters_nothing_in(client):
    """The filters answer for a draft organisation's slug as for an unknown one: its events
    do not reveal that it exists."""
    draft = OrganisationFactory(slug="secret-office", is_published=False)
    EventFactory(host=draft)
    PublicationFactory().organisations.add(draft)
    ProjectFactory().participants.create(organisation=draft, role="partner")
    for url, key in (("/events/", "events"), ("/publications/", "publications")):
        response = client.get(url, {"organisation": "secret-office"})
        assert response.status_code == 200
        assert list(response.context[key]) == []
    assert (
        list(client.get("/projects/", {"organisation": "secret-office"}).context["projects"]) == []
    )


def test_network_page_lists_the_latest_projects_and_links_to_all(client):
    network = NetworkFactory(slug="net")
    projects = [
        ProjectFactory(network=network, title=f"Project {n:02}", start=dt.date(2000 + n, 1, 1))
        for n in range(MORE)
    ]
    page = client.get("/networks/net/")
    assert list(page.context["projects"]) == projects[::-1][:LATEST]
    assert b'href="/projects/?network=net"' in page.content
    listed = client.get("/projects/", {"network": "net"})
    assert {p.title for p in listed.context["projects"]} == {p.title for p in projects}


def test_pairings_of_an_organisation_are_found_through_their_joins():
    """The pairings query tests each side's publication on the row it joins: no `IN
    (subquery)` of every published organisation or project, which SQLite planned as a probe of
    the (programme, first, second) index for every combination (minutes at 12,000
    organisations); and a draft side still hides the pairing."""
    city = OrganisationFactory()
    shown = CityPairingFactory(first=city)
    CityPairingFactory(first=city, second=OrganisationFactory(is_published=False))
    CityPairingFactory(second=city, programme=ProjectFactory(is_published=False))
    with CaptureQueriesContext(connection) as captured:
        found = list(published_pairings().filter(Q(first=city) | Q(second=city)))
    assert found == [shown]
    assert " IN (SELECT" not in captured.captured_queries[0]["sql"]
    assert Organisation.objects.published().filter(pk=city.pk).exists()


def test_project_page_links_to_all_its_publications(client):
    project = ProjectFactory(slug="clean-air")
    publications = [PublicationFactory(title=f"Publication {n:02}") for n in range(MORE)]
    for publication in publications:
        publication.projects.add(project)
    PublicationFactory(title="Another project's").projects.add(ProjectFactory())

    page = client.get("/projects/clean-air/")
    assert len(page.context["publications"]) == LATEST
    assert b'href="/publications/?project=clean-air"' in page.content
    listed = client.get("/publications/", {"project": "clean-air"})
    assert {p.title for p in listed.context["publications"]} == {p.title for p in publications}

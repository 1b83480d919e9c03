"""Deleted records and their history stay within the networks a staff user works for, also for
records that reach their network through a chain of parents or through many-to-many links."""

import pytest

from events.models import Event
from network.models import CityPairing, Seat, Term
from publications.models import Publication
from staff.scope import historical_network_ids
from tests.factories import (
    CityPairingFactory,
    EventFactory,
    EventSessionFactory,
    GovernanceBodyFactory,
    PublicationFactory,
    SeatFactory,
    TermFactory,
)
from tests.staff.flows import admin_url, restore_deleted, staff_client

pytestmark = pytest.mark.django_db


def make_term(network):
    term = TermFactory(body__network=network, name="Term of " + network.name)
    SeatFactory(term=term, role="Seat of " + network.name)
    return term


def make_pairing(network):
    return CityPairingFactory(programme__network=network, theme="Pairing of " + network.name)


def make_event(network):
    event = EventFactory(networks=[network], title="Event of " + network.name)
    EventSessionFactory(event=event, title="Session of " + network.name)
    return event


def make_publication(network):
    return PublicationFactory(networks=[network], title="Publication of " + network.name)


CASES = {
    "term (via body__network)": (Term, make_term),
    "pairing (via programme__network)": (CityPairing, make_pairing),
    "event (via networks)": (Event, make_event),
    "publication (via networks)": (Publication, make_publication),
}


@pytest.mark.parametrize("case", CASES)
def test_editor_neither_sees_nor_restores_another_networks_deleted_record(case, iclei, citynet):
    """An ICLEI editor finds no CityNet record among the deleted ones, and its history and
    revert form answer "does not exist"; forging the revert post restores nothing."""
    model, make = CASES[case]
    record = make(citynet)
    pk, name = record.pk, str(record)
    saved = model.history.filter(id=pk).latest()
    record.delete()
    client = staff_client("Editor", iclei)

    deleted = client.get(admin_url(model, "deleted"))
    assert deleted.status_code == 200
    assert name not in deleted.content.decode()
    assert admin_url(model, "history", pk) not in deleted.content.decode()
    for url in (
        admin_url(model, "history", pk),
        admin_url(model, "simple_history", pk, saved.history_id),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/admin/", url
    forged = client.post(admin_url(model, "simple_history", pk, saved.history_id), {})
    assert forged.status_code == 302
    assert not model.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("case", CASES)
def test_editor_restores_their_own_networks_deleted_record(case, iclei, citynet):
    """The same record of the editor's own network is listed and comes back with its rows."""
    model, make = CASES[case]
    record = make(iclei)
    pk = record.pk
    children = {
        Term: lambda: Seat.objects.filter(term_id=pk).count(),
        Event: lambda: Event.objects.get(pk=pk).sessions.count(),
    }.get(model)
    record.delete()
    client = staff_client("Editor", iclei)

    response = restore_deleted(client, model, pk)
    assert response.status_code == 302, response.content.decode()[:3000]
    restored = model.objects.get(pk=pk)
    assert restored.pk == pk
    if model in (Event, Publication):
        assert list(restored.networks.all()) == [iclei]
    if children:
        assert children() == 1  # the seat, the session deleted along with it are back


def test_another_networks_history_of_a_live_record_is_not_shown(iclei, citynet):
    """The history and old versions of CityNet's event are as hidden as its change page."""
    event = make_event(citynet)
    version = event.history.latest()
    client = staff_client("Editor", iclei)
    for url in (
        admin_url(Event, "history", event.pk),
        admin_url(Event, "simple_history", event.pk, version.history_id),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/admin/", url
    client.post(admin_url(Event, "simple_history", event.pk, version.history_id), {"title": "X"})
    event.refresh_from_db()
    assert event.title == "Event of CityNet"


def test_network_of_a_seat_is_found_when_its_term_and_body_were_deleted_too(citynet):
    """A seat's network is read from its term's and body's history once they are gone."""
    body = GovernanceBodyFactory(network=citynet)
    seat = SeatFactory(term__body=body)
    seat_id = seat.pk
    body.delete()  # the term and the seat go with it
    deletion = Seat.history.filter(id=seat_id, history_type="-").get()
    assert historical_network_ids(deletion, "term__body__network") == {citynet.pk}


def test_network_of_a_deleted_event_comes_from_its_last_saved_links(iclei, citynet):
    """The deletion entry keeps no links; the networks are those of the version before it."""
    event = EventFactory(networks=[iclei, citynet])
    pk = event.pk
    event.delete()
    deletion = Event.history.filter(id=pk, history_type="-").get()
    assert historical_network_ids(deletion, "networks") == {iclei.pk, citynet.pk}

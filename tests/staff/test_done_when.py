"""Network scope and restore, step by step as staff would do it:

- an ICLEI editor cannot see or change CityNet's records (lists, change pages, API);
- an event deleted by mistake is restored with its history (editors may not delete: a
  publisher deletes it, then restores it from the deleted records through the admin).
"""

import datetime as dt

import pytest
from django.apps import apps
from django.test import Client
from rest_framework.authtoken.models import Token

from events.models import Event
from network.models import Network, Term
from tests.factories import (
    EventFactory,
    EventPlaceFactory,
    EventSessionFactory,
    NetworkFactory,
    PersonFactory,
    ThemeFactory,
)
from tests.staff.flows import NETWORK_PATHS, admin_url, restore_deleted, staff_client, staff_user
from tests.staff.forms import admin_form_data
from tests.staff.test_matrix import RECORDS


def of_network(model, slug):
    """Records of `model` that belong to network `slug` (among others, maybe)."""
    path = NETWORK_PATHS[model._meta.label]
    return model.objects.filter(**{"slug" if path == "pk" else f"{path}__slug": slug})


def only_of(model, slug, other_slug):
    """Records of `model` that belong to network `slug` and not to `other_slug`."""
    return of_network(model, slug).exclude(pk__in=of_network(model, other_slug).values("pk"))


def test_an_iclei_editor_cannot_see_or_change_citynets_records(seeded, superuser_client):
    """On the seed content: no admin list shows a CityNet-only record to an ICLEI editor, every
    ICLEI record is there; CityNet's event, term and network cannot be opened or changed,
    through the admin or the API."""
    iclei = Network.objects.get(slug="iclei-east-asia")
    editor = staff_user("Editor", iclei, username="iclei-editor")
    client = staff_client("Editor", iclei, username="iclei-editor-browser")
    hidden_total = 0
    for label in RECORDS:
        model = apps.get_model(label)
        response = client.get(admin_url(model, "changelist"))
        assert response.status_code == 200, label
        shown = set(response.context["cl"].queryset.values_list("pk", flat=True))
        citynets = set(only_of(model, "citynet", "iclei-east-asia").values_list("pk", flat=True))
        icleis = set(of_network(model, "iclei-east-asia").values_list("pk", flat=True))
        assert not shown & citynets, label
        assert shown == icleis, label
        hidden_total += len(citynets)
    assert hidden_total > 100  # the seed content really holds CityNet records to hide

    event = only_of(Event, "citynet", "iclei-east-asia").first()
    term = only_of(Term, "citynet", "iclei-east-asia").first()
    citynet = Network.objects.get(slug="citynet")
    for record, field in ((event, "title"), (term, "name"), (citynet, "full_name")):
        model = type(record)
        before = model.objects.filter(pk=record.pk).values().get()
        change = admin_url(model, "change", record.pk)
        for url in (change, admin_url(model, "history", record.pk)):
            assert client.get(url).status_code == 302, url
        form = admin_form_data(superuser_client.get(change).content.decode(), **{field: "Mine"})
        client.post(change, form)
        assert model.objects.filter(pk=record.pk).values().get() == before

    api = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    title = event.title
    response = api.patch(
        f"/api/v1/events/{event.slug}/", {"title": "Mine"}, content_type="application/json"
    )
    assert response.status_code == 404
    response = api.post(
        "/api/v1/events/",
        {"title": "Mine", "kind": "forum", "status": "planned", "networks": ["citynet"]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Event.objects.get(pk=event.pk).title == title
    assert not Event.objects.filter(title="Mine").exists()


@pytest.mark.django_db
def test_an_event_deleted_by_mistake_is_restored_with_its_history(client):
    """A publisher deletes a published event with sessions, places, networks, speakers and
    themes; from "Deleted events" they restore it as it was, its history kept, and it is back
    on its public page."""
    iclei, citynet = NetworkFactory(name="ICLEI East Asia"), NetworkFactory(name="CityNet")
    editor = staff_client("Editor", iclei, username="editor")
    # Of both networks: a publisher of one of them would only take the joint event off theirs.
    publisher = staff_client("Publisher", iclei, citynet, username="publisher")
    event = EventFactory(
        networks=[iclei, citynet],
        title="Urban Forum",
        description="Cities and climate.",
        start=dt.date(2022, 10, 3),
        is_published=True,
    )
    EventSessionFactory(event=event, title="Opening plenary", start=dt.date(2022, 10, 3))
    EventSessionFactory(event=event, title="Site visit", start=dt.date(2022, 10, 4))
    EventPlaceFactory(event=event, city="Suwon")
    event.speakers.set([PersonFactory(name="Kim Min-ji"), PersonFactory(name="Lee Jun")])
    event.themes.set([ThemeFactory(network=iclei, name="Low emission")])
    # An editor's change, kept in the history.
    url = admin_url(Event, "change", event.pk)
    form = admin_form_data(editor.get(url).content.decode(), title="Urban Summit")
    assert editor.post(url, form).status_code == 302

    def state(event):
        return {
            "fields": Event.objects.filter(pk=event.pk)
            .values("title", "description", "start", "is_published", "slug")
            .get(),
            "sessions": list(event.sessions.order_by("start").values_list("title", flat=True)),
            "places": list(event.places.values_list("city", flat=True)),
            "networks": set(event.networks.values_list("name", flat=True)),
            "speakers": set(event.speakers.values_list("name", flat=True)),
            "themes": set(event.themes.values_list("name", flat=True)),
        }

    before = state(event)
    history = list(event.history.values_list("history_id", flat=True))
    page = f"/events/{event.slug}/"
    assert client.get(page).status_code == 200

    # Editors may not delete; the publisher does, by mistake.
    delete = admin_url(Event, "delete", event.pk)
    assert editor.post(delete, {"post": "yes"}).status_code == 403
    assert "Are you sure" in publisher.get(delete).content.decode()
    assert publisher.post(delete, {"post": "yes"}).status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()
    assert client.get(page).status_code == 404

    response = restore_deleted(publisher, Event, event.pk)
    assert response.status_code == 302

    restored = Event.objects.get(pk=event.pk)
    assert state(restored) == before
    kept = set(restored.history.values_list("history_id", flat=True))
    assert set(history) < kept  # every earlier entry is still there
    assert restored.history.filter(history_type="-").exists()
    assert restored.history.latest().history_type != "-"
    changes = publisher.get(admin_url(Event, "history", event.pk)).content.decode()
    assert "Urban Forum" in changes and "Urban Summit" in changes and "Deleted" in changes

    public = client.get(page)
    assert public.status_code == 200
    html = public.content.decode()
    for text in ("Urban Summit", "Opening plenary", "Site visit", "Kim Min-ji", "Lee Jun"):
        assert text in html


@pytest.mark.django_db
def test_an_iclei_editor_previews_iclei_drafts_but_not_citynets():
    """Draft preview on the public page follows the same network scope as the admin."""
    iclei, citynet = NetworkFactory(name="ICLEI East Asia"), NetworkFactory(name="CityNet")
    own = EventFactory(networks=[iclei], title="ICLEI draft", is_published=False)
    other = EventFactory(networks=[citynet], title="CityNet draft", is_published=False)
    joint = EventFactory(networks=[iclei, citynet], title="Joint draft", is_published=False)
    client = staff_client("Editor", iclei)
    for event, status in ((own, 200), (joint, 200), (other, 404)):
        assert client.get(event.get_absolute_url()).status_code == status, event.title
    assert Client().get(own.get_absolute_url()).status_code == 404  # the public sees none

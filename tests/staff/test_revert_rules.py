"""Reverting to a version from a record's history, and restoring a deleted record, follow the same
rules as saving the change form: the right to change, the right to publish, the networks the user
works for, the form's validation and the admin's save hooks. A restore brings back the record's
many-to-many links, also when started from the "Deleted" entry of its history."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from events.models import Event, EventFormat
from network.models import SDG
from publications.models import Publication
from tests.factories import (
    EventFactory,
    EventPlaceFactory,
    EventSessionFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    PublicationFactory,
    StoryFactory,
    ThemeFactory,
)
from tests.factories.portal import AnnualReportFactory
from tests.staff.flows import admin_url, content_models, staff_client
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db

JOINT = {"event": (Event, EventFactory), "publication": (Publication, PublicationFactory)}


def revert(client, record, version, **changes):
    """Open the revert form of `version` of `record` (live or deleted) as a browser does and save
    it."""
    pk = getattr(version, type(record)._meta.pk.attname)
    url = admin_url(type(record), "simple_history", pk, version.history_id)
    form = client.get(url)
    assert form.status_code == 200, form.status_code
    return client.post(url, admin_form_data(form.content.decode(), **changes))


def errors(response) -> str:
    return " ".join(re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S))


# --- a. the right to publish -------------------------------------------------------------------
@pytest.mark.parametrize("kind", JOINT)
def test_an_editor_reverting_to_a_published_version_does_not_publish(kind, iclei, editor):
    """The version was published; a publisher unpublished the record since. An editor's revert
    brings back the version's title but leaves the record a draft; a publisher's publishes it."""
    model, factory = JOINT[kind]
    record = factory(networks=[iclei], title="Mayors Forum", is_published=True)
    published = record.history.latest()
    record.title, record.is_published = "Mayors Forum (draft)", False
    record.save()

    response = revert(editor, record, published)

    assert response.status_code == 302, errors(response)
    record.refresh_from_db()
    assert record.title == "Mayors Forum"
    assert record.is_published is False
    assert not model.objects.published().filter(pk=record.pk).exists()

    publisher = staff_client("Publisher", iclei)
    assert revert(publisher, record, published).status_code == 302
    record.refresh_from_db()
    assert record.is_published is True


@pytest.mark.parametrize("kind", JOINT)
def test_an_editor_reverting_to_a_draft_version_does_not_unpublish(kind, iclei, editor):
    """The version was a draft, a publisher published the record since: it stays public, with
    the publish time the publisher chose."""
    model, factory = JOINT[kind]
    record = factory(networks=[iclei], title="Draft title", is_published=False)
    draft = record.history.latest()
    record.title, record.is_published = "Final title", True
    record.save()
    publish_at = model.objects.get(pk=record.pk).publish_at

    response = revert(editor, record, draft)

    assert response.status_code == 302, errors(response)
    record.refresh_from_db()
    assert record.title == "Draft title"
    assert record.is_published is True and record.publish_at == publish_at
    assert model.objects.published().filter(pk=record.pk).exists()


@pytest.mark.parametrize("kind", JOINT)
def test_an_editors_restore_of_a_deleted_published_record_comes_back_as_a_draft(
    kind, iclei, editor
):
    """A published record deleted by a publisher, restored by an editor: back as a draft, and
    the editor is told a publisher must publish it."""
    model, factory = JOINT[kind]
    record = factory(networks=[iclei], title="Mayors Forum", is_published=True)
    pk = record.pk
    record.delete()
    deletion = model.history.filter(id=pk, history_type="-").get()

    response = revert(editor, record, deletion)

    assert response.status_code == 302, errors(response)
    restored = model.objects.get(pk=pk)
    assert restored.title == "Mayors Forum"
    assert restored.is_published is False
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "restored as a draft" in shown


# --- b. the networks the user works for --------------------------------------------------------
@pytest.mark.parametrize("kind", JOINT)
def test_an_editors_revert_keeps_todays_other_networks(kind, iclei, citynet, editor):
    """The version was ICLEI's alone; CityNet joined since. ICLEI's editor reverting to that
    version leaves CityNet on the record."""
    model, factory = JOINT[kind]
    record = factory(networks=[iclei], title="Old title")
    version = record.history.latest()
    record.title = "New title"
    record.save()
    record.networks.add(citynet)

    response = revert(editor, record, version)

    assert response.status_code == 302, errors(response)
    record.refresh_from_db()
    assert record.title == "Old title"
    assert set(record.networks.all()) == {iclei, citynet}


@pytest.mark.parametrize("kind", JOINT)
def test_an_editors_revert_does_not_bring_back_a_network_that_left(kind, iclei, citynet, editor):
    """The version was joint; CityNet left since. ICLEI's editor reverting to that version does
    not put CityNet back (only CityNet's staff may), but does bring back the version's link to a
    network the editor works for."""
    seoul = NetworkFactory(name="Seoul Network")
    both = staff_client("Editor", iclei, seoul)
    model, factory = JOINT[kind]
    record = factory(networks=[iclei, seoul, citynet], title="Old title")
    version = record.history.latest()
    record.title = "New title"
    record.save()
    record.networks.remove(citynet, seoul)

    response = revert(both, record, version)

    assert response.status_code == 302, errors(response)
    record.refresh_from_db()
    assert record.title == "Old title"
    assert set(record.networks.all()) == {iclei, seoul}


@pytest.mark.parametrize("kind", JOINT)
def test_a_forged_revert_cannot_remove_another_network(kind, iclei, citynet, editor):
    """A revert post naming only the editor's networks still leaves CityNet on the record."""
    model, factory = JOINT[kind]
    record = factory(networks=[iclei], title="Old title")
    version = record.history.latest()
    record.networks.add(citynet)

    response = revert(editor, record, version, networks=[str(iclei.pk)])

    assert response.status_code == 302, errors(response)
    assert set(model.objects.get(pk=record.pk).networks.all()) == {iclei, citynet}


# --- c. validation and the save hooks ----------------------------------------------------------
def test_a_revert_runs_the_admins_save_hooks(superuser_client, iclei):
    """An online event without a stated format is hybrid once it has places: the rule the admin
    applies after saving the places runs on a revert too."""
    event = EventFactory(networks=[iclei], title="Forum", is_online=True, format="")
    EventPlaceFactory(event=event, city="Seoul")
    version = event.history.latest()  # format not stated
    event.format, event.title = EventFormat.ONLINE, "Forum online"
    event.save()

    response = revert(superuser_client, event, version)

    assert response.status_code == 302, errors(response)
    event.refresh_from_db()
    assert event.title == "Forum"
    assert event.format == EventFormat.HYBRID


def test_a_revert_to_a_version_that_is_now_invalid_is_refused(superuser_client, iclei):
    """The version's slug now belongs to another event: the form's message, nothing changes.
    (The revert goes through the change form's validation.)"""
    event = EventFactory(networks=[iclei], title="Forum", slug="forum")
    version = event.history.latest()
    event.slug, event.title = "forum-2022", "Forum 2022"
    event.save()
    EventFactory(networks=[iclei], title="Another forum", slug="forum")

    response = revert(superuser_client, event, version)

    assert response.status_code == 200
    assert "already exists" in errors(response)
    event.refresh_from_db()
    assert (event.slug, event.title) == ("forum-2022", "Forum 2022")


# --- d. restoring brings back the many-to-many links -------------------------------------------
def _one(model, network):
    """A record of `model` to link to (of `network` where it has one)."""
    makers = {
        "network.Network": lambda: network,
        "network.Person": PersonFactory,
        "network.Theme": lambda: ThemeFactory(network=network),
        "network.SDG": lambda: SDG.objects.order_by("number").first(),
        "network.Project": lambda: ProjectFactory(network=network),
        "network.Organisation": OrganisationFactory,
        "events.Event": lambda: EventFactory(networks=[network]),
        "portal.Story": lambda: StoryFactory(network=network),
    }
    return makers[model._meta.label]()


RECORDS = {
    "events.Event": lambda network: EventFactory(networks=[network]),
    "publications.Publication": lambda network: PublicationFactory(networks=[network]),
    "network.Project": lambda network: ProjectFactory(network=network),
    "portal.Story": lambda network: StoryFactory(network=network),
    "portal.AnnualReport": lambda network: AnnualReportFactory(network=network),
}


def linked_fields(model) -> list[str]:
    history = getattr(model, "history", None)
    return [f.name for f in getattr(getattr(history, "model", None), "_history_m2m_fields", [])]


def test_every_model_with_linked_history_is_tested_below():
    with_links = {m._meta.label for m in content_models() if linked_fields(m)}
    assert with_links == set(RECORDS)


@pytest.mark.parametrize("label", RECORDS)
def test_a_restore_from_the_deleted_entry_brings_back_every_many_to_many_link(
    label, superuser_client, iclei
):
    """Restored from the "Deleted" entry of its history, a record comes back with every link it
    had when it was deleted (the entry itself holds none: they are those of the version saved
    before it). Restoring from that earlier version is tested in test_history and
    test_restore_scope."""
    model = next(m for m in content_models() if m._meta.label == label)
    record = RECORDS[label](iclei)
    links = {}
    for name in linked_fields(model):
        target = _one(model._meta.get_field(name).related_model, iclei)
        getattr(record, name).add(target)
        links[name] = set(getattr(record, name).values_list("pk", flat=True))
    pk = record.pk
    record.delete()
    version = model.history.filter(id=pk, history_type="-").get()

    response = revert(superuser_client, record, version)

    assert response.status_code == 302, errors(response)
    restored = model.objects.get(pk=pk)
    for name, expected in links.items():
        assert set(getattr(restored, name).values_list("pk", flat=True)) == expected, name


@pytest.mark.parametrize("kind", JOINT)
def test_an_editor_restores_a_joint_record_from_its_deleted_entry_with_its_networks(
    kind, iclei, citynet, editor
):
    """ICLEI's editor restores a joint record from its "Deleted" entry: it comes back as it was,
    on ICLEI's and on CityNet's list, with the rows deleted along with it."""
    model, factory = JOINT[kind]
    record = factory(networks=[iclei, citynet], title="Joint work", is_published=False)
    if model is Event:
        EventSessionFactory(event=record, title="Opening")
    pk = record.pk
    record.delete()
    deletion = model.history.filter(id=pk, history_type="-").get()

    response = revert(editor, record, deletion)

    assert response.status_code == 302, errors(response)
    restored = model.objects.get(pk=pk)
    assert set(restored.networks.all()) == {iclei, citynet}
    if model is Event:
        assert list(restored.sessions.values_list("title", flat=True)) == ["Opening"]


# --- e. the right to change --------------------------------------------------------------------
@pytest.mark.parametrize("kind", JOINT)
def test_a_user_who_may_only_view_cannot_revert(kind, iclei):
    """A staff user of ICLEI allowed to view, not change, may read an old version but saving it
    is refused and changes nothing; nor can they restore a deleted record."""
    model, factory = JOINT[kind]
    viewer = staff_client("Editor", iclei, username="viewer")
    viewer.user.groups.clear()
    name = model._meta.model_name
    viewer.user.user_permissions.add(Permission.objects.get(codename=f"view_{name}"))
    record = factory(networks=[iclei], title="Old title", is_published=False)
    version = record.history.latest()
    record.title = "New title"
    record.save()
    url = admin_url(model, "simple_history", record.pk, version.history_id)
    page = viewer.get(url)
    assert page.status_code == 200

    response = viewer.post(url, admin_form_data(page.content.decode()))

    assert response.status_code == 403
    record.refresh_from_db()
    assert record.title == "New title"

    other = factory(networks=[iclei], title="Deleted one", is_published=False)
    pk = other.pk
    other.delete()
    deletion = model.history.filter(id=pk, history_type="-").get()
    url = admin_url(model, "simple_history", pk, deletion.history_id)
    assert viewer.post(url, {"title": "Deleted one"}).status_code == 403
    assert not model.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_version_that_is_not_a_number_is_not_found(method, superuser_client, iclei):
    """A hand-typed or forged version in the revert address answers "not found", not an error."""
    event = EventFactory(networks=[iclei])
    url = admin_url(Event, "simple_history", event.pk, "abc")
    assert getattr(superuser_client, method)(url).status_code == 404

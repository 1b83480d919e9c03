"""Roles and network scope in the admin: a permission matrix, role × own/other network × action."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from events.models import Event
from network.models import Membership
from tests.factories import EventFactory, MembershipFactory, NetworkFactory, OrganisationFactory
from tests.staff.flows import staff_client
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks():
    return NetworkFactory(name="ICLEI East Asia"), NetworkFactory(name="Other Network Ω")


def event_of(network, **kwargs):
    event = EventFactory(**kwargs)
    event.networks.set([network])
    return event


def test_migration_creates_editor_and_publisher_groups():
    """Editors may add and change but not delete or publish; publishers may do all four."""
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(
        Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    )
    assert {"add_event", "change_event", "view_event", "change_organisation"} <= editor
    assert "delete_event" not in editor and "publish_content" not in editor
    assert {"delete_event", "publish_content", "add_publication"} <= publisher


@pytest.mark.parametrize("role", ["Editor", "Publisher"])
@pytest.mark.parametrize("whose", ["own", "other"])
def test_permission_matrix_for_events(networks, role, whose):
    """View / change / delete / publish an event: allowed in one's own network only, by role."""
    own, other = networks
    client = staff_client(role, own)
    event = event_of(own if whose == "own" else other, title="Mayors Summit", is_published=False)
    change = reverse("admin:events_event_change", args=[event.pk])
    listing = client.get(reverse("admin:events_event_changelist")).content.decode()

    # view
    response = client.get(change)
    if whose == "other":
        assert ">Mayors Summit<" not in listing
        assert response.status_code == 302  # "does not exist", back to the admin index
        # change (a forged post) and delete: refused, nothing changes
        client.post(change, {"title": "Hacked"})
        client.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"})
        event.refresh_from_db()
        assert event.title == "Mayors Summit"
        return
    assert response.status_code == 200 and ">Mayors Summit<" in listing
    html = response.content.decode()

    # publish: publishers see the publication fields, editors see them read-only
    data = admin_form_data(html, title="Mayors Summit 2022", is_published="on")
    response = client.post(change, data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Mayors Summit 2022"
    assert event.is_published is (role == "Publisher")

    # publish action
    client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish_now", "_selected_action": [event.pk]},
    )
    Event.objects.filter(pk=event.pk).update(is_published=False)

    # delete
    response = client.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"})
    assert Event.objects.filter(pk=event.pk).exists() is (role == "Editor")


@pytest.mark.parametrize("role", ["Editor", "Publisher"])
def test_add_offers_only_own_networks(networks, role):
    """Adding an event lists only the user's networks; choosing another network is refused."""
    own, other = networks
    client = staff_client(role, own)
    html = client.get(reverse("admin:events_event_add")).content.decode()
    assert "ICLEI East Asia" in html and "Other Network Ω" not in html
    data = admin_form_data(html, title="New", networks=[str(other.pk)], start_text="2024")
    response = client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Event.objects.filter(title="New").exists()


def test_editor_may_change_a_shared_organisation_but_not_others_memberships(networks):
    """Organisations are shared; their membership rows of another network stay hidden and kept."""
    own, other = networks
    organisation = OrganisationFactory(name="Seoul")
    MembershipFactory(organisation=organisation, network=other)
    client = staff_client("Editor", own)
    url = reverse("admin:network_organisation_change", args=[organisation.pk])
    html = client.get(url).content.decode()
    assert admin_form_data(html)["memberships-INITIAL_FORMS"] == "0"  # other network's row hidden
    assert "Other Network Ω" not in html
    response = client.post(url, admin_form_data(html, name="Seoul Metropolitan Government"))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Seoul Metropolitan Government"
    assert Membership.objects.filter(organisation=organisation, network=other).exists()
    assert "Other Network Ω" not in client.get(url).content.decode()


def test_editor_cannot_publish_an_organisation(networks):
    """An editor's save leaves a draft organisation a draft (the fields are read-only)."""
    own, _other = networks
    organisation = OrganisationFactory(is_published=False)
    client = staff_client("Editor", own)
    url = reverse("admin:network_organisation_change", args=[organisation.pk])
    html = client.get(url).content.decode()
    client.post(url, admin_form_data(html, is_published="on"))
    organisation.refresh_from_db()
    assert organisation.is_published is False

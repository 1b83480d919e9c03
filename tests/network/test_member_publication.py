"""Membership.organisation_public_from, the organisation's publication copied into each of its
memberships (the member counts read it from one index): every way an organisation is published,
unpublished or scheduled keeps the directory, the networks' cards and the counts right."""

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from network import queries
from network.models import Membership, Organisation, refresh_organisation_publication
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db


def listed(client) -> list[str]:
    """The directory's names, checked against its count (counted apart from the list)."""
    response = client.get("/members/")
    assert response.status_code == 200
    names = [o.name for o in response.context["organisations"]]
    assert response.context["paginator"].count == len(names)
    return names


def card_total(network) -> int:
    (card,) = [c for c in queries.network_cards() if c["network"] == network]
    return card["counts"]["total"]


def change_organisation(client, organisation, **changes):
    url = reverse("admin:network_organisation_change", args=[organisation.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = admin_form_data(form.content.decode(), **changes)
    if changes.get("is_published") is False:
        data.pop("is_published")  # an unticked box is not submitted
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_unpublishing_then_publishing_an_organisation_in_the_admin_form(superuser_client, client):
    """Unticking "published" on the organisation's form takes it out of the directory, the
    directory's count and its network's card at once; ticking it brings it back."""
    membership = MembershipFactory(organisation=OrganisationFactory(name="Suwon"))
    network, suwon = membership.network, membership.organisation
    assert listed(client) == ["Suwon"] and card_total(network) == 1

    change_organisation(superuser_client, suwon, is_published=False)
    assert listed(client) == [] and card_total(network) == 0

    change_organisation(superuser_client, suwon, is_published="on")
    assert listed(client) == ["Suwon"] and card_total(network) == 1


@pytest.mark.parametrize("action", ["unpublish", "publish_now"])
def test_the_admins_publish_and_unpublish_actions(superuser_client, client, action):
    organisation = OrganisationFactory(name="Hue", is_published=action == "unpublish")
    network = MembershipFactory(organisation=organisation).network
    response = superuser_client.post(
        reverse("admin:network_organisation_changelist"),
        {"action": action, "_selected_action": [organisation.pk]},
    )
    assert response.status_code == 302
    shown = action == "publish_now"
    assert listed(client) == (["Hue"] if shown else [])
    assert card_total(network) == int(shown)


def test_reverting_an_organisation_to_its_draft_version(superuser_client, client):
    """A history revert is a save of the organisation: back to draft, out of the lists."""
    organisation = OrganisationFactory(name="Da Nang", is_published=False)
    draft = organisation.history.latest()
    organisation.is_published = True
    organisation.save()
    MembershipFactory(organisation=organisation)
    assert listed(client) == ["Da Nang"]
    url = reverse(
        "admin:network_organisation_simple_history", args=[organisation.pk, draft.history_id]
    )
    form = superuser_client.get(url)
    data = admin_form_data(form.content.decode())
    data.pop("is_published", None)
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).is_published is False
    assert listed(client) == []


def test_a_scheduled_organisation_appears_when_its_time_comes(client):
    later = timezone.now() + dt.timedelta(hours=2)
    organisation = OrganisationFactory(name="Can Tho", publish_at=later)
    network = MembershipFactory(organisation=organisation).network
    assert listed(client) == [] and card_total(network) == 0
    with mock.patch("django.utils.timezone.now", return_value=later + dt.timedelta(minutes=1)):
        assert listed(client) == ["Can Tho"] and card_total(network) == 1


def test_a_membership_saved_for_a_draft_or_moved_to_another_organisation(client):
    """A new membership of a draft is not counted; moved to a published organisation, it is."""
    draft = OrganisationFactory(name="Draft City", is_published=False)
    membership = MembershipFactory(organisation=draft)
    assert listed(client) == [] and card_total(membership.network) == 0
    membership.organisation = OrganisationFactory(name="Hai Phong")
    membership.save(update_fields=["organisation"])
    assert listed(client) == ["Hai Phong"] and card_total(membership.network) == 1


def test_draft_networks_and_deleted_organisations_are_not_counted(client):
    membership = MembershipFactory(network=NetworkFactory(is_published=False))
    assert listed(client) == []
    kept = MembershipFactory(organisation=OrganisationFactory(name="Kept"))
    MembershipFactory(network=kept.network).organisation.delete()
    assert listed(client) == ["Kept"] and card_total(kept.network) == 1
    assert membership.organisation_public_from is not None  # its network is the draft


def test_refresh_copies_each_organisations_publication():
    """What the migration and the bench data's bulk inserts rely on."""
    published = MembershipFactory()
    draft = MembershipFactory(organisation=OrganisationFactory(is_published=False))
    Membership.objects.update(organisation_public_from=None)
    refresh_organisation_publication(Membership.objects.all())
    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.organisation_public_from == published.organisation.publish_at
    assert draft.organisation_public_from is None

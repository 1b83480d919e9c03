import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from network.models import Membership, Network, Seat
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
    TermFactory,
)
from tests.staff.forms import record_version

pytestmark = pytest.mark.django_db

NETWORK_MODELS = [model for model in admin.site._registry if model._meta.app_label == "network"]


@pytest.mark.parametrize("model", NETWORK_MODELS, ids=lambda m: m.__name__)
def test_admin_list_and_add_pages_open(superuser_client, model):
    """Every network model has a working list page (with search) and add page for staff."""
    MembershipFactory()
    SeatFactory()
    opts = model._meta
    changelist = superuser_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "a"}
    )
    assert changelist.status_code == 200
    add = superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code in (200, 403)  # 403 only for the fixed list of SDGs


def test_admin_refuses_membership_leaving_before_joining(superuser_client):
    """The membership form shows the rule's message and saves nothing."""
    organisation, network = OrganisationFactory(), NetworkFactory()
    response = superuser_client.post(
        reverse("admin:network_membership_add"),
        {
            "organisation": organisation.pk,
            "network": network.pk,
            "type": "full",
            "joined": "2022-05-01",
            "left": "2021-01-01",
            "date_precision": "day",
            "source": "",
        },
    )
    assert response.status_code == 200
    assert "A member cannot leave before joining" in response.content.decode()
    assert not Membership.objects.exists()


def test_admin_refuses_second_membership_in_same_network(superuser_client):
    existing = MembershipFactory()
    response = superuser_client.post(
        reverse("admin:network_membership_add"),
        {
            "organisation": existing.organisation.pk,
            "network": existing.network.pk,
            "type": "associate",
            "date_precision": "year",
            "source": "",
        },
    )
    assert "already a member of this network" in response.content.decode()
    assert Membership.objects.count() == 1


def test_admin_term_inline_refuses_same_person_twice(superuser_client):
    """Two seat rows for one person on a term are refused with a message; no seat is saved."""
    term = TermFactory()
    person = PersonFactory()
    data = {
        "body": term.body.pk,
        "name": term.name,
        "start": "2021-01-01",
        "end": "2024-12-31",
        "date_precision": "year",
        "elected_at": "",
        "source": "",
        "seats-TOTAL_FORMS": "2",
        "seats-INITIAL_FORMS": "0",
        "seats-MIN_NUM_FORMS": "0",
        "seats-MAX_NUM_FORMS": "1000",
    }
    for index, role in enumerate(("Chair", "Vice Chair")):
        data.update(
            {
                f"seats-{index}-role": role,
                f"seats-{index}-person": person.pk,
                f"seats-{index}-order": index,
                f"seats-{index}-organisation": "",
                f"seats-{index}-portfolio": "",
                f"seats-{index}-source": "",
            }
        )
    response = superuser_client.post(reverse("admin:network_term_change", args=[term.pk]), data)
    assert response.status_code == 200
    assert "a person holds one seat per term" in response.content.decode()
    assert not Seat.objects.exists()


def test_admin_bulk_publish_and_unpublish(superuser_client):
    draft = NetworkFactory(is_published=False)
    url = reverse("admin:network_network_changelist")
    superuser_client.post(url, {"action": "publish_now", "_selected_action": [draft.pk]})
    assert Network.objects.published().filter(pk=draft.pk).exists()
    superuser_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert not Network.objects.published().filter(pk=draft.pk).exists()


def test_admin_organisation_autocomplete_finds_by_native_name(superuser_client):
    """Editors pick organisations by typing any of their names, e.g. in Korean."""
    OrganisationFactory(name="Incheon Metropolitan City", native_name="인천광역시")
    response = superuser_client.get(
        "/admin/autocomplete/",
        {
            "term": "인천",
            "app_label": "network",
            "model_name": "membership",
            "field_name": "organisation",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Incheon Metropolitan City"]


def test_admin_membership_inline_saves_with_organisation(superuser_client):
    network = NetworkFactory()
    organisation = OrganisationFactory(name="Suva")
    data = {
        "name": "Suva City Council",
        "short_name": "Suva",
        "native_name": "",
        "slug": organisation.slug,
        "kind": "city",
        "country": "FJ",
        "description": "",
        "website": "",
        "population": "",
        "latitude": "",
        "longitude": "",
        "photo_credit": "",
        "source": "",
        "is_published": "on",
        "publish_at_0": "2022-01-01",
        "publish_at_1": "00:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-network": network.pk,
        "memberships-0-type": "full",
        "memberships-0-region": "",
        "memberships-0-joined": "2022-01-01",
        "memberships-0-left": "",
        "memberships-0-date_precision": "year",
    }
    url = reverse("admin:network_organisation_change", args=[organisation.pk])
    data["_record_version"] = record_version(superuser_client.get(url).content.decode())
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.network, membership.joined) == (network, dt.date(2022, 1, 1))

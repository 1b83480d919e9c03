"""The permission matrix through the API's staff writes (events, publications): role × own or
other network × create, update, publish, delete, with a token or a logged-in session."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from events.models import Event
from publications.models import Publication
from tests.factories import EventFactory, NetworkFactory, PublicationFactory
from tests.staff.flows import staff_user

pytestmark = pytest.mark.django_db

RESOURCES = {
    "events": (
        Event,
        lambda network, **kw: EventFactory(networks=[network], **kw),
        lambda slug: {
            "title": "Low Carbon Cities Forum",
            "kind": "forum",
            "status": "planned",
            "networks": [slug],
            "start": "2026-Q4",
        },
    ),
    "publications": (
        Publication,
        lambda network, **kw: PublicationFactory(networks=[network], **kw),
        lambda slug: {"title": "Annual Report 2022", "kind": "annual-report", "networks": [slug]},
    ),
}


@pytest.fixture
def networks():
    return NetworkFactory(slug="iclei-east-asia"), NetworkFactory(slug="citynet")


def api_client(role, network, auth):
    """A client of a staff user of `network`, authenticated by API token or by session."""
    user = staff_user(role, network)
    if auth == "token":
        return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    client = Client()
    client.force_login(user)
    return client


def snapshot(model, pk):
    record = model.objects.filter(pk=pk).first()
    if record is None:
        return None
    return (
        record.title,
        record.is_published,
        sorted(record.networks.values_list("slug", flat=True)),
    )


@pytest.mark.parametrize("auth", ["token", "session"])
@pytest.mark.parametrize("whose", ["own", "other"])
@pytest.mark.parametrize("role", ["Editor", "Publisher"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_api_write_matrix(networks, resource, role, whose, auth):
    """Own network: create 201, update 200, publish 200 for publishers only (editors 403),
    delete 204 for publishers only (editors 403). Other network: create 403, update/publish/
    delete 404 (editors' delete 403: they may delete nothing). Refused writes change nothing."""
    model, make, payload = RESOURCES[resource]
    own, other = networks
    target = own if whose == "own" else other
    mine = whose == "own"
    publisher = role == "Publisher"
    client = api_client(role, own, auth)
    url = f"/api/v1/{resource}/"

    # create (a draft, which an editor may create)
    count = model.objects.count()
    response = client.post(
        url, {**payload(target.slug), "is_published": False}, content_type="application/json"
    )
    assert response.status_code == (201 if mine else 403), response.content
    assert model.objects.count() == count + mine

    # update
    record = make(target, is_published=False, title="Kept")
    before = snapshot(model, record.pk)
    detail = f"{url}{record.slug}/"
    response = client.patch(detail, {"title": "Changed"}, content_type="application/json")
    assert response.status_code == (200 if mine else 404)
    assert model.objects.get(pk=record.pk).title == ("Changed" if mine else "Kept")
    model.objects.filter(pk=record.pk).update(title="Kept")

    # publish
    response = client.patch(detail, {"is_published": True}, content_type="application/json")
    if mine:
        assert response.status_code == (200 if publisher else 403)
        if not publisher:
            assert "Only publishers" in response.json()["detail"]
    else:
        assert response.status_code == 404
    assert model.objects.get(pk=record.pk).is_published is (mine and publisher)
    model.objects.filter(pk=record.pk).update(is_published=False)

    # delete
    response = client.delete(detail)
    if not publisher:
        assert response.status_code == 403
    else:
        assert response.status_code == (204 if mine else 404)
    if mine and publisher:
        assert not model.objects.filter(pk=record.pk).exists()
    else:
        assert snapshot(model, record.pk) == before


@pytest.mark.parametrize("resource", RESOURCES)
def test_api_editor_cannot_add_or_remove_another_network_on_a_joint_record(networks, resource):
    """On a record of ICLEI and CityNet, an ICLEI editor changes the title, but cannot drop
    CityNet (403, nothing changed) — nor add CityNet to an ICLEI record."""
    model, make, _payload = RESOURCES[resource]
    own, other = networks
    joint = make(own, title="Joint")
    joint.networks.add(other)
    client = api_client("Editor", own, "token")
    detail = f"/api/v1/{resource}/{joint.slug}/"

    response = client.patch(detail, {"title": "Joint 2022"}, content_type="application/json")
    assert response.status_code == 200
    response = client.patch(detail, {"networks": [own.slug]}, content_type="application/json")
    assert response.status_code == 403
    assert "cannot add or remove other networks" in response.json()["detail"]
    assert snapshot(model, joint.pk) == ("Joint 2022", True, ["citynet", "iclei-east-asia"])

    record = make(own, title="Ours")
    response = client.patch(
        f"/api/v1/{resource}/{record.slug}/",
        {"networks": [own.slug, other.slug]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert snapshot(model, record.pk) == ("Ours", True, ["iclei-east-asia"])


@pytest.mark.parametrize("resource", RESOURCES)
def test_api_staff_without_a_network_cannot_create(networks, resource):
    """A staff user who works for no network creates nothing, in any network."""
    model, _make, payload = RESOURCES[resource]
    user = staff_user("Publisher")
    client = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    response = client.post(
        f"/api/v1/{resource}/", payload(networks[0].slug), content_type="application/json"
    )
    assert response.status_code == 403 and not model.objects.exists()

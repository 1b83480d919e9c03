import datetime as dt

import pytest

from network.models import StatedFigure
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_content_health_lists_what_needs_attention(superuser_client):
    """Differing stated figures, members without country or region, and last year's missing report."""
    network = NetworkFactory(name="CityNet")
    RegionFactory(network=network)
    MembershipFactory(
        network=network, organisation=OrganisationFactory(name="Nowhere City", country="")
    )
    StatedFigure.objects.create(
        network=network, label="members", value=154, metric="members", as_of=dt.date(2022, 1, 1)
    )
    response = superuser_client.get("/admin/content-health/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "“members” stated 154" in html
    assert "Nowhere City (CityNet): country, region" in html
    assert f"the {dt.date.today().year - 1} report is not published" in html


def test_content_health_is_for_staff_only(client):
    response = client.get("/admin/content-health/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_index_links_content_health(superuser_client):
    assert "/admin/content-health/" in superuser_client.get("/admin/").content.decode()

"""The admin's search box matches as the public search does: accents and case in every script."""

import pytest
from django.urls import reverse

from tests.factories import EventFactory, OrganisationFactory
from tests.factories.events import EventSeriesFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Malmö", "Malmo"),
        ("Malmo", "MALMÖ"),
        ("УЛААНБААТАР", "улаанбаатар"),
        ("서울특별시", "서울"),
    ],
)
def test_the_organisation_list_finds_a_name_without_its_accents_or_case(
    superuser_client, stored, typed
):
    OrganisationFactory(name=f"City of {stored}")
    OrganisationFactory(name="City of Elsewhere")
    url = reverse("admin:network_organisation_changelist")
    html = superuser_client.get(url, {"q": typed}).content.decode()
    assert f"City of {stored}" in html
    assert "City of Elsewhere" not in html


def test_an_event_is_found_by_its_series_name_without_accents(superuser_client):
    """A search field across a relation (series__name) folds too."""
    EventFactory(title="Annual forum 2022", series=EventSeriesFactory(name="Forum de Montréal"))
    EventFactory(title="Another meeting")
    url = reverse("admin:events_event_changelist")
    html = superuser_client.get(url, {"q": "montreal"}).content.decode()
    assert "Annual forum 2022" in html
    assert "Another meeting" not in html

"""Pages that compute display rows or addresses once instead of per row show the same things."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from network.models import AgreementKind, ClusterRole, PartnerRole
from portal.views import HomeView
from tests.factories import (
    CityPairingFactory,
    ClusterFactory,
    ClusterLeadFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkPartnerFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["citynet", "서울", "東京", "a b&c", "ñ~:@"])
def test_home_report_urls_are_what_reverse_gives(slug):
    """The home page's report links equal reverse() for Latin, Hangul, Han and reserved slugs."""
    for language in ("en", "ko"):
        with translation.override(language):
            assert HomeView.report_urls([slug], 2025) == [
                reverse("portal:report-detail", args=[slug, 2025])
            ]


def test_organisation_page_shows_roles_partnerships_visits_and_agreements(client):
    """Cluster roles, partnerships, study visits and agreements all show; a visit to a draft
    place does not."""
    network = NetworkFactory(name="CityNet", slug="citynet")
    city = OrganisationFactory(name="Incheon", slug="incheon")
    MembershipFactory(organisation=city, network=network)
    ClusterLeadFactory(
        organisation=city,
        cluster=ClusterFactory(network=network, name="Climate"),
        role=ClusterRole.LEAD,
        from_year=2021,
        until_year=2024,
    )
    NetworkPartnerFactory(organisation=city, network=network, role=PartnerRole.FUNDER)
    pairing = CityPairingFactory(first=city, second=OrganisationFactory(name="Berlin"))
    pairing.visits.create(
        place=city, start=dt.date(2022, 10, 17), end=dt.date(2022, 10, 21), status="held"
    )
    draft = OrganisationFactory(name="Hidden Town", is_published=False)
    pairing.visits.create(place=draft, start=dt.date(2023, 5, 1), status="planned")
    pairing.agreements.create(
        kind=AgreementKind.MOU, status="signed", date=dt.date(2023, 3, 1), date_precision="month"
    )
    html = client.get("/members/incheon/").content.decode()
    for text in (
        "Lead of the Climate cluster (2021–2024) — CityNet",
        '<a href="/networks/citynet/">CityNet</a> — Funder',
        "In Incheon: 17–21 Oct 2022 — Done",
        "Memorandum of understanding: Signed, Mar 2023",
    ):
        assert text in html
    assert "Hidden Town" not in html


def test_organisation_page_without_sections_reads_no_section(client):
    """An organisation with only a membership: its page skips the empty sections' queries."""
    MembershipFactory(organisation=OrganisationFactory(slug="lone"), network=NetworkFactory())
    with_all = client.get("/members/lone/")
    assert with_all.status_code == 200
    assert with_all.context["seats"] == [] and with_all.context["pairings"] == []

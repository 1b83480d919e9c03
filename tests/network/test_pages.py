import datetime as dt

import pytest
from django.urls import reverse

from network.models import StaffPosition, StatedFigure
from tests.answers import assert_page_refuses
from tests.factories import (
    CityPairingFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    RegionFactory,
    SeatFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def names(response):
    return [o.name for o in response.context["organisations"]]


def test_directory_combines_filters_on_the_same_membership(client):
    """Type and region must hold for the same membership, not one in another network."""
    citynet, other = NetworkFactory(slug="citynet"), NetworkFactory(slug="other")
    south = RegionFactory(network=citynet, slug="south", name="South")
    other_south = RegionFactory(network=other, slug="south-other", name="South")
    match = MembershipFactory(network=citynet, region=south, type="associate").organisation
    MembershipFactory(network=citynet, region=south, type="full")
    mixed = MembershipFactory(network=citynet, type="associate").organisation
    MembershipFactory(organisation=mixed, network=other, region=other_south, type="full")
    response = client.get(
        "/members/", {"network": "citynet", "membership_type": "associate", "region": "south"}
    )
    assert response.status_code == 200, response.context["filterset"].form.errors
    assert names(response) == [match.name]
    assert "1 member" in response.content.decode()


def test_directory_filters_by_country_kind_and_search(client):
    """Country, kind and text search narrow the directory; search reads native names too."""
    MembershipFactory(
        organisation=OrganisationFactory(
            name="Incheon Metropolitan City", native_name="인천광역시", country="KR"
        )
    )
    MembershipFactory(organisation=OrganisationFactory(name="Kathmandu", country="NP"))
    MembershipFactory(organisation=OrganisationFactory(name="NSET", kind="ngo", country="NP"))
    assert names(client.get("/members/", {"country": "NP", "kind": "city"})) == ["Kathmandu"]
    assert names(client.get("/members/", {"q": "인천"})) == ["Incheon Metropolitan City"]


def test_directory_hides_drafts_and_former_members(client):
    """Draft organisations, drafts networks and members who left are not listed."""
    MembershipFactory(organisation=OrganisationFactory(name="Draft City", is_published=False))
    MembershipFactory(
        organisation=OrganisationFactory(name="Former City"), left=dt.date(2020, 1, 1)
    )
    MembershipFactory(
        organisation=OrganisationFactory(name="Hidden Network City"),
        network=NetworkFactory(is_published=False),
    )
    MembershipFactory(organisation=OrganisationFactory(name="Current City"))
    assert names(client.get("/members/")) == ["Current City"]


def test_directory_page_past_end_is_404(client):
    MembershipFactory()
    assert client.get("/members/", {"page": "9"}).status_code == 404


def test_directory_sorts_by_name_and_by_country(client):
    MembershipFactory(organisation=OrganisationFactory(name="Bangkok", country="TH"))
    MembershipFactory(organisation=OrganisationFactory(name="Almaty", country="KZ"))
    assert names(client.get("/members/")) == ["Almaty", "Bangkok"]
    assert names(client.get("/members/", {"ordering": "-name"})) == ["Bangkok", "Almaty"]


def test_network_page_shows_computed_counts_beside_stated_figures(client):
    """Counts by type are computed from memberships and shown beside the stated figure."""
    network = NetworkFactory(name="CityNet", slug="citynet")
    for _ in range(2):
        MembershipFactory(network=network, type="full")
    MembershipFactory(network=network, type="associate")
    StatedFigure.objects.create(
        network=network,
        label="full members",
        value=102,
        metric="members",
        membership_type="full",
        as_of=dt.date(2022, 1, 1),
        source="Annual Report 2022",
    )
    response = client.get("/networks/citynet/")
    assert response.status_code == 200
    rows = response.context["figures"]
    assert (rows[0]["computed"], rows[0]["differs"]) == (2, True)
    html = response.content.decode()
    assert "Full members" in html and "102" in html and "Annual Report 2022" in html


def test_governance_page_filters_terms_by_year(client):
    """?year= shows only the terms in force that year; a non-year is a 400 naming it, not a
    500."""
    network = NetworkFactory(slug="net")
    old = TermFactory(
        body__network=network,
        name="2017–2020",
        start=dt.date(2017, 1, 1),
        end=dt.date(2020, 12, 31),
    )
    new = TermFactory(
        body=old.body, name="2021–2024", start=dt.date(2021, 1, 1), end=dt.date(2024, 12, 31)
    )
    SeatFactory(term=new, role="Chair", person=PersonFactory(name="Jane Chair"))
    response = client.get("/networks/net/governance/", {"year": "2022"})
    assert [t.name for t in response.context["terms"]] == ["2021–2024"]
    assert "Jane Chair" in response.content.decode()
    assert len(client.get("/networks/net/governance/").context["terms"]) == 2
    bad = client.get("/networks/net/governance/", {"year": "20x2"})
    assert_page_refuses(bad, "In force in year: Enter a number.")


def test_team_page_shows_departed_staff_only_for_past_year(client):
    """The current team leaves departed staff out; the team of their year includes them."""
    network = NetworkFactory(slug="net")
    StaffPosition.objects.create(
        network=network,
        person=PersonFactory(name="Current Officer"),
        role="Officer",
        reported_in="2022",
    )
    StaffPosition.objects.create(
        network=network,
        person=PersonFactory(name="Departed Officer"),
        role="Officer",
        departed=True,
        reported_in="2022",
    )
    current = client.get("/networks/net/team/").content.decode()
    assert "Current Officer" in current and "Departed Officer" not in current
    past = client.get("/networks/net/team/", {"year": "2022"}).content.decode()
    assert "Current Officer" in past and "Departed Officer" in past


def test_organisation_page_gathers_memberships_seats_and_pairings(client):
    """A city's page shows its memberships, governance seats and pairings with visits."""
    city = OrganisationFactory(name="Incheon", slug="incheon")
    MembershipFactory(organisation=city, network=NetworkFactory(name="CityNet"), type="full")
    SeatFactory(organisation=city, role="Executive Committee Member", person=None)
    pairing = CityPairingFactory(
        first=city, second=OrganisationFactory(name="Berlin"), theme="Urban Regeneration"
    )
    pairing.visits.create(
        place=city, start=dt.date(2022, 10, 17), end=dt.date(2022, 10, 21), status="held"
    )
    html = client.get(reverse("network:member-detail", kwargs={"slug": "incheon"})).content.decode()
    for text in (
        "CityNet",
        "Full member",
        "Executive Committee Member",
        "Incheon &amp; Berlin",
        "Urban Regeneration",
        "17–21 Oct 2022",
    ):
        assert text in html


def test_non_member_organisation_has_a_page(client):
    partner = OrganisationFactory(name="Dublin City Council", slug="dublin")
    response = client.get("/members/dublin/")
    assert response.status_code == 200
    assert "Not a member of any network" in response.content.decode()
    assert partner.name in response.content.decode()


def test_draft_project_is_hidden_from_public_list_and_page(client):
    draft = ProjectFactory(title="Secret Project", is_published=False)
    assert "Secret Project" not in client.get("/projects/").content.decode()
    assert client.get(f"/projects/{draft.slug}/").status_code == 404


def test_a_cluster_with_a_lead_and_no_co_lead_shows_on_the_network_pages(client):
    """A cluster led by one member with no co-lead is listed with its lead on the network page
    and the governance page, with no co-lead term to fall back on."""
    from tests.factories import ClusterLeadFactory

    lead = ClusterLeadFactory(
        cluster__name="Low-carbon cities",
        organisation__name="Ulaanbaatar",
        organisation__short_name="",
    )
    network = lead.cluster.network
    for url in (f"/networks/{network.slug}/", f"/networks/{network.slug}/governance/"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Low-carbon cities" in page and "Ulaanbaatar" in page, url

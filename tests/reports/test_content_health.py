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


def test_content_health_lists_stale_plans_and_publications_without_files(superuser_client):
    from tests.factories.events import EventFactory
    from tests.factories.publications import PublicationFactory

    EventFactory(title="Forum that happened", start=dt.date(2021, 5, 3), status="planned")
    EventFactory(
        title="Forum ahead", start=dt.date.today() + dt.timedelta(days=30), status="planned"
    )
    PublicationFactory(title="Report with no file")
    html = superuser_client.get("/admin/content-health/").content.decode()
    assert "Forum that happened (3 May 2021) is over but still “Planned”" in html
    assert "Forum ahead" not in html
    assert "Report with no file has no edition with a file or link" in html


def test_content_health_lists_only_the_editors_networks(superuser_client):
    """An ICLEI editor is shown what needs attention in ICLEI's records, none of CityNet's."""
    from tests.factories.events import EventFactory
    from tests.factories.publications import PublicationFactory
    from tests.staff.flows import staff_client

    iclei, citynet = NetworkFactory(name="ICLEI East Asia"), NetworkFactory(name="CityNet")
    for network in (iclei, citynet):
        name = network.name
        RegionFactory(network=network)
        MembershipFactory(network=network, organisation=OrganisationFactory(name=f"{name} town"))
        StatedFigure.objects.create(
            network=network,
            label=f"{name} members",
            value=9,
            metric="members",
            as_of=dt.date(2022, 1, 1),
        )
        EventFactory(
            title=f"{name} forum", networks=[network], start=dt.date(2021, 5, 3), status="planned"
        )
        PublicationFactory(title=f"{name} report", networks=[network])

    everything = superuser_client.get("/admin/content-health/").content.decode()
    html = staff_client("Editor", iclei).get("/admin/content-health/").content.decode()
    year = dt.date.today().year - 1
    for text in (
        "“{net} members” stated 9",
        "{net} town ({net}): region",
        "{net} forum (3 May 2021) is over",
        "{net} report has no edition",
        "{net}: the {year} report is not published",
    ):
        iclei_line = text.format(net="ICLEI East Asia", year=year)
        citynet_line = text.format(net="CityNet", year=year)
        assert iclei_line in html and citynet_line in everything, text
        assert citynet_line not in html, text


def test_content_health_lists_records_with_no_dates_or_report_years(superuser_client):
    """A record with neither dates nor report years counts for this year's report only
    (core.time_scope): staff see each one, named and linked, so that a past report that
    should list it gets its years; records with years, and other networks' for an editor,
    are not listed; naming them takes one query per kind however many there are."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.events import EventFactory
    from tests.factories.network import (
        CityPairingFactory,
        ClusterFactory,
        ClusterLeadFactory,
        NationalChapterFactory,
        NetworkPartnerFactory,
        ProjectFactory,
        StaffPositionFactory,
    )
    from tests.factories.publications import PublicationFactory
    from tests.staff.flows import staff_client

    year = dt.date.today().year
    iclei, citynet = NetworkFactory(name="ICLEI East Asia"), NetworkFactory(name="CityNet")
    programme = ProjectFactory(network=iclei, title="Urban-Act", reported_in="2022")

    def make_unscoped(copies, chapter):
        for n in range(copies):
            ProjectFactory(network=iclei, title=f"Project without years {n}")
            CityPairingFactory(
                programme=programme,
                first=OrganisationFactory(name=f"Ulaanbaatar {n}"),
                second=OrganisationFactory(name=f"Seoul {n}"),
            )
            NetworkPartnerFactory(network=iclei, organisation=OrganisationFactory(name=f"GIZ {n}"))
            StaffPositionFactory(network=iclei, role=f"Officer {n}")
            ClusterLeadFactory(
                cluster=ClusterFactory(network=iclei, name=f"Cluster {n}"),
                organisation=OrganisationFactory(name=f"Lead city {n}"),
            )
            EventFactory(title=f"Undated forum {n}", networks=[iclei], start=None)
            PublicationFactory(title=f"Undated guide {n}", networks=[iclei])
        NationalChapterFactory(network=iclei, country=chapter)

    make_unscoped(1, "MN")
    EventFactory(title="Undated CityNet course", networks=[citynet], start=None)
    EventFactory(title="Dated forum", networks=[iclei], start=dt.date(2022, 5, 3))
    PublicationFactory(title="Reported guide", networks=[iclei], reported_in="2022")

    html = superuser_client.get("/admin/content-health/").content.decode()
    assert "Records with no dates or report years" in html
    for line in (
        "Project: Project without years 0",
        "City pairing: Ulaanbaatar 0 &amp; Seoul 0",
        "GIZ 0",
        "Officer 0",
        "Cluster 0: Lead city 0",
        "Event: Undated forum 0",
        "Publication: Undated guide 0",
        "ICLEI East Asia — Mongolia",
        "Event: Undated CityNet course",
    ):
        assert f"{line}" in html, line
    assert f"— counts for {year} only" in html
    for line in ("Urban-Act", "Dated forum", "Reported guide"):
        assert line not in html.split("Records with no dates")[1], line

    editor = staff_client("Editor", iclei)
    assert "Undated CityNet course" not in editor.get("/admin/content-health/").content.decode()

    with CaptureQueriesContext(connection) as few:
        superuser_client.get("/admin/content-health/")
    make_unscoped(3, "JP")
    with CaptureQueriesContext(connection) as many:
        superuser_client.get("/admin/content-health/")
    assert len(many) == len(few)

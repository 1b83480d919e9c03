"""The seed content, held against the source documents themselves (tests/seed_documents.py)."""

import re

import pytest
import tablib
from django.contrib.auth import get_user_model
from django.core.management import call_command

from events.spreadsheets import EventResource
from network.models import (
    CityPairing,
    ClusterLead,
    Membership,
    Network,
    Organisation,
    Seat,
    StatedFigure,
    StudyVisit,
)
from network.spreadsheets import MembershipResource
from portal.seed.files import SEED_DIR
from publications.spreadsheets import PublicationResource
from tests.seed_documents import SEED_DOCUMENTS as SEEDS

CITYNET_REPORT = SEEDS / "003_cce3dc6effbeefe6.txt"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not CITYNET_REPORT.exists(), reason="source documents not beside the repo"),
]


def citynet_overview_table():
    """{(region, type): set of names} parsed from the report's MEMBER OVERVIEW table."""
    table = {}
    for line in CITYNET_REPORT.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*<p>(.+?)</p>\t(.*)$", line)
        if not match or "Members" in match.group(1) or "Full Members" in match.group(2):
            # The "join" table shares the markup; the Pacific / North America row is garbled in
            # the extraction and is checked on its own below.
            continue
        region, cells = match.group(1), match.group(2).split("\t")
        for member_type, cell in zip(("full", "associate"), cells, strict=False):
            table[(region, member_type)] = {
                name.strip() for name in cell.split(" · ") if name.strip()
            }
    return table


def listed_name(organisation):
    return organisation.short_name or organisation.name


def test_citynet_directory_matches_overview_table_per_region_and_type(seeded):
    """Every region × type cell of the report's table is exactly the directory's members."""
    table = citynet_overview_table()
    assert len(table) == 6  # three regions × full/associate
    for (region, member_type), expected in table.items():
        loaded = {
            listed_name(m.organisation)
            for m in Membership.objects.filter(
                network__slug="citynet", region__name=region, type=member_type
            )
        }
        assert loaded == expected, (region, member_type, loaded ^ expected)


def test_citynet_pacific_and_north_america_rows(seeded):
    """The garbled last row of the table reads Suva (full), CAPI UVic and ITDP (associate)."""
    pacific = Membership.objects.filter(network__slug="citynet", region__name="The Pacific")
    north_america = Membership.objects.filter(network__slug="citynet", region__name="North America")
    assert {(listed_name(m.organisation), m.type) for m in pacific} == {("Suva", "full")}
    assert {(listed_name(m.organisation), m.type) for m in north_america} == {
        ("CAPI UVic", "associate"),
        ("ITDP", "associate"),
    }


def test_citynet_counts_match_the_stated_totals(seeded):
    """102 full and 49 associate members are computed; the 3 unnamed corporate members stay stated."""
    text = CITYNET_REPORT.read_text(encoding="utf-8")
    stated = re.search(
        r"(\d+) FULL MEMBERS \| (\d+) ASSOCIATE MEMBERS \| (\d+) CORPORATE MEMBERS", text
    )
    full, associate, corporate = (int(n) for n in stated.groups())
    memberships = Membership.objects.filter(network__slug="citynet")
    assert memberships.filter(type="full").count() == full == 102
    assert memberships.filter(type="associate").count() == associate == 49
    assert memberships.filter(type="corporate").count() == 0
    figure = StatedFigure.objects.get(
        network__slug="citynet", value=corporate, membership_type="corporate"
    )
    assert "CityNet Annual Report 2022" in figure.source
    assert StatedFigure.objects.filter(network__slug="citynet", value=154).exists()


def test_citynet_new_members_of_2022_with_descriptions(seeded):
    """The six new members of 2022: two full, four associate, each with the report's words."""
    new = Membership.objects.filter(network__slug="citynet", joined__year=2022).select_related(
        "organisation"
    )
    assert sorted((m.organisation.name, m.type) for m in new) == [
        ("Balangan Regency", "full"),
        ("Dobong-gu", "full"),
        ("Seoul Digital Foundation", "associate"),
        ("Seoul Institute of Technology", "associate"),
        ("Seoul National University, Global Research & Development Business Center", "associate"),
        ("Town Development Fund", "associate"),
    ]
    text = CITYNET_REPORT.read_text(encoding="utf-8")
    for membership in new:
        assert membership.description and membership.description[:60] in text


def test_citynet_office_bearers_2023_2026(seeded):
    """President, vice presidents, 9 ExCom members, auditor and secretary general are seated."""
    seats = Seat.objects.filter(term__body__network__slug="citynet", term__name="2023-2026")
    roles = [s.role for s in seats]
    assert len(seats) == 14
    president = seats.get(role__icontains="President City", role__startswith="President")
    assert president.organisation.slug == "seoul"
    assert sum("Executive Committee" in role for role in roles) == 9
    assert seats.get(role="Secretary General").person.name == "Vijay Jagannathan"
    assert seats.get(role="Auditor").organisation.slug == "muntinlupa"


def test_citynet_clusters_leads(seeded):
    leads = ClusterLead.objects.filter(cluster__network__slug="citynet", role="lead")
    assert {(lead.cluster.name, lead.organisation.slug) for lead in leads} == {
        ("Climate Change", "jakarta"),
        ("Disaster", "makati"),
        ("Sustainable Development Goals (SDGs)", "kuala-lumpur"),
        ("Sustainable Development Goals (SDGs)", "seoul"),
        ("Sustainable Development Goals (SDGs)", "yokohama"),
    }


def test_citynet_pairings_and_their_visits(seeded):
    """Eight IURC and ICP-AGIR pairings with their study visits, done or planned."""
    pairings = CityPairing.objects.filter(programme__network__slug="citynet")
    assert pairings.count() == 8
    incheon_berlin = pairings.get(first__slug="incheon", second__slug="berlin")
    visits = [(v.place.slug, v.when, v.status) for v in incheon_berlin.visits.order_by("start")]
    assert visits == [("berlin", "13–17 Jun 2022", "held"), ("incheon", "17–21 Oct 2022", "held")]
    assert StudyVisit.objects.filter(pairing__first__slug="seoul", status="planned").count() == 1


def test_iclei_east_asia_stated_members_and_new_member(seeded):
    """ICLEI East Asia's 101 local governments stay a stated figure; Kunming joined in 2022."""
    network = Network.objects.get(slug="iclei-east-asia")
    assert network.stated_figures.filter(value=101).exists()
    assert network.memberships.filter(organisation__slug="kunming", joined__year=2022).exists()


def test_every_seed_record_cites_a_source(seeded):
    """Organisations and memberships all say which document and line they come from."""
    assert not Organisation.objects.filter(source="").exists()
    assert not Membership.objects.filter(source="").exists()


def test_load_seed_content_twice_changes_nothing_and_says_so(seeded, capsys):
    """A second run creates nothing, keeps an editor's change, and says nothing changed."""
    seoul = Organisation.objects.get(slug="seoul")
    seoul.description = "Edited by staff."
    seoul.save()
    before = (Organisation.objects.count(), Membership.objects.count(), Seat.objects.count())
    call_command("load_seed_content")
    assert "nothing changed" in capsys.readouterr().out
    assert (
        Organisation.objects.count(),
        Membership.objects.count(),
        Seat.objects.count(),
    ) == before
    assert Organisation.objects.get(slug="seoul").description == "Edited by staff."


def test_seed_files_are_in_the_repository():
    assert (SEED_DIR / "SCHEMA.md").exists()
    assert len(list((SEED_DIR / "networks").glob("*.yaml"))) == 3


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_every_seeded_member_event_and_publication_exports_and_imports_back_unchanged(
    seeded, file_format
):
    """A sheet exported from the portal is one staff can edit and import again: all the seed's
    members, events and publications come back with no error and nothing to change."""
    user = get_user_model().objects.create_superuser("root", password="x", email="")
    for resource_class in (MembershipResource, EventResource, PublicationResource):
        data = resource_class(user=user).export().export(file_format)
        sheet = tablib.Dataset().load(data, format=file_format)
        result = resource_class(user=user).import_data(sheet, dry_run=True)
        assert not result.has_errors() and not result.has_validation_errors()
        model = resource_class._meta.model
        assert len(sheet) == model.objects.count() > 0
        assert {row.import_type for row in result.rows} == {"skip"}  # nothing would change

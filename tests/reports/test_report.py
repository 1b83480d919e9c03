import datetime as dt
import json

import pytest
from django.urls import reverse

from network.models import StaffPosition, StatedFigure
from portal.models import AnnualReport, Foreword, Story
from portal.reports import build_report
from tests.factories import (
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


@pytest.fixture
def network():
    return NetworkFactory(name="CityNet", slug="citynet")


def test_report_is_plain_data(network):
    """The builder returns only JSON types, so page, print view and API render the same thing."""
    MembershipFactory(network=network)
    report = build_report(network, 2022)
    assert json.loads(json.dumps(report)) == report


def test_membership_counted_as_of_31_december(network):
    """A member who joined in 2023 is not in 2022's report; one who left in 2022 is not either."""
    south = RegionFactory(network=network, name="South")
    MembershipFactory(network=network, region=south, joined=dt.date(2010, 1, 1))
    MembershipFactory(network=network, joined=dt.date(2023, 3, 1))
    MembershipFactory(network=network, joined=dt.date(2010, 1, 1), left=dt.date(2022, 6, 1))
    membership = build_report(network, 2022)["membership"]
    assert membership["total"] == 1
    assert membership["by_region"] == [{"region": "South", "count": 1}]
    assert build_report(network, 2023)["membership"]["total"] == 2


def test_new_members_of_the_year_with_descriptions(network):
    MembershipFactory(
        network=network,
        joined=dt.date(2022, 1, 1),
        organisation=OrganisationFactory(name="Dobong-gu"),
        description="Located in the northeast of Seoul.",
    )
    MembershipFactory(network=network, joined=dt.date(2021, 1, 1))
    new = build_report(network, 2022)["membership"]["new_members"]
    assert [(m["name"], m["description"]) for m in new] == [
        ("Dobong-gu", "Located in the northeast of Seoul.")
    ]


def test_stated_figure_shown_beside_computed_with_staff_notice(client, staff_client, network):
    """The differing stated figure appears for all; the notice explaining it only for staff."""
    MembershipFactory(network=network)
    StatedFigure.objects.create(
        network=network,
        label="members",
        value=154,
        metric="members",
        as_of=dt.date(2022, 1, 1),
        source="CityNet Annual Report 2022, line 142",
    )
    url = reverse("portal:report-detail", kwargs={"network": "citynet", "year": 2022})
    public = client.get(url).content.decode()
    # The figure's source by its document's title; the line is for staff (core.provenance).
    assert "154" in public and "CityNet Annual Report 2022</td>" in public
    assert "line 142" not in public and "Staff: the stated figure" not in public
    assert "Staff: the stated figure" in staff_client.get(url).content.decode()


def test_governance_terms_in_force_that_year_only(network):
    old = TermFactory(
        body__network=network,
        name="2017–2020",
        start=dt.date(2017, 1, 1),
        end=dt.date(2020, 12, 31),
    )
    new = TermFactory(
        body=old.body, name="2021–2024", start=dt.date(2021, 1, 1), end=dt.date(2024, 12, 31)
    )
    SeatFactory(term=new, role="President", person=PersonFactory(name="A Mayor"))
    governance = build_report(network, 2022)["governance"]
    assert [t["name"] for body in governance for t in body["terms"]] == ["2021–2024"]
    assert governance[0]["terms"][0]["seats"][0]["person"] == "A Mayor"


def test_drafts_never_reach_the_report(network):
    """A draft organisation, project, pairing, story or report is not in the report."""
    MembershipFactory(network=network, organisation=OrganisationFactory(is_published=False))
    ProjectFactory(network=network, title="Draft project", is_published=False)
    Story.objects.create(
        title="Draft story", date=dt.date(2022, 5, 1), network=network, is_published=False
    )
    AnnualReport.objects.create(network=network, year=2022, title="Not yet", is_published=False)
    report = build_report(network, 2022)
    assert report["membership"]["total"] == 0
    assert report["projects"] == [] and report["highlights"] == [] and report["editorial"] is None


def test_editorial_parts_and_chosen_highlights(network):
    chosen = Story.objects.create(
        title="9th CityNet Congress", date=dt.date(2022, 9, 20), network=network, is_published=True
    )
    Story.objects.create(
        title="Not chosen", date=dt.date(2022, 3, 1), network=network, is_published=True
    )
    editorial = AnnualReport.objects.create(
        network=network, year=2022, title="Accelerating Climate Actions for 2030", is_published=True
    )
    editorial.highlights.add(chosen)
    Foreword.objects.create(
        report=editorial,
        author=PersonFactory(name="Se-hoon Oh"),
        role="Mayor of Seoul",
        text="Dear CityNet members,",
    )
    report = build_report(network, 2022)
    assert report["editorial"]["title"] == "Accelerating Climate Actions for 2030"
    assert report["editorial"]["forewords"][0]["author"] == "Se-hoon Oh"
    assert [h["title"] for h in report["highlights"]] == ["9th CityNet Congress"]


def test_highlights_keep_staff_choice_even_of_a_draft_or_another_year(network):
    """Chosen stories (any year, published ones shown) replace the year's; a draft choice shows none."""
    Story.objects.create(
        title="Of the year", date=dt.date(2022, 3, 1), network=network, is_published=True
    )
    earlier = Story.objects.create(
        title="Chosen from 2021", date=dt.date(2021, 12, 1), network=network, is_published=True
    )
    draft = Story.objects.create(
        title="Chosen draft", date=dt.date(2022, 5, 1), network=network, is_published=False
    )
    editorial = AnnualReport.objects.create(network=network, year=2022, is_published=True)
    titles = lambda: [h["title"] for h in build_report(network, 2022)["highlights"]]  # noqa: E731
    assert titles() == ["Of the year"]
    editorial.highlights.add(draft)
    assert titles() == []
    editorial.highlights.add(earlier)
    assert titles() == ["Chosen from 2021"]


def test_team_of_the_year_includes_departed(network):
    StaffPosition.objects.create(
        network=network,
        person=PersonFactory(name="Left In 2022"),
        role="Officer",
        departed=True,
        reported_in="2022",
    )
    assert [m["name"] for m in build_report(network, 2022)["team"]] == ["Left In 2022"]
    assert build_report(network, 2021)["team"] == []


def test_report_pages_and_404s(client, network):
    """Report and print view render; unknown network, far future year and drafts networks are 404."""
    MembershipFactory(network=network)
    assert client.get("/reports/citynet/2022/").status_code == 200
    printed = client.get("/reports/citynet/2022/print/")
    assert printed.status_code == 200 and "report-print.css" in printed.content.decode()
    assert client.get("/reports/nowhere/2022/").status_code == 404
    assert client.get("/reports/citynet/3022/").status_code == 404
    assert client.get("/reports/citynet/twenty/").status_code == 404
    NetworkFactory(slug="hidden", is_published=False)
    assert client.get("/reports/hidden/2022/").status_code == 404


def test_event_moves_between_years_reports_when_its_date_changes(superuser_client, network):
    """Changing an event's date moves it from the 2022 report to the 2023 report."""
    from tests.factories.events import EventFactory

    event = EventFactory(
        title="Climate Leadership Programme", networks=[network], start=dt.date(2022, 3, 10)
    )

    def titles(year):
        return [
            e["title"]
            for g in build_report(network, year)["activities"]["groups"]
            for e in g["events"]
        ]

    assert titles(2022) == ["Climate Leadership Programme"] and titles(2023) == []
    event.start = dt.date(2023, 3, 10)
    event.save()
    assert titles(2022) == [] and titles(2023) == ["Climate Leadership Programme"]
    html = superuser_client.get("/reports/citynet/2023/").content.decode()
    assert "Climate Leadership Programme" in html


def test_preview_lists_next_years_planned_events(network):
    from tests.factories.events import EventFactory

    EventFactory(
        title="Daring Cities 2023", networks=[network], start=dt.date(2023, 10, 1), status="planned"
    )
    EventFactory(
        title="Held in 2022", networks=[network], start=dt.date(2022, 10, 1), status="held"
    )
    assert [e["title"] for e in build_report(network, 2022)["preview"]] == ["Daring Cities 2023"]

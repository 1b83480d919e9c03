"""Project results: the figures a source states for a project, on its page, in the API and in the
report of the year whose report states them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from network.models import ProjectResult
from tests.factories import NetworkFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def retrofitting(db):
    network = NetworkFactory(slug="iclei-east-asia", name="ICLEI East Asia")
    project = ProjectFactory(
        network=network,
        slug="bea",
        title="Building Efficiency Accelerator",
        start=dt.date(2017, 1, 1),
    )
    ProjectResult.objects.create(
        project=project,
        label="building blocks with improved external insulation",
        value=24,
        reported_in=2020,
        quote="including improving the external insulation of an environmental education center "
        "and 24 building blocks.",
        source="ICLEI East Asia Annual Report 2020, line 504",
        order=0,
    )
    ProjectResult.objects.create(
        project=project,
        label="cumulative energy savings from retrofitting",
        value=Decimal("2900000"),
        unit="MWh",
        kind="estimate",
        year=2030,
        reported_in=2020,
        source="ICLEI East Asia Annual Report 2020, line 509",
        order=1,
    )
    ProjectResult.objects.create(
        project=project,
        label="households showed their interest",
        value=2000,
        qualifier="over",
        reported_in=2022,
        source="ICLEI East Asia Annual Report 2022, line 9",
        order=2,
    )
    return project


def test_project_page_shows_results_with_kind_year_and_document(client, retrofitting):
    """The page lists each figure as stated, an estimate marked so, its document's title only."""
    response = client.get(retrofitting.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>24</strong> building blocks with improved external insulation" in html
    assert (
        "<strong>2,900,000 MWh</strong> cumulative energy savings from retrofitting (by 2030)"
        in html
    )
    assert '<span class="tag">Estimate</span>' in html
    assert "<strong>over 2,000</strong> households showed their interest" in html
    assert "ICLEI East Asia Annual Report 2020</span>" in html
    assert "line 504" not in html


@pytest.mark.parametrize("path", ["/api/v1/projects/", "/api/v1/projects/bea/"])
def test_api_gives_results(client, retrofitting, path):
    """Both the list (rows) and the record (serializer) carry the results, source as a title."""
    response = client.get(path)
    assert response.status_code == 200
    data = response.json()
    project = data["results"][0] if "count" in data else data
    assert [(r["value"], r["unit"], r["kind"], r["year"]) for r in project["results"]] == [
        (24, "", "achieved", None),
        (2900000, "MWh", "estimate", 2030),
        (2000, "", "achieved", None),
    ]
    assert project["results"][2]["display"] == "over 2,000 households showed their interest"
    assert {r["source"] for r in project["results"]} == {
        "ICLEI East Asia Annual Report 2020",
        "ICLEI East Asia Annual Report 2022",
    }


def test_report_lists_the_results_its_year_states(client, retrofitting):
    """The 2020 report shows the 2020 figures, not the one the 2022 report states."""
    url = reverse("portal:report-detail", args=["iclei-east-asia", 2020])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>24</strong> building blocks with improved external insulation" in html
    assert "<strong>2,900,000 MWh</strong> cumulative energy savings" in html
    assert "households showed their interest" not in html
    data = client.get("/api/v1/reports/iclei-east-asia/2022/").json()
    [project] = [p for group in data["projects"] for p in group["projects"]]
    assert [r["display"] for r in project["results"]] == [
        "over 2,000 households showed their interest"
    ]


def test_admin_edits_results_inline(superuser_client, retrofitting):
    """The project's admin page holds its results, editable."""
    response = superuser_client.get(reverse("admin:network_project_change", args=[retrofitting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="results-TOTAL_FORMS" value="3"' in html
    assert "cumulative energy savings from retrofitting" in html

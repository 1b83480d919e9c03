"""Provenance: the public reads the source document's title; the line stays for staff."""

import pytest
from django.urls import reverse

from core.provenance import public_source, without_line_references
from tests.factories import NetworkFactory, ProjectFactory, StatedFigureFactory, StoryFactory
from tests.factories.events import EventFactory
from tests.factories.publications import PublicationFactory

LINE_SOURCE = "ICLEI East Asia Annual Report 2022, line 192"


@pytest.mark.parametrize(
    ("stored", "public"),
    [
        (LINE_SOURCE, "ICLEI East Asia Annual Report 2022"),
        ("CityNet Annual Report 2022, lines 10-12", "CityNet Annual Report 2022"),
        (
            "NEASPEC SOM-26 note 'Low Carbon Cities' (2023), line 25",
            "NEASPEC SOM-26 note 'Low Carbon Cities' (2023)",
        ),
        ("CityNet Annual Report 2022, p. 5", "CityNet Annual Report 2022, p. 5"),
        (
            "Annual Report 2022, section Partnerships, line 730",
            "Annual Report 2022, section Partnerships",
        ),
        ("Annual Report 2022 (line 5)", "Annual Report 2022"),
        ("", ""),
        (None, ""),
    ],
)
def test_public_source_drops_line_keeps_title_and_page(stored, public):
    """The public form is the title and any page or section, never a line number."""
    assert public_source(stored) == public


def test_note_loses_bracketed_line_references():
    """A note's "(000:74; also 001:65)" goes; its words stay."""
    assert (
        without_line_references(
            "Hosted by the Seoul Metropolitan Government (000:74; also 001:65)."
        )
        == "Hosted by the Seoul Metropolitan Government."
    )


@pytest.fixture
def sourced_pages(db):
    network = NetworkFactory()
    event = EventFactory(source=LINE_SOURCE, networks=[network])
    publication = PublicationFactory(source=LINE_SOURCE, networks=[network])
    project = ProjectFactory(source=LINE_SOURCE, network=network)
    story = StoryFactory(source=LINE_SOURCE, network=network)
    return [
        event.get_absolute_url(),
        publication.get_absolute_url(),
        project.get_absolute_url(),
        story.get_absolute_url(),
    ]


def test_pages_show_public_the_document_title_without_line(client, sourced_pages):
    """Event, publication, project and story pages end with the title, not 'line 192'."""
    for url in sourced_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Source: ICLEI East Asia Annual Report 2022</p>" in html, url
        assert "line 192" not in html, url


def test_pages_show_staff_the_line(staff_client, sourced_pages):
    """Staff still read the stored source with its line, to check the record."""
    for url in sourced_pages:
        html = staff_client.get(url).content.decode()
        assert "Source: ICLEI East Asia Annual Report 2022" in html, url
        assert LINE_SOURCE in html, url


def test_story_api_gives_public_source(client, db):
    """The stories API's `source` is the document's title."""
    StoryFactory(source=LINE_SOURCE)
    response = client.get("/api/v1/stories/")
    assert response.status_code == 200
    assert [row["source"] for row in response.json()["results"]] == [
        "ICLEI East Asia Annual Report 2022"
    ]


def test_report_stated_figure_source_without_line(client, db):
    """A report's stated figure names its document, not the line (page and JSON)."""
    network = NetworkFactory(slug="citynet")
    StatedFigureFactory(network=network, source="CityNet Annual Report 2022, line 702")
    page = client.get(reverse("portal:report-detail", args=["citynet", 2022]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "CityNet Annual Report 2022</td>" in html
    assert "line 702" not in html
    data = client.get("/api/v1/reports/citynet/2022/").json()
    assert [row["source"] for row in data["membership"]["stated"]] == ["CityNet Annual Report 2022"]

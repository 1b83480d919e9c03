"""The publications and stories endpoints: editions, filters, CSV, 400s, drafts, query counts."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from network.models import Theme
from publications.models import Publication
from tests.answers import slugs
from tests.factories import (
    EditionFactory,
    NetworkFactory,
    OrganisationFactory,
    ProjectFactory,
    PublicationFactory,
    SeriesFactory,
    StoryFactory,
)
from tests.publications.files import pdf_bytes

pytestmark = pytest.mark.django_db


def test_iclei_east_asia_2022_annual_report_with_editions(client):
    """The 2022 report of ICLEI East Asia, found by filters, with its editions per language."""
    network = NetworkFactory(slug="iclei-east-asia")
    office = OrganisationFactory(slug="iclei-eas", name="ICLEI East Asia Secretariat")
    report = PublicationFactory(
        slug="annual-report-2022",
        title="ICLEI East Asia Annual Report 2022",
        kind="annual-report",
        networks=[network],
    )
    EditionFactory(
        publication=report,
        language="en",
        date=dt.date(2023, 5, 1),
        publisher=office,
        link="",
        file=ContentFile(pdf_bytes(pages=3), name="report.pdf"),
    )
    EditionFactory(
        publication=report,
        language="zh-hans",
        date=dt.date(2023, 6, 1),
        translated_by=office,
        link="https://example.org/zh.pdf",
    )
    PublicationFactory(slug="other", kind="report", networks=[network])

    listed = client.get(
        "/api/v1/publications/", {"network": "iclei-east-asia", "kind": "annual-report"}
    )
    assert slugs(listed) == ["annual-report-2022"]
    body = client.get("/api/v1/publications/annual-report-2022/").json()
    assert (body["title"], body["kind"], body["networks"]) == (
        "ICLEI East Asia Annual Report 2022",
        "annual-report",
        ["iclei-east-asia"],
    )
    english, chinese = body["editions"]
    assert english["language"] == "en" and english["date"] == "2023-05-01"
    assert english["publisher"] == "iclei-eas" and english["translated_by"] is None
    # The checked download (published only), never the stored file's /media/ address.
    assert english["file"].startswith("http://testserver/publications/annual-report-2022/files/")
    assert english["size"] == len(pdf_bytes(pages=3)) and english["pages"] == 3
    assert chinese["language"] == "zh-hans" and chinese["translated_by"] == "iclei-eas"
    assert chinese["file"] is None and chinese["link"] == "https://example.org/zh.pdf"
    assert body["page"] == "http://testserver/publications/annual-report-2022/"


def test_publications_filtered_like_the_library(client):
    network = NetworkFactory(slug="citynet")
    theme = Theme.objects.create(network=network, slug="resilient", name="Resilient")
    match = PublicationFactory(slug="match", kind="case-study", networks=[network])
    match.themes.add(theme)
    EditionFactory(publication=match, language="ko", date=dt.date(2021, 3, 1))
    EditionFactory(publication=PublicationFactory(slug="english"), date=dt.date(2022, 1, 1))
    assert slugs(client.get("/api/v1/publications/", {"language": "ko"})) == ["match"]
    assert slugs(client.get("/api/v1/publications/", {"year": 2021})) == ["match"]
    assert slugs(client.get("/api/v1/publications/", {"kind": "case-study"})) == ["match"]
    assert slugs(client.get("/api/v1/publications/", {"theme": "resilient"})) == ["match"]
    assert slugs(client.get("/api/v1/publications/", {"network": "citynet"})) == ["match"]
    Publication.objects.filter(slug="english").update(
        updated_at=timezone.now() - dt.timedelta(days=3)
    )
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert slugs(client.get("/api/v1/publications/", {"updated_since": since})) == ["match"]


def test_publications_as_csv(client):
    series = SeriesFactory(name="CityNet Newsletter")
    publication = PublicationFactory(
        slug="newsletter-7", title="Newsletter 7", kind="newsletter", series=series, issue="7"
    )
    EditionFactory(publication=publication, date=dt.date(2022, 4, 1), link="https://ex.org/7.pdf")
    response = client.get("/api/v1/publications/", {"format": "csv", "kind": "newsletter"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = response.getvalue().decode().splitlines()
    assert lines[0] == (
        "slug,title,kind,series,issue,networks,languages,latest_date,editions,updated_at,page,"
        "reported_in"
    )
    assert lines[1].startswith("newsletter-7,Newsletter 7,newsletter,CityNet Newsletter,7,")
    # The edition's date as entered (month precision): not an invented first day.
    assert "en:2022-04:https://ex.org/7.pdf" in lines[1] and len(lines) == 2


def test_draft_publications_and_editions_of_drafts_never_appear(client):
    EditionFactory(publication=PublicationFactory(slug="draft-pub", is_published=False))
    EditionFactory(publication=PublicationFactory(slug="public-pub"))
    assert slugs(client.get("/api/v1/publications/")) == ["public-pub"]
    assert client.get("/api/v1/publications/draft-pub/").status_code == 404
    assert "draft-pub" not in client.get("/api/v1/publications/?format=csv").getvalue().decode()


def test_publication_hides_draft_offices_and_projects(client):
    draft = OrganisationFactory(slug="draft-office", is_published=False)
    publication = PublicationFactory(slug="p")
    publication.projects.add(ProjectFactory(slug="draft-project", is_published=False))
    publication.organisations.add(draft)
    EditionFactory(publication=publication, publisher=draft)
    body = client.get("/api/v1/publications/p/").json()
    assert body["editions"][0]["publisher"] is None
    assert body["projects"] == [] and body["organisations"] == []


# --- Stories ------------------------------------------------------------------------------------


def test_stories_listed_newest_first_with_their_links(client):
    network = NetworkFactory(slug="citynet")
    story = StoryFactory(slug="award", title="Award", date=dt.date(2022, 9, 1), network=network)
    story.organisations.add(OrganisationFactory(slug="seoul"))
    story.projects.add(ProjectFactory(slug="draft-project", is_published=False))
    StoryFactory(slug="older", date=dt.date(2021, 1, 1))
    StoryFactory(slug="draft-story", is_published=False)
    assert slugs(client.get("/api/v1/stories/")) == ["award", "older"]
    body = client.get("/api/v1/stories/award/").json()
    assert (body["title"], body["date"], body["network"]) == ("Award", "2022-09-01", "citynet")
    assert body["organisations"] == ["seoul"] and body["projects"] == []
    assert client.get("/api/v1/stories/draft-story/").status_code == 404
    assert slugs(client.get("/api/v1/stories/", {"year": 2021})) == ["older"]
    assert slugs(client.get("/api/v1/stories/", {"network": "citynet"})) == ["award"]
    assert slugs(client.get("/api/v1/stories/", {"q": "award"})) == ["award"]

"""The library, publication pages, the Atom feed and the sections on organisation/project pages."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from network.models import Theme
from publications.covers import refresh_cover
from publications.models import PublicationPerson
from staff.models import StaffProfile
from tests.factories import (
    EditionFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    PublicationFactory,
    SeriesFactory,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return [p.title for p in response.context["publications"]]


def test_library_filters_fact_sheets_in_chinese(client):
    """kind=fact-sheet&language=zh finds a Simplified Chinese fact sheet, not the English-only one."""
    sheets = PublicationFactory(title="REGREEN Fact Sheets", kind="fact-sheet")
    EditionFactory(publication=sheets, language="en")
    EditionFactory(publication=sheets, language="zh-hans")
    EditionFactory(publication=PublicationFactory(title="English sheet", kind="fact-sheet"))
    EditionFactory(publication=PublicationFactory(title="Chinese report"), language="zh-hans")
    response = client.get("/publications/", {"kind": "fact-sheet", "language": "zh"})
    assert response.status_code == 200
    assert titles(response) == ["REGREEN Fact Sheets"]
    assert "1 publication" in response.content.decode()
    exact = client.get("/publications/", {"kind": "fact-sheet", "language": "zh-hans"})
    assert titles(exact) == ["REGREEN Fact Sheets"]


def test_library_filters_network_year_theme_series_and_search(client):
    iclei, citynet = NetworkFactory(slug="iclei-east-asia"), NetworkFactory(slug="citynet")
    theme = Theme.objects.create(network=iclei, slug="resilient", name="Resilient")
    series = SeriesFactory(name="In The Loop")
    loop = PublicationFactory(
        title="In The Loop Issue 2", networks=[iclei], series=series, issue="2"
    )
    loop.themes.add(theme)
    EditionFactory(publication=loop, date=dt.date(2020, 4, 1))
    other = PublicationFactory(title="CityNet Leaflet", networks=[citynet])
    EditionFactory(
        publication=other, date=dt.date(2022, 1, 1), title="도시넷 리플렛", language="ko"
    )
    assert titles(client.get("/publications/", {"network": "citynet"})) == ["CityNet Leaflet"]
    assert titles(client.get("/publications/", {"year": "2020"})) == ["In The Loop Issue 2"]
    assert titles(client.get("/publications/", {"theme": "resilient"})) == ["In The Loop Issue 2"]
    assert titles(client.get("/publications/", {"series": series.slug})) == ["In The Loop Issue 2"]
    assert titles(client.get("/publications/", {"q": "리플렛"})) == ["CityNet Leaflet"]


def test_library_lists_newest_edition_first_and_counts_once(client):
    """Newest dated edition first; a publication with two matching editions is listed once."""
    old = PublicationFactory(title="Old")
    EditionFactory(publication=old, date=dt.date(2019, 11, 1))
    EditionFactory(publication=old, date=dt.date(2020, 5, 1), language="zh-hans")
    EditionFactory(publication=PublicationFactory(title="New"), date=dt.date(2023, 10, 1))
    PublicationFactory(title="Undated")
    assert titles(client.get("/publications/")) == ["New", "Old", "Undated"]
    assert titles(client.get("/publications/", {"language": "zh"})) == ["Old"]


def test_drafts_and_scheduled_publications_are_hidden(client, staff_client, staff_user):
    """Drafts are missing from the list, feed and detail page; their network's staff preview
    them with a banner."""
    draft = PublicationFactory(title="Draft report", is_published=False)
    PublicationFactory(title="Tomorrow", publish_at=timezone.now() + dt.timedelta(days=1))
    PublicationFactory(title="Public report")
    assert titles(client.get("/publications/")) == ["Public report"]
    feed = client.get("/publications/feed.atom").content.decode()
    assert "Public report" in feed and "Draft report" not in feed and "Tomorrow" not in feed
    assert client.get(draft.get_absolute_url()).status_code == 404
    StaffProfile.objects.create(user=staff_user).networks.set(draft.networks.all())
    preview = staff_client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "Draft preview" in preview.content.decode()


def test_draft_files_cannot_be_downloaded(client):
    edition = EditionFactory(publication=PublicationFactory(is_published=False))
    url = f"/publications/{edition.publication.slug}/files/{edition.pk}/"
    assert client.get(url).status_code == 404


def test_detail_page_shows_editions_offices_citation_and_json_ld(client):
    """Who translated which edition and when, language names in their own script, how to cite."""
    world = OrganisationFactory(name="ICLEI World Secretariat", kind="international-organisation")
    east_asia = OrganisationFactory(
        name="ICLEI East Asia Secretariat", kind="international-organisation"
    )
    seoul = OrganisationFactory(name="Seoul", native_name="서울")
    publication = PublicationFactory(title="Resilient Cities, Thriving Cities")
    publication.organisations.add(seoul, world)
    publication.projects.add(ProjectFactory(title="Resilience Project"))
    PublicationPerson.objects.create(
        publication=publication, person=PersonFactory(name="Editor A"), role="editor"
    )
    EditionFactory(
        publication=publication, language="en", date=dt.date(2019, 11, 1), publisher=world
    )
    EditionFactory(
        publication=publication,
        language="zh-hans",
        date=dt.date(2020, 5, 1),
        translated_by=east_asia,
        link="",
    )
    EditionFactory(publication=publication, language="und", link="", date=None)
    refresh_cover(publication)
    response = client.get(publication.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "简体中文" in html and "Simplified Chinese" in html
    assert "May 2020 · translated by ICLEI East Asia Secretariat" in " ".join(html.split())
    assert "Nov 2019" in html and "published by ICLEI World Secretariat" in html
    assert "Language not stated" in html
    assert "No file or link is available for this edition yet." in html
    assert "Resilience Project" in html and "서울" in html and "Editor A" in html
    assert (
        "ICLEI World Secretariat. (2019). <cite>Resilient Cities, Thriving Cities</cite> [Report]."
        in html
    )
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Report" and data["name"] == "Resilient Cities, Thriving Cities"
    assert data["inLanguage"] == ["en", "zh-hans"]
    translation = next(e for e in data["workExample"] if e.get("inLanguage") == "zh-hans")
    assert translation["translator"]["name"] == "ICLEI East Asia Secretariat"
    assert translation["datePublished"] == "2020-05"
    assert publication.cover_large.url in html


def test_json_ld_cannot_close_its_script_element(client):
    publication = PublicationFactory(title="</script><script>alert(1)</script>")
    html = client.get(publication.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html


def test_generated_cover_for_publications_without_file(client):
    """No upload and no PDF: a cover made from the title, made once and reused."""
    publication = PublicationFactory(title="CityNet Leaflet")
    assert refresh_cover(publication) is True
    assert publication.cover_origin == "generated"
    name = publication.cover_card.name
    assert refresh_cover(publication) is False
    assert publication.cover_card.name == name
    publication.title = "CityNet Leaflet 2023"
    publication.save()
    assert refresh_cover(publication) is True and publication.cover_card.name != name


def test_organisation_and_project_pages_list_their_publications(client):
    translator = OrganisationFactory(name="ICLEI East Asia Secretariat")
    project = ProjectFactory()
    translated = PublicationFactory(title="Translated report")
    EditionFactory(publication=translated, translated_by=translator, language="zh-hans")
    about = PublicationFactory(title="Project handbook")
    about.projects.add(project)
    PublicationFactory(title="Draft handbook", is_published=False).projects.add(project)
    assert "Translated report" in client.get(translator.get_absolute_url()).content.decode()
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Project handbook" in page and "Draft handbook" not in page


def test_feed_is_atom_with_newest_first(client):
    PublicationFactory(title="First", publish_at=timezone.now() - dt.timedelta(days=2))
    PublicationFactory(title="Second", publish_at=timezone.now() - dt.timedelta(days=1))
    response = client.get("/publications/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.index("Second") < body.index("First")


def test_library_filter_offers_languages_and_series_of_published_publications_only(client):
    """The language and series selects list what published publications have: a draft's or a
    scheduled publication's language or series is not offered, a language is offered when only
    a later edition in it is published, and a base language covers its scripts."""
    draft_series, series = SeriesFactory(name="Draft series"), SeriesFactory(name="Loop")
    draft = PublicationFactory(title="Draft", is_published=False, series=draft_series)
    EditionFactory(publication=draft, language="fr")
    EditionFactory(publication=draft, language="ko")  # ko's first edition is a draft's
    scheduled = PublicationFactory(
        title="Later", publish_at=timezone.now() + dt.timedelta(days=1), series=draft_series
    )
    EditionFactory(publication=scheduled, language="ja")
    published = PublicationFactory(title="Published", series=series)
    EditionFactory(publication=published, language="zh-hans")
    EditionFactory(publication=published, language="ko")
    EditionFactory(publication=published, language="und")
    page = client.get("/publications/").content.decode()

    def options(name):
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
        return [value for value in re.findall(r'<option value="([^"]*)"', select) if value]

    assert sorted(options("language")) == ["ko", "zh", "zh-hans"]
    assert options("series") == [series.slug]

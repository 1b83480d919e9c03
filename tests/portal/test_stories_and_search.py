import datetime as dt

import pytest

from portal.models import Story
from tests.factories import NetworkFactory, OrganisationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def story(**kwargs):
    defaults = {
        "title": "7th City Summit at COP15",
        "date": dt.date(2022, 12, 11),
        "is_published": True,
    }
    return Story.objects.create(**{**defaults, **kwargs})


def test_story_list_detail_and_feed_show_published_only(client):
    published = story(
        summary="Mayors gathered in Montreal.", network=NetworkFactory(name="ICLEI East Asia")
    )
    draft = story(title="Unfinished draft", is_published=False)
    listing = client.get("/stories/").content.decode()
    assert published.title in listing and "Unfinished draft" not in listing
    detail = client.get(published.get_absolute_url())
    assert detail.status_code == 200 and "Mayors gathered in Montreal." in detail.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    feed = client.get("/stories/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert (
        published.title in feed.content.decode() and "Unfinished draft" not in feed.content.decode()
    )


def test_search_groups_results_by_kind_and_hides_drafts(client):
    """One query finds organisations, projects, stories and people; drafts never."""
    OrganisationFactory(name="Kunming", native_name="昆明市")
    OrganisationFactory(name="Kunming Draft Office", is_published=False)
    ProjectFactory(title="ICLEI-Kunming Center of Excellence")
    story(title="Kunming hosts COP15")
    PersonFactory(name="Ma Kunming")
    html = client.get("/search/", {"q": "kunming"}).content.decode()
    for heading in ("Organisations", "Projects", "Stories", "People"):
        assert f"<h2>{heading}" in html
    assert "Kunming Draft Office" not in html


def test_search_matches_non_latin_names(client):
    OrganisationFactory(name="Kunming", native_name="昆明市")
    response = client.get("/search/", {"q": "昆明"})
    assert "Kunming" in response.content.decode()


def test_search_without_match_or_query_says_so(client):
    assert "Nothing found for “zzz”" in client.get("/search/", {"q": "zzz"}).content.decode()
    assert client.get("/search/").status_code == 200


def test_search_finds_events_and_publications_by_title(client):
    from tests.factories.events import EventFactory
    from tests.factories.publications import PublicationFactory

    EventFactory(title="2nd International Forum on Low Carbon Cities")
    EventFactory(title="Draft Low Carbon Workshop", is_published=False)
    PublicationFactory(title="Low Carbon Cities Compendium of Best Practices")
    html = client.get("/search/", {"q": "low carbon"}).content.decode()
    assert "<h2>Events" in html and "2nd International Forum on Low Carbon Cities" in html
    assert "<h2>Publications" in html and "Compendium of Best Practices" in html
    assert "Draft Low Carbon Workshop" not in html


def test_home_shows_networks_recent_events_publications_and_reports(client):
    from tests.factories.events import EventFactory
    from tests.factories.publications import PublicationFactory

    network = NetworkFactory(name="CityNet", slug="citynet")
    EventFactory(title="9th CityNet Congress", networks=[network], start=dt.date(2022, 9, 20))
    PublicationFactory(title="CityNet Annual Report 2022", networks=[network])
    story(title="9th CityNet Congress in Kuala Lumpur", network=network)
    html = client.get("/").content.decode()
    for text in (
        "CityNet",
        "9th CityNet Congress",
        "CityNet Annual Report 2022",
        "9th CityNet Congress in Kuala Lumpur",
        f"/reports/citynet/{dt.date.today().year - 1}/",
    ):
        assert text in html


def test_sitemap_lists_published_pages_only(client):
    from tests.factories.events import EventFactory

    OrganisationFactory(slug="seoul")
    OrganisationFactory(slug="secret-city", is_published=False)
    EventFactory(slug="public-forum")
    EventFactory(slug="draft-forum", is_published=False)
    xml = "".join(
        client.get(f"/sitemap-{section}.xml").content.decode() for section in ("members", "events")
    )
    assert "/members/seoul/" in xml and "/events/public-forum/" in xml
    assert "secret-city" not in xml and "draft-forum" not in xml

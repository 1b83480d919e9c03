"""The sitemap's sections, written without a template, say exactly what Django's sitemap view
says with the same sitemaps: the same XML, Last-Modified and 404s."""

import re

import pytest
from django.contrib.sitemaps import views as django_views
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from portal.reports import report_years_by_network
from portal.sitemaps import SITEMAPS, ReportSitemap, section, slug_path_maker
from portal.sitemaps import index as sitemap_index
from portal.views import report_paths
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db

SLUGS = ["seoul", "서울특별시", "北京市", "улаанбаатар", "a b&c?d#e%f", "it's", "100%_café"]


@pytest.mark.parametrize("slug", SLUGS)
def test_slug_path_maker_gives_what_reverse_gives(slug):
    """The path made from a pattern reversed once is reverse()'s, in any script and language."""
    for language in ("en", "ko", "zh-hans"):
        with translation.override(language):
            path = slug_path_maker("network:member-detail")
            assert path(slug) == reverse("network:member-detail", kwargs={"slug": slug})


def both(url: str, section_name: str):
    """(Django's response, ours) to the same request."""
    request = RequestFactory().get(url, secure=True)
    answers = []
    for view in (django_views.sitemap, section):
        try:
            response = view(request, sitemaps=SITEMAPS, section=section_name)
            if hasattr(response, "render"):
                response.render()
            answers.append((response.status_code, response.content, response.get("Last-Modified")))
        except Http404:
            answers.append(404)
    return answers


def test_sitemap_sections_are_what_django_writes(settings):
    """Every record section, page by page, with non-Latin and reserved slugs and a draft."""
    settings.SITEMAP_PAGE_SIZE = 3
    for slug in SLUGS:
        OrganisationFactory(slug=slug)
        EventFactory(slug=slug)
    OrganisationFactory(slug="secret-city", is_published=False)
    for name in ("networks", "members", "projects", "events", "publications", "stories"):
        for page in ("", "?p=2", "?p=3", "?p=4", "?p=0", "?p=x"):
            django_answer, ours = both(f"/sitemap-{name}.xml{page}", name)
            assert ours == django_answer, (name, page)
    django_answer, ours = both("/sitemap-sections.xml", "sections")
    assert ours == django_answer
    assert both("/sitemap-nothing.xml", "nothing") == [404, 404]


def test_report_sitemap_lists_every_networks_report_years_a_page_each(client):
    """A page per published network, together listing each report year once, in order."""
    first, second = NetworkFactory(slug="first", order=1), NetworkFactory(slug="second", order=2)
    NetworkFactory(slug="draft", order=3, is_published=False)
    MembershipFactory(network=first, joined="2019-03-01")
    MembershipFactory(network=second, joined="2021-05-01")
    years = report_years_by_network([first, second])
    assert ReportSitemap().paginator.num_pages == 2
    pages = [client.get("/sitemap-reports.xml"), client.get("/sitemap-reports.xml?p=2")]
    listed = [re.findall(r"<loc>http://testserver([^<]+)</loc>", p.content.decode()) for p in pages]
    assert listed == [
        [f"/reports/first/{year}/" for year in years[first.pk]],
        [f"/reports/second/{year}/" for year in years[second.pk]],
    ]
    assert client.get("/sitemap-reports.xml?p=3").status_code == 404


@pytest.mark.parametrize("slug", ["citynet", "서울", "a&b'c", "100%_café"])
def test_report_paths_are_what_reverse_gives(slug):
    """The report links made from one reverse() are reverse()'s, link by link."""
    for language in ("en", "ko"):
        with translation.override(language):
            assert report_paths(slug, [2022, 2006]) == [
                (str(year), reverse("portal:report-detail", kwargs={"network": slug, "year": year}))
                for year in (2022, 2006)
            ]


def test_sitemap_index_is_what_django_writes(settings):
    """The index, written without a template, is Django's index view's: XML and headers."""
    settings.SITEMAP_PAGE_SIZE = 2
    for slug in SLUGS:
        OrganisationFactory(slug=slug)
        EventFactory(slug=slug)
    OrganisationFactory(slug="secret-city", is_published=False)
    NetworkFactory(slug="draft-network", is_published=False)
    answers = []
    for view in (django_views.index, sitemap_index):
        request = RequestFactory().get("/sitemap.xml", secure=True)
        response = view(request, sitemaps=SITEMAPS, sitemap_url_name="sitemap-section")
        if hasattr(response, "render"):
            response.render()
        answers.append((response.status_code, response.content, response.get("Last-Modified")))
    assert answers[1] == answers[0]
    assert b"sitemap-members.xml?p=4</loc>" in answers[1][1]


def test_sitemap_index_lastmod_follows_published_changes_only():
    """A section's date is its latest published record's change: a draft's does not show."""
    first = EventFactory(slug="first")
    EventFactory(slug="secret", is_published=False)
    first.refresh_from_db()
    summary = SITEMAPS["events"]()._summary
    assert summary == {"count": 1, "latest": first.updated_at}
    second = EventFactory(slug="second")
    second.refresh_from_db()
    assert SITEMAPS["events"]()._summary == {"count": 2, "latest": second.updated_at}
    first.title = "Changed"
    first.save()
    first.refresh_from_db()
    assert SITEMAPS["events"]()._summary["latest"] == first.updated_at > second.updated_at

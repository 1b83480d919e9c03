"""The sitemap: /sitemap.xml is an index of sections, /sitemap-<section>.xml, each paginated
(?p=2, …) at settings.SITEMAP_PAGE_SIZE entries a page (SITEMAP_PAGE_SIZE below by default), so
that every public page of a published record (and only those) is listed however many there are,
and no request reads more than one page of one table."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.functional import cached_property

from events.models import Event
from network.models import Network, Organisation, Project
from portal.models import Story
from portal.reports import report_years_by_network
from publications.models import Publication

SITEMAP_PAGE_SIZE = 2000


class PagedSitemap(Sitemap):
    @property
    def limit(self) -> int:
        return getattr(settings, "SITEMAP_PAGE_SIZE", SITEMAP_PAGE_SIZE)


class PublishedSitemap(PagedSitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    @cached_property
    def _summary(self) -> dict:
        """How many entries and the latest change: one aggregate for the index's page count
        and date of the section (Django's default date reads every row)."""
        return self.items().aggregate(count=Count("pk"), latest=Max("updated_at"))

    def get_latest_lastmod(self):
        return self._summary["latest"]

    @property
    def paginator(self):
        paginator = super().paginator
        paginator.count = self._summary["count"]
        return paginator


class NetworkSitemap(PublishedSitemap):
    model = Network


class OrganisationSitemap(PublishedSitemap):
    model = Organisation


class ProjectSitemap(PublishedSitemap):
    model = Project


class EventSitemap(PublishedSitemap):
    model = Event


class PublicationSitemap(PublishedSitemap):
    model = Publication


class StorySitemap(PublishedSitemap):
    model = Story


class ReportSitemap(PagedSitemap):
    def items(self):
        """Each network's report years, read by report_years_by_network (four aggregate
        queries for all networks, at most one row per network and year)."""
        networks = list(Network.objects.published().order_by("order", "name"))
        years = report_years_by_network(networks)
        return [(network.slug, year) for network in networks for year in years[network.pk]]

    def location(self, item):
        return reverse("portal:report-detail", kwargs={"network": item[0], "year": item[1]})


class SectionSitemap(PagedSitemap):
    def items(self):
        return [
            "portal:home",
            "network:network-list",
            "network:member-list",
            "events:event-list",
            "publications:publication-list",
            "network:project-list",
            "portal:report-list",
            "portal:story-list",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "networks": NetworkSitemap,
    "members": OrganisationSitemap,
    "projects": ProjectSitemap,
    "events": EventSitemap,
    "publications": PublicationSitemap,
    "stories": StorySitemap,
    "reports": ReportSitemap,
}

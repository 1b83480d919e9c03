"""/sitemap.xml: every public page of published records (and only those)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event
from network.models import Network, Organisation, Project
from portal.models import Story
from portal.reports import report_years_by_network
from publications.models import Publication


class PublishedSitemap(Sitemap):
    model = None
    limit = 5000

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


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


class ReportSitemap(Sitemap):
    def items(self):
        networks = list(Network.objects.published().order_by("order", "name"))
        years = report_years_by_network(networks)
        return [(network.slug, year) for network in networks for year in years[network.pk]]

    def location(self, item):
        return reverse("portal:report-detail", kwargs={"network": item[0], "year": item[1]})


class SectionSitemap(Sitemap):
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

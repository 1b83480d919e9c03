"""The sitemap: /sitemap.xml is an index of sections, /sitemap-<section>.xml, each paginated
(?p=2, …) at settings.SITEMAP_PAGE_SIZE entries a page (SITEMAP_PAGE_SIZE below by default), so
that every public page of a published record (and only those) is listed however many there are,
and no request reads more than one page of one table.

A section's page is written by `section()` below, not by Django's sitemap view: that one makes a
model instance, calls reverse() and renders a template loop per entry, about 0.2 ms an entry (0.3
to 0.9 s for a page of 2,000). Here a page is one query of (slug, change time as text) rows, each
turned into a line of XML with the record page's path reversed once per page (about 3 µs an
entry), and the same XML as Django's template writes. The index is still Django's view (a few
dozen entries).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import CharField, Func, IntegerField
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.timezone import is_naive, make_aware, template_localtime
from django.utils.translation import gettext as _

from core.links import slug_path_maker
from core.publishing import unpublished_q
from events.models import Event
from network.models import Network, Organisation, Project
from portal.models import Story
from portal.reports import report_years
from portal.views import report_paths
from publications.models import Publication

SITEMAP_PAGE_SIZE = 2000


def page_size() -> int:
    return getattr(settings, "SITEMAP_PAGE_SIZE", SITEMAP_PAGE_SIZE)


def page_number(value) -> int:
    """The page `?p=` asks for, from 1; Http404 for anything else (as Django's sitemap view)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404(_("No page “%(page)s”.") % {"page": value}) from None
    if number < 1:
        raise Http404(_("No page “%(page)s”.") % {"page": value})
    return number


def summarise(sitemaps: list[PublishedSitemap]) -> None:
    """Set the `_summary` of each of `sitemaps`, {"count": entries, "latest": latest change
    or None}, from one query: a SELECT of their summary_queries() as scalar subqueries (no
    FROM, so that an empty table still answers), instead of a query per section."""
    if not sitemaps:
        return
    connection = connections[sitemaps[0].model.objects.db]
    parts, params = [], []
    for sitemap in sitemaps:
        for query in sitemap.summary_queries():
            sql, query_params = query.get_compiler(connection=connection).as_sql()
            parts.append(f"({sql})")
            params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    for index, sitemap in enumerate(sitemaps):
        every, unpublished, latest = row[index * 3 : index * 3 + 3]
        if isinstance(latest, str):  # SQLite's text, in UTC (as Django's converter reads it)
            latest = parse_datetime(latest)
        if latest is not None and is_naive(latest):
            latest = make_aware(latest, timezone=dt.UTC)
        sitemap.__dict__["_summary"] = {
            "count": (every or 0) - (unpublished or 0),
            "latest": latest,
        }


def _count(queryset):
    """COUNT(*) of `queryset`'s rows (no GROUP BY), as a one-value queryset."""
    return (
        queryset.order_by()
        .annotate(rows=Func(template="COUNT(*)", output_field=IntegerField()))
        .values("rows")
    )


class PagedSitemap(Sitemap):
    @property
    def limit(self) -> int:
        return page_size()

    def page_entries(self, page: int) -> tuple[list[tuple[str, str | None]], str | None]:
        """The page's entries, each (path, last change as "YYYY-MM-DD" or None), and the latest
        change of the page (ISO text, None when an entry has none); Http404 for a page past
        the last (the first page of an empty section is empty)."""
        raise NotImplementedError


class PublishedSitemap(PagedSitemap):
    model = None
    url_name = ""

    def items(self):
        return self.model.objects.published().order_by("pk")

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, obj):
        return obj.updated_at

    @cached_property
    def _summary(self) -> dict:
        """How many entries and the latest change, for the index's page count and date of the
        section: see summarise(), which the index calls for all its sections at once."""
        summarise([self])
        return self.__dict__["_summary"]

    def summary_queries(self) -> list:
        """The three index searches of _summary: the count as every record minus the
        unpublished few (a whole table is counted from its smallest index; counting the
        published ones read an entry each), the latest change as the newest published entry
        of the (is_published, updated_at, publish_at) index (MAX() over the published ones
        read every entry: 10-15 ms a section at 40,000 events)."""
        model = self.model
        return [
            _count(model.objects.all()).query,
            _count(model.objects.filter(unpublished_q())).query,
            self.items().order_by("-updated_at").values("updated_at")[:1].query,
        ]

    def get_latest_lastmod(self):
        return self._summary["latest"]

    @property
    def paginator(self):
        paginator = super().paginator
        paginator.count = self._summary["count"]
        return paginator

    def page_entries(self, page):
        start = (page - 1) * self.limit
        # The change time as the database writes it in UTC ("2024-05-01 08:30:00.5" on SQLite,
        # "…+00" on PostgreSQL, whose session time zone Django sets to UTC): its first ten
        # characters are the date Django's template shows, without a datetime made per row.
        rows = list(
            self.items()
            .annotate(changed=Cast("updated_at", CharField()))
            .values_list("slug", "changed")[start : start + self.limit]
        )
        if not rows and page > 1:
            raise Http404(_("No page “%(page)s”.") % {"page": page})
        path = slug_path_maker(self.url_name)
        entries = [(path(slug), changed[:10]) for slug, changed in rows]
        return entries, max(changed for _, changed in rows) if rows else None


class NetworkSitemap(PublishedSitemap):
    model = Network
    url_name = "network:network-detail"


class OrganisationSitemap(PublishedSitemap):
    model = Organisation
    url_name = "network:member-detail"


class ProjectSitemap(PublishedSitemap):
    model = Project
    url_name = "network:project-detail"


class EventSitemap(PublishedSitemap):
    model = Event
    url_name = "events:event-detail"


class PublicationSitemap(PublishedSitemap):
    model = Publication
    url_name = "publications:publication-detail"


class StorySitemap(PublishedSitemap):
    model = Story
    url_name = "portal:story-detail"


class ReportSitemap(PagedSitemap):
    """A page per published network (in the order of the reports page): its report years.

    Finding the years reads every dated record of a network (portal.reports.report_years), so
    a page that listed every network's would read all events, memberships… of the site; a
    network's page reads its own only, and the index needs no more than the networks' count."""

    def _networks(self):
        return Network.objects.published().order_by("order", "name", "pk")

    @property
    def paginator(self):
        return Paginator(range(self._networks().count()), 1)

    def get_latest_lastmod(self):
        return None

    def page_entries(self, page):
        network = self._networks().only("pk", "slug")[page - 1 : page].first()
        if network is None:
            if page > 1:
                raise Http404(_("No page “%(page)s”.") % {"page": page})
            return [], None
        return [(path, None) for _, path in report_paths(network.slug, report_years(network))], None


class SectionSitemap(PagedSitemap):
    names = [
        "portal:home",
        "network:network-list",
        "network:member-list",
        "events:event-list",
        "publications:publication-list",
        "network:project-list",
        "portal:report-list",
        "portal:story-list",
    ]

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)

    def page_entries(self, page):
        start = (page - 1) * self.limit
        names = self.names[start : start + self.limit]
        if not names and page > 1:
            raise Http404(_("No page “%(page)s”.") % {"page": page})
        return [(reverse(name), None) for name in names], None


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

URLSET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


INDEX_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


@x_robots_tag
def index(request, sitemaps, sitemap_url_name="sitemap-section"):
    """/sitemap.xml: what django.contrib.sitemaps.views.index answers (the same XML and
    headers), written without a template (its loop rendered a few dozen entries in 2-3 ms)."""
    domain = get_current_site(request).domain
    lines = [INDEX_START]
    every_lastmod, latest_lastmod = True, None
    sitemaps = {
        name: sitemap() if callable(sitemap) else sitemap for name, sitemap in sitemaps.items()
    }
    summarise([s for s in sitemaps.values() if isinstance(s, PublishedSitemap)])
    for name, sitemap in sitemaps.items():
        protocol = sitemap.protocol or request.scheme
        path = reverse(sitemap_url_name, kwargs={"section": name})
        location = escape(f"{protocol}://{domain}{path}")
        lastmod = sitemap.get_latest_lastmod()
        if every_lastmod:
            if lastmod is not None:
                latest_lastmod = _latest(latest_lastmod, lastmod)
            else:
                every_lastmod = False
        tail = f"<lastmod>{_lastmod_text(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<sitemap><loc>{location}</loc>{tail}</sitemap>")
        for page in range(2, sitemap.paginator.num_pages + 1):
            lines.append(f"<sitemap><loc>{location}?p={page}</loc>{tail}</sitemap>")
    lines.append("\n</sitemapindex>\n")
    response = HttpResponse("".join(lines), content_type="application/xml")
    if every_lastmod and latest_lastmod:
        response.headers["Last-Modified"] = http_date(latest_lastmod.timestamp())
    return response


def _lastmod_text(value) -> str:
    """`value` (a date or datetime) as the index template's `date:"c"` writes it."""
    if isinstance(value, dt.datetime):
        return template_localtime(value).isoformat()
    return value.isoformat()


def _latest(current, new):
    """The later of `current` (None or aware) and `new` (a date or datetime), as Django's index
    compares them."""
    if not isinstance(new, dt.datetime):
        new = dt.datetime.combine(new, dt.time.min)
    if is_naive(new):
        new = make_aware(new, dt.UTC)
    return new if current is None else max(current, new)


@x_robots_tag
def section(request, sitemaps, section):
    """/sitemap-<section>.xml?p=N: what django.contrib.sitemaps.views.sitemap answers (the same
    XML, headers and 404s), written without a template."""
    if section not in sitemaps:
        raise Http404(_("No sitemap available for section: %r") % section)
    sitemap = sitemaps[section]()
    entries, latest = sitemap.page_entries(page_number(request.GET.get("p", 1)))
    protocol = sitemap.protocol or request.scheme
    site = escape(f"{protocol}://{request.get_host()}")
    lines = [URLSET_START]
    for path, changed in entries:
        loc = escape(path) if "&" in path or "'" in path else path
        if changed:
            lines.append(f"<url><loc>{site}{loc}</loc><lastmod>{changed}</lastmod></url>")
        else:
            lines.append(f"<url><loc>{site}{loc}</loc></url>")
    lines.append("\n</urlset>\n")
    response = HttpResponse("".join(lines), content_type="application/xml")
    if latest:
        # As Django's view: the latest change of the page, for conditional GETs.
        changed = parse_datetime(latest)
        if is_naive(changed):
            changed = make_aware(changed, timezone=dt.UTC)
        response.headers["Last-Modified"] = http_date(changed.timestamp())
    return response

import base64
import hashlib
from urllib.parse import quote

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotFound, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from core.dates import today as current_day
from core.links import PLACEHOLDER, SAFE
from core.partial_dates import month_abbr
from core.views import FilteredFeedMixin, FilteredListView, RecordFeed
from events import presenters as event_presenters
from events import queries as event_queries
from network.models import Network
from network.queries import network_cards
from portal import editions, pdf, queries
from portal.filters import StoryFilter
from portal.health import content_health
from portal.models import Story
from portal.reports import report_years_by_network, reported_network_or_404
from portal.search import search
from publications import queries as publication_queries
from staff.preview import StaffPreviewMixin


class HomeView(TemplateView):
    template_name = "portal/home.html"

    @staticmethod
    def report_urls(slugs, year: int) -> list[str]:
        """The path of each network's (by slug) report of `year`."""
        report_path = report_path_maker()
        return [report_path(slug, year) for slug in slugs]

    def get_context_data(self, **kwargs):
        today = current_day()
        cards = network_cards()
        last_year = today.year - 1
        urls = self.report_urls([card["network"].slug for card in cards], last_year)
        upcoming = self.first_rows(event_queries.upcoming(today), 6)
        return super().get_context_data(
            network_cards=cards,
            # (address, network name) of each network's report of last year
            report_links=[
                (url, card["network"].name) for url, card in zip(urls, cards, strict=True)
            ],
            # Each row's <li> written once in Python (events.presenters), as the events page does.
            upcoming_events=event_presenters.event_items(upcoming),
            # Shown only when nothing is ahead, so the section never stands empty.
            recent_events=[]
            if upcoming
            else event_presenters.event_items(
                list(event_queries.past(today).order_by("-start", "title")[:6])
            ),
            latest_publications=self.newest_publications(4),
            latest_stories=queries.published_stories()[:3],
            last_year=last_year,
            **kwargs,
        )

    @staticmethod
    def first_rows(queryset, n: int) -> list:
        """The first `n` rows of `queryset` (ordered), chosen by a subquery of their ids alone:
        SQLite sorts the few columns of a covering index instead of every whole row that
        matches (the upcoming events: ~2,400 rows at 40,000 events, 5 ms -> under 1 ms)."""
        return list(queryset.filter(pk__in=queryset.values("pk")[:n]))

    @staticmethod
    def newest_publications(n: int) -> list:
        """The `n` newest published publications (n < 10). Read as the first 10: for a LIMIT
        below 10 SQLite expects sorting to be cheap and plans a search by publish time and a
        sort of every publication (8 ms at 15,000), instead of walking the index in the
        library's order (under 0.1 ms)."""
        return list(publication_queries.published_publications()[: max(n, 10)])[:n]


def page_not_found(request, exception):
    if request.path.startswith("/api/"):
        # API consumers get JSON, like every other API answer, also for addresses no route matches.
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: whatever failed may be what a context processor needs.
    return render(request, "500.html", status=500)


# --- Stories --------------------------------------------------------------------------------


class StoryListView(FilteredListView):
    filterset_class = StoryFilter
    read_query = staticmethod(queries.published_stories)
    context_object_name = "stories"
    paginate_by = 20


class StoryDetailView(StaffPreviewMixin, DetailView):
    model = Story

    def get_queryset(self):
        return queries.story_page_queryset(super().get_queryset())


class LatestStoriesFeed(FilteredFeedMixin, RecordFeed):
    """The latest stories, with the stories page's filters."""

    title = gettext_lazy("City Network Portal: stories")
    description = gettext_lazy("Highlights and news of the city networks.")
    filterset_class = StoryFilter
    read_query = staticmethod(queries.latest_stories)
    list_url_name = "portal:story-list"

    def item_description(self, item):
        return item.summary


class AtomStoriesFeed(LatestStoriesFeed):
    feed_type = Atom1Feed
    subtitle = LatestStoriesFeed.description


# --- Annual reports ---------------------------------------------------------------------------


class ReportListView(TemplateView):
    template_name = "portal/report_list.html"

    def get_context_data(self, **kwargs):
        networks = list(Network.objects.published().order_by("order", "name"))
        years = report_years_by_network(networks)
        return super().get_context_data(
            networks=[
                {
                    "network": network,
                    # (year, its report's path), newest first: a path made per year, not a
                    # reverse() per link (30 networks link to some 600 reports).
                    "years": report_paths(network.slug, sorted(years[network.pk], reverse=True)),
                }
                for network in networks
            ],
            **kwargs,
        )


class ReportDetailView(TemplateView):
    """A network's annual report for a year: its frozen edition when the year's report is
    published (portal.editions), else computed live by portal.reports.build_report(); `?live=1`
    shows the live computation, `?edition=N` an earlier edition."""

    template_name = "portal/report_detail.html"
    print_view = False

    def get(self, request, *args, **kwargs):
        try:
            self.live, self.edition_number = editions.read_choice(request.GET)
        except ValueError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        response = super().get(request, *args, **kwargs)
        header_style = response.context_data.get("print_header_style")
        if header_style:
            # The running headers name the network and year: a <style> of the page, allowed by
            # its hash (no inline style is allowed otherwise), the same for every visitor.
            digest = base64.b64encode(hashlib.sha256(header_style.encode()).digest()).decode()
            response._csp_update = {"style-src": [f"'sha256-{digest}'"]}
        return response

    def get_context_data(self, **kwargs):
        year = kwargs["year"]
        network = reported_network_or_404(
            kwargs["network"],
            year,
            networks=editions.networks_with_edition(
                Network.objects.all(), year, number=self.edition_number, live=self.live
            ),
        )
        shown = editions.report_to_show(network, year, live=self.live, number=self.edition_number)
        report = shown.report
        membership = report.get("membership") or {}
        activities = report.get("activities") or {}
        context = super().get_context_data(**kwargs)
        paths = {key: record_path_prefix(name) for key, name in RECORD_PAGES.items()}
        path_name = "portal:report-print" if self.print_view else "portal:report-detail"
        here = reverse(path_name, kwargs={"network": network.slug, "year": year})
        context.update(
            report=report,
            network=network,
            year=year,
            edition=shown.edition,
            latest_edition=shown.latest_edition,
            changes=change_rows(shown.changes, paths),
            here=here,
            print_path=reverse(
                "portal:report-print", kwargs={"network": network.slug, "year": year}
            ),
            # The print view and PDF links show what this page shows: this edition, or live.
            shown_query=f"?edition={shown.edition['number']}"
            if shown.edition and shown.edition["number"] != shown.edition["latest"]
            else "?live=1"
            if not shown.edition and shown.latest_edition
            else "",
            print_view=self.print_view,
            pdf_path=reverse("portal:report-pdf", kwargs={"network": network.slug, "year": year})
            if pdf.available()
            else "",
            print_header_style=print_header_style(network.name, year) if self.print_view else "",
            member_chart=bar_chart(
                membership.get("by_region") or [], label="region", value="count"
            ),
            type_chart=bar_chart(membership.get("by_type") or [], label="label", value="count"),
            month_chart=bar_chart(
                [
                    {"month": month_abbr(row["month"]), "count": row["count"]}
                    for row in activities.get("by_month") or []
                ],
                label="month",
                value="count",
            )
            if activities.get("total")
            else None,
            show_staff_notices=self.request.user.is_staff,
            paths=paths,
        )
        return context


class ReportPDFView(ReportDetailView):
    """The print view as a PDF (portal.pdf, WeasyPrint): the same report, edition and
    `?edition=`/`?live=` choice; 404 where this server cannot make PDFs."""

    print_view = True

    def get(self, request, *args, **kwargs):
        if not pdf.available():
            return HttpResponseNotFound(
                _("PDFs of reports are not available on this server."),
                content_type="text/plain; charset=utf-8",
            )
        try:
            live, number = editions.read_choice(request.GET)
        except ValueError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        key = pdf.cache_key(
            network=kwargs["network"],
            year=kwargs["year"],
            live=live,
            number=number,
            language=get_language() or "",
        )
        found = pdf.cached(key)
        if found is None:
            page = super().get(request, *args, **kwargs)
            if page.status_code != 200:
                return page
            page.render()
            filename = f"{page.context_data['network'].slug}-{kwargs['year']}-annual-report.pdf"
            content = pdf.render(page.content.decode(), base_url=request.build_absolute_uri("/"))
            pdf.keep(key, filename, content)
        else:
            filename, content = found
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The same public report for everyone: no notes for staff in a file that is passed on.
        context["show_staff_notices"] = False
        return context


def change_rows(changes: list[dict] | None, paths: dict) -> list[dict] | None:
    """Each change (portal.editions.changes_between()) as a sentence, with the record's path
    where the record is still listed (one no longer listed may be gone)."""
    if changes is None:
        return None
    return [
        {
            "text": editions.describe(change),
            "path": f"{paths[change['what']]}{quote(change['slug'], safe=SAFE)}/"
            if change.get("slug") and change["what"] in paths and change["change"] != "removed"
            else "",
        }
        for change in changes
    ]


def css_string(text: str) -> str:
    """`text` as a CSS string: every character but letters, digits and spaces escaped."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x}" for c in text) + '"'


def print_header_style(network_name: str, year: int) -> str:
    """The print view's running header (CSS paged media: the page's top-left margin box)."""
    title = _("%(name)s · Annual report %(year)s") % {"name": network_name, "year": year}
    return (
        "@page { @top-left { content: " + css_string(title) + "; } }"
        " @page :first { @top-left { content: none; } }"
    )


# The record pages a report links to, row by row.
RECORD_PAGES = {
    "member": "network:member-detail",
    "event": "events:event-detail",
    "story": "portal:story-detail",
    "project": "network:project-detail",
    "publication": "publications:publication-detail",
}


def record_path_prefix(name: str) -> str:
    """The path of the record page `name` up to its slug, which the template follows with the
    slug (URL-encoded, as reverse() encodes it) and "/": one reverse() per kind of link, not
    one per row (a report links to hundreds of records)."""
    path = reverse(name, args=["slug"])
    assert path.endswith("/slug/"), path
    return path.removesuffix("slug/")


def report_path_maker():
    """(network slug, year) -> reverse("portal:report-detail", …) of that report, with the URL
    pattern reversed once (in the current language and script prefix): for the pages that link
    a report per network or per year. The slug is quoted as reverse() quotes it (core.links)."""
    path = reverse("portal:report-detail", kwargs={"network": PLACEHOLDER, "year": 1950})
    before, found, after = path.partition(PLACEHOLDER)
    middle, found_year, suffix = after.rpartition("1950")
    assert found and found_year, path

    def report_path(network_slug: str, year: int) -> str:
        if not network_slug or "/" in network_slug:
            # reverse() refuses these; let it say so.
            return reverse("portal:report-detail", kwargs={"network": network_slug, "year": year})
        return f"{before}{quote(network_slug, safe=SAFE)}{middle}{year}{suffix}"

    return report_path


def report_paths(network_slug: str, years: list[int]) -> list[tuple[str, str]]:
    """(year, the path of `network_slug`'s report of that year) for each of `years`."""
    report_path = report_path_maker()
    return [(str(year), report_path(network_slug, year)) for year in years]


CHART_ROW_HEIGHT, CHART_BAR_START, CHART_BAR_WIDTH = 28, 260, 320


def bar_chart(rows: list[dict], *, label: str, value: str) -> dict | None:
    """Geometry of a horizontal bar chart (SVG user units) for `templates/portal/_bar_chart.html`."""
    if not rows:
        return None
    largest = max(row[value] for row in rows) or 1
    return {
        "height": CHART_ROW_HEIGHT * len(rows),
        "bar_start": CHART_BAR_START,
        "rows": [
            {
                "label": row[label] or _("No region"),
                "value": row[value],
                "y": CHART_ROW_HEIGHT * index,
                "width": round(row[value] * CHART_BAR_WIDTH / largest, 1),
                "value_x": CHART_BAR_START + round(row[value] * CHART_BAR_WIDTH / largest, 1) + 6,
            }
            for index, row in enumerate(rows)
        ],
    }


# --- Search -----------------------------------------------------------------------------------


class SearchView(TemplateView):
    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:200]
        return super().get_context_data(
            query=query, groups=search(query) if query else [], **kwargs
        )


@method_decorator(staff_member_required, name="dispatch")
class ContentHealthView(TemplateView):
    """Staff only: what needs attention (portal.health)."""

    template_name = "admin/content_health.html"

    def get_context_data(self, **kwargs):
        from django.contrib import admin

        return super().get_context_data(
            sections=content_health(self.request.user),
            title=_("Content health"),
            **admin.site.each_context(self.request),
            **kwargs,
        )

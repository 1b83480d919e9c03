import json
from pathlib import PurePosixPath

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from core.uploads import content_type_for
from core.views import FilteredFeedMixin, FilteredListView, RecordFeed
from publications import queries
from publications.filters import PublicationFilter
from publications.models import Edition, Publication, PublicationKind
from staff.preview import StaffPreviewMixin, visible_to

# schema.org types for the kinds that have a closer one than CreativeWork.
SCHEMA_TYPES = {
    PublicationKind.ANNUAL_REPORT: "Report",
    PublicationKind.REPORT: "Report",
    PublicationKind.CASE_STUDY: "Report",
    PublicationKind.VIDEO: "VideoObject",
    PublicationKind.HANDBOOK: "Book",
    PublicationKind.PLAYBOOK: "Book",
    PublicationKind.COMPENDIUM: "Book",
    PublicationKind.NEWSLETTER: "PublicationIssue",
}


class PublicationListView(FilteredListView):
    filterset_class = PublicationFilter
    read_query = staticmethod(queries.listed_publications)
    context_object_name = "publications"
    paginate_by = 24


class PublicationDetailView(StaffPreviewMixin, DetailView):
    model = Publication

    def get_queryset(self):
        # StaffPreviewMixin: staff see drafts (with the preview banner), others published().
        return queries.with_detail_joins(queries.with_card_joins(super().get_queryset()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publication = self.object
        cities, others = queries.split_cities(publication.organisation_list)
        editions = publication.edition_list
        context.update(
            editions=editions,
            cities=cities,
            other_organisations=others,
            citation=citation(publication, self.request),
            json_ld=json_ld(publication, self.request),
        )
        return context


def download(request, slug, pk):
    """An edition's PDF as a download with a readable name, for publications the visitor may see."""
    publication = get_object_or_404(visible_to(Publication.objects.all(), request.user), slug=slug)
    edition = get_object_or_404(Edition, pk=pk, publication=publication)
    if not edition.file:
        raise Http404(_("This edition has no file."))
    try:
        handle = edition.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file of this edition is missing.")) from None
    extension = PurePosixPath(edition.file.name).suffix
    summary = "-summary" if edition.is_summary else ""
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{publication.slug}-{edition.language}{summary}{extension}",
        content_type=content_type_for(edition.file.name),
    )


def stored_file(request, name):
    """Where a stored PDF's name leads (the admin's "currently" link): to the edition's checked
    download. Nothing is served from the name itself; a name no edition holds (a replaced file,
    an old version's), or one of a publication the visitor may not see, is not found."""
    visible = visible_to(Publication.objects.all(), request.user)
    edition = get_object_or_404(
        Edition.objects.select_related("publication"), file=name, publication__in=visible
    )
    return redirect(edition.download_url())


def _year(edition_list):
    dates = [e.date for e in edition_list if e.date and not e.is_summary] or [
        e.date for e in edition_list if e.date
    ]
    return min(dates).year if dates else None


def _offices(publication):
    offices = []
    for edition in publication.edition_list:
        if edition.publisher and edition.publisher not in offices:
            offices.append(edition.publisher)
    return offices


def citation(publication, request) -> str:
    """A reference in the style of APA: Publisher. (Year). *Title* [Kind]. Series (issue). URL."""
    offices = _offices(publication)
    networks = publication.network_list
    author = "; ".join(o.name for o in offices) or ", ".join(n.name for n in networks)
    year = _year(publication.edition_list)
    parts = []
    if author:
        parts.append(f"{escape(author)}.")
    parts.append(f"({year})." if year else f"({escape(_('n.d.'))}).")
    parts.append(
        f"<cite>{escape(publication.title)}</cite> [{escape(publication.get_kind_display())}]."
    )
    if publication.series:
        series = escape(publication.series.name)
        parts.append(
            f"{series} ({escape(publication.issue)})." if publication.issue else f"{series}."
        )
    parts.append(escape(request.build_absolute_uri(publication.get_absolute_url())))
    return mark_safe(" ".join(parts))


def json_ld(publication, request) -> str:
    """schema.org description of the publication and its editions, safe inside <script>."""
    url = request.build_absolute_uri(publication.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(publication.kind, "CreativeWork"),
        "@id": url,
        "url": url,
        "name": publication.title,
        "genre": str(publication.get_kind_display()),
    }
    if publication.summary:
        data["abstract"] = publication.summary
    if publication.cover_large:
        data["image"] = request.build_absolute_uri(publication.cover_large.url)
    year = _year(publication.edition_list)
    if year:
        data["datePublished"] = str(year)
    languages = [e.language for e in publication.edition_list if not e.is_undetermined]
    if languages:
        data["inLanguage"] = list(dict.fromkeys(languages))
    offices = _offices(publication)
    if offices:
        data["publisher"] = [{"@type": "Organization", "name": o.name} for o in offices]
    for credit in publication.credit_list:
        key = {"editor": "editor", "author": "author", "contributor": "contributor"}.get(
            credit.role
        )
        if key:
            data.setdefault(key, []).append({"@type": "Person", "name": credit.person.name})
    if publication.series:
        data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": publication.series.name}
        if publication.issue:
            data["issueNumber"] = publication.issue
    examples = []
    for edition in publication.edition_list:
        example = {"@type": "CreativeWork", "name": edition.display_title}
        if not edition.is_undetermined:
            example["inLanguage"] = edition.language
        if edition.date:
            example["datePublished"] = edition.date.isoformat()[
                # A quarter as its year: ISO 8601 dates have no quarter, and its first month
                # would be a month the source does not give.
                : {"year": 4, "quarter": 4, "month": 7}.get(edition.date_precision, 10)
            ]
        if edition.publisher:
            example["publisher"] = {"@type": "Organization", "name": edition.publisher.name}
        if edition.translated_by:
            example["translator"] = {"@type": "Organization", "name": edition.translated_by.name}
        if edition.is_summary:
            example["abridged"] = True
        if edition.file:
            example["encoding"] = {
                "@type": "MediaObject",
                "encodingFormat": "application/pdf",
                "contentUrl": request.build_absolute_uri(edition.download_url(publication)),
                "contentSize": str(edition.file_size or ""),
            }
            if edition.page_count:
                example["numberOfPages"] = edition.page_count
        elif edition.link:
            example["url"] = edition.link
        examples.append(example)
    if examples:
        data["workExample"] = examples
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # Nothing in the data may close the <script> element.
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)


def feed_description(publication) -> str:
    """An entry's HTML: kind and networks, the summary, the languages of its editions. Written
    here, not by a template per entry (50 renders a feed)."""
    meta = " · ".join([publication.get_kind_display(), *(n.name for n in publication.network_list)])
    html = [format_html("<p>{}</p>", meta)]
    if publication.summary:
        html.append(format_html("<p>{}</p>", publication.summary))
    if publication.edition_list:
        summary = _("summary")
        languages = [
            f"{edition.language_name} ({summary})" if edition.is_summary else edition.language_name
            for edition in publication.edition_list
            if not edition.is_undetermined
        ]
        html.append(format_html("<p>{} {}</p>", _("Languages:"), ", ".join(languages)))
    return "".join(html)


class PublicationFeed(FilteredFeedMixin, RecordFeed):
    """Atom feed of the publications most recently added to the library, with the library's
    filters."""

    feed_type = Atom1Feed
    title = gettext_lazy("New publications")
    subtitle = gettext_lazy("Reports, case studies and other publications of the city networks.")
    filterset_class = PublicationFilter
    read_query = staticmethod(queries.recently_published)
    list_url_name = "publications:publication-list"

    def item_description(self, item):
        return feed_description(item)

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [str(item.get_kind_display())] + [n.name for n in item.network_list]


feed = PublicationFeed()

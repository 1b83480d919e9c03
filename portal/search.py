"""One search across the portal's published records, grouped by kind of record.

Every word must occur in one of a kind's fields, by the portal's one matching rule
(core.text_search: substrings, accents and case folded, every script). A kind that has a list
page searches the fields of that list's `q` filter, so that its "all results" link lists the
same records. Each kind shows at most RESULTS_PER_GROUP hits and, when there are more, links to
its list filtered by the same words: the page stays small whatever the number of records.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text_search import every_word_in
from events.filters import EventFilter
from events.models import Event
from network import queries as network_queries
from network.filters import MemberFilter, ProjectFilter
from network.models import Network, Organisation, Project
from portal.filters import StoryFilter
from portal.models import Story
from publications.filters import PublicationFilter
from publications.models import Publication

RESULTS_PER_GROUP = 10


def q_fields(filterset) -> tuple[str, ...]:
    """The fields a list's `q` filter searches (core.filters.TextSearchFilter)."""
    return filterset.base_filters["q"].search_fields


@dataclass(frozen=True)
class SearchKind:
    label: str
    queryset: callable
    fields: tuple[str, ...]
    describe: callable
    url: callable = lambda obj: obj.get_absolute_url()
    # The list page that searches the same fields (its `q`), if there is one.
    list_url: str = ""


KINDS: list[SearchKind] = [
    SearchKind(
        _("Organisations"),
        lambda: Organisation.objects.published().order_by("name"),
        q_fields(MemberFilter),
        lambda o: " · ".join(
            filter(None, [o.get_kind_display(), o.country.name if o.country else ""])
        ),
        list_url="network:member-list",
    ),
    SearchKind(
        _("Events"),
        lambda: Event.objects.published().order_by("-start", "title"),
        q_fields(EventFilter),
        lambda e: " · ".join(filter(None, [e.when if e.start else "", e.get_kind_display()])),
        list_url="events:event-list",
    ),
    SearchKind(
        _("Publications"),
        lambda: Publication.objects.published().order_by("title"),
        q_fields(PublicationFilter),
        lambda p: p.get_kind_display(),
        list_url="publications:publication-list",
    ),
    SearchKind(
        _("Projects"),
        lambda: (
            Project.objects.published()
            .filter(network__in=Network.objects.published())
            .select_related("network")
            .order_by("title")
        ),
        q_fields(ProjectFilter),
        lambda p: " · ".join(filter(None, [p.network.name, p.when])),
        list_url="network:project-list",
    ),
    SearchKind(
        _("Stories"),
        lambda: Story.objects.published().order_by("-date"),
        q_fields(StoryFilter),
        lambda s: s.when,
        list_url="portal:story-list",
    ),
    SearchKind(
        _("People"),
        lambda: network_queries.published_people(),
        ("name", "native_name", "title"),
        lambda p: p.title,
        # People have no page of their own: link to the organisation they belong to, if any.
        url=lambda p: p.organisation.get_absolute_url() if p.organisation else "",
    ),
]


def search(query: str) -> list[dict]:
    if not query.split():
        return []
    groups = []
    for kind in KINDS:
        hits = list(every_word_in(kind.queryset(), kind.fields, query)[: RESULTS_PER_GROUP + 1])
        if hits:
            groups.append(
                {
                    "label": kind.label,
                    "results": [
                        {"title": str(hit), "url": kind.url(hit), "meta": kind.describe(hit)}
                        for hit in hits[:RESULTS_PER_GROUP]
                    ],
                    "more": len(hits) > RESULTS_PER_GROUP,
                    "more_url": (
                        f"{reverse(kind.list_url)}?{urlencode({'q': query})}"
                        if kind.list_url
                        else ""
                    ),
                }
            )
    return groups

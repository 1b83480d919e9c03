"""One search across the portal's published records, grouped by kind of record.

Plain case-insensitive matching of every word on each kind's name fields, which works for
every script (CJK names have no word boundaries a full-text index would need). Each kind gives
at most RESULTS_PER_GROUP hits and says when there are more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.text_search import every_word_in
from events.models import Event
from events.queries import EVENT_SEARCH_FIELDS
from network import queries as network_queries
from network.models import Network, Organisation, Project
from portal.models import Story
from publications.models import Publication

RESULTS_PER_GROUP = 20


@dataclass(frozen=True)
class SearchKind:
    label: str
    queryset: callable
    fields: tuple[str, ...]
    describe: callable
    url: callable = lambda obj: obj.get_absolute_url()


KINDS: list[SearchKind] = [
    SearchKind(
        _("Organisations"),
        lambda: Organisation.objects.published().order_by("name"),
        ("name", "short_name", "native_name"),
        lambda o: " · ".join(
            filter(None, [o.get_kind_display(), o.country.name if o.country else ""])
        ),
    ),
    SearchKind(
        _("Events"),
        lambda: Event.objects.published().order_by("-start", "title"),
        EVENT_SEARCH_FIELDS,
        lambda e: " · ".join(filter(None, [e.when if e.start else "", e.get_kind_display()])),
    ),
    SearchKind(
        _("Publications"),
        lambda: Publication.objects.published().order_by("title"),
        ("title", "summary", "editions__title"),
        lambda p: p.get_kind_display(),
    ),
    SearchKind(
        _("Projects"),
        lambda: (
            Project.objects.published()
            .filter(network__in=Network.objects.published())
            .select_related("network")
            .order_by("title")
        ),
        ("title", "acronym", "description"),
        lambda p: " · ".join(filter(None, [p.network.name, p.when])),
    ),
    SearchKind(
        _("Stories"),
        lambda: Story.objects.published().order_by("-date"),
        ("title", "summary", "body"),
        lambda s: s.date.isoformat(),
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
                }
            )
    return groups

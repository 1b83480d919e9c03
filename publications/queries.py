"""Read-side queries of the publications app, named after what they return.

Pages, feeds, the organisation and project pages, the API and the annual-report builder call
these, so they all show the same published() publications with the same joins. Every function
starts from `Publication.objects.published()`.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from core.publishing import published_joined, published_q
from core.time_scope import in_year_q
from network.models import SDG, Network, Organisation, OrganisationKind, Project, Theme
from network.queries import project_and_organisation_lists
from publications.models import Edition, Publication, PublicationPerson, Series


def public_editions():
    """Editions, each with its publisher and translator if published (else None), joined in
    the editions' query."""
    return published_joined(Edition.objects.all(), "publisher", "translated_by")


EDITION_ORDER = ("is_summary", "order", "language")


def _editions():
    return public_editions().order_by(*EDITION_ORDER)


def _card_editions():
    """The editions a card and a feed entry show (their languages): no offices joined."""
    return Edition.objects.order_by(*EDITION_ORDER)


# Newest first: the latest dated edition (stored by the write service; an index in this order
# serves the library's pages), then the most recently published.
LIBRARY_ORDER = (F("latest_edition_date").desc(nulls_last=True), "-publish_at", "-pk")


def published_publications() -> QuerySet[Publication]:
    """Published publications with what a card shows: series, networks, editions; newest first.

    "Newest" is the latest dated edition (a new translation brings a publication forward);
    undated publications follow, most recently added first.
    """
    return with_card_joins(Publication.objects.published())


def listed_publications() -> QuerySet[Publication]:
    """published_publications() with only what a card (publications.cards) shows of each: its
    columns, its series' name, its networks' names and its editions' languages, not every
    column of each (the library's page made 24 publications, their series, networks and
    editions of 30 to 40 columns each)."""
    networks = Network.objects.published().order_by("order", "name").only("name")
    # The date and its precision: the card shows the latest edition's date as known.
    editions = _card_editions().only(
        "publication", "language", "is_summary", "date", "date_precision"
    )
    return (
        Publication.objects.published()
        .select_related("series")
        .only(
            "slug",
            "title",
            "kind",
            "issue",
            "cover_card",
            "latest_edition_date",
            "series",
            "series__name",
        )
        .prefetch_related(
            Prefetch("networks", queryset=networks, to_attr="network_list"),
            Prefetch("editions", queryset=editions, to_attr="edition_list"),
        )
        .order_by(*LIBRARY_ORDER)
    )


def _networks():
    return Prefetch(
        "networks",
        queryset=Network.objects.published().order_by("order", "name"),
        to_attr="network_list",
    )


def with_card_joins(queryset: QuerySet[Publication]) -> QuerySet[Publication]:
    """The joins and order of a publication card, on any base queryset (staff preview too)."""
    return (
        queryset.select_related("series")
        .prefetch_related(
            _networks(), Prefetch("editions", queryset=_card_editions(), to_attr="edition_list")
        )
        .order_by(*LIBRARY_ORDER)
    )


def with_detail_joins(queryset: QuerySet[Publication]) -> QuerySet[Publication]:
    """`queryset` (with_card_joins()) plus what the publication page and the API show: the
    editions with their offices (published ones; the card's editions have none joined), credits,
    projects, organisations, themes (`theme_list`) and SDGs (`sdg_list`)."""
    # Tested on the joined person (published_q), not with `IN (subquery)`: with that, SQLite
    # probed every published person for each publication of the page (19 ms at 2,000 people).
    credits = PublicationPerson.objects.filter(published_q("person__"))
    return queryset.prefetch_related(None).prefetch_related(
        _networks(),
        Prefetch("editions", queryset=_editions(), to_attr="edition_list"),
        Prefetch("credits", queryset=credits.select_related("person"), to_attr="credit_list"),
        *project_and_organisation_lists(),
        # Lists (to_attr), not the relations' caches: those build a manager and a queryset per
        # publication (200 of each for an API page of 100).
        Prefetch("themes", queryset=Theme.objects.all(), to_attr="theme_list"),
        Prefetch("sdgs", queryset=SDG.objects.all(), to_attr="sdg_list"),
    )


def split_cities(organisations) -> tuple[list, list]:
    """(local governments, other bodies) of a list of organisations, order kept."""
    local = set(OrganisationKind.local_governments())
    cities = [o for o in organisations if o.kind in local]
    return cities, [o for o in organisations if o.kind not in local]


def _linked(relation: str, **lookup):
    """Publication ids linked through a many-to-many `relation`: filtering by a subquery keeps
    one row per publication (no DISTINCT next to the MAX() of the ordering)."""
    through = Publication._meta.get_field(relation).remote_field.through
    return through.objects.filter(**lookup).values("publication_id")


def publications_of_network(network: Network) -> QuerySet[Publication]:
    return published_publications().filter(pk__in=_linked("networks", network=network))


def publications_of_year(network: Network, year: int) -> QuerySet[Publication]:
    """The network's published publications with an edition dated in `year` (a translation
    made that year counts: the 2020 report lists 2020 translations of 2019 originals), and
    those the reports of `year` list without a date (core.time_scope: an undated newsletter
    CityNet's 2022 report prints)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    dated = Edition.objects.filter(date__range=(first, last)).values("publication_id")
    return publications_of_network(network).filter(Q(pk__in=dated) | in_year_q(year))


def translations_of_year(network: Network, year: int) -> QuerySet[Edition]:
    """Editions translated in `year` of the network's published publications, with offices."""
    return (
        public_editions()
        .filter(
            publication__in=Publication.objects.published().filter(networks=network),
            translated_by__in=Organisation.objects.published(),
            date__year=year,
        )
        .select_related("publication")
        .order_by("date", "publication__title")
    )


def publications_for_organisation(organisation: Organisation) -> QuerySet[Publication]:
    """Published publications about an organisation, or that it published or translated."""
    editions = Edition.objects.filter(
        Q(publisher=organisation) | Q(translated_by=organisation)
    ).values("publication_id")
    return published_publications().filter(
        Q(pk__in=_linked("organisations", organisation=organisation)) | Q(pk__in=editions)
    )


def publications_for_project(project: Project) -> QuerySet[Publication]:
    return published_publications().filter(pk__in=_linked("projects", project=project))


def recently_published() -> QuerySet[Publication]:
    """published_publications(), most recently published first: what the Atom feed announces,
    with only what its entries show (publications.views.PublicationFeed): their columns, the
    networks' names and the editions' languages."""
    networks = Network.objects.published().order_by("order", "name").only("name")
    editions = _card_editions().only("publication", "language", "is_summary")
    return (
        Publication.objects.published()
        .only("slug", "title", "kind", "summary", "publish_at", "updated_at")
        .prefetch_related(
            Prefetch("networks", queryset=networks, to_attr="network_list"),
            Prefetch("editions", queryset=editions, to_attr="edition_list"),
        )
        .order_by("-publish_at", "-pk")
    )


def edition_languages() -> list[str]:
    """The languages of the editions of published publications, in code order (the library's
    language filter).

    Not a DISTINCT over every edition (it grows with the table): the query walks the edition
    index on language, one language at a time ("loose index scan"), each step the first
    edition of a published publication in a language after the previous one, so it reads
    about one index entry per language in use (more only where a language's first editions are
    drafts'). The published condition is published_q()'s, compiled by the ORM.
    """

    def step(after):
        editions = Edition.objects.filter(published_q("publication__"), language__gt=after)
        return editions.order_by("language").values("language")[:1].query.sql_with_params()

    first, first_params = step("")
    following, following_params = step(RawSQL("used.language", ()))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE used(language) AS (SELECT ({first}) "
            f"UNION ALL SELECT ({following}) FROM used WHERE used.language IS NOT NULL) "
            "SELECT language FROM used WHERE language IS NOT NULL",
            (*first_params, *following_params),
        )
        return [language for (language,) in cursor.fetchall()]


def published_series() -> QuerySet[Series]:
    """Series with at least one published publication, by name (the library's series filter):
    one indexed look-up per series, not a DISTINCT over every publication."""
    publications = Publication.objects.published().filter(series=OuterRef("pk"))
    return Series.objects.filter(Exists(publications)).order_by("name")

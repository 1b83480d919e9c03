"""The one FilterSet of events: the list page, the iCal feed and the API list (JSON and CSV)."""

import functools

import django_filters
from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.filters import (
    OrderingFilter,
    PublishableFilterSet,
    TextSearchFilter,
    YearFilter,
)
from events.models import (
    Event,
    EventFormat,
    EventKind,
    EventNetwork,
    EventOrganisation,
    EventPlace,
    ReportGroup,
    ShownStatus,
)
from events.queries import EVENT_SEARCH_FIELDS
from network.filters import NetworkChoiceFilter, ThemeChoiceFilter, published_organisation
from network.models import Network


def place_country_choices():
    """Countries that published events took place in, named in the visitor's language (in
    countries_in()'s order)."""
    used = set(place_countries())
    return [(code, name) for code, name in countries if code in used]


def place_countries() -> list[str]:
    """The codes of the countries published events took place in, in one query that reads an
    index entry per country, not per place: the distinct countries of the places' index found
    by jumping from each to the next (a recursive query: 30 countries, 40,000 places), each
    kept if a place in it belongs to a published event (a probe that stops at the first)."""
    published = Event.objects.published().filter(pk=OuterRef("event_id"))
    held = (
        EventPlace.objects.filter(Exists(published), country=RawSQL("found.code", ()))
        .order_by()
        .values("pk")[:1]
    )
    connection = connections[held.db]
    held_sql, params = held.query.get_compiler(connection=connection).as_sql()
    table, column = (
        connection.ops.quote_name(name)
        for name in (EventPlace._meta.db_table, EventPlace._meta.get_field("country").column)
    )
    sql = (
        f"WITH RECURSIVE found(code) AS ("
        f"SELECT MIN({column}) FROM {table} WHERE {column} > '' "
        f"UNION ALL SELECT (SELECT MIN(later.{column}) FROM {table} later "
        f"WHERE later.{column} > found.code) FROM found WHERE found.code IS NOT NULL) "
        f"SELECT code FROM found WHERE code IS NOT NULL AND ({held_sql}) IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [code for (code,) in cursor.fetchall()]


def report_group_choices():
    """The published networks' report groups as (slug, name): one choice per slug, so that
    "trainings" picks every network's group of that name."""
    groups = ReportGroup.objects.filter(network__in=Network.objects.published())
    seen, choices = set(), []
    for slug, name in groups.order_by("network__order", "order").values_list("slug", "name"):
        if slug not in seen:
            seen.add(slug)
            choices.append((slug, name))
    return choices


class EventFilter(PublishableFilterSet):
    network = NetworkChoiceFilter(method="filter_network", empty_label=_("All networks"))
    year = YearFilter(label=_("Year"), method="filter_year")
    group = django_filters.ChoiceFilter(
        label=_("Report group"),
        method="filter_group",
        choices=report_group_choices,
        empty_label=_("All groups"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds")
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=EventFormat.choices, empty_label=_("Any format")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        method="filter_country",
        choices=place_country_choices,
        empty_label=_("All countries"),
    )
    # The status as the pages show it (events.models.shown_status): "planned" finds no event
    # whose day has passed; "date-passed" finds those.
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ShownStatus.choices,
        empty_label=_("Any status"),
        method="filter_status",
    )
    theme = ThemeChoiceFilter(method="filter_theme")
    q = TextSearchFilter(fields=EVENT_SEARCH_FIELDS)
    organisation = django_filters.CharFilter(
        method="filter_organisation", label=_("Organisation (the name in its address)")
    )
    start_after = django_filters.DateFilter(
        field_name="start", lookup_expr="gte", label=_("Starting on or after")
    )
    start_before = django_filters.DateFilter(
        field_name="start", lookup_expr="lte", label=_("Starting on or before")
    )
    # The page keeps its own order (upcoming, then past, then undated).
    ordering = OrderingFilter(
        label=_("Sort by"),
        fields=(("start", "start"), ("updated_at", "updated_at"), ("title", "title")),
    )

    api_only = ("start_after", "start_before", "updated_since", "ordering")

    class Meta:
        model = Event
        fields = [
            "network",
            "year",
            "group",
            "kind",
            "format",
            "country",
            "status",
            "theme",
            "q",
            "organisation",
            "start_after",
            "start_before",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A page checks the value and draws the options: the choices read once for both (this
        # FilterSet's own copy of the filter), not a query each.
        self.filters["country"].extra["choices"] = functools.cache(place_country_choices)

    def filter_status(self, queryset, name, value: str):
        return queryset.with_shown_status(value)

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)

    def filter_organisation(self, queryset, name, value: str):
        """Events a published organisation hosted, was a place of or (co-)organised: the "All
        events" link of its page (events.queries.events_held_at and events_organised_by)."""
        organisation = published_organisation(value)
        held = EventPlace.objects.filter(organisation__in=organisation).values("event_id")
        roles = EventOrganisation.objects.filter(organisation__in=organisation)
        return queryset.filter(
            Q(host__in=organisation) | Q(pk__in=held) | Q(pk__in=roles.values("event_id"))
        )

    # Each many-valued filter narrows by a subquery of ids, so an event appears once however
    # many of its places, themes or networks match: no DISTINCT over the whole list (nor its
    # count), which kept every page and API list from reading its rows from an index. The type
    # hints tell the OpenAPI schema what the parameters are.
    def filter_network(self, queryset, name, value: str):
        through = Event.networks.through
        return queryset.filter(pk__in=through.objects.filter(network=value).values("event_id"))

    def filter_group(self, queryset, name, value: str):
        """Events in a report group of this slug: of the network filtered by, if one is."""
        links = EventNetwork.objects.filter(report_group__slug=value)
        network = self.form.cleaned_data.get("network")
        if network is not None:
            links = links.filter(network=network)
        return queryset.filter(pk__in=links.values("event_id"))

    def filter_country(self, queryset, name, value: str):
        return queryset.filter(pk__in=EventPlace.objects.filter(country=value).values("event_id"))

    def filter_theme(self, queryset, name, value: str):
        through = Event.themes.through
        return queryset.filter(pk__in=through.objects.filter(theme__slug=value).values("event_id"))

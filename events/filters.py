"""The one FilterSet of events: the list page, the iCal feed and (later) the API list use it."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.filters import UpdatedSinceFilter
from core.text_search import every_word_in
from events.models import Event, EventFormat, EventKind, EventPlace, EventStatus, ReportGroup
from network.filters import published_networks
from network.models import Network, Theme


def place_country_choices():
    """Countries that published events took place in, named in the visitor's language."""
    used = set(
        EventPlace.objects.filter(event__in=Event.objects.published())
        .exclude(country="")
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )
    return [(code, name) for code, name in countries if code in used]


def theme_choices():
    return list(
        Theme.objects.filter(network__in=Network.objects.published())
        .order_by("network__order", "order")
        .values_list("slug", "name")
        .distinct()
    )


class EventFilter(django_filters.FilterSet):
    network = django_filters.ModelChoiceFilter(
        label=_("Network"),
        field_name="networks",
        to_field_name="slug",
        queryset=published_networks,
        empty_label=_("All networks"),
    )
    year = django_filters.NumberFilter(
        label=_("Year"), method="filter_year", min_value=1900, max_value=2100
    )
    group = django_filters.ChoiceFilter(
        label=_("Report group"),
        field_name="report_group",
        choices=ReportGroup.choices,
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
        field_name="places__country",
        choices=place_country_choices,
        empty_label=_("All countries"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EventStatus.choices, empty_label=_("Any status")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        field_name="themes__slug",
        choices=theme_choices,
        empty_label=_("All themes"),
    )
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)
    # For the API's incremental sync; not shown on the page's form.
    start_after = django_filters.DateFilter(
        field_name="start", lookup_expr="gte", label=_("Starting on or after")
    )
    start_before = django_filters.DateFilter(
        field_name="start", lookup_expr="lte", label=_("Starting on or before")
    )
    updated_since = UpdatedSinceFilter(label=_("Updated since"))

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
            "start_after",
            "start_before",
            "updated_since",
        ]

    def __init__(self, *args, page_form=False, **kwargs):
        self.page_form = page_form
        super().__init__(*args, **kwargs)

    @property
    def form(self):
        form = super().form
        if self.page_form:
            # The page offers the visitor's filters; the sync parameters are for the API.
            for name in ("start_after", "start_before", "updated_since"):
                form.fields.pop(name, None)
        return form

    def filter_year(self, queryset, name, value):
        return queryset.in_year(int(value))

    def filter_search(self, queryset, name, value):
        return every_word_in(queryset, ("title", "description", "series__name"), value)

    def filter_queryset(self, queryset):
        # Several matching places, themes or networks would otherwise repeat an event.
        return super().filter_queryset(queryset).distinct()

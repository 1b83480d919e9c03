"""FilterSets shared by the public pages and the API lists of the same records."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.filters import YearFilter, year_schema
from core.ordering import ordered
from core.text_search import every_word_in
from network.models import (
    Membership,
    MembershipType,
    Network,
    Organisation,
    OrganisationKind,
    Project,
    ProjectStatus,
    Region,
    Theme,
)


def published_networks(request):
    """Evaluated per request: published() compares with the current time, so it must not be
    frozen when the module is imported (a network published later would be refused)."""
    return Network.objects.published()


def region_choices():
    """Region slugs in use, labelled with their network so equal names stay distinguishable."""
    regions = Region.objects.filter(network__in=Network.objects.published()).select_related(
        "network"
    )
    seen, choices = set(), []
    for region in regions.order_by("network__order", "order", "name"):
        if region.slug not in seen:
            seen.add(region.slug)
            choices.append((region.slug, f"{region.name} ({region.network.name})"))
    return choices


def member_country_choices():
    used = set(
        Organisation.objects.published()
        .exclude(country="")
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )
    return [(code, name) for code, name in countries if code in used]


class MemberFilter(django_filters.FilterSet):
    """The member directory: organisations with a current membership matching every filter.

    network, membership_type and region must all hold for the *same* membership, so "associate
    members of CityNet in South & Southwest Asia" never mixes one network's type with another's
    region.
    """

    network = django_filters.ModelChoiceFilter(
        label=_("Network"),
        to_field_name="slug",
        queryset=published_networks,
        method="filter_nothing",
        empty_label=_("All networks"),
    )
    membership_type = django_filters.ChoiceFilter(
        label=_("Membership type"),
        choices=MembershipType.choices,
        method="filter_nothing",
        empty_label=_("All types"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        choices=region_choices,
        method="filter_nothing",
        empty_label=_("All regions"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=member_country_choices,
        empty_label=_("All countries"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=OrganisationKind.choices,
        empty_label=_("All kinds"),
    )
    joined_year = YearFilter(label=_("Joined in (year)"), method="filter_joined_year")
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("country", "country")),
        field_labels={"name": _("Name"), "country": _("Country")},
        empty_label=_("Name (default)"),
    )

    class Meta:
        model = Organisation
        fields = ["network", "membership_type", "region", "country", "kind", "joined_year", "q"]

    def filter_nothing(self, queryset, name, value: str):
        return queryset  # applied together in filter_queryset()

    @year_schema
    def filter_joined_year(self, queryset, name, value):
        return queryset  # applied together in filter_queryset()

    def filter_search(self, queryset, name, value):
        return every_word_in(queryset, ("name", "short_name", "native_name"), value)

    def matching_memberships(self):
        data = self.form.cleaned_data
        memberships = Membership.objects.public().current()
        if data.get("network"):
            memberships = memberships.filter(network=data["network"])
        if data.get("membership_type"):
            memberships = memberships.filter(type=data["membership_type"])
        if data.get("region"):
            memberships = memberships.filter(region__slug=data["region"])
        if data.get("joined_year"):
            memberships = memberships.filter(joined__year=int(data["joined_year"]))
        return memberships

    def filter_queryset(self, queryset):
        queryset = queryset.filter(pk__in=self.matching_memberships().values("organisation_id"))
        return ordered(self, super().filter_queryset(queryset), "name")


class ProjectFilter(django_filters.FilterSet):
    network = django_filters.ModelChoiceFilter(
        label=_("Network"),
        to_field_name="slug",
        queryset=published_networks,
        empty_label=_("All networks"),
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        field_name="themes__slug",
        empty_label=_("All themes"),
        choices=lambda: list(
            Theme.objects.filter(network__in=Network.objects.published())
            .order_by("network__order", "order")
            .values_list("slug", "name")
            .distinct()
        ),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ProjectStatus.choices,
        empty_label=_("Any status"),
    )
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)

    class Meta:
        model = Project
        fields = ["network", "theme", "status", "q"]

    def filter_search(self, queryset, name, value):
        return every_word_in(queryset, ("title", "acronym", "description"), value)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct().order_by("title")

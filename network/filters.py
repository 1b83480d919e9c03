"""The network app's FilterSets: one per list, used by its page and its API list alike."""

import django_filters
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.filters import (
    ListFilterSet,
    OrderingFilter,
    PublishableFilterSet,
    TextSearchFilter,
    YearFilter,
    countries_in,
)
from network import queries
from network.models import (
    CityPairing,
    MembershipType,
    Network,
    Organisation,
    OrganisationKind,
    Person,
    Project,
    ProjectParticipant,
    ProjectStatus,
    Region,
    Term,
    Theme,
)


def published_networks(request):
    """Evaluated per request: published() compares with the current time, so it must not be
    frozen when the module is imported (a network published later would be refused)."""
    return Network.objects.published()


class NetworkChoiceFilter(django_filters.ModelChoiceFilter):
    """`network`: one of the published networks, by its slug."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Network"))
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("queryset", published_networks)
        super().__init__(**kwargs)


def theme_choices():
    """Themes of published networks as (slug, name), for every list that filters by theme."""
    return list(
        Theme.objects.filter(network__in=Network.objects.published())
        .order_by("network__order", "order")
        .values_list("slug", "name")
        .distinct()
    )


class ThemeChoiceFilter(django_filters.ChoiceFilter):
    """`theme`: one of the published networks' themes, by its slug."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Theme"))
        kwargs.setdefault("choices", theme_choices)
        kwargs.setdefault("empty_label", _("All themes"))
        super().__init__(**kwargs)


def region_choices():
    """Region slugs in use, labelled with their network so equal names stay distinguishable."""
    regions = Region.objects.filter(network__in=Network.objects.published())
    seen, choices = set(), []
    for slug, name, network_name in regions.order_by("network__order", "order", "name").values_list(
        "slug", "name", "network__name"
    ):
        if slug not in seen:
            seen.add(slug)
            choices.append((slug, f"{name} ({network_name})"))
    return choices


def member_country_choices():
    return countries_in(Organisation.objects.published())


class MemberFilter(PublishableFilterSet):
    """The member directory: organisations with a current membership matching every filter.

    network, membership_type and region must all hold for the *same* membership, so "associate
    members of CityNet in South & Southwest Asia" never mixes one network's type with another's
    region.
    """

    network = NetworkChoiceFilter(method="filter_nothing", empty_label=_("All networks"))
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
    joined_year = YearFilter(label=_("Joined in (year)"), method="filter_nothing")
    q = TextSearchFilter(fields=("name", "short_name", "native_name"))
    ordering = OrderingFilter(
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

    def matching_memberships(self):
        data = self.form.cleaned_data
        memberships = queries.current_memberships()
        if data.get("network"):
            memberships = memberships.filter(network=data["network"])
        if data.get("membership_type"):
            memberships = memberships.filter(type=data["membership_type"])
        if data.get("region"):
            memberships = memberships.filter(region__slug=data["region"])
        if data.get("joined_year"):
            memberships = memberships.filter(joined__year=data["joined_year"])
        return memberships

    # Filters on the organisation itself; without them, every matching membership is of a
    # listed organisation (matching_memberships() holds published organisations only).
    organisation_filters = ("country", "kind", "q")

    def counted_memberships(self):
        """The matching memberships of the listed organisations: the page's counts by type."""
        memberships = self.matching_memberships()
        if any(self.form.cleaned_data.get(name) for name in self.organisation_filters):
            memberships = memberships.filter(organisation__in=self.qs)
        return memberships

    def member_count(self) -> int:
        """How many organisations the directory lists (self.qs.count()). Without filters on
        the organisation itself, counted from the matching memberships alone (they hold
        published organisations only), which one index answers."""
        if any(self.form.cleaned_data.get(name) for name in self.organisation_filters):
            return self.qs.count()
        memberships = self.matching_memberships().order_by()
        # A GROUP BY, which SQLite runs faster than the DISTINCT of the same column.
        return memberships.values("organisation_id").annotate(n=Count("id")).count()

    def filter_queryset(self, queryset):
        # Probed per organisation (EXISTS), in the page's order: a page of 30 reads about 30
        # organisations' memberships, not every matching membership first.
        matching = self.matching_memberships().filter(organisation=OuterRef("pk"))
        queryset = queryset.filter(Exists(matching))
        return super().filter_queryset(queryset)


def published_organisation(slug: str):
    """The published organisation named `slug` in its address, as a subquery of its id (none
    for a draft: a filter by a draft's slug answers as for an unknown one)."""
    return Organisation.objects.published().filter(slug=slug).values("pk")


def projects_of_organisation(slug: str):
    return ProjectParticipant.objects.filter(organisation__in=published_organisation(slug)).values(
        "project_id"
    )


class ProjectFilter(PublishableFilterSet):
    network = NetworkChoiceFilter(empty_label=_("All networks"))
    theme = ThemeChoiceFilter(field_name="themes__slug")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ProjectStatus.choices,
        empty_label=_("Any status"),
    )
    q = TextSearchFilter(fields=("title", "acronym", "description"))
    organisation = django_filters.CharFilter(
        method="filter_organisation", label=_("Organisation (the name in its address)")
    )

    class Meta:
        model = Project
        fields = ["network", "theme", "status", "q", "organisation"]

    def filter_organisation(self, queryset, name, value: str):
        """Projects a published organisation takes part in: its page's "All projects" link."""
        return queryset.filter(pk__in=projects_of_organisation(value))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # Through its themes a project matches once per theme: only then made distinct (a
        # SELECT DISTINCT of every project row costs each unfiltered page a sort).
        return queryset.distinct() if self.form.cleaned_data.get("theme") else queryset


class GovernanceFilter(ListFilterSet):
    """Governance terms: the API's list (`?network=`) and a network's governance page, whose
    network is in its address."""

    network = NetworkChoiceFilter(field_name="body__network")
    year = YearFilter(method="filter_year", label=_("In force in year"))

    class Meta:
        model = Term
        fields = ["network", "year"]

    def filter_year(self, queryset, name, value):
        return queryset.in_force_during(value)


class PersonFilter(PublishableFilterSet):
    q = TextSearchFilter(fields=("name",), label=_("Name contains"))
    organisation = django_filters.CharFilter(
        field_name="organisation__slug", label=_("Organisation slug")
    )

    class Meta:
        model = Person
        fields = ["q", "organisation"]


class PairingFilter(PublishableFilterSet):
    network = NetworkChoiceFilter(field_name="programme__network")
    programme = django_filters.CharFilter(
        field_name="programme__slug", label=_("Programme (project slug)")
    )
    organisation = django_filters.CharFilter(
        method="filter_organisation", label=_("Organisation slug")
    )

    class Meta:
        model = CityPairing
        fields = ["network", "programme", "organisation"]

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(Q(first__slug=value) | Q(second__slug=value))


class ThemeFilter(ListFilterSet):
    network = NetworkChoiceFilter()

    class Meta:
        model = Theme
        fields = ["network"]

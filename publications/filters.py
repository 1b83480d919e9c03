"""The publication library's one FilterSet: the page, the Atom feed and the API list (JSON, CSV)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import PublishableFilterSet, TextSearchFilter, YearFilter
from network.filters import NetworkChoiceFilter, ThemeChoiceFilter, published_organisation
from network.models import Project
from publications import queries
from publications.languages import UNDETERMINED, language_label, primary_subtag
from publications.models import Edition, Publication, PublicationKind


def language_filter_choices():
    """Languages of published editions, plus each one's base language ("zh" covers zh-hans and
    zh-hant), computed per request."""
    used = set(queries.edition_languages())
    used.discard(UNDETERMINED)
    codes = used | {primary_subtag(code) for code in used}
    return sorted(
        ((code, language_label(code)) for code in codes), key=lambda c: str(c[1]).casefold()
    )


def published_series(request):
    return queries.published_series()


class PublicationFilter(PublishableFilterSet):
    network = NetworkChoiceFilter(method="filter_network", empty_label=_("All networks"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=PublicationKind.choices, empty_label=_("All kinds")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=language_filter_choices,
        method="filter_language",
        empty_label=_("All languages"),
    )
    year = YearFilter(label=_("Year of an edition"), method="filter_year")
    theme = ThemeChoiceFilter(method="filter_theme")
    series = django_filters.ModelChoiceFilter(
        label=_("Series"),
        to_field_name="slug",
        queryset=published_series,
        empty_label=_("All series"),
    )
    q = TextSearchFilter(fields=("title", "summary", "series__name", "editions__title"))
    organisation = django_filters.CharFilter(
        method="filter_organisation", label=_("Organisation (the name in its address)")
    )
    project = django_filters.CharFilter(
        method="filter_project", label=_("Project (the name in its address)")
    )

    class Meta:
        model = Publication
        fields = [
            "network",
            "kind",
            "language",
            "year",
            "theme",
            "series",
            "q",
            "organisation",
            "project",
        ]

    # Each many-valued filter narrows by a subquery of ids, so a publication appears once
    # however many editions, networks or themes match. The type hints tell the OpenAPI schema
    # what the parameters are (slugs and BCP 47 codes).
    def filter_network(self, queryset, name, value: str):
        through = Publication.networks.through
        return queryset.filter(
            pk__in=through.objects.filter(network=value).values("publication_id")
        )

    def filter_language(self, queryset, name, value: str):
        editions = Edition.objects.filter(Q(language=value) | Q(language__startswith=f"{value}-"))
        return queryset.filter(pk__in=editions.values("publication_id"))

    def filter_year(self, queryset, name, value):
        editions = Edition.objects.filter(date__year=value)
        return queryset.filter(pk__in=editions.values("publication_id"))

    def filter_theme(self, queryset, name, value: str):
        through = Publication.themes.through
        return queryset.filter(
            pk__in=through.objects.filter(theme__slug=value).values("publication_id")
        )

    # The "All publications" links of organisation and project pages (the publications of
    # publications.queries.publications_for_organisation and publications_for_project).
    def filter_organisation(self, queryset, name, value: str):
        organisation = published_organisation(value)
        about = Publication.organisations.through.objects.filter(organisation__in=organisation)
        editions = Edition.objects.filter(
            Q(publisher__in=organisation) | Q(translated_by__in=organisation)
        )
        return queryset.filter(
            Q(pk__in=about.values("publication_id")) | Q(pk__in=editions.values("publication_id"))
        )

    def filter_project(self, queryset, name, value: str):
        projects = Project.objects.published().filter(slug=value)
        through = Publication.projects.through
        return queryset.filter(
            pk__in=through.objects.filter(project__in=projects).values("publication_id")
        )

"""The stories' one FilterSet: the stories page, its feed and the API list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import PublishableFilterSet, TextSearchFilter, YearFilter
from network.filters import published_networks
from portal.models import Story


class StoryFilter(PublishableFilterSet):
    network = django_filters.ModelChoiceFilter(
        label=_("Network"),
        to_field_name="slug",
        queryset=published_networks,
        empty_label=_("All networks"),
    )
    year = YearFilter(label=_("Year"), field_name="date", lookup_expr="year")
    q = TextSearchFilter(fields=("title", "summary", "body"))

    class Meta:
        model = Story
        fields = ["network", "year", "q"]

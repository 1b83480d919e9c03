"""The stories' one FilterSet: the stories page, its feed and the API list."""

from django.utils.translation import gettext_lazy as _

from core.filters import PublishableFilterSet, TextSearchFilter, YearFilter
from network.filters import NetworkChoiceFilter
from portal.models import Story


class StoryFilter(PublishableFilterSet):
    network = NetworkChoiceFilter(empty_label=_("All networks"))
    year = YearFilter(label=_("Year"), field_name="date", lookup_expr="year")
    q = TextSearchFilter(fields=("title", "summary", "body"))

    class Meta:
        model = Story
        fields = ["network", "year", "q"]

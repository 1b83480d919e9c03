"""API v1 for events: published events to read (JSON or CSV), and writes for staff with a token.

Reads use the events page's FilterSet (with its API-only `start_after`, `start_before`,
`updated_since` and `ordering`) and the joins of events.queries, so the number of queries does not
grow with the rows. Writes go through events.services.event_save, as the admin's and a
spreadsheet's do: the same rules and messages. The serializers are in `read` and `write`.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from core.api import (
    PUBLIC,
    AnonymousReadThrottle,
    CSVExportMixin,
    FormatFilterNegotiation,
    OutputFormatFilterBackend,
    RowsListMixin,
    narrowed,
    of,
)
from events import queries
from events.api.read import (
    OWN_COLUMNS,
    EventCSVSerializer,
    EventSerializer,
    event_list_rows,
    event_rows,
)
from events.api.write import EventWriteSerializer
from events.filters import EventFilter
from events.models import Event, EventFormat
from staff.api import StaffWriteMixin

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv", *EventFormat.values],
    description=(
        "json (default) or csv: the output. in-person, online or hybrid: the events' format, as "
        "on the events page."
    ),
)


# The columns the read serializers show (core.api.narrowed).
EVENT_COLUMNS = (
    *OWN_COLUMNS,
    *of("series", "slug", "name"),
    *of("project", "slug", *PUBLIC),
    *of("host", "slug", *PUBLIC),
)


@extend_schema_view(list=extend_schema(parameters=[FORMAT_PARAMETER]))
class EventViewSet(StaffWriteMixin, RowsListMixin, CSVExportMixin, viewsets.ModelViewSet):
    """Published events (`?format=csv` for a spreadsheet). Staff with a token may write."""

    model = Event
    queryset = Event.objects.none()
    serializer_class = EventSerializer
    write_serializer_class = EventWriteSerializer
    csv_serializer_class = EventCSVSerializer
    filterset_class = EventFilter
    filter_backends = [OutputFormatFilterBackend]
    throttle_classes = [AnonymousReadThrottle]
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    content_negotiation_class = FormatFilterNegotiation

    def read_queryset(self, base):
        return narrowed(
            queries.with_report_group_links(
                queries.latest_first(queries.event_detail_queryset(base))
            ),
            EVENT_COLUMNS,
            without=("images",),
            network_list=("slug",),
            place_list=(
                "event",
                "venue",
                "city",
                "country",
                *of("organisation", "slug", "name", *PUBLIC),
            ),
            session_list=("event", "title", "start", "end", "date_precision", "format"),
            role_list=("event", "role", *of("organisation", "slug", "name")),
            speaker_list=("slug",),
            themes=("slug",),
        )

    all_published = True  # read_queryset() filters nothing: Model.objects.published()

    def list_rows(self, queryset):
        return event_list_rows(queryset)

    def rows_data(self, queryset, rows):
        return event_rows(queryset, rows, self.request)


def register(router):
    router.register("events", EventViewSet, basename="event")

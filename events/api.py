"""API v1 for events: published events to read (JSON or CSV), and writes for staff with a token.

Reads use the events page's FilterSet (with its API-only `start_after`, `start_before`,
`updated_since` and `ordering`) and the joins of events.queries, so the number of queries does not
grow with the rows. Writes go through events.services.event_save, as the admin's and a
spreadsheet's do: the same rules and messages.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets

from core.api import (
    AnonymousReadThrottle,
    CSVExportMixin,
    FormatFilterNegotiation,
    OutputFormatFilterBackend,
    as_api_errors,
)
from core.partial_dates import PartialDate, Precision
from events import queries, services
from events.filters import EventFilter
from events.models import Event, EventFormat, EventSeries, OrganiserRole
from network.models import SDG, Network, Organisation, Project
from staff.api import StaffWriteMixin


def public_slug(related) -> str | None:
    """The slug of a related record, or None when it is missing or not published."""
    return related.slug if related is not None and related.is_public else None


# --- Read serializers ---------------------------------------------------------------------------


class EventPlaceSerializer(serializers.Serializer):
    organisation = serializers.SerializerMethodField()
    venue = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField(source="country.code", help_text="ISO 3166 alpha-2, or ''.")
    label = serializers.CharField(help_text="Venue, city and country as one line.")

    def get_organisation(self, place) -> str | None:
        return public_slug(place.organisation)


class EventSessionSerializer(serializers.Serializer):
    title = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    date_precision = serializers.ChoiceField(choices=Precision.choices)
    format = serializers.CharField()


class EventOrganiserSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.slug")
    name = serializers.CharField(source="organisation.name")
    role = serializers.ChoiceField(choices=OrganiserRole.choices)


class AttendanceSerializer(serializers.Serializer):
    in_person = serializers.IntegerField(source="attendance_in_person", allow_null=True)
    online = serializers.IntegerField(source="attendance_online", allow_null=True)
    registered = serializers.IntegerField(source="attendance_registered", allow_null=True)
    countries = serializers.IntegerField(source="attendance_countries", allow_null=True)
    note = serializers.CharField(source="attendance_note")


class EventSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", lookup_field="slug")
    page = serializers.SerializerMethodField(help_text="The event's public page.")
    networks = serializers.SerializerMethodField()
    places = EventPlaceSerializer(source="place_list", many=True, read_only=True)
    series = serializers.SerializerMethodField()
    sessions = EventSessionSerializer(source="session_list", many=True, read_only=True)
    organisers = EventOrganiserSerializer(source="role_list", many=True, read_only=True)
    host = serializers.SerializerMethodField()
    project = serializers.SerializerMethodField()
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sdgs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    speakers = serializers.SerializerMethodField()
    attendance = AttendanceSerializer(source="*", read_only=True)
    links = serializers.ListField(source="link_list", child=serializers.URLField(), read_only=True)
    when = serializers.CharField(read_only=True, help_text="The dates as the pages show them.")
    last_day = serializers.DateField(
        source="ends_on", read_only=True, allow_null=True, help_text="Last day the event covers."
    )

    class Meta:
        model = Event
        fields = [
            "slug",
            "url",
            "page",
            "title",
            "kind",
            "format",
            "is_online",
            "status",
            "status_note",
            "start",
            "end",
            "date_precision",
            "last_day",
            "when",
            "date_note",
            "places",
            "networks",
            "series",
            "edition",
            "sessions",
            "organisers",
            "host",
            "project",
            "themes",
            "sdgs",
            "speakers",
            "attendance",
            "description",
            "outcomes",
            "links",
            "report_group",
            "updated_at",
        ]

    def get_page(self, event) -> str:
        return self.context["request"].build_absolute_uri(event.get_absolute_url())

    def get_networks(self, event) -> list[str]:
        return [network.slug for network in event.network_list]

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
        }
    )
    def get_series(self, event):
        if event.series is None:
            return None
        return {"slug": event.series.slug, "name": event.series.name}

    def get_speakers(self, event) -> list[str]:
        return [person.slug for person in event.speaker_list]

    def get_host(self, event) -> str | None:
        return public_slug(event.host)

    def get_project(self, event) -> str | None:
        return public_slug(event.project)


class EventCSVSerializer(serializers.ModelSerializer):
    """One flat row per event; several values joined by '; '."""

    places = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField()
    networks = serializers.SerializerMethodField()
    series = serializers.CharField(source="series.name", default="")
    host = serializers.SerializerMethodField()
    project = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            "format",
            "status",
            "start",
            "end",
            "date_precision",
            "places",
            "countries",
            "networks",
            "series",
            "edition",
            "host",
            "project",
            "themes",
            "attendance_in_person",
            "attendance_online",
            "attendance_registered",
            "attendance_countries",
            "updated_at",
            "page",
        ]

    def get_places(self, event) -> str:
        return "; ".join(place.label for place in event.place_list)

    def get_countries(self, event) -> str:
        codes = dict.fromkeys(place.country.code for place in event.place_list if place.country)
        return "; ".join(codes)

    def get_networks(self, event) -> str:
        return "; ".join(network.slug for network in event.network_list)

    def get_host(self, event) -> str:
        return public_slug(event.host) or ""

    def get_project(self, event) -> str:
        return public_slug(event.project) or ""

    def get_themes(self, event) -> str:
        return "; ".join(theme.slug for theme in event.themes.all())

    def get_page(self, event) -> str:
        return self.context["request"].build_absolute_uri(event.get_absolute_url())


# --- Write serializers --------------------------------------------------------------------------


class EventPlaceWriteSerializer(serializers.Serializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    venue = serializers.CharField(required=False, allow_blank=True, default="")
    city = serializers.CharField(required=False, allow_blank=True, default="")
    country = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="ISO 3166 alpha-2"
    )


class EventOrganiserWriteSerializer(serializers.Serializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )
    role = serializers.ChoiceField(choices=OrganiserRole.choices)


RELATIONS = ("networks", "themes", "sdgs", "places", "organisers")


class EventWriteSerializer(serializers.ModelSerializer):
    """What staff send to create or change an event. Places and organisers, when given, replace
    the event's own; sessions and images are edited in the admin."""

    start = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="2022-10-03, 2022-10, 2022-Q4 or 2022; empty when no source gives a date.",
    )
    end = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Same forms; empty for a single day, month, quarter or year.",
    )
    date_precision = serializers.ChoiceField(
        choices=Precision.choices,
        required=False,
        help_text="Optional: the precision of the start text unless a coarser one is given.",
    )
    networks = serializers.SlugRelatedField(
        slug_field="slug", queryset=Network.objects.all(), many=True, allow_empty=False
    )
    series = serializers.SlugRelatedField(
        slug_field="slug", queryset=EventSeries.objects.all(), required=False, allow_null=True
    )
    host = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    project = serializers.SlugRelatedField(
        slug_field="slug", queryset=Project.objects.all(), required=False, allow_null=True
    )
    themes = serializers.ListField(
        child=serializers.SlugField(allow_unicode=True),
        required=False,
        help_text="Theme slugs of the event's networks.",
    )
    sdgs = serializers.PrimaryKeyRelatedField(queryset=SDG.objects.all(), many=True, required=False)
    links = serializers.ListField(child=serializers.URLField(), required=False)
    places = EventPlaceWriteSerializer(many=True, required=False)
    organisers = EventOrganiserWriteSerializer(many=True, required=False)

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            "format",
            "is_online",
            "status",
            "status_note",
            "start",
            "end",
            "date_precision",
            "date_note",
            "networks",
            "series",
            "edition",
            "host",
            "project",
            "themes",
            "sdgs",
            "places",
            "organisers",
            "attendance_in_person",
            "attendance_online",
            "attendance_registered",
            "attendance_countries",
            "attendance_note",
            "description",
            "outcomes",
            "note",
            "links",
            "report_group",
            "report_section",
            "source",
            "is_published",
            "publish_at",
        ]
        extra_kwargs = {"slug": {"required": False}}
        # Uniqueness (slug; series and edition) is checked by the model's full_clean() in the
        # service, with the admin's messages.
        validators = []

    def to_representation(self, event):
        """The event in the shape it is written (pre-fills the browsable API's form); write
        requests are answered with EventSerializer."""
        data = {
            name: getattr(event, name)
            for name in self.Meta.fields
            if name
            not in {
                "start",
                "end",
                "networks",
                "series",
                "host",
                "project",
                "themes",
                "sdgs",
                "places",
                "organisers",
                "links",
            }
        }
        if event.start:
            data["start"] = PartialDate.of(event.start, event.date_precision).isoformat()
            data["end"] = (
                PartialDate.of(event.end, event.date_precision).isoformat() if event.end else ""
            )
        if event.pk:
            data["networks"] = [network.slug for network in event.networks.all()]
            data["themes"] = [theme.slug for theme in event.themes.all()]
            data["sdgs"] = [sdg.pk for sdg in event.sdgs.all()]
            data["places"] = [
                {
                    "organisation": place.organisation.slug if place.organisation else None,
                    "venue": place.venue,
                    "city": place.city,
                    "country": place.country.code,
                }
                for place in event.places.all()
            ]
            data["organisers"] = [
                {"organisation": role.organisation.slug, "role": role.role}
                for role in event.organisations.all()
            ]
        for name in ("series", "host", "project"):
            related = getattr(event, name)
            data[name] = related.slug if related else None
        data["links"] = event.link_list
        return data

    def validate(self, attrs):
        if "links" in attrs:
            attrs["links"] = "\n".join(attrs["links"])
        return attrs

    def create(self, validated_data):
        return self._save(Event(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, event, data):
        """The event's own fields set as sent; dates, relations and every rule are the
        service's, with the admin's messages."""
        rules = {
            name: data.pop(name)
            for name in ("start", "end", "date_precision", *RELATIONS)
            if name in data
        }
        for name, value in data.items():
            setattr(event, name, value)
        try:
            return services.event_save(event=event, **rules)
        except DjangoValidationError as error:
            raise as_api_errors(error) from None


# --- Viewset ------------------------------------------------------------------------------------


FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv", *EventFormat.values],
    description=(
        "json (default) or csv: the output. in-person, online or hybrid: the events' format, as "
        "on the events page."
    ),
)


@extend_schema_view(list=extend_schema(parameters=[FORMAT_PARAMETER]))
class EventViewSet(StaffWriteMixin, CSVExportMixin, viewsets.ModelViewSet):
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
        return queries.latest_first(queries.event_detail_queryset(base))


def register(router):
    router.register("events", EventViewSet, basename="event")

"""What the events API answers: an event as JSON, with its places, sessions, organisers and
attendance, and as one flat CSV row."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import (
    DirectFieldsMixin,
    JoinedField,
    PageField,
    PublicSlugField,
    SlugIdentityField,
    SlugListField,
)
from core.partial_dates import Precision
from events.models import ATTENDANCE_COUNTS, Event, OrganiserRole

# The fields an event is read and written by alike, in the order both list them.
SHARED_FIELDS = [
    "title",
    "kind",
    "format",
    "is_online",
    "status",
    "status_note",
    "start",
    "end",
    "date_precision",
]


class EventPlaceSerializer(DirectFieldsMixin, serializers.Serializer):
    organisation = PublicSlugField()
    venue = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField(source="country.code", help_text="ISO 3166 alpha-2, or ''.")
    label = serializers.CharField(help_text="Venue, city and country as one line.")


class EventSessionSerializer(DirectFieldsMixin, serializers.Serializer):
    title = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    date_precision = serializers.ChoiceField(choices=Precision.choices)
    format = serializers.CharField()


class EventOrganiserSerializer(DirectFieldsMixin, serializers.Serializer):
    organisation = serializers.CharField(source="organisation.slug")
    name = serializers.CharField(source="organisation.name")
    role = serializers.ChoiceField(choices=OrganiserRole.choices)


class AttendanceSerializer(DirectFieldsMixin, serializers.Serializer):
    in_person = serializers.IntegerField(source="attendance_in_person", allow_null=True)
    online = serializers.IntegerField(source="attendance_online", allow_null=True)
    registered = serializers.IntegerField(source="attendance_registered", allow_null=True)
    countries = serializers.IntegerField(source="attendance_countries", allow_null=True)
    note = serializers.CharField(source="attendance_note")


class EventSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    url = SlugIdentityField("api:event-detail")
    page = PageField("events:event-detail", help_text="The event's public page.")
    networks = SlugListField(source="network_list")
    places = EventPlaceSerializer(source="place_list", many=True, read_only=True)
    series = serializers.SerializerMethodField()
    sessions = EventSessionSerializer(source="session_list", many=True, read_only=True)
    organisers = EventOrganiserSerializer(source="role_list", many=True, read_only=True)
    host = PublicSlugField()
    project = PublicSlugField()
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sdgs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    speakers = SlugListField(source="speaker_list")
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
            *SHARED_FIELDS,
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


class EventCSVSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    """One flat row per event; several values joined by '; '."""

    places = JoinedField(source="place_list", attribute="label")
    countries = serializers.SerializerMethodField()
    networks = JoinedField(source="network_list")
    series = serializers.CharField(source="series.name", default="")
    host = PublicSlugField()
    project = PublicSlugField()
    themes = JoinedField(source="themes.all")
    page = PageField("events:event-detail")

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
            *ATTENDANCE_COUNTS,
            "updated_at",
            "page",
        ]

    def get_countries(self, event) -> str:
        codes = dict.fromkeys(place.country.code for place in event.place_list if place.country)
        return "; ".join(codes)

"""What the events API answers: an event as JSON, with its places, sessions, organisers and
attendance, and as one flat CSV row."""

from django_countries.fields import Country
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import (
    DirectFieldsMixin,
    JoinedField,
    PageField,
    PublicSlugField,
    ReportYearsField,
    ReportYearsTextField,
    SlugIdentityField,
    SlugListField,
    page_related,
    public_column,
    report_years,
    slug_url,
)
from core.partial_dates import Precision, format_period, iso_period
from core.validators import link_lines
from events.models import ATTENDANCE_COUNTS, Event, OrganiserRole, ShownStatus, shown_status
from events.models.parts import place_label

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


class EventReportGroupSerializer(DirectFieldsMixin, serializers.Serializer):
    network = serializers.CharField(source="network.slug")
    group = serializers.CharField(
        source="report_group.slug", help_text="The `group` filter's value."
    )
    name = serializers.CharField(source="report_group.name", help_text="The report's heading.")


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
    report_groups = EventReportGroupSerializer(
        source="group_link_list",
        many=True,
        read_only=True,
        help_text="The group each network's annual report lists it under (networks with one).",
    )
    reported_in = ReportYearsField(read_only=True)
    when = serializers.CharField(read_only=True, help_text="The dates as the pages show them.")
    last_day = serializers.DateField(
        source="ends_on", read_only=True, allow_null=True, help_text="Last day the event covers."
    )
    period = serializers.SerializerMethodField(
        help_text=(
            "The dates at the precision known, as staff enter them: 2022-10-03, 2022-10, "
            "2022-Q4, 2022, or a range first/last (2022-10-03/2022-10-07, 2022-02/2022-05); "
            "'' when no date is given. `start` and `end` are the period's first and last days."
        )
    )
    shown_status = serializers.SerializerMethodField(
        help_text=(
            "The status the pages show: `status` as stored, except that a planned or confirmed "
            'event whose last day has passed is `date-passed` ("Date passed — not confirmed") '
            "until staff mark it held, postponed or cancelled."
        )
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
            "period",
            "shown_status",
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
            "report_groups",
            "reported_in",
            "updated_at",
        ]

    def get_period(self, event) -> str:
        return iso_period(event.start, event.end, event.date_precision)

    @extend_schema_field(serializers.ChoiceField(choices=ShownStatus.choices))
    def get_shown_status(self, event) -> str:
        return event.shown_status

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
    when = serializers.CharField(read_only=True)
    period = serializers.SerializerMethodField()
    shown_status = serializers.CharField(read_only=True)
    reported_in = ReportYearsTextField()

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
            # Added last, so that spreadsheets reading the columns by position keep working.
            "shown_status",
            "when",
            "period",
            "reported_in",
        ]

    def get_period(self, event) -> str:
        return iso_period(event.start, event.end, event.date_precision)

    def get_countries(self, event) -> str:
        codes = dict.fromkeys(place.country.code for place in event.place_list if place.country)
        return "; ".join(codes)


# The event's own columns the read serializer shows: read as values by event_rows (with the
# series' and the public project's and host's), and loaded by core.api.narrowed for the
# serializer's path (events.api.EVENT_COLUMNS).
OWN_COLUMNS = (
    "slug",
    "title",
    "kind",
    "format",
    "is_online",
    "status",
    "status_note",
    "start",
    "end",
    "ends_on",
    "date_precision",
    "date_note",
    "edition",
    *ATTENDANCE_COUNTS,
    "attendance_note",
    "description",
    "outcomes",
    "links",
    "reported_in",
    "updated_at",
)

# The event columns EventSerializer shows, read as values (event_rows).
ROW_COLUMNS = ("id", *OWN_COLUMNS, "series_id", "series__slug", "series__name")

_date = serializers.DateField().to_representation
_date_time = serializers.DateTimeField().to_representation


def event_list_rows(queryset):
    """The API list's read query (events.queries, filtered and ordered) as value rows of what
    EventSerializer shows; the project and host only if published, as published_joined() gives
    them."""
    return queryset.prefetch_related(None).values(
        *ROW_COLUMNS, project_slug=public_column("project"), host_slug=public_column("host")
    )


def event_rows(queryset, rows, request) -> list[dict]:
    """A page of event_list_rows() as EventSerializer gives those events (the same dicts, keys
    in its order): the related rows read per page, one query per prefetch of `queryset` (its
    filters and order), as tuples. tests/api/test_rows.py compares the two."""
    ids = [row["id"] for row in rows]
    networks = page_related(queryset, "network_list", ids, "slug")
    places = page_related(
        queryset,
        "place_list",
        ids,
        public_column("organisation"),
        public_column("organisation", "name"),
        "venue",
        "city",
        "country",
    )
    sessions = page_related(
        queryset, "session_list", ids, "title", "start", "end", "date_precision", "format"
    )
    roles = page_related(
        queryset, "role_list", ids, "organisation__slug", "organisation__name", "role"
    )
    speakers = page_related(queryset, "speaker_list", ids, "slug")
    themes = page_related(queryset, "themes", ids, "slug")
    sdgs = page_related(queryset, "sdgs", ids, "pk")
    groups = page_related(
        queryset,
        "group_link_list",
        ids,
        "network__slug",
        "report_group__slug",
        "report_group__name",
    )
    codes: dict[str, str] = {}
    none: list = []
    data = []
    for row in rows:
        pk = row["id"]
        slug = row["slug"]
        start = row["start"]
        end = row["end"]
        precision = row["date_precision"]
        event_places = []
        for organisation, name, venue, city, country in places.get(pk, none):
            code = codes.get(country)
            if code is None:
                code = codes[country] = Country(country).code
            event_places.append(
                {
                    "organisation": organisation,
                    "venue": venue,
                    "city": city,
                    "country": code,
                    "label": place_label(venue, city, name or "", code),
                }
            )
        data.append(
            {
                "slug": slug,
                "url": slug_url(request, "api:event-detail", slug),
                "page": slug_url(request, "events:event-detail", slug),
                "title": row["title"],
                "kind": row["kind"],
                "format": row["format"],
                "is_online": row["is_online"],
                "status": row["status"],
                "status_note": row["status_note"],
                "start": _date(start),
                "end": _date(end),
                "date_precision": precision,
                "last_day": _date(row["ends_on"]),
                "when": format_period(start, end, precision) if start else "",
                "period": iso_period(start, end, precision),
                "shown_status": shown_status(row["status"], row["ends_on"]),
                "date_note": row["date_note"],
                "places": event_places,
                "networks": [slug for (slug,) in networks.get(pk, none)],
                "series": None
                if row["series_id"] is None
                else {"slug": row["series__slug"], "name": row["series__name"]},
                "edition": row["edition"],
                "sessions": [
                    {
                        "title": title,
                        "start": _date(day),
                        "end": _date(last),
                        "date_precision": session_precision,
                        "format": session_format,
                    }
                    for title, day, last, session_precision, session_format in sessions.get(
                        pk, none
                    )
                ],
                "organisers": [
                    {"organisation": organisation, "name": name, "role": role}
                    for organisation, name, role in roles.get(pk, none)
                ],
                "host": row["host_slug"],
                "project": row["project_slug"],
                "themes": [slug for (slug,) in themes.get(pk, none)],
                "sdgs": [sdg for (sdg,) in sdgs.get(pk, none)],
                "speakers": [slug for (slug,) in speakers.get(pk, none)],
                "attendance": {
                    "in_person": row["attendance_in_person"],
                    "online": row["attendance_online"],
                    "registered": row["attendance_registered"],
                    "countries": row["attendance_countries"],
                    "note": row["attendance_note"],
                },
                "description": row["description"],
                "outcomes": row["outcomes"],
                "links": link_lines(row["links"]),
                "report_groups": [
                    {"network": network, "group": group, "name": name}
                    for network, group, name in groups.get(pk, none)
                ],
                "reported_in": report_years(row["reported_in"]),
                "updated_at": _date_time(row["updated_at"]),
            }
        )
    return data

"""What staff send to write an event: its own fields as the model holds them, dates as the
sources give them, relations by slug. The rules and messages are the write service's."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from core.api import ReportYearsField, ServiceWriteSerializer, SlugChoiceField, report_years
from core.partial_dates import Precision, entered_text
from events import services
from events.api.read import SHARED_FIELDS
from events.models import ATTENDANCE_COUNTS, Event, EventSeries, OrganiserRole, ReportGroup
from network.models import SDG, Network, Organisation, Project


class EventPlaceWriteSerializer(serializers.Serializer):
    organisation = SlugChoiceField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    venue = serializers.CharField(required=False, allow_blank=True, default="")
    city = serializers.CharField(required=False, allow_blank=True, default="")
    country = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="ISO 3166 alpha-2"
    )


class EventOrganiserWriteSerializer(serializers.Serializer):
    organisation = SlugChoiceField(queryset=Organisation.objects.all())
    role = serializers.ChoiceField(choices=OrganiserRole.choices)


class EventReportGroupWriteSerializer(serializers.Serializer):
    network = SlugChoiceField(queryset=Network.objects.all())
    group = serializers.SlugField(
        allow_unicode=True,
        allow_null=True,
        help_text="One of the network's report groups; null: none.",
    )

    def validate(self, attrs):
        slug = attrs["group"]
        if slug is None:
            return {"network": attrs["network"], "group": None}
        group = ReportGroup.objects.filter(network=attrs["network"], slug=slug).first()
        if group is None:
            raise serializers.ValidationError(
                {
                    "group": _("%(network)s has no report group '%(group)s'.")
                    % {"network": attrs["network"].name, "group": slug}
                }
            )
        return {"network": attrs["network"], "group": group}


class EventWriteSerializer(ServiceWriteSerializer):
    """What staff send to create or change an event. Places and organisers, when given, replace
    the event's own; sessions and images are edited in the admin."""

    start = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,  # as the read API gives an undated event: read back, no change
        help_text="2022-10-03, 2022-10, 2022-Q4 or 2022; empty (or null) when no source gives a "
        "date.",
    )
    end = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,  # as the read API gives a single day's `end`: read back, no change
        help_text="Same forms; empty (or null) for a single day, month, quarter or year.",
    )
    date_precision = serializers.ChoiceField(
        choices=Precision.choices,
        required=False,
        help_text="Optional: the precision of the start text unless a coarser one is given.",
    )
    networks = SlugChoiceField(queryset=Network.objects.all(), many=True, allow_empty=False)
    reported_in = ReportYearsField()
    series = SlugChoiceField(queryset=EventSeries.objects.all(), required=False, allow_null=True)
    host = SlugChoiceField(queryset=Organisation.objects.all(), required=False, allow_null=True)
    project = SlugChoiceField(queryset=Project.objects.all(), required=False, allow_null=True)
    themes = serializers.ListField(
        child=serializers.SlugField(allow_unicode=True),
        required=False,
        help_text="Theme slugs of the event's networks.",
    )
    sdgs = serializers.PrimaryKeyRelatedField(queryset=SDG.objects.all(), many=True, required=False)
    links = serializers.ListField(child=serializers.URLField(), required=False)
    places = EventPlaceWriteSerializer(many=True, required=False)
    organisers = EventOrganiserWriteSerializer(many=True, required=False)
    report_groups = EventReportGroupWriteSerializer(
        many=True,
        required=False,
        help_text="The group each network's report lists it under; a network left out keeps its.",
    )

    # The write service parses the dates and sets the relations.
    service_fields = (
        "start",
        "end",
        "date_precision",
        "networks",
        "themes",
        "sdgs",
        "places",
        "organisers",
        "report_groups",
    )

    class Meta:
        model = Event
        fields = [
            "slug",
            *SHARED_FIELDS,
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
            *ATTENDANCE_COUNTS,
            "attendance_note",
            "description",
            "outcomes",
            "note",
            "links",
            "report_groups",
            "report_section",
            "source",
            "reported_in",
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
        by_slug = ("series", "host", "project")
        many = (
            "networks",
            "themes",
            "sdgs",
            "places",
            "organisers",
            "report_groups",
        )  # once the event is saved
        written_otherwise = {"start", "end", "links", *by_slug, *many}
        data = {
            name: getattr(event, name) for name in self.Meta.fields if name not in written_otherwise
        }
        if event.start:
            data["start"] = entered_text(event.start, event.date_precision)
            data["end"] = entered_text(event.end, event.date_precision)
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
            data["report_groups"] = [
                {"network": link.network.slug, "group": link.report_group.slug}
                for link in event.network_links.filter(report_group__isnull=False).select_related(
                    "network", "report_group"
                )
            ]
        for name in by_slug:
            related = getattr(event, name)
            data[name] = related.slug if related else None
        data["links"] = event.link_list
        data["reported_in"] = report_years(event.reported_in)
        return data

    def validate(self, attrs):
        for name in ("start", "end"):
            if name in attrs and attrs[name] is None:
                attrs[name] = ""
        if "links" in attrs:
            attrs["links"] = "\n".join(attrs["links"])
        if "report_groups" in attrs:
            attrs["report_groups"] = {
                row["network"]: row["group"] for row in attrs["report_groups"]
            }
        return attrs

    def save_with(self, event, **rules):
        return services.event_save(event=event, **rules)

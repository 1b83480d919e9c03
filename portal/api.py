"""API v1: shared pieces (pagination, throttling, CSV) and the one router every app mounts on.

Paths and core fields are a stable interface (../shared/DESIGN.md "Stable interface").
"""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import (
    SAFE_METHODS,
    AllowAny,
    DjangoModelPermissionsOrAnonReadOnly,
)
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView
from rest_framework_csv.renderers import CSVRenderer

from portal.reports import build_report, reported_network_or_404
from staff.scope import in_user_networks, may_publish, network_change_refused, record_networks


class AnonymousReadThrottle(AnonRateThrottle):
    """Anonymous rate limit, read from settings at request time (so it can be configured)."""

    def get_rate(self):
        return settings.API_ANONYMOUS_RATE


class StaffModelPermissions(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone reads; writing needs an active staff account with the model's add/change/delete
    permission, exactly as in the admin."""

    def has_permission(self, request, view):
        if request.method not in SAFE_METHODS:
            user = request.user
            if user and user.is_authenticated and not (user.is_active and user.is_staff):
                return False
        return super().has_permission(request, view)


def as_api_errors(error: DjangoValidationError, prefix: str = "") -> serializers.ValidationError:
    """A model's full_clean() errors as a 400 naming each field (the admin's messages)."""
    if hasattr(error, "error_dict"):
        detail = {
            ("non_field_errors" if field == NON_FIELD_ERRORS else f"{prefix}{field}"): messages
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {f"{prefix}non_field_errors" if prefix else "non_field_errors": error.messages}
    return serializers.ValidationError(detail)


def full_clean_or_400(instance, *, exclude=None, prefix: str = "", **options) -> None:
    """Run the model's own validation (fields, clean(), unique constraints), as the admin does."""
    try:
        instance.full_clean(exclude=exclude, **options)
    except DjangoValidationError as error:
        raise as_api_errors(error, prefix) from None


class StaffWriteMixin:
    """Create, update and delete for staff (API token or session) holding the model permission.

    Reads stay open and published-only; writes reach drafts too (a new record may be a draft).
    Writes take `write_serializer_class`; the answer is the record as the read endpoint shows it.
    """

    permission_classes = [StaffModelPermissions]
    write_serializer_class = None
    model = None

    def read_queryset(self, base):
        """`base` with the joins the read serializer needs."""
        raise NotImplementedError

    def get_queryset(self):
        if self.request.method in SAFE_METHODS:
            return self.read_queryset(self.model.objects.published())
        # Writes reach only the records of the networks the user works for, as in the admin.
        return in_user_networks(self.request.user, self.model.objects.all())

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        return super().get_serializer_class()

    def read_representation(self, instance):
        fresh = self.read_queryset(self.model.objects.filter(pk=instance.pk)).get()
        return self.serializer_class(fresh, context=self.get_serializer_context()).data

    def save_within_scope(self, serializer, before=None):
        """Save, then undo and refuse if the record left the user's networks, gained or lost a
        network the user does not work for, or changed its publication state without the
        right to publish. `before`: an updated record's networks and publication state."""
        user = self.request.user
        networks, published = before or (set(), None)
        with transaction.atomic():
            instance = serializer.save()
            if network_change_refused(user, self.model, networks, record_networks(instance)):
                raise PermissionDenied(
                    _(
                        "You can write only records of the networks you work for, and cannot "
                        "add or remove other networks."
                    )
                )
            now = (instance.is_published, instance.publish_at)
            changed = now != published if before is not None else instance.is_published
            if changed and not may_publish(user):
                raise PermissionDenied(_("Only publishers may publish, unpublish or schedule."))
        return instance

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.save_within_scope(serializer)
        return Response(self.read_representation(instance), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        current = self.get_object()
        # Taken before validation, which already sets the new values on `current`.
        before = (record_networks(current), (current.is_published, current.publish_at))
        serializer = self.get_serializer(current, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        instance = self.save_within_scope(serializer, before)
        return Response(self.read_representation(instance))

    def perform_destroy(self, instance):
        try:
            instance.delete()
        except ProtectedError:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Other records refer to this one: unlink them first.")]}
            ) from None


OUTPUT_FORMATS = ("json", "csv", "api")


class _WithoutFormatOverride:
    URL_FORMAT_OVERRIDE = None

    def __getattr__(self, name):
        return getattr(api_settings, name)


class FormatFilterNegotiation(DefaultContentNegotiation):
    """`?format=` picks the output (json, csv) unless its value is none of the renderers' — then
    it is a filter of the list (an event's format: in-person, online, hybrid), as on the pages."""

    def select_renderer(self, request, renderers, format_suffix=None):
        value = request.query_params.get(api_settings.URL_FORMAT_OVERRIDE)
        if not format_suffix and value and value not in {r.format for r in renderers}:
            self.settings = _WithoutFormatOverride()
        try:
            return super().select_renderer(request, renderers, format_suffix)
        finally:
            self.settings = api_settings


class ListCSVRenderer(CSVRenderer):
    """?format=csv on a list: every matching row (no pagination), one flat row per record."""

    format = "csv"
    media_type = "text/csv"


class CSVExportMixin:
    """Adds ?format=csv to a list viewset, with a flat serializer and without pagination."""

    csv_serializer_class = None
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, ListCSVRenderer]

    def wants_csv(self):
        renderer = getattr(self.request, "accepted_renderer", None)
        return renderer is not None and renderer.format == "csv"

    def paginate_queryset(self, queryset):
        return None if self.wants_csv() else super().paginate_queryset(queryset)

    def get_serializer_class(self):
        if self.wants_csv() and self.csv_serializer_class is not None:
            return self.csv_serializer_class
        return super().get_serializer_class()

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if self.wants_csv():
            # Errors are JSON whatever format was asked for: a CSV body cannot carry a message.
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return response

    def get_renderer_context(self):
        context = super().get_renderer_context()
        if self.csv_serializer_class is not None:
            context["header"] = self.csv_serializer_class.Meta.fields  # columns in a reading order
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.wants_csv() and response.status_code == 200:
            name = f"{self.basename}-{timezone.now():%Y-%m-%d}.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ReportSerializer(serializers.Serializer):
    """The annual report as computed by portal.reports.build_report()."""

    network = serializers.DictField()
    year = serializers.IntegerField()
    as_of = serializers.DateField()
    editorial = serializers.DictField(allow_null=True)
    membership = serializers.DictField()
    governance = serializers.ListField(child=serializers.DictField())
    clusters = serializers.ListField(child=serializers.DictField())
    national_chapters = serializers.ListField(child=serializers.DictField())
    activities = serializers.DictField()
    highlights = serializers.ListField(child=serializers.DictField())
    projects = serializers.ListField(child=serializers.DictField())
    publications = serializers.ListField(child=serializers.DictField())
    preview = serializers.ListField(child=serializers.DictField())
    pairings = serializers.ListField(child=serializers.DictField())
    partners = serializers.ListField(child=serializers.DictField())
    team = serializers.ListField(child=serializers.DictField())


class ReportAPIView(APIView):
    """A network's annual report for a year: the same structure the report page renders."""

    throttle_classes = [AnonymousReadThrottle]
    permission_classes = [AllowAny]  # read-only: GET is the only method

    @extend_schema(
        responses=ReportSerializer,
        parameters=[
            OpenApiParameter("network", str, OpenApiParameter.PATH, description="Network slug"),
            OpenApiParameter("year", int, OpenApiParameter.PATH, description="Report year"),
        ],
    )
    def get(self, request, network, year):
        return Response(build_report(reported_network_or_404(network, year), year))

"""API building blocks every app's API uses: read-only viewsets, throttling, permissions, the
model's validation as a 400, ?format= negotiation and CSV export."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, viewsets
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import (
    SAFE_METHODS,
    AllowAny,
    DjangoModelPermissionsOrAnonReadOnly,
)
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework_csv.renderers import CSVRenderer


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
    """A ValidationError of a write service or a model as a 400 naming each field (the admin's
    messages)."""
    if hasattr(error, "error_dict"):
        detail = {
            ("non_field_errors" if field == NON_FIELD_ERRORS else f"{prefix}{field}"): messages
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {f"{prefix}non_field_errors" if prefix else "non_field_errors": error.messages}
    return serializers.ValidationError(detail)


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


class OutputFormatFilterBackend(DjangoFilterBackend):
    """The list's FilterSet, given every query parameter except a `?format=` that picks the
    output (json, csv): the events' FilterSet has a `format` filter of its own."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if kwargs["data"].get(api_settings.URL_FORMAT_OVERRIDE) in OUTPUT_FORMATS:
            kwargs["data"] = kwargs["data"].copy()
            kwargs["data"].pop(api_settings.URL_FORMAT_OVERRIDE)
        return kwargs


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


class PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    """Anyone may read; there is nothing to write through these endpoints."""

    permission_classes = [AllowAny]
    throttle_classes = [AnonymousReadThrottle]


class ReadOnlyViewSet(PublicReadViewSet):
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"  # Unicode slugs

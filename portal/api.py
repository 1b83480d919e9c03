"""API v1: shared pieces (pagination, throttling, CSV) and the one router every app mounts on.

Paths and core fields are a stable interface (../shared/DESIGN.md "Stable interface").
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView
from rest_framework_csv.renderers import CSVRenderer

from network.models import Network
from portal.reports import build_report


class AnonymousReadThrottle(AnonRateThrottle):
    """Anonymous rate limit, read from settings at request time (so it can be configured)."""

    def get_rate(self):
        return settings.API_ANONYMOUS_RATE


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
        network_obj = get_object_or_404(Network.objects.published(), slug=network)
        if not 1950 <= year <= timezone.now().year:
            raise Http404
        return Response(build_report(network_obj, year))

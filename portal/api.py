"""API v1: the annual report as JSON (the builder's data, as the page renders it)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import AnonymousReadThrottle
from portal.reports import build_report, reported_network_or_404


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

"""API v1: the annual report as JSON (the builder's data, as the page renders it), and the list
of a network's published editions (portal.editions)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import AnonymousReadThrottle
from core.publishing import published_q
from network.models import Network
from portal import editions
from portal.models import AnnualReportEdition
from portal.reports import reported_network_or_404


class ChangeSerializer(serializers.Serializer):
    what = serializers.CharField(help_text="member, event, project, publication, story or figure")
    change = serializers.CharField(help_text="added, removed, redated, changed or withdrawn")
    slug = serializers.CharField()
    title = serializers.CharField()
    before = serializers.JSONField(required=False)
    after = serializers.JSONField(required=False)


class ShownEditionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    frozen_at = serializers.DateTimeField()
    latest = serializers.IntegerField(help_text="The number of the report's newest edition.")
    changes_since = ChangeSerializer(many=True)


class ReportSerializer(serializers.Serializer):
    """The annual report as computed by portal.reports.build_report(): by default its published
    edition (as frozen), else the live computation."""

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
    edition = ShownEditionSerializer(
        allow_null=True,
        help_text="The edition shown, with what changed in the records since; null when the "
        "report is computed live (?live=1, or no published edition).",
    )
    latest_edition = serializers.IntegerField(
        allow_null=True, help_text="The number of the newest published edition, if any."
    )


class ReportAPIView(APIView):
    """A network's annual report for a year: the same structure the report page renders. A
    published report answers with its latest edition; `?live=1` computes it from today's
    records, `?edition=N` gives an earlier edition."""

    throttle_classes = [AnonymousReadThrottle]
    permission_classes = [AllowAny]  # read-only: GET is the only method

    @extend_schema(
        responses=ReportSerializer,
        parameters=[
            OpenApiParameter("network", str, OpenApiParameter.PATH, description="Network slug"),
            OpenApiParameter("year", int, OpenApiParameter.PATH, description="Report year"),
            OpenApiParameter("live", bool, description="1: computed from today's records"),
            OpenApiParameter(
                "edition",
                {"type": "integer", "minimum": 1, "maximum": 32767},
                description="An edition's number (ignored with live=1)",
            ),
        ],
    )
    def get(self, request, network, year):
        try:
            live, number = editions.read_choice(request.query_params)
        except ValueError as error:
            raise ValidationError({"detail": str(error)}) from error
        found = reported_network_or_404(
            network,
            year,
            networks=editions.networks_with_edition(
                Network.objects.all(), year, number=number, live=live
            ),
        )
        shown = editions.report_to_show(found, year, live=live, number=number)
        edition = None
        if shown.edition is not None:
            edition = {**shown.edition, "changes_since": shown.changes}
        return Response(
            {**shown.report, "edition": edition, "latest_edition": shown.latest_edition}
        )


class ReportEditionSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="report.year")
    url = serializers.SerializerMethodField(help_text="The edition in the report endpoint.")

    class Meta:
        model = AnnualReportEdition
        fields = ["year", "number", "frozen_at", "url"]

    def get_url(self, edition) -> str:
        path = reverse(
            "api:report-detail",
            kwargs={"network": self.context["network"].slug, "year": edition.report.year},
        )
        return self.context["request"].build_absolute_uri(f"{path}?edition={edition.number}")


class ReportEditionListAPIView(ListAPIView):
    """Every published edition of a network's annual reports, newest year and edition first."""

    throttle_classes = [AnonymousReadThrottle]
    permission_classes = [AllowAny]
    serializer_class = ReportEditionSerializer
    queryset = AnnualReportEdition.objects.none()

    def network(self) -> Network:
        if not hasattr(self, "_network"):
            self._network = get_object_or_404(
                Network.objects.published(), slug=self.kwargs["network"]
            )
        return self._network

    def get_queryset(self):
        return (
            AnnualReportEdition.objects.filter(
                published_q("report__"), report__network=self.network()
            )
            .select_related("report")
            .only("number", "frozen_at", "report__year")
            .order_by("-report__year", "-number")
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "network": self.network()}

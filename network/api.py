"""API v1 for the network app: networks, members, governance, people, projects, pairings, themes, SDGs.

Viewsets declare `queryset = Model.objects.none()` and take the real, published-only query from
network.queries (the function the page of the same list uses) and their filters from
network.filters (the page's FilterSet), so nothing unscoped can leak, the number of queries does
not grow with the rows, and a page and its API list give the same records for the same query.
"""

import functools

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django_countries.fields import Country
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from core.api import (
    PUBLIC,
    CSVExportMixin,
    DirectFieldsMixin,
    PublicReadViewSet,
    PublicSlugField,
    PublicSourceField,
    ReadOnlyViewSet,
    ReportYearsField,
    RowsListMixin,
    SlugIdentityField,
    narrowed,
    of,
    page_related,
    report_years,
    slug_url,
)
from core.provenance import public_source
from core.validators import link_lines
from network import queries
from network.filters import (
    GovernanceFilter,
    MemberFilter,
    PairingFilter,
    PersonFilter,
    ProjectFilter,
    ThemeFilter,
)
from network.models import (
    SDG,
    CityPairing,
    Membership,
    Network,
    Organisation,
    Person,
    Project,
    ProjectResult,
    Region,
    Term,
    Theme,
)

# --- Serializers -----------------------------------------------------------------------------


class MembershipSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    region = serializers.CharField(
        source="region.name", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = Membership
        fields = ["network", "type", "region", "joined", "left", "date_precision"]


class MemberSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True)
    memberships = MembershipSerializer(source="current_memberships", many=True, read_only=True)
    url = SlugIdentityField("api:member-detail")

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "url",
            "name",
            "short_name",
            "native_name",
            "kind",
            "country",
            "website",
            "population",
            "latitude",
            "longitude",
            "description",
            "memberships",
            "updated_at",
        ]


class MemberCSVSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    """One flat row per organisation: memberships as 'network:type:region' joined by '; '."""

    country = serializers.CharField(source="country.code", read_only=True)
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "short_name",
            "native_name",
            "kind",
            "country",
            "website",
            "memberships",
        ]

    def get_memberships(self, organisation) -> str:
        return "; ".join(
            f"{m.network.slug}:{m.type}:{m.region.name if m.region else ''}"
            for m in organisation.current_memberships
        )


class SeatSerializer(DirectFieldsMixin, serializers.Serializer):
    role = serializers.CharField()
    portfolio = serializers.CharField()
    person = serializers.CharField(source="person.name", default=None, allow_null=True)
    organisation = serializers.CharField(source="organisation.slug", default=None, allow_null=True)
    order = serializers.IntegerField()
    reported_in = ReportYearsField(read_only=True)


class TermSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    network = serializers.CharField(source="body.network.slug")
    body = serializers.CharField(source="body.name")
    seats = SeatSerializer(source="seat_list", many=True)

    class Meta:
        model = Term
        fields = [
            "id",
            "network",
            "body",
            "name",
            "start",
            "end",
            "date_precision",
            "elected_at",
            "seats",
        ]


class ThemeSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Theme
        fields = ["slug", "name", "network", "description"]


class SDGSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = SDG
        fields = ["number", "name"]


class RegionSerializer(DirectFieldsMixin, serializers.Serializer):
    slug = serializers.CharField(help_text="The value of the members list's `region` filter.")
    name = serializers.CharField()


class CommitteeSeatSerializer(DirectFieldsMixin, serializers.Serializer):
    """A seat the network holds on another body's committee."""

    committee = serializers.CharField(help_text="Its name as the source prints it.")
    convened_by = PublicSlugField(help_text="The member whose committee it is, if published.")
    role = serializers.CharField()
    joined_year = serializers.IntegerField(allow_null=True)
    left_year = serializers.IntegerField(allow_null=True, help_text="Null while held.")
    note = serializers.CharField()
    source = PublicSourceField()


class NetworkSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    url = SlugIdentityField("api:network-detail")
    committee_seats = CommitteeSeatSerializer(
        source="committee_seat_list",
        many=True,
        read_only=True,
        help_text="The seats it holds on other bodies' committees (an advisory committee).",
    )
    themes = ThemeSerializer(source="theme_list", many=True, read_only=True)
    regions = RegionSerializer(source="region_list", many=True, read_only=True)

    class Meta:
        model = Network
        fields = [
            "slug",
            "url",
            "name",
            "full_name",
            "acronym",
            "founded_year",
            "description",
            "website",
            "email",
            "phone",
            "regions",
            "themes",
            "committee_seats",
            "updated_at",
        ]


class PersonSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = ["slug", "name", "native_name", "honorific", "title", "organisation", "updated_at"]


class ProjectParticipantSerializer(DirectFieldsMixin, serializers.Serializer):
    organisation = serializers.CharField(source="organisation.slug")
    role = serializers.CharField()


class ProjectResultSerializer(DirectFieldsMixin, serializers.Serializer):
    """A result the source states for the project: the number as stated, with what it counts."""

    label = serializers.CharField()
    value = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)
    qualifier = serializers.CharField(help_text="'' (exactly), 'over' or 'about'.")
    unit = serializers.CharField()
    kind = serializers.CharField(help_text="'achieved', 'target' or 'estimate'.")
    year = serializers.IntegerField(allow_null=True)
    display = serializers.CharField(help_text="As the pages show it: 'over 2,000 households …'.")
    reported_in = ReportYearsField(read_only=True)
    source = PublicSourceField()


class ProjectSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sdgs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    participants = ProjectParticipantSerializer(
        source="participant_list", many=True, read_only=True
    )
    links = serializers.ListField(source="link_list", child=serializers.URLField(), read_only=True)
    results = ProjectResultSerializer(source="result_list", many=True, read_only=True)
    reported_in = ReportYearsField(read_only=True)

    class Meta:
        model = Project
        fields = [
            "slug",
            "title",
            "acronym",
            "network",
            "description",
            "themes",
            "sdgs",
            "start",
            "end",
            "date_precision",
            "status",
            "participants",
            "results",
            "links",
            "reported_in",
            "updated_at",
        ]


class StudyVisitSerializer(DirectFieldsMixin, serializers.Serializer):
    place = serializers.CharField(source="place.slug")
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    date_precision = serializers.CharField()
    status = serializers.CharField()


class AgreementSerializer(DirectFieldsMixin, serializers.Serializer):
    kind = serializers.CharField()
    status = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    note = serializers.CharField()


class PairingSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisations = serializers.SerializerMethodField()
    visits = StudyVisitSerializer(source="visit_list", many=True, read_only=True)
    agreements = AgreementSerializer(source="agreement_list", many=True, read_only=True)
    theme_label = serializers.CharField(
        read_only=True, help_text="The theme as pages show it: its name where `theme` is a slug."
    )
    reported_in = ReportYearsField(read_only=True)

    class Meta:
        model = CityPairing
        fields = [
            "slug",
            "programme",
            "organisations",
            "theme",
            "theme_label",
            "description",
            "visits",
            "agreements",
            "reported_in",
            "updated_at",
        ]

    def get_organisations(self, pairing) -> list[str]:
        return [pairing.first.slug, pairing.second.slug]


# --- Viewsets -----------------------------------------------------------------------------------

# The columns each list's serializers read (core.api.narrowed).
NETWORK_COLUMNS = (
    "slug",
    "name",
    "full_name",
    "acronym",
    "founded_year",
    "description",
    "website",
    "email",
    "phone",
    "order",
    "updated_at",
)
PERSON_COLUMNS = (
    "slug",
    "name",
    "native_name",
    "honorific",
    "title",
    "updated_at",
    *of("organisation", "slug", *PUBLIC),  # published_joined() tests its publication
)
MEMBER_COLUMNS = (
    "slug",
    "name",
    "short_name",
    "native_name",
    "kind",
    "country",
    "website",
    "population",
    "latitude",
    "longitude",
    "description",
    "updated_at",
)
MEMBERSHIP_COLUMNS = (
    "organisation",
    "type",
    "joined",
    "left",
    "date_precision",
    *of("network", "slug"),
    *of("region", "name"),
)
PROJECT_COLUMNS = (
    "slug",
    "title",
    "acronym",
    "description",
    "start",
    "end",
    "date_precision",
    "status",
    "links",
    "reported_in",
    "updated_at",
    *of("network", "slug"),
)
PAIRING_COLUMNS = (
    "slug",
    "theme",
    "description",
    "reported_in",
    "updated_at",
    *of("programme", "slug"),
    *of("first", "slug"),
    *of("second", "slug"),
)
TERM_COLUMNS = (
    "name",
    "start",
    "end",
    "date_precision",
    "elected_at",
    *of("body", "name"),
    *of("body__network", "slug"),
)
SEAT_COLUMNS = (
    "term",
    "role",
    "portfolio",
    "order",
    "reported_in",
    *of("person", "name", *PUBLIC),
    *of("organisation", "slug", *PUBLIC),
)


class NetworkViewSet(ReadOnlyViewSet):
    """Published networks."""

    queryset = Network.objects.none()
    serializer_class = NetworkSerializer

    def get_queryset(self):
        # Into lists (to_attr): a prefetch into the related managers builds a queryset per
        # network and relation.
        return narrowed(
            queries.published_networks().prefetch_related(
                Prefetch("themes", queryset=Theme.objects.all(), to_attr="theme_list"),
                Prefetch("regions", queryset=Region.objects.all(), to_attr="region_list"),
                Prefetch(
                    "committee_seats",
                    queryset=queries.committee_seats(None),
                    to_attr="committee_seat_list",
                ),
            ),
            NETWORK_COLUMNS,
            theme_list=("network", "slug", "name", "description", "order"),
            region_list=("network", "slug", "name", "order"),
            committee_seat_list=(
                "network",
                "committee",
                "role",
                "joined_year",
                "left_year",
                "note",
                "source",
                *of("convened_by", "slug", *PUBLIC),
            ),
        )


class MemberFilterBackend(DjangoFilterBackend):
    """The members' FilterSet, kept on the view: its member_count() counts the list."""

    def get_filterset(self, request, queryset, view):
        view.filterset = super().get_filterset(request, queryset, view)
        return view.filterset


class CountedPaginator(Paginator):
    """A Paginator given its count (counted another way than the list's `count()`)."""

    def __init__(self, object_list, per_page, *args, count: int, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


_date = serializers.DateField().to_representation
_date_time = serializers.DateTimeField().to_representation


MEMBER_ROW_COLUMNS = ("id", *MEMBER_COLUMNS)


@functools.cache
def _member_fields():
    """MemberSerializer's fields, for the columns converted as they convert them (decimals)."""
    return MemberSerializer().fields


def member_rows(queryset, rows, request) -> list[dict]:
    """A page of `queryset.values(*MEMBER_ROW_COLUMNS)` as MemberSerializer gives those
    organisations (the same dicts, keys in its order), with their current memberships read per
    page in one query of tuples (the prefetch's filters and order). tests/api/test_rows.py
    compares the two."""
    ids = [row["id"] for row in rows]
    memberships = page_related(
        queryset,
        "current_memberships",
        ids,
        "network__slug",
        "type",
        "region__name",
        "joined",
        "left",
        "date_precision",
    )
    fields = _member_fields()
    latitude, longitude = fields["latitude"], fields["longitude"]
    codes: dict[str, str] = {}
    none: list = []
    data = []
    for row in rows:
        country = row["country"]
        code = codes.get(country)
        if code is None:
            code = codes[country] = Country(country).code
        slug = row["slug"]
        data.append(
            {
                "slug": slug,
                "url": slug_url(request, "api:member-detail", slug),
                "name": row["name"],
                "short_name": row["short_name"],
                "native_name": row["native_name"],
                "kind": row["kind"],
                "country": code,
                "website": row["website"],
                "population": row["population"],
                "latitude": None
                if row["latitude"] is None
                else latitude.to_representation(row["latitude"]),
                "longitude": None
                if row["longitude"] is None
                else longitude.to_representation(row["longitude"]),
                "description": row["description"],
                "memberships": [
                    {
                        "network": network,
                        "type": kind,
                        "region": region,
                        "joined": _date(joined),
                        "left": _date(left),
                        "date_precision": precision,
                    }
                    for network, kind, region, joined, left, precision in memberships.get(
                        row["id"], none
                    )
                ],
                "updated_at": _date_time(row["updated_at"]),
            }
        )
    return data


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "network",
                str,
                description="Network slug: iclei-east-asia, citynet, neaspec (see /networks/).",
            ),
            OpenApiParameter(
                "region",
                str,
                description=(
                    "Region slug, e.g. southeast-asia: each network lists its regions (slug "
                    "and name) at /api/v1/networks/{slug}/."
                ),
            ),
        ]
    )
)
class MemberViewSet(RowsListMixin, CSVExportMixin, ReadOnlyViewSet):
    """Organisations with their current memberships; `?format=csv` for a spreadsheet."""

    queryset = Organisation.objects.none()
    serializer_class = MemberSerializer
    csv_serializer_class = MemberCSVSerializer
    filterset_class = MemberFilter
    filter_backends = [MemberFilterBackend]
    filterset = None

    def paginate_queryset(self, queryset):
        # The directory page's count (MemberFilter.member_count(): the same number, read from
        # one index without filters on the organisation itself) rather than a COUNT of
        # organisations that probes each one's memberships.
        paginator = self.paginator
        if (
            paginator is not None
            and not self.wants_csv()
            and self.filterset is not None
            and self.filterset.is_valid()
        ):
            paginator.django_paginator_class = functools.partial(
                CountedPaginator, count=self.filterset.member_count()
            )
        return super().paginate_queryset(queryset)

    def get_queryset(self):
        return narrowed(
            queries.member_directory(),
            MEMBER_COLUMNS,
            current_memberships=MEMBERSHIP_COLUMNS,
        )

    def list_rows(self, queryset):
        return queryset.prefetch_related(None).values(*MEMBER_ROW_COLUMNS)

    def rows_data(self, queryset, rows):
        return member_rows(queryset, rows, self.request)

    def filter_queryset(self, queryset):
        if self.action == "retrieve":
            # An organisation's own record is there even when it is not (or no longer) a member.
            return queryset
        return super().filter_queryset(queryset)


class GovernanceViewSet(PublicReadViewSet):
    """Governance terms of published networks with their seats (`?network=`, `?year=`)."""

    queryset = Term.objects.none()
    serializer_class = TermSerializer
    filterset_class = GovernanceFilter

    def get_queryset(self):
        if self.action == "list":
            # The page's seats are read as rows after paging (paginate_queryset()).
            return narrowed(queries.governance_terms(), TERM_COLUMNS, without=("seat_list",))
        return narrowed(
            queries.governance_terms(),
            TERM_COLUMNS,
            seat_list=SEAT_COLUMNS,
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            page = list(page)
            queries.attach_seat_rows(page)
        return page


class PersonViewSet(ReadOnlyViewSet):
    queryset = Person.objects.none()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self):
        return narrowed(queries.published_people(), PERSON_COLUMNS)


def project_rows(queryset, rows) -> list[dict]:
    """A page of `queryset.values(...)` (PROJECT_ROW_COLUMNS) as ProjectSerializer gives those
    projects (the same dicts, keys in its order): the related rows read per page, one query per
    prefetch of `queryset` (its filters and order), as tuples. tests/api/test_rows.py compares
    the two."""
    ids = [row["id"] for row in rows]
    themes = page_related(queryset, "themes", ids, "slug")
    sdgs = page_related(queryset, "sdgs", ids, "pk")
    participants = page_related(queryset, "participant_list", ids, "organisation__slug", "role")
    results = page_related(queryset, "result_list", ids, *RESULT_COLUMNS)
    none: list = []
    return [
        {
            "slug": row["slug"],
            "title": row["title"],
            "acronym": row["acronym"],
            "network": row["network__slug"],
            "description": row["description"],
            "themes": [slug for (slug,) in themes.get(row["id"], none)],
            "sdgs": [number for (number,) in sdgs.get(row["id"], none)],
            "start": _date(row["start"]),
            "end": _date(row["end"]),
            "date_precision": row["date_precision"],
            "status": row["status"],
            "participants": [
                {"organisation": organisation, "role": role}
                for organisation, role in participants.get(row["id"], none)
            ],
            "results": [
                _result_row(ProjectResult(**dict(zip(RESULT_COLUMNS, values, strict=True))))
                for values in results.get(row["id"], none)
            ],
            "links": link_lines(row["links"]),
            "reported_in": report_years(row["reported_in"]),
            "updated_at": _date_time(row["updated_at"]),
        }
        for row in rows
    ]


RESULT_COLUMNS = ("label", "value", "qualifier", "unit", "kind", "year", "reported_in", "source")


def _result_row(result: ProjectResult) -> dict:
    """A result as ProjectResultSerializer gives it."""
    return {
        "label": result.label,
        "value": result.value,
        "qualifier": result.qualifier,
        "unit": result.unit,
        "kind": result.kind,
        "year": result.year,
        "display": result.display,
        "reported_in": report_years(result.reported_in),
        "source": public_source(result.source),
    }


PROJECT_ROW_COLUMNS = ("id", *(column for column in PROJECT_COLUMNS if column != "network"))


class ProjectViewSet(RowsListMixin, ReadOnlyViewSet):
    queryset = Project.objects.none()
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter

    def get_queryset(self):
        return narrowed(
            queries.project_detail_queryset(),
            PROJECT_COLUMNS,
            participant_list=("project", "role", *of("organisation", "slug")),
            themes=("slug",),
        )

    def list_rows(self, queryset):
        return queryset.prefetch_related(None).values(*PROJECT_ROW_COLUMNS)

    def rows_data(self, queryset, rows):
        return project_rows(queryset, rows)


class PairingViewSet(ReadOnlyViewSet):
    queryset = CityPairing.objects.none()
    serializer_class = PairingSerializer
    filterset_class = PairingFilter

    def get_queryset(self):
        # Visits and agreements are read as rows of one query, after paging (paginate_queryset)
        # or for the one record (get_object).
        return narrowed(
            queries.published_pairings().order_by("programme__title", "first__name", "pk"),
            PAIRING_COLUMNS,
            without=("visit_list", "agreements"),
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            page = list(page)
            queries.attach_visit_and_agreement_rows(page)
        return page

    def get_object(self):
        pairing = super().get_object()
        queries.attach_visit_and_agreement_rows([pairing])
        return pairing


class ThemeViewSet(PublicReadViewSet):
    queryset = Theme.objects.none()
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    read_query = staticmethod(queries.published_themes)


class SDGViewSet(PublicReadViewSet):
    queryset = SDG.objects.none()
    serializer_class = SDGSerializer
    pagination_class = None
    read_query = staticmethod(SDG.objects.all)


def register(router):
    router.register("networks", NetworkViewSet, basename="network")
    router.register("members", MemberViewSet, basename="member")
    router.register("governance", GovernanceViewSet, basename="governance")
    router.register("people", PersonViewSet, basename="person")
    router.register("projects", ProjectViewSet, basename="project")
    router.register("pairings", PairingViewSet, basename="pairing")
    router.register("themes", ThemeViewSet, basename="theme")
    router.register("sdgs", SDGViewSet, basename="sdg")

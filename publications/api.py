"""API v1 for publications: published publications with their editions (JSON or CSV), and writes
for staff with a token.

Editions carry a BCP 47 language, their date, the publishing and translating offices, the
absolute address of the uploaded PDF (or the link where the edition is published), size and
pages. Writes go through publications.services.publication_save, as the admin's and a
spreadsheet's do: the same rules and messages (each edition needs a file or a link, one edition
per language, the models' full_clean()), then the cover. PDFs are uploaded in the admin.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from core.api import (
    PUBLIC,
    AnonymousReadThrottle,
    CSVExportMixin,
    DirectFieldsMixin,
    JoinedField,
    PageField,
    PublicSlugField,
    PublicSourceField,
    ReportYearsField,
    ReportYearsTextField,
    RowsListMixin,
    ServiceWriteSerializer,
    SlugChoiceField,
    SlugIdentityField,
    SlugListField,
    narrowed,
    of,
    page_related,
    public_column,
    public_slug,
    report_years,
    slug_url,
)
from core.partial_dates import Precision, entered_text
from core.provenance import public_source
from network.models import SDG, Network, Organisation, Project, Theme
from publications import queries, services
from publications.filters import PublicationFilter
from publications.languages import language_name
from publications.models import PersonRole, Publication, Series, download_path
from publications.services import MANY_TO_MANY
from staff.api import StaffWriteMixin


def absolute(request, file) -> str | None:
    return request.build_absolute_uri(file.url) if file else None


def download(request, edition, publication=None) -> str | None:
    """An edition's PDF, through the download view that checks the publication; never /media/."""
    if not edition.file:
        return None
    return request.build_absolute_uri(edition.download_url(publication))


# The fields a publication is read and written by alike, in the order both list them.
SHARED_FIELDS = [
    "title",
    "kind",
    "series",
    "issue",
    "summary",
    "networks",
    "projects",
    "organisations",
    "themes",
    "sdgs",
]


# --- Read serializers ---------------------------------------------------------------------------


class EditionSerializer(serializers.Serializer):
    language = serializers.CharField(help_text="BCP 47 code: en, zh-hans, ko; 'und' if unknown.")
    language_name = serializers.CharField()
    is_summary = serializers.BooleanField()
    title = serializers.CharField(source="display_title")
    date = serializers.DateField(allow_null=True)
    date_precision = serializers.ChoiceField(choices=Precision.choices)
    publisher = PublicSlugField()
    translated_by = PublicSlugField()
    file = serializers.SerializerMethodField(
        help_text="Absolute address of the PDF's download (checked: published only), if uploaded."
    )
    link = serializers.CharField(help_text="Where the edition is published elsewhere, or ''.")
    size = serializers.IntegerField(source="file_size", allow_null=True, help_text="Bytes.")
    pages = serializers.IntegerField(source="page_count", allow_null=True)

    def get_file(self, edition) -> str | None:
        return download(self.context["request"], edition)

    def to_representation(self, edition):
        """The dict DRF's fields give (the same keys, order and values, as a test checks),
        written out: an API page of 100 publications holds about 200 editions, each read
        through a dozen fields' machinery otherwise. Dates in ISO 8601 (settings' DATE_FORMAT)."""
        date = edition.date
        return {
            "language": edition.language,
            "language_name": str(language_name(edition.language)),
            "is_summary": bool(edition.is_summary),
            "title": edition.title or edition.publication.title,
            "date": None if date is None else date.isoformat(),
            "date_precision": edition.date_precision,
            "publisher": public_slug(edition.publisher),
            "translated_by": public_slug(edition.translated_by),
            "file": download(self.context["request"], edition),
            "link": edition.link,
            "size": edition.file_size,
            "pages": edition.page_count,
        }


class CreditSerializer(DirectFieldsMixin, serializers.Serializer):
    person = serializers.CharField(source="person.slug")
    name = serializers.CharField(source="person.name")
    role = serializers.ChoiceField(choices=PersonRole.choices)


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "integer",
            "maximum": 9223372036854775807,
            "minimum": 0,
            "format": "int64",
        },
        "readOnly": True,
    }
)
class NumberListField(serializers.Field):
    """The primary keys (SDG numbers) of the records in `source`, a prefetched list."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, records):
        return [record.pk for record in records]


class AnnexSerializer(DirectFieldsMixin, serializers.Serializer):
    """A part annexed to the publication, as its page lists it."""

    label = serializers.CharField(help_text="As printed: 'Annex I'.")
    title = serializers.CharField()
    publication = PublicSlugField(help_text="The annex as a publication of its own, if published.")
    event = PublicSlugField(help_text="The event it reports on, if published.")
    project = PublicSlugField(help_text="The project it is about, if published.")
    source = PublicSourceField()


class PublicationSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    url = SlugIdentityField("api:publication-detail")
    page = PageField("publications:publication-detail", help_text="The publication's public page.")
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    networks = SlugListField(source="network_list")
    projects = SlugListField(source="project_list")
    organisations = SlugListField(source="organisation_list")
    themes = SlugListField(source="theme_list")
    sdgs = NumberListField(source="sdg_list")
    credits = CreditSerializer(source="credit_list", many=True, read_only=True)
    cover = serializers.SerializerMethodField(help_text="Absolute address of the cover image.")
    editions = EditionSerializer(source="edition_list", many=True, read_only=True)
    annexes = AnnexSerializer(
        source="annex_list",
        many=True,
        read_only=True,
        help_text="The parts annexed to it (the NEASPEC note's Annex I, II), in order.",
    )
    reported_in = ReportYearsField(read_only=True)

    class Meta:
        model = Publication
        fields = [
            "slug",
            "url",
            "page",
            *SHARED_FIELDS,
            "credits",
            "cover",
            "editions",
            "annexes",
            "reported_in",
            "updated_at",
        ]

    def get_cover(self, publication) -> str | None:
        return absolute(self.context["request"], publication.cover_large)


class PublicationCSVSerializer(DirectFieldsMixin, serializers.ModelSerializer):
    """One flat row per publication; editions as 'language:date:address' joined by '; '."""

    series = serializers.CharField(source="series.name", default="")
    networks = JoinedField(source="network_list")
    languages = serializers.SerializerMethodField()
    latest_date = serializers.DateField(source="latest_edition", allow_null=True)
    editions = serializers.SerializerMethodField()
    page = PageField("publications:publication-detail")
    reported_in = ReportYearsTextField()

    class Meta:
        model = Publication
        fields = [
            "slug",
            "title",
            "kind",
            "series",
            "issue",
            "networks",
            "languages",
            "latest_date",
            "editions",
            "updated_at",
            "page",
            # Added last, so that spreadsheets reading the columns by position keep working.
            "reported_in",
        ]

    def get_languages(self, publication) -> str:
        return "; ".join(dict.fromkeys(e.language for e in publication.edition_list))

    def get_editions(self, publication) -> str:
        request = self.context["request"]
        return "; ".join(
            # The date as entered (2022-12, 2022-Q4, 2022), not an invented first day.
            f"{e.language}:{entered_text(e.date, e.date_precision)}:"
            f"{download(request, e, publication) or e.link}"
            for e in publication.edition_list
        )


# --- Write serializers --------------------------------------------------------------------------


class EditionWriteSerializer(serializers.Serializer):
    language = serializers.CharField(max_length=35, help_text="BCP 47 code: en, zh-hans, ko.")
    is_summary = serializers.BooleanField(required=False, default=False)
    title = serializers.CharField(required=False, allow_blank=True, default="")
    date = serializers.DateField(required=False, allow_null=True, default=None)
    date_precision = serializers.ChoiceField(
        choices=Precision.choices, required=False, default=Precision.MONTH
    )
    publisher = SlugChoiceField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    translated_by = SlugChoiceField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    link = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    order = serializers.IntegerField(required=False, default=0, min_value=0, max_value=32767)


class PublicationWriteSerializer(ServiceWriteSerializer):
    """What staff send to create or change a publication. `editions`, when given, are matched to
    the publication's own by language and summary: matching ones are updated (an uploaded PDF
    stays), new ones created, and the ones not listed removed."""

    series = SlugChoiceField(queryset=Series.objects.all(), required=False, allow_null=True)
    networks = SlugChoiceField(queryset=Network.objects.all(), many=True, required=False)
    projects = SlugChoiceField(queryset=Project.objects.all(), many=True, required=False)
    organisations = SlugChoiceField(queryset=Organisation.objects.all(), many=True, required=False)
    themes = serializers.PrimaryKeyRelatedField(
        queryset=Theme.objects.all(), many=True, required=False
    )
    sdgs = serializers.PrimaryKeyRelatedField(queryset=SDG.objects.all(), many=True, required=False)
    editions = EditionWriteSerializer(many=True, required=False)
    reported_in = ReportYearsField()

    # The write service sets the relations and the editions, then the cover.
    service_fields = (*MANY_TO_MANY, "editions")

    class Meta:
        model = Publication
        fields = [
            "slug",
            *SHARED_FIELDS,
            "editions",
            "source",
            "reported_in",
            "internal_note",
            "is_published",
            "publish_at",
        ]
        extra_kwargs = {"slug": {"required": False}}
        validators = []  # the models' full_clean() checks uniqueness, with the admin's messages

    def to_representation(self, publication):
        """The publication in the shape it is written (pre-fills the browsable API's form)."""
        data = {
            "slug": publication.slug,
            "title": publication.title,
            "kind": publication.kind,
            "series": publication.series.slug if publication.series else None,
            "issue": publication.issue,
            "summary": publication.summary,
            "source": publication.source,
            "reported_in": report_years(publication.reported_in),
            "internal_note": publication.internal_note,
            "is_published": publication.is_published,
            "publish_at": publication.publish_at,
        }
        if publication.pk:
            data["networks"] = [n.slug for n in publication.networks.all()]
            data["editions"] = [
                {"language": e.language, "is_summary": e.is_summary, "link": e.link}
                for e in publication.editions.all()
            ]
        return data

    def save_with(self, publication, **related):
        return services.publication_save(publication=publication, **related)


# --- Viewset ------------------------------------------------------------------------------------

# The columns the read serializers show (core.api.narrowed).
PUBLICATION_COLUMNS = (
    "slug",
    "title",
    "kind",
    "issue",
    "summary",
    "cover_large",
    "latest_edition_date",
    "reported_in",
    "updated_at",
    *of("series", "slug", "name"),
)
EDITION_COLUMNS = (
    "publication",
    "language",
    "is_summary",
    "title",
    "date",
    "date_precision",
    "file",
    "link",
    "file_size",
    "page_count",
    *of("publisher", "slug", *PUBLIC),
    *of("translated_by", "slug", *PUBLIC),
)


# The publication columns PublicationSerializer shows, read as values (publication_rows).
ROW_COLUMNS = (
    "id",
    "slug",
    "title",
    "kind",
    "series_id",
    "series__slug",
    "issue",
    "summary",
    "cover_large",
    "reported_in",
    "updated_at",
)

_date_time = serializers.DateTimeField().to_representation


def publication_rows(queryset, rows, request) -> list[dict]:
    """A page of `queryset.values(*ROW_COLUMNS)` as PublicationSerializer gives those
    publications (the same dicts, keys in its order): the related rows read per page, one query
    per prefetch of `queryset` (its filters and order), as tuples. tests/api/test_rows.py
    compares the two."""
    ids = [row["id"] for row in rows]
    networks = page_related(queryset, "network_list", ids, "slug")
    projects = page_related(queryset, "project_list", ids, "slug")
    organisations = page_related(queryset, "organisation_list", ids, "slug")
    themes = page_related(queryset, "theme_list", ids, "slug")
    sdgs = page_related(queryset, "sdg_list", ids, "pk")
    credits = page_related(queryset, "credit_list", ids, "person__slug", "person__name", "role")
    editions = page_related(
        queryset,
        "edition_list",
        ids,
        "pk",
        "language",
        "is_summary",
        "title",
        "date",
        "date_precision",
        public_column("publisher"),
        public_column("translated_by"),
        "file",
        "link",
        "file_size",
        "page_count",
    )
    annexes = page_related(
        queryset,
        "annex_list",
        ids,
        "label",
        "title",
        public_column("publication"),
        public_column("event"),
        public_column("project"),
        "source",
    )
    cover_storage = Publication._meta.get_field("cover_large").storage
    build = request.build_absolute_uri
    none: list = []
    data = []
    for row in rows:
        pk = row["id"]
        slug = row["slug"]
        title = row["title"]
        cover = row["cover_large"]
        data.append(
            {
                "slug": slug,
                "url": slug_url(request, "api:publication-detail", slug),
                "page": slug_url(request, "publications:publication-detail", slug),
                "title": title,
                "kind": row["kind"],
                "series": None if row["series_id"] is None else row["series__slug"],
                "issue": row["issue"],
                "summary": row["summary"],
                "networks": [slug for (slug,) in networks.get(pk, none)],
                "projects": [slug for (slug,) in projects.get(pk, none)],
                "organisations": [slug for (slug,) in organisations.get(pk, none)],
                "themes": [slug for (slug,) in themes.get(pk, none)],
                "sdgs": [number for (number,) in sdgs.get(pk, none)],
                "credits": [
                    {"person": person, "name": name, "role": role}
                    for person, name, role in credits.get(pk, none)
                ],
                "cover": build(cover_storage.url(cover)) if cover else None,
                "editions": [
                    {
                        "language": language,
                        "language_name": str(language_name(language)),
                        "is_summary": bool(is_summary),
                        "title": edition_title or title,
                        "date": None if date is None else date.isoformat(),
                        "date_precision": precision,
                        "publisher": publisher,
                        "translated_by": translated_by,
                        "file": build(download_path(slug, edition)) if file else None,
                        "link": link,
                        "size": size,
                        "pages": pages,
                    }
                    for (
                        edition,
                        language,
                        is_summary,
                        edition_title,
                        date,
                        precision,
                        publisher,
                        translated_by,
                        file,
                        link,
                        size,
                        pages,
                    ) in editions.get(pk, none)
                ],
                "annexes": [
                    {
                        "label": label,
                        "title": annex_title,
                        "publication": publication,
                        "event": event,
                        "project": project,
                        "source": public_source(source),
                    }
                    for label, annex_title, publication, event, project, source in annexes.get(
                        pk, none
                    )
                ],
                "reported_in": report_years(row["reported_in"]),
                "updated_at": _date_time(row["updated_at"]),
            }
        )
    return data


def with_annexes(queryset):
    """`queryset` with each publication's annexes in `annex_list`, in order, with the records
    they are or report on (a draft one reads as null). The portal app declares the annex model
    (related name `annexes`); this app reads it through that relation without importing portal,
    which lies above it."""
    annex = Publication._meta.get_field("annexes").related_model
    return queryset.prefetch_related(
        Prefetch(
            "annexes",
            queryset=annex.objects.select_related("publication", "event", "project").order_by(
                "order", "pk"
            ),
            to_attr="annex_list",
        )
    )


class PublicationViewSet(StaffWriteMixin, RowsListMixin, CSVExportMixin, viewsets.ModelViewSet):
    """Published publications with their editions (`?format=csv`). Staff with a token may write."""

    model = Publication
    queryset = Publication.objects.none()
    serializer_class = PublicationSerializer
    write_serializer_class = PublicationWriteSerializer
    csv_serializer_class = PublicationCSVSerializer
    filterset_class = PublicationFilter
    throttle_classes = [AnonymousReadThrottle]
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def read_queryset(self, base):
        return narrowed(
            with_annexes(queries.with_detail_joins(queries.with_card_joins(base))),
            PUBLICATION_COLUMNS,
            network_list=("slug",),
            edition_list=EDITION_COLUMNS,
            credit_list=("publication", "role", *of("person", "slug", "name")),
            project_list=("slug",),
            organisation_list=("slug",),
            theme_list=("slug",),
        )

    all_published = True  # read_queryset() filters nothing: Model.objects.published()

    def list_rows(self, queryset):
        return queryset.prefetch_related(None).values(*ROW_COLUMNS)

    def rows_data(self, queryset, rows):
        return publication_rows(queryset, rows, self.request)


def register(router):
    router.register("publications", PublicationViewSet, basename="publication")

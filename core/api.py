"""API building blocks every app's API uses: read-only viewsets, throttling, permissions, the
model's validation as a 400, ?format= negotiation and CSV export, and the serializer fields that
show a related record the same way everywhere (its slug if published, its page, a list of slugs)."""

import copy
import csv
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections
from django.db.models import Case, F, Func, IntegerField, Prefetch, Subquery, Value, When
from django.db.models.query_utils import DeferredAttribute
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.fields import SkipField
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import (
    SAFE_METHODS,
    AllowAny,
    DjangoModelPermissionsOrAnonReadOnly,
)
from rest_framework.relations import HyperlinkedIdentityField, PKOnlyObject
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework_csv.renderers import CSVRenderer

from core.client_address import client_address
from core.provenance import public_source
from core.publishing import published_q, unpublished_q
from core.spreadsheet_cells import defused
from core.time_scope import parse_years, stored_years, years_text


class AnonymousReadThrottle(AnonRateThrottle):
    """Anonymous rate limit, read from settings at request time (so it can be configured),
    counted per client address as the login lockout counts (core.client_address: DRF's own
    would take X-Forwarded-For from anyone), in the default cache, which every worker shares."""

    def get_rate(self):
        return settings.API_ANONYMOUS_RATE

    def get_ident(self, request):
        return client_address(request)


class StaffModelPermissions(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone reads; writing needs an active staff account with the model's add/change/delete
    permission, exactly as in the admin."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            # What DjangoModelPermissions answers for a read (no permission required), without
            # building the view's queryset to learn its model (the read query of a list, with
            # its prefetches, a second time per request).
            return True
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


class ServiceWriteSerializer(serializers.ModelSerializer):
    """A staff write of a record through its app's write service.

    The record's own fields are set as sent; the fields named in `service_fields` (dates as
    text, relations) go to `save_with()`, the service, which runs every rule. Its
    ValidationError answers 400 naming each field, with the admin's messages.
    """

    service_fields: tuple[str, ...] = ()

    def save_with(self, record, **service_data):
        raise NotImplementedError

    def create(self, validated_data):
        return self._save(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, record, data):
        service_data = {name: data.pop(name) for name in self.service_fields if name in data}
        for name, value in data.items():
            setattr(record, name, value)
        try:
            return self.save_with(record, **service_data)
        except DjangoValidationError as error:
            raise as_api_errors(error) from None


def public_slug(related) -> str | None:
    """The slug of a related record, or None when it is missing or not published."""
    return related.slug if related is not None and related.is_public else None


# What CharField and IntegerField do in to_representation(), without the method call.
_DIRECT_CONVERSIONS = {
    serializers.CharField.to_representation: str,
    serializers.IntegerField.to_representation: int,
}


class DirectFieldsMixin:
    """A read serializer's to_representation(), the same dict as DRF's, quicker per row.

    DRF reads every field through Field.get_attribute(), which walks the source path and tests
    whether each value is callable: for a list of 100 records with 20 fields and nested ones,
    tens of thousands of calls (a third of an API page). Here a field whose source is one column
    of the record's model (a model field's descriptor on its class: a stored value, never a
    method) is read with getattr(), and a CharField or IntegerField converted by str() or
    int(), as their to_representation() does; every other field (dotted sources, relations,
    methods, `*`) goes DRF's way. The plan is made once per serializer and record class."""

    def to_representation(self, instance):
        plans = self.__dict__.setdefault("_direct_plans", {})
        plan = plans.get(type(instance))
        if plan is None:
            plan = plans[type(instance)] = self._direct_plan(type(instance))
        ret = {}
        for name, attr, field, convert in plan:
            if attr is not None:
                value = getattr(instance, attr)
                ret[name] = None if value is None else convert(value)
                continue
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            ret[name] = None if check_for_none is None else field.to_representation(attribute)
        return ret

    def _direct_plan(self, record_class) -> list[tuple]:
        plan = []
        for field in self._readable_fields:
            attrs = field.source_attrs
            column = len(attrs) == 1 and isinstance(
                getattr(record_class, attrs[0], None), DeferredAttribute
            )
            if column:
                method = type(field).to_representation
                convert = _DIRECT_CONVERSIONS.get(method, field.to_representation)
                plan.append((field.field_name, attrs[0], field, convert))
            else:
                plan.append((field.field_name, None, field, None))
        return plan


class _ReadOnlyField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


# A slug that stands for every slug in an address reversed once per request (see slug_url).
_SLUG_MARK = "SLUG-MARK-9d2c"
# What django.urls.reverse() leaves unquoted in an address.
_PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"


def slug_url(request, view_name: str, slug: str) -> str:
    """request.build_absolute_uri(reverse(view_name, kwargs={"slug": slug})), the same string,
    with the address reversed once per request and view: a list of 100 records reversed it 100
    times per address field (about 10 ms of an API page). The slug is quoted as reverse()
    quotes it; a slug reverse() could refuse (empty, or holding a "/") goes through reverse()."""
    if not slug or "/" in slug:
        return request.build_absolute_uri(reverse(view_name, kwargs={"slug": slug}))
    templates = request.__dict__.setdefault("_slug_url_templates", {})
    if view_name not in templates:
        url = request.build_absolute_uri(reverse(view_name, kwargs={"slug": _SLUG_MARK}))
        templates[view_name] = url.split(_SLUG_MARK) if url.count(_SLUG_MARK) == 1 else None
    template = templates[view_name]
    if template is None:
        return request.build_absolute_uri(reverse(view_name, kwargs={"slug": slug}))
    return quote(slug, safe=_PATH_SAFE).join(template)


class SlugIdentityField(HyperlinkedIdentityField):
    """The record's address in the API (`view_name`, by its slug), as HyperlinkedIdentityField
    gives it, made by slug_url(). A format suffix (`.json`) in the request's address takes
    HyperlinkedIdentityField's own way, which keeps it in the links."""

    def __init__(self, view_name, **kwargs):
        kwargs.setdefault("lookup_field", "slug")
        super().__init__(view_name=view_name, **kwargs)

    def get_url(self, obj, view_name, request, format):
        if format or request is None or self.lookup_url_kwarg != "slug":
            return super().get_url(obj, view_name, request, format)
        if hasattr(obj, "pk") and obj.pk in (None, ""):
            return None
        return slug_url(request, view_name, getattr(obj, self.lookup_field))


@extend_schema_field(OpenApiTypes.STR)
class PageField(_ReadOnlyField):
    """The absolute address of the record's public page: its model's get_absolute_url(), or,
    when `view_name` is given, that view with its slug (the same address, by slug_url(): the
    model's get_absolute_url() must be reverse(view_name, kwargs={"slug": slug}), which
    tests/api/test_list_speed.py checks for every list)."""

    def __init__(self, view_name: str | None = None, **kwargs):
        self.view_name = view_name
        super().__init__(source="*", **kwargs)

    def to_representation(self, record):
        request = self.context["request"]
        if self.view_name is None:
            return request.build_absolute_uri(record.get_absolute_url())
        return slug_url(request, self.view_name, record.slug)


@extend_schema_field({"type": "string", "nullable": True})
class PublicSlugField(_ReadOnlyField):
    """The slug of the related record `source` if it is published, else None (empty in CSV)."""

    def to_representation(self, related):
        return public_slug(related)


class SlugChoiceField(serializers.SlugRelatedField):
    """A related record named by its slug in a write (`slug_field` "slug" unless given), or
    given as the read API shows it, an object with its `slug` (an event's `series`), so that a
    record read and written back is unchanged.

    A slug holding a NUL character names no record: it is refused before the lookup, which
    PostgreSQL would refuse with an error (it takes no NUL in any string), a 500."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, dict) and "slug" in data:
            data = data["slug"]  # the record as the read API shows it ({"slug", "name"})
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


def report_years(value) -> list[int]:
    """A record's stored `reported_in` ("2020 2022") as the API gives it: [2020, 2022]."""
    return list(stored_years(value))


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "integer", "minimum": 1900, "maximum": 2100},
        "description": (
            "The years of the annual reports that list the record (core.time_scope), e.g. "
            "[2020, 2022]: without dates of its own it counts for those years and the years "
            'between. Written as the same list or as text ("2020, 2022"); [] or "" for none.'
        ),
        "example": [2020, 2022],
    }
)
class ReportYearsField(serializers.Field):
    """`reported_in`, the report years of a time-scoped record, as a list of integers, read and
    written alike; a write also takes the text staff type ("2020, 2022"). The years are parsed
    by core.time_scope.parse_years, the model field's own rule, with its message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return report_years(value)

    def to_internal_value(self, data):
        if isinstance(data, bool | dict):
            raise serializers.ValidationError(
                _("Give the report years as a list of years or as text, e.g. 2020, 2022.")
            )
        try:
            return years_text(parse_years(data))
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class ReportYearsTextField(_ReadOnlyField):
    """`reported_in` in a CSV cell, as staff type it and the spreadsheets write it: "2020, 2022"."""

    def to_representation(self, value):
        return ", ".join(str(year) for year in report_years(value))


class PublicSourceField(serializers.CharField):
    """A record's `source` as the public reads it (core.provenance.public_source): the source
    document's title and any page or section, without the extraction's line numbers. Every
    read serializer uses it, so a JSON or CSV reader gets what the page shows; the stored value
    stays in the admin and the staff-only write API."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "The source document's title (and page or section).")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return public_source(value)


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SlugListField(_ReadOnlyField):
    """The slugs of the records in `source`, a list the read query prefetched (published only)."""

    def to_representation(self, records):
        return [record.slug for record in records]


class JoinedField(_ReadOnlyField):
    """A CSV cell of several values: `attribute` of each record in `source`, joined by '; '."""

    def __init__(self, attribute: str = "slug", **kwargs):
        self.attribute = attribute
        super().__init__(**kwargs)

    def to_representation(self, records):
        return "; ".join(getattr(record, self.attribute) for record in records)


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


# Rows read, serialised and sent per step of a CSV export: the memory an export holds and the
# size of the IN lists of its prefetches; the queries grow per chunk, never per row.
CSV_CHUNK_SIZE = 500


class _Line:
    """A file-like object whose write() hands back the line csv.writer gives it."""

    def write(self, line):
        return line


class ListCSVRenderer(CSVRenderer):
    """?format=csv on a list: every matching row (no pagination), one flat row per record.

    A text cell that a spreadsheet program would run as a formula (`=…`, `@…`) is written as
    text (core.spreadsheet_cells); numbers stay numbers."""

    format = "csv"
    media_type = "text/csv"

    def tablize(self, data, header=None, labels=None):
        for row in super().tablize(data, header=header, labels=labels):
            yield [defused(cell) for cell in row]


class CSVExportMixin:
    """Adds ?format=csv to a list viewset, with a flat serializer and without pagination.

    The export is streamed: the header row, then the filtered list in its order, read and
    serialised CSV_CHUNK_SIZE rows at a time (the queryset's prefetches run per chunk), so that
    neither memory nor the size of a query grows with the table. The filters are checked before
    the first byte: a bad value is a 400 in JSON, as for any format."""

    csv_serializer_class = None
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, ListCSVRenderer]

    def list(self, request, *args, **kwargs):
        if not self.wants_csv():
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        self.paginate_queryset(queryset)  # checks the paging parameters, pages nothing
        renderer = request.accepted_renderer
        header = self.get_renderer_context()["header"]
        response = StreamingHttpResponse(
            self.csv_lines(queryset, renderer, header),
            content_type=f"{renderer.media_type}; charset={settings.DEFAULT_CHARSET}",
        )
        return response

    def csv_lines(self, queryset, renderer, header):
        """The header line, then one string of lines per chunk of the list."""
        writer = csv.writer(_Line())
        yield writer.writerow(header)
        chunk = []
        for record in queryset.iterator(chunk_size=CSV_CHUNK_SIZE):
            chunk.append(record)
            if len(chunk) == CSV_CHUNK_SIZE:
                yield self.csv_chunk(chunk, renderer, header, writer)
                chunk = []
        if chunk:
            yield self.csv_chunk(chunk, renderer, header, writer)

    def csv_chunk(self, records, renderer, header, writer):
        data = self.get_serializer(records, many=True).data
        rows = renderer.tablize(data, header=header)
        next(rows)  # tablize() begins with the header, written once at the top
        return "".join(writer.writerow(row) for row in rows)

    def wants_csv(self):
        renderer = getattr(self.request, "accepted_renderer", None)
        return renderer is not None and renderer.format == "csv"

    def paginate_queryset(self, queryset):
        if not self.wants_csv():
            return super().paginate_queryset(queryset)
        # Every row, but the paging parameters are still checked, as the schema says for any
        # format: `?format=csv&page_size=true` is a 400, as without format=csv.
        paginator = self.paginator
        if paginator is not None and hasattr(paginator, "check_parameters"):
            paginator.check_parameters(self.request)
        return None

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


# The columns of a joined record that may be a draft: its is_public (published_joined hides it).
PUBLIC = ("is_published", "publish_at")


def of(relation: str, *columns: str) -> tuple[str, ...]:
    """`columns` of the joined record `relation`, with the relation itself (for narrowed())."""
    return (relation, *(f"{relation}__{column}" for column in columns))


def narrowed(
    queryset,
    columns: tuple[str, ...] = (),
    *,
    without: tuple[str, ...] = (),
    **prefetched: tuple[str, ...],
):
    """`queryset`, a list's read function's answer, reading only what its API list shows:
    `columns` of its rows (with `a__b` for a joined record's), and of each prefetch named by its
    lookup or to_attr in `prefetched`; the prefetches named in `without` (a page shows them, the
    API does not) are left out. The records, their order, joins and filters (published only)
    stay the read function's; the model instances are fewer and smaller (an API page of 100
    events or terms builds thousands, each converting every date-time column it holds).

    A column left out but read later would be a query per row: tests/test_query_counts.py
    counts every list at 1 and at 30 rows."""
    lookups = []
    for lookup in queryset._prefetch_related_lookups:
        name = lookup.prefetch_to if isinstance(lookup, Prefetch) else lookup
        if name in without:
            continue
        if isinstance(lookup, str) and lookup in prefetched:
            model = queryset.model._meta.get_field(lookup).related_model
            lookup = Prefetch(lookup, queryset=model._default_manager.only(*prefetched[lookup]))
        elif (
            isinstance(lookup, Prefetch)
            and lookup.queryset is not None
            and lookup.prefetch_to in prefetched
        ):
            lookup = copy.copy(lookup)
            lookup.queryset = lookup.queryset.only(*prefetched[lookup.prefetch_to])
        lookups.append(lookup)
    queryset = queryset.prefetch_related(None).prefetch_related(*lookups)
    return queryset.only(*columns) if columns else queryset


class PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    """Anyone may read; there is nothing to write through these endpoints."""

    permission_classes = [AllowAny]
    throttle_classes = [AnonymousReadThrottle]
    # The list's function of its app's read layer (published records with the joins the
    # serializer needs), called per request as the list's page calls it.
    read_query = None

    def get_queryset(self):
        return self.read_query()


class ReadOnlyViewSet(PublicReadViewSet):
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"  # Unicode slugs


def public_column(relation: str, column: str = "slug"):
    """`column` of the record the foreign key `relation` joins, or None when there is none or it
    is not published (the condition of published(), core.publishing.published_q): in a values()
    read, what PublicSlugField gives of a record published_joined() joined."""
    return Case(
        When(published_q(f"{relation}__"), then=F(f"{relation}__{column}")), default=Value(None)
    )


def page_related(queryset, name: str, ids, *columns) -> dict[int, list[tuple]]:
    """For the prefetch `name` (its lookup or to_attr) of `queryset`, a list's read query: the
    `columns` (names or expressions) of the related rows of the records `ids` (a page), as
    tuples, per record id, with the prefetch's own filters (published only) and order. One
    query of tuples, not the model instances prefetch_related() builds."""
    for lookup in queryset._prefetch_related_lookups:
        to = lookup.prefetch_to if isinstance(lookup, Prefetch) else lookup
        if to == name:
            break
    else:
        raise LookupError(f"{queryset.model.__name__} has no prefetch {name!r}")
    through = lookup.prefetch_through if isinstance(lookup, Prefetch) else lookup
    field = queryset.model._meta.get_field(through)
    related = lookup.queryset if isinstance(lookup, Prefetch) else None
    if related is None:
        related = field.related_model._default_manager.all()
    # Filtered by the ids as numbers (`…__id__in`, `…_id__in`), not as records: the same SQL.
    if field.many_to_many and not field.auto_created:
        key = field.related_query_name()  # a many-to-many field of the record's own
        pk = queryset.model._meta.pk.name
        rows = related.filter(**{f"{key}__{pk}__in": ids}).values_list(key, *columns)
    elif field.one_to_many:
        key = field.field.attname  # a foreign key to the record, on the related model
        rows = related.filter(**{f"{key}__in": ids}).values_list(key, *columns)
    else:
        raise ValueError(f"{name!r} is not a list of related records")
    found: dict[int, list[tuple]] = {}
    for record_id, *values in rows:
        found.setdefault(record_id, []).append(tuple(values))
    return found


def _count(queryset) -> Subquery:
    """COUNT(*) of `queryset` as a scalar subquery."""
    return Subquery(
        queryset.order_by()
        .annotate(rows=Func(template="COUNT(*)", output_field=IntegerField()))
        .values("rows")
    )


def published_count(model) -> int:
    """model.objects.published().count(), counted as every record minus the unpublished few:
    SQLite counts a whole table from its b-tree without reading a row, and finds the few by
    index, where counting the published ones reads an index entry each (7 ms at 40,000 events,
    0.3 ms this way). One query."""
    manager = model._default_manager
    row = (
        manager.order_by()
        .annotate(every=_count(manager.all()), unpublished=_count(manager.filter(unpublished_q())))
        .values_list("every", "unpublished")[:1]
    )
    every, unpublished = next(iter(row), (0, 0))
    return every - unpublished


class _CountedRows:
    """Value rows to page, counted by the read query they come from: a values() query's
    COUNT(*) would keep the joins of its columns (on SQLite, 50 ms more at 40,000 events).
    `whole`: the read query is every published record of its model (no filter)."""

    ordered = True

    def __init__(self, queryset, rows, *, whole: bool = False):
        self.queryset = queryset
        self.rows = rows
        self.whole = whole

    def count(self):
        if self.whole and connections[self.queryset.db].vendor == "sqlite":
            return published_count(self.queryset.model)
        return self.queryset.count()

    def __getitem__(self, index):
        return self.rows[index]


class RowsListMixin:
    # A JSON list written from value rows instead of model instances and serializer fields.
    # `list_rows(queryset)`: the filtered read query as the rows to page (a values() queryset in
    # the list's order); `rows_data(queryset, rows)`: the page's rows as the read serializer
    # gives them (tests/api/test_rows.py compares the two, record by record). CSV, single
    # records and an address with a format suffix (`.json`, kept in the links) stay the
    # serializer's. (Comments, not a docstring: drf-spectacular would take a docstring as the
    # description of a viewset that has none of its own.)

    # False: the list as DRF writes it, through the read serializer (what the tests compare).
    use_rows = True
    # True: the list's read query, unfiltered, is every published record of its model (it
    # filters nothing else), which SQLite counts faster (published_count()).
    all_published = False

    def list_rows(self, queryset):
        raise NotImplementedError

    def rows_data(self, queryset, rows) -> list[dict]:
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        csv = getattr(self, "wants_csv", None)  # CSVExportMixin's
        if not self.use_rows or self.format_kwarg or self.paginator is None or (csv and csv()):
            return super().list(request, *args, **kwargs)
        read = self.get_queryset()
        queryset = self.filter_queryset(read)
        whole = self.all_published and queryset.query.where == read.query.where
        rows = self.paginate_queryset(_CountedRows(queryset, self.list_rows(queryset), whole=whole))
        return self.get_paginated_response(self.rows_data(queryset, rows))

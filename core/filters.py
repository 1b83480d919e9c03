"""Filters shared by the API lists, with their bounds stated in the OpenAPI schema."""

import datetime as dt

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

YEAR_SCHEMA = {"type": "integer", "minimum": 1900, "maximum": 2100}

# The schema is given twice: on the class for plain filters, and by `year_schema` for filters
# with a `method` (drf-spectacular describes those from the method).
year_schema = extend_schema_field(YEAR_SCHEMA)


@year_schema
class YearFilter(django_filters.NumberFilter):
    """A four-digit year; out of range is a 400 naming the parameter (never a date error)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    """`updated_since`: records changed at or after an ISO 8601 date-time.

    The value is turned into UTC before it reaches the database: PostgreSQL refuses offsets
    beyond ±15:59 that ISO 8601 (and Python) accept, which would otherwise be a server error.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is not None:
            try:
                value = value.astimezone(dt.UTC)
            except (OverflowError, ValueError):
                raise ValidationError(
                    {self.field_name: _("This date-time is out of range.")}
                ) from None
        return super().filter(qs, value)


class UpdatedSinceFilterMixin(django_filters.FilterSet):
    updated_since = UpdatedSinceFilter(label=_lazy("Changed at or after (ISO 8601 date-time)"))

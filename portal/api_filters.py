"""Filters shared by the API lists, with their bounds stated in the OpenAPI schema."""

import django_filters
from drf_spectacular.utils import extend_schema_field

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

"""Building blocks of the lists' FilterSets: each list has one FilterSet, which its page, its
feeds and its API list (JSON and CSV) all use, so that the same query gives the same records
and the same answer to a bad value everywhere."""

import datetime as dt
import html

import django_filters
from django import forms
from django.db.models import Exists, Min, OuterRef
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_countries import countries
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from core.text_search import every_word_in

YEAR_MIN, YEAR_MAX = 1900, 2100


def countries_in(public, field: str = "country") -> list[tuple[str, str]]:
    """(code, name) of the countries `field` of `public` holds, named in the visitor's language
    and in their order: the choices of a country filter, computed per request.

    `public` is a queryset of the rows the public may see (published events' places, published
    organisations). Read in one bounded query that never visits every row: the countries any
    row of the table holds (one row per country, from the index on `field`), each kept if one
    row of `public` has it (a probe of the same index that stops at the first match)."""
    rows = public.model._base_manager.exclude(**{field: ""}).order_by()
    one_per_country = rows.values(field).annotate(first=Min("pk")).values("first")
    held = public.filter(**{field: OuterRef(field)}).order_by()
    used = set(
        rows.filter(pk__in=one_per_country).filter(Exists(held)).values_list(field, flat=True)
    )
    return [(code, name) for code, name in countries if code in used]


class YearField(forms.DecimalField):
    """The one rule for a `year` parameter, on pages and in the API: a whole number from
    YEAR_MIN to YEAR_MAX. Anything else is a 400 naming the parameter (never a date error)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        kwargs.setdefault("decimal_places", 0)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return None if value is None else int(value)


@extend_schema_field({"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX})
class YearFilter(django_filters.NumberFilter):
    """A `year` filter by YearField's rule; the schema above holds with or without `method`."""

    field_class = YearField


class YearForm(forms.Form):
    """`?year=` of a page that lists no filterable records (a network's team), by YearField."""

    year = YearField(required=False, label=_lazy("Year"))


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


class TextSearchFilter(django_filters.CharFilter):
    """`q`: records in which every word occurs in one of `fields` (core.text_search)."""

    def __init__(self, *, fields: tuple[str, ...], **kwargs):
        kwargs.setdefault("label", _lazy("Search"))
        kwargs.setdefault("max_length", 200)
        self.search_fields = fields
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return every_word_in(qs, self.search_fields, value)


class OrderingFilter(django_filters.OrderingFilter):
    """`?ordering=`: the fields asked for, then the primary key, so that records of equal value
    keep one order from page to page. When no field is asked for (also "?ordering=,") the list
    keeps the order its query function gives it."""

    def filter(self, qs, value):
        asked = [self.get_ordering_value(v) for v in value or () if v not in EMPTY_VALUES]
        return qs.order_by(*asked, "pk") if asked else qs

    def build_choices(self, fields, labels):
        """django-filter's, with the descending labels translated when shown: its own
        `descending_fmt % label` is made once, at import, in English ("Name (descending)" on a
        Korean page), and its catalogues lack most of the portal's languages."""
        choices = []
        for field, param in fields.items():
            label = labels.get(field, _lazy(pretty_name(param)))
            choices.append((param, label))
            descending = f"-{param}"
            choices.append((descending, labels.get(descending, _descending(label))))
        return choices


def _descending_label(label) -> str:
    return _("%(field)s (descending)") % {"field": label}


_descending = lazy(_descending_label, str)


def _html_attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: ` name` for True, none for False, else ` name="…"`."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def _escape(text) -> str:
    """conditional_escape() without a SafeString per call: hundreds of options a page."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


class QuickSelect(forms.Select):
    """Django's Select, the same HTML, its options written here from the choices instead of by
    a template each (and without the option dicts Select.optgroups() builds): the filter forms'
    themes, regions and countries (hundreds of options) cost a list page a third of its time
    through templates. Every page form's plain Select is drawn by it (ListFilterSet.form)."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        values = set(self.format_value(value))
        has_selected = False
        html = [format_html('<select name="{}"{}>', name, _html_attrs(final_attrs))]
        # As Select.optgroups(): a choice whose label is a list is a group; only the first
        # option matching the value is selected, unless several may be.
        for option_value, option_label in self.choices:
            grouped = isinstance(option_label, (list, tuple))
            if grouped:
                html.append(format_html('\n  <optgroup label="{}">', option_value))
            for sub_value, sub_label in option_label if grouped else [(option_value, option_label)]:
                sub_value = "" if sub_value is None else sub_value
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    sub_value
                ) in values
                has_selected |= selected
                html.append(  # as format_html() would, with the template's own newline
                    f'\n  <option value="{_escape(sub_value)}"{" selected" if selected else ""}>'
                    f"{_escape(sub_label)}</option>\n"
                )
            if grouped:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))


def quick_select(select: forms.Select) -> QuickSelect:
    """A QuickSelect in the place of `select`, with its attributes, choices and state."""
    quick = QuickSelect(attrs=select.attrs, choices=select.choices)
    quick.is_required, quick.is_localized = select.is_required, select.is_localized
    return quick


class ListFilterSet(django_filters.FilterSet):
    """Base of every list's one FilterSet.

    `api_only` names the filters meant for programs (incremental sync, sort keys a page does
    not offer): a page's form (`page_form=True`) leaves them out, and so they do not apply there.
    """

    api_only: tuple[str, ...] = ()

    def __init__(self, data=None, *args, page_form=False, **kwargs):
        self.page_form = page_form
        super().__init__(data, *args, **kwargs)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            if self.page_form:
                for name in self.api_only:
                    form.fields.pop(name, None)
                for field in form.fields.values():
                    if type(field.widget) is forms.Select:
                        field.widget = quick_select(field.widget)
        return self._form


class PublishableFilterSet(ListFilterSet):
    """The FilterSet of a list of publishable records, which carry their time of last change."""

    updated_since = UpdatedSinceFilter(label=_lazy("Changed at or after (ISO 8601 date-time)"))

    api_only = ("updated_since",)

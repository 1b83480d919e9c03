"""The machinery of spreadsheet imports and exports (django-import-export); each record type's
resource lives in its app (network, events, publications) and saves through the app's service.

What staff get, on the admin lists that inherit `SpreadsheetAdminMixin`:
- Export to CSV or XLSX of the records they may see, in the columns the import reads, so an
  exported sheet can be edited and imported back.
- Import from CSV or XLSX in two steps: a dry run shows a preview of every row (new, update,
  unchanged); only when no row fails is "Confirm import" offered. A failing row is named by its
  row in the spreadsheet (the header is row 1) with what is wrong, column by column. The whole
  file is one transaction: when any row fails, nothing is written.
- The same rules as the admin forms and the API: the app's service (the model's own validation,
  the rules derived from it), only the networks the user works for, only publishers publish. A
  column the import does not know is refused, not ignored, so a misspelt heading never drops
  what was typed under it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm
from import_export.results import RowResult

from core.partial_dates import PartialDate
from staff.scope import may_publish, record_networks, user_networks

LIST_SEPARATOR = ";"
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


def cell_text(value) -> str:
    """A cell as text: spreadsheets hand over numbers, dates and None as well as strings."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float | Decimal) and value == int(value):
        return str(int(value))  # a year typed into a spreadsheet arrives as 2022.0
    return str(value).strip()


def split_list(value) -> list[str]:
    return [item.strip() for item in cell_text(value).split(LIST_SEPARATOR) if item.strip()]


def partial_text(day, precision) -> str:
    """A stored partial date as a cell: "2022-10", "2022-Q4"."""
    return PartialDate.of(day, precision).isoformat() if day else ""


# --- Widgets: one cell ↔ one value, with messages an editor understands -------------------------


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value)


class ChoiceWidget(widgets.Widget):
    """A choice by its code ("webinar") or its label ("Webinar"), in any case."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        for code, label in self.choices.choices:
            if text.casefold() in (str(code).casefold(), str(label).casefold()):
                return code
        raise ValueError(
            gettext("'%(value)s' is not one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(self.choices.values)}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).casefold()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(gettext("Write yes or no, not '%(value)s'.") % {"value": cell_text(value)})

    def render(self, value, obj=None, **kwargs):
        return gettext("yes") if value else gettext("no")


class WholeNumberWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).replace(",", "")
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(
                gettext("'%(value)s' is not a whole number.") % {"value": cell_text(value)}
            )
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DateTimeWidget(widgets.Widget):
    """An ISO date and time ("2026-11-24 09:00"), in the site's time zone unless one is given."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            moment = value
        else:
            text = cell_text(value)
            if not text:
                return None
            try:
                moment = dt.datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(
                    gettext("'%(value)s' is not a date and time: write 2026-11-24 09:00.")
                    % {"value": text}
                ) from None
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def column(attribute, widget=None):
    return fields.Field(attribute=attribute, column_name=attribute, widget=widget or TextWidget())


def derived(column_name):
    """A column the resource reads and writes itself (see `import_derived`, `dehydrate_…`)."""
    return fields.Field(column_name=column_name, readonly=True)


INLINE_STYLE = re.compile(r' style="[^"]*"')


class ColumnDiff(resources.Diff):
    """The preview's before/after of each column, derived columns included (the library's own
    diff reads model attributes only and would show them empty)."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = self.columns(resource, instance)

    def compare_with(self, resource, instance):
        self.right = self.columns(resource, instance) if instance is not None else []

    def as_html(self):
        # Without the library's inline colours, which the Content-Security-Policy refuses;
        # <ins> and <del> still mark what the import adds and removes.
        return [mark_safe(INLINE_STYLE.sub("", cell)) for cell in super().as_html()]

    @staticmethod
    def columns(resource, instance):
        return [resource.export_field(field, instance) for field in resource.get_import_fields()]


# --- The shared rules --------------------------------------------------------------------------


class SpreadsheetResource(resources.ModelResource):
    """Column checks, row errors, network scope and the right to publish, for every import.

    Subclasses declare their columns, `required_columns`, and read the derived ones (several
    cells, related records) in `import_derived(instance, row, errors)`.
    """

    required_columns: tuple[str, ...] = ()
    publication_columns = ("published", "publish_at")

    class Meta:
        # Rows are found by each resource's get_instance(), not by an id column.
        import_id_fields = ()
        # One transaction per file, rolled back when any row fails (see the admin mixin).
        use_transactions = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._before = None  # the row's record as exported before the import (None: new)

    @classmethod
    def get_diff_class(cls):
        return ColumnDiff

    @classmethod
    def with_related(cls, queryset):
        """`queryset` with what the columns read joined or prefetched (a fixed number of
        queries for an export of any size)."""
        return queryset

    def get_queryset(self):
        return self.with_related(super().get_queryset())

    # The whole file --------------------------------------------------------------------------
    def before_import(self, dataset, **kwargs):
        headers = [cell_text(header) for header in dataset.headers or []]
        dataset.headers = headers
        known = [field.column_name for field in self.get_import_fields()]
        problems = []
        unknown = [header for header in headers if header not in known]
        if unknown:
            problems.append(
                gettext(
                    "These columns are not read by this import: %(unknown)s. Rename or remove "
                    "them; the columns it reads are: %(known)s."
                )
                % {
                    "unknown": ", ".join(name or gettext("(an empty heading)") for name in unknown),
                    "known": ", ".join(known),
                }
            )
        if len(dataset) > settings.IMPORT_MAX_ROWS:
            problems.append(
                gettext("The sheet has %(rows)d rows; import at most %(limit)d at a time.")
                % {"rows": len(dataset), "limit": settings.IMPORT_MAX_ROWS}
            )
        missing = [name for name in self.required_columns if name not in headers]
        if missing:
            problems.append(
                gettext("These columns are missing: %(missing)s.") % {"missing": ", ".join(missing)}
            )
        if problems:
            raise ValidationError(problems)

    def import_row(self, row, instance_loader, **kwargs):
        if not any(cell_text(value) for value in row.values()):
            result = self.get_row_result_class()()
            result.import_type = RowResult.IMPORT_TYPE_SKIP  # a blank line in the sheet
            return result
        return super().import_row(row, instance_loader, **kwargs)

    # One row ---------------------------------------------------------------------------------
    def after_init_instance(self, instance, new, row, **kwargs):
        self._before = None if new else self.exported(instance)
        if not new and self.outside_scope(instance):
            raise ValidationError(
                gettext(
                    "This record belongs to a network you do not work for, so the import may "
                    "not change it."
                )
            )

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self.import_derived(instance, row, errors)
        self.check_publication(instance, row, errors)
        if errors:
            raise ValidationError(errors)

    def import_derived(self, instance, row, errors: dict) -> None:
        """Read the columns that are not one model field each; add messages to `errors`."""

    def check_publication(self, instance, row, errors):
        if not hasattr(instance, "is_published") or self.user is None or may_publish(self.user):
            return
        if self._before is None:
            changed = ["published"] if instance.is_published else []
        else:
            changed = [
                name
                for name in self.publication_columns
                if name in row
                and self.export_field(self.fields[name], instance) != self._before[name]
            ]
        for name in changed:
            errors[name] = [gettext("Only publishers may publish, unpublish or schedule.")]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Unchanged rows are reported as such and not saved again (no empty history entries).
        if import_validation_errors or self._before is None:
            return False
        return self.exported(instance) == self._before

    def exported(self, instance) -> dict:
        return {
            field.column_name: self.export_field(field, instance)
            for field in self.get_import_fields()
        }

    # Scope -----------------------------------------------------------------------------------
    def user_network_ids(self) -> set[int] | None:
        """The networks this import may write to (None: any)."""
        ids = user_networks(self.user) if self.user is not None else None
        return None if ids is None else set(ids)

    def outside_scope(self, instance) -> bool:
        """Is this saved record in none of the user's networks? A joint record is the business
        of each of its networks, as in the admin and the API."""
        ids = self.user_network_ids()
        return ids is not None and not record_networks(instance) & ids

    # Saving ----------------------------------------------------------------------------------
    def save_instance(self, instance, is_create, row, **kwargs):
        self.before_save_instance(instance, row, **kwargs)
        if self._is_using_transactions(kwargs) or not self._is_dry_run(kwargs):
            self.save_record(instance, row, dry_run=self._is_dry_run(kwargs))
        self.after_save_instance(instance, row, **kwargs)

    def save_record(self, instance, row, *, dry_run: bool) -> None:
        """Save the row's record with what `import_derived` prepared, through its app's service
        (as the admin and the API do). `dry_run`: the preview, rolled back afterwards."""
        raise NotImplementedError


def by_name_or_slug(queryset, text):
    """The record of `queryset` called `text` (its name in any case, or its slug), or None."""
    return queryset.filter(Q(name__iexact=text) | Q(slug=text)).first()


# --- Admin -------------------------------------------------------------------------------------


def failure_lines(result) -> list[str]:
    """Each failing row of an import result as one line: its row in the sheet and what is wrong.

    Row numbers count the header as row 1, as a spreadsheet program shows them."""
    lines = [str(error.error) for error in result.base_errors]
    for number, errors in result.row_errors():
        lines += [
            gettext("Row %(row)d: %(error)s") % {"row": number + 1, "error": e.error}
            for e in errors
        ]
    for row in result.invalid_rows:
        for field, texts in row.error_dict.items():
            label = "" if field == NON_FIELD_ERRORS else f"{field}: "
            lines += [
                gettext("Row %(row)d: %(error)s") % {"row": row.number + 1, "error": label + text}
                for text in texts
            ]
    return lines


class SpreadsheetImportForm(ImportForm):
    """The library's upload form, refusing files too large to be a sheet of records."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                gettext("This file is %(size)s; a sheet to import may be at most %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        return upload


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import and export on an admin list, with the user's scope and an all-or-nothing import."""

    import_template_name = "admin/import_export/spreadsheet_import.html"
    import_form_class = SpreadsheetImportForm

    @property
    def formats(self):
        return [CSV, XLSX]

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def get_import_data_kwargs(self, **kwargs):
        # Validation errors roll back too (the library's default keeps the valid rows).
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form, error):
        form.add_error(
            "import_file",
            gettext(
                "This file could not be read as the format chosen below. Choose the format it "
                "is in; a CSV file must be saved as “CSV UTF-8”."
            ),
        )

    def get_export_queryset(self, request):
        # The admin list's records (scope, filters, search), with what the columns read.
        resource_class = self.get_export_resource_classes(request)[0]
        return resource_class.with_related(super().get_export_queryset(request))

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def process_result(self, result, request):
        # The confirmed import runs the file again; if the records changed since the preview and
        # a row now fails, everything was rolled back: say so and name the rows.
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                format_html_join(
                    "",
                    "<p>{}</p>",
                    [(gettext("Nothing was imported."),)]
                    + [(line,) for line in failure_lines(result)],
                ),
            )
            return HttpResponseRedirect(
                reverse("admin:{}_{}_import".format(*self.get_model_info()))
            )
        return super().process_result(result, request)

"""The shared rules of every spreadsheet import: column checks, row errors, network scope and
the right to publish. Each record type's resource lives in its app and saves through its service.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.transaction import TransactionManagementError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from import_export import resources
from import_export.results import RowResult

from core.spreadsheet_cells import defused
from staff.scope import may_publish, record_networks, user_networks
from staff.spreadsheets.cells import cell_text, is_number_column

logger = logging.getLogger(__name__)

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

    def export_resource(self, instance, selected_fields=None, **kwargs):
        """The record's row in an exported sheet (CSV or XLSX): a text cell a spreadsheet program
        would run as a formula (`=…`, `@…`) is written as text, with a `'` that the import
        removes again (core.spreadsheet_cells); a number column is left as it is (-3 is a
        number, not a formula)."""
        values = super().export_resource(instance, selected_fields, **kwargs)
        columns = self.get_export_fields(selected_fields)
        return [
            value if is_number_column(field) else defused(value)
            for field, value in zip(columns, values, strict=True)
        ]

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
        result = super().import_row(row, instance_loader, **kwargs)
        for error in result.errors:
            # Not a ValidationError: a fault, for the log; the page names only the row
            # (staff.spreadsheets.failure_lines).
            if not isinstance(error.error, TransactionManagementError):
                logger.error(
                    "Spreadsheet import (%s), row %s failed.",
                    type(self).__name__,
                    kwargs.get("row_number", 0) + 1,
                    exc_info=error.error,
                )
        return result

    def handle_import_error(self, result, error, raise_errors=False):
        if not isinstance(error, ValidationError):
            logger.error("Spreadsheet import (%s) failed.", type(self).__name__, exc_info=error)
        super().handle_import_error(result, error, raise_errors)

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
            # A new record: a draft, public from the moment a publisher publishes it.
            changed = ["published"] if instance.is_published else []
            if "publish_at" in self.publication_columns and cell_text(row.get("publish_at")):
                changed.append("publish_at")
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


def named_in(row, column: str, queryset, errors: dict, unknown: str):
    """The record of `queryset` the row's `column` names, as `by_name_or_slug` finds it; None
    for an empty cell. A name no record has adds `unknown` (which may say %(name)s) to `errors`
    under the column."""
    name = cell_text(row.get(column))
    if not name:
        return None
    record = by_name_or_slug(queryset, name)
    if record is None:
        errors[column] = [unknown % {"name": name}]
    return record

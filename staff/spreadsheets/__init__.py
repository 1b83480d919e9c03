"""The machinery of spreadsheet imports and exports (django-import-export); each record type's
resource lives in its app (network, events, publications) and saves through the app's service.
`cells` reads and writes one cell, `resource` holds the rules every import shares, and this
module the admin side: the upload form, the all-or-nothing import and its messages.

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
- Bounded work: a file is refused before any row is read when it has more rows or columns than
  an import reads, or (XLSX) unpacks to more than the limit or takes too long to read (see
  `reading`); the form says which.
- No traceback on the page: an error the import did not expect is logged and the page says the
  import failed on that row (or on the file), nothing was imported, and the error was logged.
- Exports that open safely: a text cell that begins like a formula (`=`, `+`, `-`, `@`, a tab or
  a carriage return) is written with a `'` in front (core.spreadsheet_cells, as in the API's
  CSV), which the import removes again; no XLSX cell is ever a formula.
"""

from __future__ import annotations

import logging

import tablib
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm

from core.spreadsheet_cells import defused
from staff.spreadsheets.reading import SheetRefused, csv_rows_checked, xlsx_dataset

logger = logging.getLogger(__name__)


def unexpected() -> str:
    return gettext(
        "The import stopped on an error it did not expect. Nothing was imported; the error was "
        "logged for the site's administrators."
    )


def failure_lines(result) -> list[str]:
    """Each failing row of an import result as one line: its row in the sheet and what is wrong.

    Row numbers count the header as row 1, as a spreadsheet program shows them. An error the
    import did not expect (not a ValidationError) is named by its row only: what it says (and
    its traceback) is in the log (SpreadsheetResource), not on the page."""
    lines = []
    for error in result.base_errors:
        if isinstance(error.error, ValidationError):
            lines += error.error.messages
        else:
            lines.append(unexpected())
    for number, errors in result.row_errors():
        lines += [
            gettext("Row %(row)d: %(error)s")
            % {
                "row": number + 1,
                "error": "; ".join(e.error.messages)
                if isinstance(e.error, ValidationError)
                else unexpected(),
            }
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


class CSVWithinBounds(CSV):
    """CSV whose rows and columns are counted (up to one too many) before it is read."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes) and self.encoding:
            in_stream = in_stream.decode(self.encoding)
        csv_rows_checked(in_stream)
        return super().create_dataset(in_stream, **kwargs)


class XLSXOfValues(XLSX):
    """XLSX read within bounds (staff.spreadsheets.reading), and written with cells that are all
    values. openpyxl stores any text beginning with `=` as a formula; the resources already
    defuse their text cells, and this makes sure of it for every cell of the sheet, whichever
    column it comes from."""

    def create_dataset(self, in_stream):
        return xlsx_dataset(in_stream)

    def export_data(self, dataset, **kwargs):
        values = tablib.Dataset(headers=dataset.headers, title=dataset.title)
        for row in dataset:
            values.append(
                [
                    defused(cell) if isinstance(cell, str) and cell.startswith("=") else cell
                    for cell in row
                ]
            )
        return super().export_data(values, **kwargs)


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
        return [CSVWithinBounds, XLSXOfValues]

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def get_import_data_kwargs(self, **kwargs):
        # Validation errors roll back too (the library's default keeps the valid rows).
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, SheetRefused):
            form.add_error("import_file", str(error))
            return
        logger.info("A sheet to import could not be read.", exc_info=error)
        form.add_error(
            "import_file",
            gettext(
                "This file could not be read as the format chosen below. Choose the format it "
                "is in; a CSV file must be saved as “CSV UTF-8”."
            ),
        )

    def import_action(self, request, **kwargs):
        """The upload and its preview; an error nobody expected is logged and answered with a
        message on the import page, never a traceback."""
        try:
            response = super().import_action(request, **kwargs)
            if hasattr(response, "render"):
                result = (response.context_data or {}).get("result")
                if result is not None and result.has_errors():
                    response.context_data["failure_lines"] = failure_lines(result)
                response.render()  # here, so an error while rendering is caught too
            return response
        except PermissionDenied:
            raise
        except Exception:
            logger.exception("A spreadsheet import failed (preview).")
            return self._import_failed(request)

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except PermissionDenied:
            raise
        except Exception:
            logger.exception("A spreadsheet import failed (confirmed import).")
            return self._import_failed(request)

    def _import_failed(self, request):
        messages.error(request, unexpected())
        return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*self.get_model_info())))

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

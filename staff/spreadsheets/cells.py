"""One spreadsheet cell and one value: how a cell is read as text, the widgets that read and
write a column with messages an editor understands, and the column declarations resources use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext
from import_export import fields, widgets

from core.spreadsheet_cells import undefused

LIST_SEPARATOR = ";"
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


def cell_text(value) -> str:
    """A cell as text: spreadsheets hand over numbers, dates and None as well as strings.

    Without the `'` an export put in front of a text that begins like a formula (`'=…`,
    core.spreadsheet_cells): an exported sheet imports back to the values it was exported with.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float | Decimal) and value == int(value):
        return str(int(value))  # a year typed into a spreadsheet arrives as 2022.0
    # The quote first: it protects the tab or carriage return an exported text began with.
    return undefused(str(value).strip())


def split_list(value) -> list[str]:
    return [item.strip() for item in cell_text(value).split(LIST_SEPARATOR) if item.strip()]


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


def is_number_column(field) -> bool:
    """Does the column hold numbers (which an export writes as they are, minus sign included)?"""
    return isinstance(field.widget, WholeNumberWidget | widgets.NumberWidget)


def column(attribute, widget=None):
    return fields.Field(attribute=attribute, column_name=attribute, widget=widget or TextWidget())


class KeptWhenEmpty(fields.Field):
    """A column whose empty cell leaves the record's value as it is: a new record keeps the
    model's default, an existing one its value (for fields that may not be empty)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        if self.clean(row, **kwargs) is not None:
            super().save(instance, row, is_m2m, **kwargs)


def derived(column_name):
    """A column the resource reads and writes itself (see `import_derived`, `dehydrate_…`)."""
    return fields.Field(column_name=column_name, readonly=True)

"""Partial dates: a day, a month, a quarter or a year, alone or as a range.

Reports say "3–7 Oct 2022", "Oct 2023", "Q4 2023" or just "2023". We store every such date as
two real dates — the first day of the start period and the last day of the end period — plus the
precision. Real dates sort, filter by year and month, and overlap-test with ordinary queries
whatever the precision; the precision decides how the date is shown and how it is exported.

The seed files and the API write partial dates as ISO-like strings: "2022-10-03", "2022-10",
"2022-Q4", "2022".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import dateformat
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


_PATTERNS = [
    (Precision.DAY, re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    (Precision.MONTH, re.compile(r"^(\d{4})-(\d{2})$")),
    (Precision.QUARTER, re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)),
    (Precision.YEAR, re.compile(r"^(\d{4})$")),
]


def _last_day_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class PartialDate:
    """One period: the day, month, quarter or year that `first` falls in, at `precision`."""

    first: dt.date
    precision: str

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read "2022-10-03", "2022-10", "2022-Q4" or "2022"; a clear ValueError otherwise."""
        value = str(text).strip()
        for precision, pattern in _PATTERNS:
            match = pattern.match(value)
            if not match:
                continue
            year = int(match.group(1))
            try:
                if precision == Precision.DAY:
                    first = dt.date(year, int(match.group(2)), int(match.group(3)))
                elif precision == Precision.MONTH:
                    first = dt.date(year, int(match.group(2)), 1)
                elif precision == Precision.QUARTER:
                    first = dt.date(year, (int(match.group(2)) - 1) * 3 + 1, 1)
                else:
                    first = dt.date(year, 1, 1)
            except ValueError as error:
                raise ValueError(f"{value!r} is not a real date ({error}).") from None
            return cls(first, precision)
        raise ValueError(
            f"{value!r} is not a partial date: use YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY."
        )

    @classmethod
    def of(cls, day: dt.date, precision: str) -> PartialDate:
        """The period of `precision` that contains `day`."""
        if precision == Precision.DAY:
            return cls(day, precision)
        if precision == Precision.MONTH:
            return cls(day.replace(day=1), precision)
        if precision == Precision.QUARTER:
            return cls(dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1), precision)
        return cls(dt.date(day.year, 1, 1), Precision.YEAR)

    @property
    def last(self) -> dt.date:
        """The last day of the period."""
        if self.precision == Precision.DAY:
            return self.first
        if self.precision == Precision.MONTH:
            return _last_day_of_month(self.first.year, self.first.month)
        if self.precision == Precision.QUARTER:
            return _last_day_of_month(self.first.year, self.first.month + 2)
        return dt.date(self.first.year, 12, 31)

    @property
    def quarter(self) -> int:
        return (self.first.month - 1) // 3 + 1

    def isoformat(self) -> str:
        if self.precision == Precision.DAY:
            return self.first.isoformat()
        if self.precision == Precision.MONTH:
            return self.first.strftime("%Y-%m")
        if self.precision == Precision.QUARTER:
            return f"{self.first.year}-Q{self.quarter}"
        return str(self.first.year)

    def __str__(self) -> str:
        return format_period(self.first, self.last, self.precision)


def _month(day: dt.date) -> str:
    return dateformat.format(day, "M")  # translated abbreviation: "Oct"


def format_period(start: dt.date, end: dt.date | None, precision: str) -> str:
    """Show a period the way the reports do: "3–7 Oct 2022", "Oct 2023", "Q4 2023", "2023".

    `start` is any day in the first period and `end` any day in the last (or None for one period).
    """
    first = PartialDate.of(start, precision)
    last = PartialDate.of(end, precision) if end else first
    same_year = first.first.year == last.first.year
    if precision == Precision.YEAR:
        return str(first.first.year) if same_year else f"{first.first.year}–{last.first.year}"
    if precision == Precision.QUARTER:
        if first == last:
            return f"Q{first.quarter} {first.first.year}"
        if same_year:
            return f"Q{first.quarter}–Q{last.quarter} {first.first.year}"
        return f"Q{first.quarter} {first.first.year} – Q{last.quarter} {last.first.year}"
    if precision == Precision.MONTH:
        if first == last:
            return f"{_month(first.first)} {first.first.year}"
        if same_year:
            return f"{_month(first.first)}–{_month(last.first)} {first.first.year}"
        return f"{_month(first.first)} {first.first.year} – {_month(last.first)} {last.first.year}"
    a, b = first.first, last.first
    if a == b:
        return f"{a.day} {_month(a)} {a.year}"
    if same_year and a.month == b.month:
        return f"{a.day}–{b.day} {_month(a)} {a.year}"
    if same_year:
        return f"{a.day} {_month(a)} – {b.day} {_month(b)} {a.year}"
    return f"{a.day} {_month(a)} {a.year} – {b.day} {_month(b)} {b.year}"


class PartialDateRange(models.Model):
    """Abstract base: `start`, optional `end` and `date_precision`, with the rules checked.

    `start` is stored as the first day of its period and `end` as the last day of its period,
    so that ordering by `start` and filtering by year, month or overlap work at every precision.
    """

    start = models.DateField(
        _("start"),
        db_index=True,
        help_text=_(
            "For a month, quarter or year, any day in it: it is stored as the period's first day."
        ),
    )
    end = models.DateField(
        _("end"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a single day, month, quarter or year. Not before the start."),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=7,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_(
            "How exactly the date is known: shown as e.g. 3 Oct 2022, Oct 2022, Q4 2022, 2022."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalise_dates()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end is before the start.")})
        self.normalise_dates()

    def normalise_dates(self):
        """Snap start to its period's first day and end to its period's last day."""
        if self.start:
            self.start = PartialDate.of(self.start, self.date_precision).first
        if self.end:
            self.end = PartialDate.of(self.end, self.date_precision).last
            if self.end == PartialDate.of(self.start, self.date_precision).last:
                self.end = None  # one period: no range to keep

    @property
    def last_day(self) -> dt.date:
        """The last day the record covers, whatever the precision."""
        return self.end or PartialDate.of(self.start, self.date_precision).last

    @property
    def when(self) -> str:
        return format_period(self.start, self.end, self.date_precision)

    def set_partial_dates(self, start: str, end: str | None = None) -> None:
        """Set from seed/API strings ("2022-10", "2022-Q4"); both must share one precision."""
        first = PartialDate.parse(start)
        last = PartialDate.parse(end) if end else None
        if last and last.precision != first.precision:
            raise ValueError(f"{start!r} and {end!r} are of different precisions.")
        self.start, self.date_precision = first.first, first.precision
        self.end = last.last if last else None
        self.normalise_dates()

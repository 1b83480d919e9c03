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
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _


class Precision(models.TextChoices):
    DAY = "day", gettext_lazy("Day")
    MONTH = "month", gettext_lazy("Month")
    QUARTER = "quarter", gettext_lazy("Quarter")
    YEAR = "year", gettext_lazy("Year")


_PATTERNS = [
    (Precision.DAY, re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    (Precision.MONTH, re.compile(r"^(\d{4})-(\d{2})$")),
    (Precision.QUARTER, re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)),
    (Precision.YEAR, re.compile(r"^(\d{4})$")),
]


# From the finest precision to the coarsest, and what each finer one gives that a coarser lacks.
PRECISION_ORDER = [Precision.DAY, Precision.MONTH, Precision.QUARTER, Precision.YEAR]
MISSING_PART = {
    Precision.DAY: gettext_lazy("day"),
    Precision.MONTH: gettext_lazy("month"),
    Precision.QUARTER: gettext_lazy("quarter"),
}


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

    def html_datetime(self) -> str:
        """The machine-readable value of an HTML <time> element, at the precision known:
        isoformat(), except that HTML has no quarter, so a quarter gives its year (coarser,
        never an invented day)."""
        if self.precision == Precision.QUARTER:
            return str(self.first.year)
        return self.isoformat()

    def __str__(self) -> str:
        return format_period(self.first, self.last, self.precision)


# The months as dates abbreviate them, in the portal's own catalogues: Django's ("十一月",
# "11-Р Сар" title-cased, "8-р сар " with a space) glue a Chinese month name between digits
# ("2023年十一月30日"), where each language writes "2023年11月30日", "2023년 11월 30일".
MONTH_ABBREVIATIONS = [
    pgettext_lazy("abbreviated month", "Jan"),
    pgettext_lazy("abbreviated month", "Feb"),
    pgettext_lazy("abbreviated month", "Mar"),
    pgettext_lazy("abbreviated month", "Apr"),
    pgettext_lazy("abbreviated month", "May"),
    pgettext_lazy("abbreviated month", "Jun"),
    pgettext_lazy("abbreviated month", "Jul"),
    pgettext_lazy("abbreviated month", "Aug"),
    pgettext_lazy("abbreviated month", "Sep"),
    pgettext_lazy("abbreviated month", "Oct"),
    pgettext_lazy("abbreviated month", "Nov"),
    pgettext_lazy("abbreviated month", "Dec"),
]


def month_abbr(month: int) -> str:
    """The translated abbreviation of `month` (1–12): "Oct", "10월", "10月", "10-р сар"."""
    return str(MONTH_ABBREVIATIONS[month - 1])


def _month(day: dt.date) -> str:
    return month_abbr(day.month)


def entered_text(day: dt.date | None, precision: str) -> str:
    """A stored date as staff type it ("2022-10", "2022-Q4"; "" for none): what
    `parse_entered` reads back, for forms, spreadsheet cells and the API."""
    return PartialDate.of(day, precision).isoformat() if day else ""


def iso_period(start: dt.date | None, end: dt.date | None, precision: str) -> str:
    """A period in the ISO-like partial form the seed files and the API write, at its precision:
    "2022-10-03", "2022-10", "2022-Q4", "2022", and a range as ISO 8601's "first/last"
    ("2022-10-03/2022-10-07", "2022-02/2022-05"); "" for no date."""
    if start is None:
        return ""
    first = PartialDate.of(start, precision)
    last = PartialDate.of(end, precision) if end else first
    if last == first:
        return first.isoformat()
    return f"{first.isoformat()}/{last.isoformat()}"


def parse_entered(text, precision: str | None = None) -> PartialDate | None:
    """A date as staff type it (admin form, API, spreadsheet): None when empty.

    A ValueError with a message for them when it is not a date, or when it is coarser than the
    record's `precision` (e.g. "2022" for a record dated to the day)."""
    text = str(text or "").strip()
    if not text:
        return None
    try:
        value = PartialDate.parse(text)
    except ValueError:
        raise ValueError(
            _("'%(text)s' is not a date: write 2022-10-03, 2022-10, 2022-Q4 or 2022.")
            % {"text": text}
        ) from None
    if precision and PRECISION_ORDER.index(value.precision) > PRECISION_ORDER.index(precision):
        raise ValueError(
            _(
                "'%(text)s' gives no %(part)s, but the date precision is %(precision)s: "
                "give the %(part)s or choose a coarser precision."
            )
            % {
                "text": text,
                "part": MISSING_PART[precision],
                "precision": Precision(precision).label,
            }
        )
    return value


def parse_entered_range(
    first, last, precision: str | None = None, *, names: tuple[str, str] = ("start", "end")
) -> tuple[PartialDate | None, PartialDate | None, str | None]:
    """Two dates of one record as staff type them (a start and an end; joined and left).

    Both are read by `parse_entered` at the record's `precision` when it states one; otherwise
    at the precision they are typed at, which must then be the same for both. Returns the two
    periods (None when empty) and the precision; a ValidationError naming the field (`names`)
    otherwise, with the same message whichever form, API or sheet the text came from."""
    errors, periods = {}, []
    for name, text in zip(names, (first, last), strict=True):
        try:
            periods.append(parse_entered(text, precision))
        except ValueError as error:
            errors[name] = str(error)
            periods.append(None)
    if errors:
        raise ValidationError(errors)
    start, end = periods
    if precision is None and start and end and start.precision != end.precision:
        raise ValidationError(
            {
                names[1]: _("Give '%(first)s' and '%(last)s' at the same precision.")
                % {"first": names[0], "last": names[1]}
            }
        )
    given = start or end
    return start, end, precision or (given.precision if given else None)


def format_period(start: dt.date, end: dt.date | None, precision: str) -> str:
    """Show a period the way the reports do: "3–7 Oct 2022", "Oct 2023", "Q4 2023", "2023".

    `start` is any day in the first period and `end` any day in the last (or None for one period).
    The patterns are translatable so that a language can put year, month and day in its own order.
    """
    return _format_period(start, end, precision, get_language())


# A pure function of its arguments and the active language, called for every event of every list,
# feed and API page (300 times for the iCal feed, a few dozen distinct): each result is kept per
# process, keyed by the language, instead of looking up several translations again every call.
@lru_cache(maxsize=4096)
def _format_period(
    start: dt.date, end: dt.date | None, precision: str, language: str | None
) -> str:
    first = PartialDate.of(start, precision)
    last = PartialDate.of(end, precision) if end else first
    a, b = first.first, last.first
    if first == last:
        return _single(first)
    if precision == Precision.YEAR:
        return pgettext("a range of years", "%(first)s–%(last)s") % {
            "first": a.year,
            "last": b.year,
        }
    if a.year != b.year:
        return _("%(start)s – %(end)s") % {"start": _single(first), "end": _single(last)}
    if precision == Precision.QUARTER:
        return _("Q%(first)s–Q%(last)s %(year)s") % {
            "first": first.quarter,
            "last": last.quarter,
            "year": a.year,
        }
    if precision == Precision.MONTH:
        return _("%(first)s–%(last)s %(year)s") % {
            "first": _month(a),
            "last": _month(b),
            "year": a.year,
        }
    if a.month == b.month:
        return _("%(first)s–%(last)s %(month)s %(year)s") % {
            "first": a.day,
            "last": b.day,
            "month": _month(a),
            "year": a.year,
        }
    return _("%(first_day)s %(first_month)s – %(last_day)s %(last_month)s %(year)s") % {
        "first_day": a.day,
        "first_month": _month(a),
        "last_day": b.day,
        "last_month": _month(b),
        "year": a.year,
    }


def _single(period: PartialDate) -> str:
    day = period.first
    if period.precision == Precision.DAY:
        return _("%(day)s %(month)s %(year)s") % {
            "day": day.day,
            "month": _month(day),
            "year": day.year,
        }
    if period.precision == Precision.MONTH:
        return _("%(month)s %(year)s") % {"month": _month(day), "year": day.year}
    if period.precision == Precision.QUARTER:
        return _("Q%(quarter)s %(year)s") % {"quarter": period.quarter, "year": day.year}
    # A pattern even for a bare year: "2023" is 2023년, 2023年, 2023 он in those languages.
    return pgettext("a year alone", "%(year)s") % {"year": day.year}


class PartialDateRange(models.Model):
    """Abstract base: `start`, optional `end` and `date_precision`, with the rules checked.

    `start` is stored as the first day of its period and `end` as the last day of its period,
    so that ordering by `start` and filtering by year, month or overlap work at every precision.
    """

    start = models.DateField(
        gettext_lazy("start"),
        db_index=True,
        help_text=gettext_lazy(
            "For a month, quarter or year, any day in it: it is stored as the period's first day."
        ),
    )
    end = models.DateField(
        gettext_lazy("end"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Leave empty for a single day, month, quarter or year. Not before the start."
        ),
    )
    date_precision = models.CharField(
        gettext_lazy("date precision"),
        max_length=7,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=gettext_lazy(
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

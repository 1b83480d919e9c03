"""Time scope: the years a record counts for in a network's annual report.

A report for a year shows what was in force or active in that year, and nothing else. A record
knows its years in one of two ways:

- its own period (a project's start and end, a term's dates, a staff post's from and until),
  where the source or staff give it: the period decides;
- otherwise the years of the reports that list it ("reported in", e.g. 2020 and 2022): the
  record counts for those years and the years between. An open-ended period (a project started
  in 2017, no end) is bounded by its last report the same way: "ongoing" is only known up to
  the last report that says so.

A record with neither (entered by staff without dates) counts for the current year only: it is
what staff know today, and it never spills into the reports of past years.

The years are worked out once per save into two stored columns (`scope_from`, `scope_until`),
so every report filters them with one indexable condition (in_year_q()). They are computed by
the fields themselves when a row is written (pre_save), so save(), bulk_create(), the admin,
the API, the spreadsheet import, the seed loader and a history revert all keep them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import today

FIRST_YEAR, LAST_YEAR = 1900, 2100
_SEPARATORS = re.compile(r"[\s,;、，]+")


def parse_years(value) -> tuple[int, ...]:
    """The years of `value` ("2020, 2022", "2020 2022", [2020, "2022"], None), sorted, once
    each. Raises ValidationError naming what is not a year."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        tokens = [token for token in _SEPARATORS.split(value.strip()) if token]
    elif isinstance(value, int):
        tokens = [value]
    elif isinstance(value, Iterable):
        tokens = list(value)
    else:
        tokens = [value]
    years = set()
    for token in tokens:
        text = str(token).strip()
        if not re.fullmatch(r"\d{4}", text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
            raise ValidationError(
                _("“%(value)s” is not a year: give years such as 2020, 2022."),
                code="invalid_year",
                params={"value": text},
            )
        years.add(int(text))
    return tuple(sorted(years))


def years_text(years: Iterable[int]) -> str:
    """The stored form of a set of years: "2020 2022"."""
    return " ".join(str(year) for year in sorted(set(years)))


def stored_years(value) -> tuple[int, ...]:
    """The years of a stored `reported_in` (parse_years()), or none where a write that skipped
    validation left text that is not years (YearsField.pre_save): read paths never fail on it."""
    try:
        return parse_years(value)
    except ValidationError:
        return ()


def validate_years(value) -> None:
    parse_years(value)


class YearsField(models.CharField):
    """A set of years, as staff type it ("2020, 2022"), stored as "2020 2022"."""

    default_validators = [validate_years]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        try:
            value = years_text(parse_years(value))
        except ValidationError:
            # Left as given: the write paths validate first (full_clean() names the bad year to
            # whoever typed it); a write that skips validation keeps the text, which the scope
            # then reads as no report years (time_scope()).
            return value
        setattr(model_instance, self.attname, value)
        return value


def scope_years(
    first: int | None, last: int | None, reported: Iterable[int], *, open_ended: bool = False
) -> tuple[int | None, int | None]:
    """The first and last year a record counts for (see the module's rules), or (None, None)
    when nothing is known. `first`/`last`: its own period's years; `open_ended`: the period has
    a start and no end (ongoing), so the reports bound it."""
    reported = sorted(set(reported))
    if first is not None and (last is not None or not open_ended):
        return first, last if last is not None else first
    if first is not None:  # ongoing: known as far as its last report says
        return first, max(first, reported[-1]) if reported else None
    if last is not None:  # only an end: from its first report, or that year alone
        return (min(reported[0], last) if reported else last), last
    if reported:
        return reported[0], reported[-1]
    return None, None


class ScopeYearField(models.PositiveSmallIntegerField):
    """`scope_from` or `scope_until`: derived from the record's own fields on every write."""

    def __init__(self, *args, end: str = "from", **kwargs):
        self.end = end
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["end"] = self.end
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        scope = getattr(model_instance, "time_scope", None)
        if scope is None:  # a historical copy of the row (django-simple-history): as stored
            return getattr(model_instance, self.attname)
        value = scope()[0 if self.end == "from" else 1]
        setattr(model_instance, self.attname, value)
        return value


class TimeScoped(models.Model):
    """Abstract base: `reported_in` and the derived `scope_from` / `scope_until`.

    Subclasses with a period of their own override period_years()."""

    reported_in = YearsField(
        _("reported in"),
        help_text=_(
            "The years of the annual reports that list this, e.g. “2020, 2022”, where its "
            "dates are not known. It then counts for those years and the years between."
        ),
    )
    scope_from = ScopeYearField(_("counts from (year)"), end="from")
    scope_until = ScopeYearField(_("counts until (year)"), end="until")

    class Meta:
        abstract = True

    def period_years(self) -> tuple[int | None, int | None, bool]:
        """The record's own period as (first year, last year, open-ended)."""
        return None, None, False

    def time_scope(self) -> tuple[int | None, int | None]:
        first, last, open_ended = self.period_years()
        return scope_years(first, last, stored_years(self.reported_in), open_ended=open_ended)

    @property
    def reported_years(self) -> tuple[int, ...]:
        return stored_years(self.reported_in)


def in_year_q(year: int, path: str = "", *, unscoped: bool | None = None) -> Q:
    """The records of `path` (e.g. "organisation__", or "" for the queryset's own) that count
    for `year`. `unscoped`: whether records with no known years count; by default only in the
    current year (what staff know today)."""
    if unscoped is None:
        unscoped = year >= today().year
    scoped = Q(**{f"{path}scope_from__lte": year}) & (
        Q(**{f"{path}scope_until__gte": year}) | Q(**{f"{path}scope_until__isnull": True})
    )
    if unscoped:
        return scoped | Q(**{f"{path}scope_from__isnull": True})
    return scoped


def in_report_q(year: int, path: str = "", *, unscoped: bool | None = None) -> Q:
    """What the annual report of `year` lists: the records that count for `year` (in_year_q())
    and those its documents announce for later (a term or cluster lead elected for the coming
    years, reported in `year`, as CityNet's 2022 report lists its 2023–2026 leads)."""
    announced = Q(**{f"{path}scope_from__gt": year}) & Q(
        **{f"{path}reported_in__contains": str(year)}
    )
    return in_year_q(year, path, unscoped=unscoped) | announced


def as_last_reported(rows, year: int | None, *, group, years) -> list:
    """Of `rows` (e.g. the seats of some terms), those that each group's (term's) latest report
    up to `year` (the latest of all if None) lists, and those with no report years, which follow
    their group. `group(row)` and `years(row)` (its reported_in text) read a row.

    ICLEI East Asia's 2020 and 2022 reports each list its RexCom of 2021–2024, with different
    holders: 2020 and 2021 show 2020's seats, 2022 and later 2022's, and the two never merge.
    A composition holds until a later report lists another (CityNet's 2022 report names the
    office bearers of 2023–2026; they stay in its 2023 report)."""
    listed, reported = [], {}
    for row in rows:
        row_years = stored_years(years(row))
        listed.append((row, row_years))
        reported.setdefault(group(row), set()).update(row_years)
    latest = {}
    for key, found in reported.items():
        earlier = [found_year for found_year in found if year is None or found_year <= year]
        latest[key] = max(earlier) if earlier else None
    return [row for row, row_years in listed if not row_years or latest[group(row)] in row_years]

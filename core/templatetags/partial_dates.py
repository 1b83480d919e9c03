"""Partial dates in templates."""

import datetime as dt

from django import template
from django.utils import timezone

from core.partial_dates import PartialDate, Precision, format_period

register = template.Library()


@register.filter
def html_datetime(day, precision):
    """`<time datetime="{{ event.start|html_datetime:event.date_precision }}">`: the date at
    its precision (PartialDate.html_datetime), "" for none."""
    return PartialDate.of(day, precision).html_datetime() if day else ""


@register.filter
def as_day(value):
    """A date, a datetime (its date) or an ISO date text as the portal writes a day in the page's
    language ("5 Nov 2023", "2023년 11월 5일"): format_period(), as every other date, not
    Django's date formats ("Nov. 5, 2023", or "5 11월 2023" from "j F Y")."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_period(value, None, Precision.DAY)

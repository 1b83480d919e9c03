"""Partial dates in templates."""

from django import template

from core.partial_dates import PartialDate

register = template.Library()


@register.filter
def html_datetime(day, precision):
    """`<time datetime="{{ event.start|html_datetime:event.date_precision }}">`: the date at
    its precision (PartialDate.html_datetime), "" for none."""
    return PartialDate.of(day, precision).html_datetime() if day else ""

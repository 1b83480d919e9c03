"""Template tags through which network pages show what the portal computes (annual reports)
without the network app importing the report builder."""

from urllib.parse import quote

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.choices import choice_label
from events.models import EventFormat
from portal.reports import report_years
from portal.views import report_paths

register = template.Library()


@register.inclusion_tag("portal/_report_links.html")
def report_links(network):
    # (year, path) pairs: one reverse() for the network, not a {% url %} per year.
    return {"years": report_paths(network.slug, sorted(report_years(network), reverse=True))}


@register.simple_tag
def report_event_rows(events, event_path: str, *, preview: bool = False):
    """The table rows of a report's events (its activities, or with `preview` its next year's),
    written here as the template wrote them row by row: a report lists hundreds of events, and
    a template loop pays for every variable of every row. Kept equal to the template by
    tests/reports/test_report_rows.py."""
    rows = []
    for event in events:
        link = f'<a href="{escape(event_path)}{escape(quote(event["slug"]))}/">{escape(event["title"])}</a>'
        places = "; ".join(escape(place) for place in event["places"])
        if preview:
            tag = f' <span class="tag">{escape(event["status_label"])}</span>'
            where = places or "—"
            rows.append(
                f"<tr><td>{escape(event['when']) or '—'}</td><td>{link}{tag}</td>"
                f"<td>{where}</td></tr>"
            )
            continue
        tag = ""
        if event["shown_status"] != "held":  # e.g. "Date passed — not confirmed"
            tag = f' <span class="tag">{escape(event["status_label"])}</span>'
        # The format's label in the reader's language (the structure, and a frozen edition,
        # hold its value: "online").
        where = places or escape(choice_label(EventFormat, event["format"])) or "—"
        rows.append(
            f"\n        <tr><td>{escape(event['when']) or '—'}</td><td>{link}{tag}</td>"
            f"<td>{where}</td></tr>\n      "
        )
    return mark_safe("".join(rows))

"""What the events pages show of each event, written once per row in Python.

A list page of 30 events cost more in its per-row template (an include, a dozen lookups and
translations per event) than in its queries; event_items() writes the same HTML as
templates/events/_event_item.html (which pages showing a few events still include), with the
fixed words and the choice labels translated once per page.
"""

from __future__ import annotations

from html import escape  # Django's escape() without its lazy-string wrapper: same text

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.partial_dates import PartialDate
from events.models import Event, EventKind, ShownStatus


def event_items(events) -> list:
    """`events` (model instances with `place_list` and `network_list`, as
    queries.published_events() reads them), each given `item_html`: its <li> as
    _event_item.html writes it."""
    url = Event.url_maker()
    kinds = {value: escape(str(label)) for value, label in EventKind.choices}
    statuses = {value: escape(str(label)) for value, label in ShownStatus.choices}
    undated = escape(_("Date not given"))
    online = escape(_("Online"))
    for event in events:
        when = event.when
        if when:
            day = PartialDate.of(event.start, event.date_precision).html_datetime()
            date = f'<time datetime="{day}">{escape(when)}</time>'
        else:
            date = undated
        note = f" ({escape(event.date_note)})" if event.date_note else ""
        places = "; ".join(escape(place.label) for place in event.place_list)
        shown = event.shown_status  # a plan whose dates have passed is not shown as a plan
        status = (
            f'<span class="tag">{statuses.get(shown, escape(shown))}</span> '
            if shown != "held"
            else ""
        )
        networks = "".join(
            f'<span class="tag">{escape(network.name)}</span> ' for network in event.network_list
        )
        event.item_html = SafeString(
            "<li>\n"
            f'  <h3><a href="{escape(url(event.slug))}">{escape(event.title)}</a></h3>\n'
            f'  <p class="meta">{date}{note}\n'
            f"    · {kinds.get(event.kind, escape(event.kind))}"
            f"{' · ' + places if places else ''}{' · ' + online if event.is_online else ''}</p>\n"
            f"  <p>{status}{networks}</p>\n"
            "</li>\n"
        )
    return events

"""iCalendar (RFC 5545) export of events, built with the `icalendar` library.

How partial dates map (the rule a subscriber's calendar sees):
- Every dated event becomes all-day VEVENTs: DTSTART is the first day of its start period and
  DTEND the day *after* the last day of its end period (DTEND is exclusive for all-day events).
  So "3–7 Oct 2022" → 20221003..20221008, "Oct 2023" → 20231001..20231101,
  "Q4 2023" → 20231001..20240101, "2023" → 20230101..20240101, and a month range at month
  precision ("Feb–May 2022", which the CityNet timeline means as "some time in this span")
  → 20220201..20220601.
- Anything coarser than a day is marked TRANSP:TRANSPARENT (it does not block the subscriber's
  time) and its SUMMARY and DESCRIPTION say how exactly the date is known, with the date note.
- An event with dated sessions is exported as one VEVENT per session (the days people attend),
  not one VEVENT over the whole span: "9 & 24 Oct" must not read as 9–24 Oct.
- Events without a date are left out (the calendar has no day to put them on); the list page
  shows them under "date not given".
- STATUS: held/confirmed → CONFIRMED, planned/postponed → TENTATIVE, cancelled → CANCELLED.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar
from icalendar import Event as VEvent

from core.partial_dates import Precision, format_period
from events.models import EventStatus

STATUS = {
    EventStatus.HELD: "CONFIRMED",
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}

PRECISION_NOTE = {
    Precision.MONTH: gettext_lazy("the month is known, not the day"),
    Precision.QUARTER: gettext_lazy("the quarter is known, not the month"),
    Precision.YEAR: gettext_lazy("only the year is known"),
}


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//City Network Portal//events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # One line: icalendar does not escape an X- property it has no type for, so a newline in
    # the name (an event's title, for its own .ics) made a broken content line, a 500.
    calendar.add("x-wr-calname", " ".join(name.split()))
    return calendar


def _periods(event):
    """(uid suffix, title suffix, first day, last day, precision) of each VEVENT of `event`."""
    sessions = [s for s in getattr(event, "session_list", None) or [] if s.start]
    if sessions:
        for number, session in enumerate(sessions, start=1):
            yield (
                f"-session-{number}",
                session.title,
                session.start,
                session.last_day,
                session.date_precision,
            )
    elif event.start:
        yield "", "", event.start, event.last_day, event.date_precision


def add_event(calendar: Calendar, event, *, base_url: str, host: str) -> None:
    url = base_url + event.get_absolute_url()
    places = "; ".join(place.label for place in getattr(event, "place_list", []))
    for uid_suffix, part, first, last, precision in _periods(event):
        vevent = VEvent()
        vevent.add("uid", f"event-{event.pk}{uid_suffix}@{host}")
        summary = f"{event.title}: {part}" if part else event.title
        when = format_period(first, last, precision)
        lines = [_("When: %(when)s") % {"when": when}]
        if precision != Precision.DAY:
            summary = f"{summary} ({when})"
            lines[0] += f" ({PRECISION_NOTE[precision]})"
            vevent.add("transp", "TRANSPARENT")
        if event.date_note:
            lines.append(event.date_note)
        if event.status in (EventStatus.POSTPONED, EventStatus.CANCELLED):
            lines.append(
                event.get_status_display() + (f": {event.status_note}" if event.status_note else "")
            )
        if event.description:
            lines.append(event.description)
        lines.append(url)
        vevent.add("summary", summary)
        vevent.add("dtstart", first)
        vevent.add("dtend", last + dt.timedelta(days=1))
        vevent.add("dtstamp", event.updated_at or timezone.now())
        vevent.add("last-modified", event.updated_at or timezone.now())
        vevent.add("status", STATUS[event.status])
        vevent.add("url", url)
        vevent.add("description", "\n\n".join(lines))
        if event.is_online and not places:
            vevent.add("location", _("Online"))
        elif places:
            vevent.add("location", places + (f"; {_('Online')}" if event.is_online else ""))
        vevent.add("categories", [event.get_kind_display()])
        calendar.add_component(vevent)


def build_calendar(events, *, name: str, base_url: str, host: str) -> bytes:
    calendar = new_calendar(name)
    for event in events:
        add_event(calendar, event, base_url=base_url, host=host)
    return calendar.to_ical()

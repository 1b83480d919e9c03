"""iCalendar (RFC 5545) export of events, built with the `icalendar` library.

How partial dates map (the rule a subscriber's calendar sees):
- Only what is known to the day is exported: an event dated to the day (or a day range) becomes
  all-day VEVENTs, DTSTART its first day and DTEND the day *after* its last day (DTEND is
  exclusive for all-day events): "3–7 Oct 2022" → 20221003..20221008.
- An event known only to the month, quarter or year ("Dec 2022", "Q4 2023", "2023",
  "Feb–May 2022") is left out: RFC 5545 has no partial dates, and an all-day block over a whole
  month, quarter or year would tell the subscriber it takes all those days (or, on its first
  day, a day nobody gave). The calendar's description (X-WR-CALDESC and RFC 7986's
  DESCRIPTION) says so and points to the events page, which lists them with their dates as known.
  An event's own "add to calendar" link is not offered for them (the .ics answers 404 with why).
- An event with dated sessions is exported as one VEVENT per session dated to the day (the
  days people attend), not one VEVENT over the whole span: "9 & 24 Oct" must not read as 9–24 Oct.
- Events without a date are left out (the calendar has no day to put them on); the list page
  shows them under "date not given".
- STATUS follows the status the pages show (events.models.shown_status): held/confirmed →
  CONFIRMED, planned/postponed → TENTATIVE, cancelled → CANCELLED, and a planned or confirmed
  event whose day has passed → TENTATIVE, its description saying "Date passed — not confirmed".
"""

from __future__ import annotations

import datetime as dt
import functools

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar

from core.choices import choice_label
from core.partial_dates import Precision, format_period
from events.models import Event, EventKind, EventStatus, ShownStatus, shown_status

STATUS = {
    EventStatus.HELD: "CONFIRMED",
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
    ShownStatus.DATE_PASSED: "TENTATIVE",
}


def feed_note() -> str:
    """What the calendar's description says of the events it leaves out."""
    # No comma or semicolon: icalendar writes an X- property's value unescaped.
    return _(
        "Events known only to the month or quarter or year are left out because a calendar "
        "needs days. The events page lists them with their dates as known."
    )


def new_calendar(name: str, description: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//City Network Portal//events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # One line: icalendar does not escape an X- property it has no type for, so a newline in
    # the name (an event's title, for its own .ics) made a broken content line, a 500.
    calendar.add("x-wr-calname", " ".join(name.split()))
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", " ".join(description.split()))
    return calendar


def has_calendar_days(event) -> bool:
    """Whether `event` gives a calendar anything: a day-precise date or session."""
    return next(_periods(event), None) is not None


def _periods(event):
    """(uid suffix, title suffix, first day, last day, precision) of each VEVENT of `event`:
    its sessions, or itself, known to the day (see the module's docstring)."""
    sessions = [s for s in getattr(event, "session_list", None) or [] if s.start]
    if sessions:
        for number, session in enumerate(sessions, start=1):
            if session.date_precision == Precision.DAY:
                yield (
                    f"-session-{number}",
                    session.title,
                    session.start,
                    session.last_day,
                    session.date_precision,
                )
    elif event.start and event.date_precision == Precision.DAY:
        yield "", "", event.start, event.last_day, event.date_precision


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 (and icalendar) escapes it."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _fold(line: str) -> str:
    """A content line folded as icalendar folds it: each part the longest run of whole
    characters under 75 octets, a backslash (or ^) that ends a part moved to the next one, so
    that an escape is never split."""
    if len(line) < 75 and line.isascii():  # one octet a character: nothing to fold
        return line
    data = line.encode()
    if len(data) < 75:
        return line
    parts = []
    while len(data) > 74:
        cut = 74
        while data[cut] & 0xC0 == 0x80:  # inside a UTF-8 character: cut before it
            cut -= 1
        if cut > 1 and data[cut - 1] in b"\\^":
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
    parts.append(data)
    return b"\r\n ".join(parts).decode()


_label = choice_label


@functools.lru_cache(maxsize=64)
def _words(language: str | None) -> dict[str, str]:
    """The feed's fixed words in `language`, translated once, not for each event."""
    return {
        "online": _("Online"),
        "when": _("When: %(when)s"),
    }


def _date(day: dt.date) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}"


def _utc(moment: dt.datetime) -> str:
    moment = moment.astimezone(dt.UTC)
    return f"{_date(moment)}T{moment.hour:02}{moment.minute:02}{moment.second:02}Z"


def event_lines(
    event,
    *,
    base_url: str,
    host: str,
    url: str | None = None,
    words: dict | None = None,
) -> list[str]:
    """The VEVENTs of `event` as content lines, in icalendar's property order: written
    directly (a feed holds hundreds of events; building icalendar's objects for each cost
    about a millisecond). tests/events/test_pages.py checks that icalendar reads them and
    writes them back byte for byte. `words`: _words() of the active language (looked up once
    for a feed, not per event)."""
    url = base_url + (url or event.get_absolute_url())
    if "\r" in url or "\n" in url:
        raise ValueError(f"A URI value may not contain CR or LF characters: {url!r}")
    if words is None:
        words = _words(get_language())
    labels = getattr(event, "place_labels", None)  # as rows (a feed), else from its places
    if labels is None:
        labels = [place.label for place in getattr(event, "place_list", [])]
    places = "; ".join(labels)
    updated = getattr(event, "stamp", None) or _utc(event.updated_at or timezone.now())
    category = _text(_label(EventKind, event.kind))
    shown = shown_status(event.status, event.last_day if event.start else None)
    status = STATUS[shown]
    if event.is_online and not places:
        location = words["online"]
    elif places:
        location = places + (f"; {words['online']}" if event.is_online else "")
    else:
        location = None
    lines = []
    for uid_suffix, part, first, last, precision in _periods(event):
        summary = f"{event.title}: {part}" if part else event.title
        when = format_period(first, last, precision)
        description = [words["when"] % {"when": when}]
        if event.date_note:
            description.append(event.date_note)
        if shown in (EventStatus.POSTPONED, EventStatus.CANCELLED, ShownStatus.DATE_PASSED):
            description.append(
                _label(ShownStatus, shown) + (f": {event.status_note}" if event.status_note else "")
            )
        if event.description:
            description.append(event.description)
        description.append(url)
        lines += [
            "BEGIN:VEVENT",
            _fold(f"SUMMARY:{_text(summary)}"),
            f"DTSTART;VALUE=DATE:{_date(first)}",
            f"DTEND;VALUE=DATE:{_date(last + dt.timedelta(days=1))}",
            f"DTSTAMP:{updated}",
            _fold(f"UID:{_text(f'event-{event.pk}{uid_suffix}@{host}')}"),
            _fold(f"CATEGORIES:{category}"),
            _fold("DESCRIPTION:" + _text("\n\n".join(description))),
            f"LAST-MODIFIED:{updated}",
        ]
        if location is not None:
            lines.append(_fold(f"LOCATION:{_text(location)}"))
        lines.append(f"STATUS:{status}")
        lines += [_fold(f"URL:{url}"), "END:VEVENT"]
    return lines


def build_calendar(events, *, name: str, base_url: str, host: str) -> bytes:
    """The calendar of `events`: its head written by icalendar (new_calendar), its events by
    event_lines()."""
    head = new_calendar(name, feed_note()).to_ical().decode()
    end = "END:VCALENDAR\r\n"
    assert head.endswith(end)
    url = Event.url_maker()
    words = _words(get_language())
    lines = [head[: -len(end)].removesuffix("\r\n")]
    for event in events:
        lines += event_lines(event, base_url=base_url, host=host, url=url(event.slug), words=words)
    lines.append(end)
    return "\r\n".join(lines).encode()

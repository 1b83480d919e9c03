"""The iCal feed reads its events as rows (events.queries.FeedEvent), the month calendar and the
feed's window through events.queries.overlapping(): the same events, dates and stamps as the
model and its query set give."""

import datetime as dt

import pytest

from events import ical, queries
from events.models import Event, EventSession
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_overlapping_is_the_querysets_overlapping():
    """The closed-range form selects the same events as EventQuerySet.overlapping()."""
    EventFactory(start=dt.date(2026, 11, 20), end=dt.date(2026, 12, 2))
    EventFactory(start=dt.date(2026, 12, 31))
    EventFactory(start=dt.date(2027, 1, 1))
    EventFactory(start=dt.date(2026, 11, 30))
    month = EventFactory(start=dt.date(2026, 12, 1), date_precision="month")
    year = EventFactory(start=dt.date(2026, 1, 1), date_precision="year")
    EventFactory(start=None)
    first, last = dt.date(2026, 12, 1), dt.date(2026, 12, 31)
    ours = set(queries.overlapping(Event.objects.all(), first, last).values_list("pk", flat=True))
    assert ours == set(Event.objects.overlapping(first, last).values_list("pk", flat=True))
    assert {month.pk, year.pk} <= ours and len(ours) == 4


def test_feed_rows_carry_the_models_stamp_dates_and_sessions():
    """A FeedEvent's stamp is ical's UTC text of updated_at; its last day and its sessions'
    are the model's, in the prefetch's order."""
    today = dt.date.today()
    event = EventFactory(start=today + dt.timedelta(days=10), date_precision="month")
    EventSession.objects.create(event=event, start=today + dt.timedelta(days=40), title="B")
    EventSession.objects.create(event=event, start=today + dt.timedelta(days=12), title="A")
    # A change time without microseconds too (the database writes it shorter).
    Event.objects.filter(pk=event.pk).update(
        updated_at=dt.datetime(2025, 5, 1, 8, 30, tzinfo=dt.UTC)
    )
    other = EventFactory(start=today + dt.timedelta(days=3))
    rows = {row.pk: row for row in queries.calendar_feed_window(queries.calendar_feed_events())}
    for model in Event.objects.filter(pk__in=[event.pk, other.pk]):
        row = rows[model.pk]
        assert row.stamp == ical._utc(model.updated_at)
        assert row.last_day == model.last_day
        sessions = list(model.sessions.order_by("start", "order"))
        assert [(s.title, s.start, s.last_day) for s in row.session_list] == [
            (s.title, s.start, s.last_day) for s in sessions
        ]
    assert rows[event.pk].stamp == "20250501T083000Z"

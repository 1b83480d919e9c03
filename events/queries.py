"""Read-side queries of the events app, named after what they return.

The pages, the feeds, the API and the annual-report builder call these, so every surface shows
published events only, with the same joins (a fixed number of queries however many events).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _

from core.dates import today as current_day
from core.partial_dates import PartialDate
from core.publishing import published_joined, published_q, published_related, unpublished_q
from events.models import (
    Event,
    EventNetwork,
    EventOrganisation,
    EventPlace,
    EventSession,
    period_order,
)
from events.models.parts import place_label
from network.models import Network, Organisation, Person


def published_events(base=None):
    """Published events (or `base`, e.g. what staff may see) with what a list shows."""
    # The project (a draft reads as None) in the same query, not a query of its own.
    events = (Event.objects.published() if base is None else base).select_related("series")
    return published_joined(events, "project").prefetch_related(
        Prefetch(
            "networks",
            queryset=Network.objects.published().order_by("order", "name"),
            to_attr="network_list",
        ),
        Prefetch("places", queryset=public_places().order_by("order", "id"), to_attr="place_list"),
    )


# What the events page (presenters.event_items) writes of an event: only these columns are
# read, with its networks' names and its places' labels; not its series, project or long texts
# (30 rows of 40 columns each, and the joined rows, were most of the page's time).
LIST_COLUMNS = (
    "slug",
    "title",
    "start",
    "end",
    "date_precision",
    "date_note",
    "kind",
    "status",
    "is_online",
)


def listed_events():
    """Published events with what the events page shows of each (LIST_COLUMNS, `network_list`
    and `place_list`, as published_events() names them): its rows, read lighter."""
    networks = Network.objects.published().order_by("order", "name").only("name")
    places = (
        public_places()
        .order_by("order", "id")
        .only(
            "event",
            "organisation",
            "venue",
            "city",
            "country",
            "organisation__name",
            "organisation__is_published",
            "organisation__publish_at",
        )
    )
    return (
        Event.objects.published()
        .only(*LIST_COLUMNS)
        .prefetch_related(
            Prefetch("networks", queryset=networks, to_attr="network_list"),
            Prefetch("places", queryset=places, to_attr="place_list"),
        )
    )


def public_places():
    """Event places as the public sees them: the organisation only if published (else None),
    and a place whose only label was a draft organisation left out."""
    places = EventPlace.objects.filter(
        Q(organisation__isnull=True)
        | published_q("organisation__")
        | ~Q(venue="")
        | ~Q(city="")
        | ~Q(country="")
    )
    # The organisation joined (LEFT JOIN, the one select_related reads it by), its publication
    # checked on that join: not a subquery (PostgreSQL hashed every published organisation).
    return published_joined(places, "organisation")  # joined, not a query of its own


def _published_organisation():
    """The row's organisation if published: a probe per row (by primary key), so that a
    prefetch of a page's rows reads from its event ids, not from every published organisation."""
    return Organisation.objects.published().filter(pk=OuterRef("organisation_id"))


def upcoming(today: dt.date | None = None):
    """Published events not over yet, soonest first."""
    return published_events().upcoming(today)


def past(today: dt.date | None = None):
    """Published events that are over, latest first."""
    return published_events().past(today)


def undated():
    """Published events no source gives a date for."""
    return published_events().filter(start__isnull=True).order_by("title")


class Timing:
    UPCOMING, PAST, UNDATED = 0, 1, 2


class UpcomingThenPast:
    """Upcoming events (soonest first), then past ones (latest first), then undated ones: the
    events page's order, as a list a Paginator pages through.

    Each group is its own query with an order an index serves (start, or title), so a page
    reads its 30 rows from the index instead of sorting every event by a CASE on each request;
    the three groups' sizes come from one aggregate. The list's prefetches run once per page,
    on the page's events, which carry their group as `timing`.
    """

    def __init__(
        self, queryset, today: dt.date | None = None, *, unfiltered: bool = False, rows=None
    ):
        self.today = today or current_day()
        self.unfiltered = unfiltered
        # What a page's rows are read from, by the ids of the page: `queryset` unfiltered (its
        # joins, not its filters, which the ids already applied), or `queryset` itself.
        self.rows = (queryset if rows is None else rows).prefetch_related(None).order_by()
        self.prefetches = queryset._prefetch_related_lookups
        base = queryset.prefetch_related(None).order_by()
        self.groups = (
            (Timing.UPCOMING, base.upcoming(self.today)),
            (
                Timing.PAST,
                # sort_day (set for every dated event) is never after the last day: its bound
                # starts the index walk at today instead of at the latest upcoming event.
                base.filter(sort_day__lt=self.today)
                .exclude(ends_on__gte=self.today)
                .order_by(*period_order(latest_first=True)),
            ),
            (Timing.UNDATED, base.filter(start__isnull=True).order_by("title", "pk")),
        )
        self.base = base
        self._sizes = None

    def sizes(self) -> list[int]:
        # SQLite counts a whole table from its b-tree pages without reading a row; PostgreSQL
        # reads every row either way, so there counting the published ones is as fast.
        if self._sizes is None and self.unfiltered and connections[self.base.db].vendor == "sqlite":
            self._sizes = self._whole_table_sizes()
        if self._sizes is None:
            counts = self.base.aggregate(
                total=Count("pk"),
                upcoming=Count("pk", filter=Q(ends_on__gte=self.today)),
                undated=Count("pk", filter=Q(start__isnull=True)),
            )
            upcoming, undated = counts["upcoming"] or 0, counts["undated"] or 0
            self._sizes = [upcoming, (counts["total"] or 0) - upcoming - undated, undated]
        return self._sizes

    def _whole_table_sizes(self) -> list[int]:
        """The sizes when the list is every published event: its total as every event minus
        the unpublished few (a count of the whole table and an index search, where counting
        the published ones would read an index entry for each), with the upcoming and undated
        counts, in one query of four indexed counts."""
        upcoming = self.base.filter(ends_on__gte=self.today)
        undated = self.base.filter(start__isnull=True)
        row = (
            Event.objects.order_by()
            .annotate(
                every=_count(Event.objects.all()),
                unpublished=_count(Event.objects.filter(unpublished_q())),
                upcoming=_count(upcoming),
                undated=_count(undated),
            )
            .values_list("every", "unpublished", "upcoming", "undated")
            .first()
        )
        every, unpublished, upcoming, undated = row or (0, 0, 0, 0)
        return [upcoming, every - unpublished - upcoming - undated, undated]

    def count(self) -> int:
        return sum(self.sizes())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        events, offset = [], 0
        for (timing, queryset), size in zip(self.groups, self.sizes(), strict=True):
            first, last = max(start - offset, 0), size if stop is None else min(stop - offset, size)
            if first < last:
                # The page's ids first (from an index that holds the order's columns, without
                # reading the rows), then those rows with their joins: the sort reads only
                # index entries, and the joins join the page's rows, not the whole group's.
                page = queryset.values("pk")[first:last]
                rows = self.rows.filter(pk__in=page).order_by(*queryset.query.order_by)
                for event in rows:
                    event.timing = timing
                    events.append(event)
            offset += size
        prefetch_related_objects(events, *self.prefetches)
        return events


def _count(queryset) -> Subquery:
    """COUNT(*) of `queryset` as a scalar subquery (no GROUP BY: the count of all its rows)."""
    return Subquery(
        queryset.order_by()
        .annotate(rows=Func(template="COUNT(*)", output_field=IntegerField()))
        .values("rows")
    )


def upcoming_then_past(
    queryset, today: dt.date | None = None, *, unfiltered: bool = False, rows=None
) -> UpcomingThenPast:
    """`queryset` (filtered, unordered) in the events page's order: see UpcomingThenPast.
    `unfiltered`: it is published_events() with no filter applied, which is counted faster.
    `rows`: the queryset it was filtered from (its joins and prefetches), to read a page's rows
    by their ids without applying the filters again."""
    return UpcomingThenPast(queryset, today, unfiltered=unfiltered, rows=rows)


def latest_first(queryset):
    """Dated events latest first in period order, then undated ones: the API list's order (its
    `?ordering=` sorts otherwise)."""
    return queryset.order_by(*period_order(latest_first=True))


def events_in_year(network: Network, year: int) -> list[dict]:
    """The network's published events of `year`, grouped the way its annual report lists them.

    Each group: {"group": slug, "label": heading, "events": [...]}, in the order of the
    network's report groups, events without a group last (as "Other activities"), each group
    by date.
    """
    events = published_events().filter(networks=network).in_year(year).order_by(*period_order())
    return report_groups(with_report_group(events, network))


def with_report_group(queryset, network: Network):
    """`queryset` with each event's group in `network`'s report, read in the same query:
    `report_group_slug`, `report_group_name` and `report_group_order` (None: no group)."""
    link = EventNetwork.objects.filter(event=OuterRef("pk"), network=network)
    return queryset.annotate(
        report_group_slug=Subquery(link.values("report_group__slug")[:1]),
        report_group_name=Subquery(link.values("report_group__name")[:1]),
        report_group_order=Subquery(link.values("report_group__order")[:1]),
    )


def with_report_group_links(queryset):
    """`queryset` with each event's groups in its published networks' reports, in
    `group_link_list` (the links that have one, with the network's and the group's slugs)."""
    links = (
        EventNetwork.objects.filter(report_group__isnull=False)
        .filter(network__in=Network.objects.published())
        .select_related("network", "report_group")
        .only("event_id", "network__slug", "report_group__slug", "report_group__name")
        .order_by("network__order", "network__name")
    )
    return queryset.prefetch_related(
        Prefetch("network_links", queryset=links, to_attr="group_link_list")
    )


# The heading of a network's events in none of its groups, listed after its groups.
UNGROUPED = ("", _("Other activities"))


def report_groups(events) -> list[dict]:
    """`events` (in the order given, read through with_report_group()) grouped as
    events_in_year() groups them."""
    groups: dict[tuple, list] = {}
    for event in events:
        if event.report_group_slug is None:
            key = (1, 0, *UNGROUPED)
        else:
            key = (0, event.report_group_order, event.report_group_slug, event.report_group_name)
        groups.setdefault(key, []).append(event)
    return [
        {"group": slug, "label": label, "events": groups[key]}
        for key in sorted(groups, key=lambda key: key[:3])
        for slug, label in [key[2:]]
    ]


def next_year_preview(today: dt.date | None = None):
    """Published events planned or confirmed for next year."""
    year = (today or current_day()).year + 1
    return (
        published_events()
        .filter(status__in=["planned", "confirmed", "postponed"])
        .in_year(year)
        .order_by(*period_order())
    )


def event_detail_queryset(base=None):
    """Published events (or `base`) with everything their page shows."""
    roles = EventOrganisation.objects.filter(Exists(_published_organisation())).select_related(
        "organisation"
    )
    # The host joined as the project is (a draft reads as None).
    return published_joined(published_events(base), "host").prefetch_related(
        Prefetch(
            "sessions",
            queryset=EventSession.objects.order_by("start", "order"),
            to_attr="session_list",
        ),
        Prefetch(
            "organisations", queryset=roles.order_by("role", "order", "id"), to_attr="role_list"
        ),
        published_related("speakers", Person, to_attr="speaker_list"),
        "themes",
        "sdgs",
        "images",
    )


def other_editions(event: Event):
    if not event.series_id:
        return Event.objects.none()
    return (
        Event.objects.published()
        .filter(series_id=event.series_id)
        .exclude(pk=event.pk)
        .order_by(F("edition").asc(nulls_last=True), "start")
    )


# The order of the events overlapping a window: by start, then title. Sorted as an expression
# (Coalesce of the start alone) so that both databases read the few events of the window from
# the index on (ends_on, start, …) and sort them, instead of walking every event that started
# before the window's end in (start, title) order to find the few still running in it.
BY_START = (Coalesce("start", "start").asc(nulls_last=True), "title")


def overlapping(queryset, first: dt.date, last: dt.date):
    """`queryset`'s events with any day between `first` and `last` (as EventQuerySet.overlapping),
    with the last day's condition written as a range closed on both sides: SQLite then reads
    the events ending from `first` on from the index on (ends_on, start, …), where with a bare
    `ends_on >= first` it walked every published event by its publish time instead (the month
    calendar's query: 21 ms -> 2.5 ms at 40,000 events)."""
    return queryset.filter(start__lte=last, ends_on__range=(first, dt.date.max))


# What the month calendar shows of an event: its title, link and dates (not its networks and
# places).
CALENDAR_FIELDS = ("id", "slug", "title", "start", "end", "date_precision", "date_note")


def calendar_events(first: dt.date, last: dt.date) -> list[dict]:
    """Published events overlapping first..last, by start: each a dict of CALENDAR_FIELDS and
    `sessions`, its sessions' (start, end, date_precision) in start order (to place it on the
    right days). Rows, not model instances: a month can hold hundreds of events. Two queries."""
    events = list(
        overlapping(Event.objects.published(), first, last)
        .order_by(*BY_START)
        .values(*CALENDAR_FIELDS)
    )
    sessions: dict[int, list] = {}
    if events:
        rows = (
            EventSession.objects.filter(event_id__in=[event["id"] for event in events])
            .order_by("start", "id")
            .values_list("event_id", "start", "end", "date_precision")
        )
        for event_id, *dates in rows:
            sessions.setdefault(event_id, []).append(tuple(dates))
    for event in events:
        event["sessions"] = sessions.get(event["id"], [])
    return events


def events_held_at(organisation: Organisation):
    """Published events that took place at or were hosted by the organisation."""
    # One list of ids (a UNION), not `host = … OR id IN (…)`: PostgreSQL estimates such an OR
    # at half the table and walks every event in date order to find the organisation's few
    # (100 ms at 40,000 events, 1 ms this way).
    hosted = Event.objects.filter(host=organisation).order_by().values("pk")
    held = EventPlace.objects.filter(organisation=organisation).order_by().values("event_id")
    return (
        Event.objects.published()
        .filter(pk__in=hosted.union(held))
        .order_by(*period_order(latest_first=True))
    )


def events_organised_by(organisation: Organisation):
    """Published events the organisation organised, co-organised or partnered, with its roles."""
    roles = EventOrganisation.objects.filter(organisation=organisation)
    return (
        Event.objects.published()
        .filter(pk__in=roles.values("event_id"))
        .prefetch_related(Prefetch("organisations", queryset=roles, to_attr="own_roles"))
        .order_by(*period_order(latest_first=True))
    )


def calendar_feed(queryset):
    """Events for iCal, with their sessions (exported as one VEVENT each)."""
    return queryset.prefetch_related(
        Prefetch(
            "sessions",
            queryset=EventSession.objects.order_by("start", "order").only(
                "event_id", "title", "start", "end", "date_precision"
            ),
            to_attr="session_list",
        )
    ).order_by(*BY_START)


# The events calendar feed's window (one place: the feed view and the events page's text rely
# on it). Without ?year= it holds the events overlapping the last CALENDAR_FEED_DAYS_BACK days
# and the next CALENDAR_FEED_DAYS_AHEAD: at most settings.CALENDAR_FEED_MAX_EVENTS events
# (default below), of which the coming ones first (soonest first, all but a fifth of the cap) and
# the recently ended ones (latest first, at most a fifth): a busy quarter behind must not crowd
# the coming events out of a subscriber's calendar. With ?year= that year's, the earliest first,
# at most the cap. Either way a feed's size never grows with the years of events on the portal.
# What a text search of events reads, on the events list, its API and the site search: the
# places' typed city and venue too, so "Kunming" finds the events held there. Not a place's
# organisation's name: it may be a draft.
EVENT_SEARCH_FIELDS = ("title", "description", "series__name", "places__city", "places__venue")

CALENDAR_FEED_DAYS_BACK = 90
CALENDAR_FEED_DAYS_AHEAD = 365
CALENDAR_FEED_MAX_EVENTS = 300


def calendar_feed_max_events() -> int:
    return getattr(settings, "CALENDAR_FEED_MAX_EVENTS", CALENDAR_FEED_MAX_EVENTS)


# What an iCal feed writes of an event (events.ical.event_lines): only these columns are read,
# and of its places what their label shows; not its networks, series or project (a feed holds
# hundreds of events: each column left out is hundreds of values converted for nothing).
CALENDAR_FEED_COLUMNS = (
    "slug",
    "title",
    "kind",
    "status",
    "status_note",
    "is_online",
    "description",
    "date_note",
    "updated_at",
    "start",
    "end",
    "date_precision",
)


def calendar_feed_events():
    """Published events with the columns a calendar feed writes of them (CALENDAR_FEED_COLUMNS),
    for the feed's FilterSet: calendar_feed_window() narrows them and adds their places. Only
    those known to the day, or with a session known to the day: a calendar has no place for
    "Q4 2023" (events.ical says why), and they must not take the feed's cap."""
    day_sessions = EventSession.objects.filter(
        event=OuterRef("pk"), date_precision="day", start__isnull=False
    )
    return (
        Event.objects.published()
        .filter(Q(date_precision="day") | Exists(day_sessions))
        .only(*CALENDAR_FEED_COLUMNS)
    )


def place_labels(event_ids) -> dict[int, list[str]]:
    """event id -> the labels of its public places (EventPlace.label), in their order: one
    query of rows, not a place and an organisation instance per place. A draft organisation's
    name is not shown (the rule of published(), as public_places() applies it)."""
    organisation_name = Case(
        When(published_q("organisation__"), then=F("organisation__name")), default=Value("")
    )
    rows = (
        public_places()
        .filter(event_id__in=event_ids)
        .order_by("event_id", "order", "id")
        .values_list("event_id", "venue", "city", organisation_name, "country")
    )
    labels: dict[int, list[str]] = {}
    for event_id, venue, city, organisation, country in rows:
        labels.setdefault(event_id, []).append(
            place_label(venue, city, organisation or "", country)
        )
    return labels


def calendar_feed_window(queryset, *, year: int | None = None, today: dt.date | None = None):
    """The events a calendar feed (events/feed.ics) holds, of `queryset` (the list's filters
    applied): those of `year` if given (a past year too, the earliest first), else those not
    over yet that start within the coming year (soonest first) and those that ended in the last
    90 days (latest first, at most a fifth of the cap); at most calendar_feed_max_events() in
    all, in start order, with their sessions and, as `place_labels`, their public places'
    labels (place_labels())."""
    cap = calendar_feed_max_events()
    if year is not None:
        in_year = overlapping(queryset, dt.date(year, 1, 1), dt.date(year, 12, 31))
        events = _feed_rows(in_year.order_by(*BY_START)[:cap])
    else:
        day = today or current_day()
        recent_cap = cap // 5
        coming = (
            overlapping(queryset, day, day + dt.timedelta(days=CALENDAR_FEED_DAYS_AHEAD))
            .order_by(*BY_START, "pk")
            .values("pk")[: cap - recent_cap]
        )
        chosen = Q(pk__in=coming)
        if recent_cap:
            recent = (
                queryset.filter(
                    ends_on__range=(day - dt.timedelta(days=CALENDAR_FEED_DAYS_BACK), day),
                    ends_on__lt=day,
                )
                .order_by("-ends_on", "-start", "-pk")
                .values("pk")[:recent_cap]
            )
            chosen |= Q(pk__in=recent)
        # Bounded by the window's first day too, so that neither database reads every event
        # to find the chosen ones (an OR of two id lists is not a join).
        oldest = day - dt.timedelta(days=CALENDAR_FEED_DAYS_BACK)
        events = _feed_rows(queryset.filter(chosen, ends_on__gte=oldest).order_by(*BY_START))
    ids = [event.pk for event in events]
    labels = place_labels(ids)
    sessions: dict[int, list[FeedSession]] = {}
    rows = (
        EventSession.objects.filter(event_id__in=ids)
        .order_by("start", "order")
        .values_list("event_id", "title", "start", "end", "date_precision")
    )
    for event_id, *session in rows:
        sessions.setdefault(event_id, []).append(FeedSession(*session))
    for event in events:
        event.place_labels = labels.get(event.pk, [])
        event.session_list = sessions.get(event.pk, [])
    return events


class FeedSession:
    """A session as a calendar feed writes it (events.ical): a row, not a model instance."""

    __slots__ = ("title", "start", "end", "date_precision")

    def __init__(self, title, start, end, date_precision):
        self.title, self.start, self.end = title, start, end
        self.date_precision = date_precision

    @property
    def last_day(self) -> dt.date:
        """As PartialDateRange.last_day."""
        return self.end or PartialDate.of(self.start, self.date_precision).last


class FeedEvent(FeedSession):
    """An event as a calendar feed writes it (events.ical.event_lines): CALENDAR_FEED_COLUMNS
    and its id read as a row (a feed holds hundreds: a model instance each, with its fields'
    conversions, cost more than writing its lines), `stamp` its change time as iCal's UTC
    text, `session_list` and `place_labels` added by calendar_feed_window()."""

    __slots__ = (
        "pk",
        "slug",
        "kind",
        "status",
        "status_note",
        "is_online",
        "description",
        "date_note",
        "stamp",
        "session_list",
        "place_labels",
    )

    def __init__(self, row: dict):
        for name, value in row.items():
            setattr(self, name, value)


# The columns of a FeedEvent, with the change time as the database writes it in UTC
# ("2024-05-01 08:30:00.5" on SQLite, "…+00" on PostgreSQL, whose session time zone Django
# sets to UTC): its digits are iCal's stamp, without a datetime made per row.
_FEED_ROW = [name for name in CALENDAR_FEED_COLUMNS if name != "updated_at"]


def _feed_rows(queryset) -> list[FeedEvent]:
    events = []
    for row in queryset.annotate(changed=Cast("updated_at", CharField())).values(
        "pk", *_FEED_ROW, "changed"
    ):
        changed = row.pop("changed")
        row["stamp"] = (
            f"{changed[0:4]}{changed[5:7]}{changed[8:10]}T"
            f"{changed[11:13]}{changed[14:16]}{changed[17:19]}Z"
        )
        events.append(FeedEvent(row))
    return events


def newly_published(limit: int = 30):
    """The most recently published events, for the Atom feed: with their networks (its
    categories), not their places, series or project, which it does not show."""
    networks = Network.objects.published().order_by("order", "name").only("name")
    return (
        Event.objects.published()
        .prefetch_related(Prefetch("networks", queryset=networks, to_attr="network_list"))
        .order_by("-publish_at", "-pk")[:limit]
    )

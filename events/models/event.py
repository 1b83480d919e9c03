"""The event itself: its kinds, formats and states, its series, and the event with its dates,
networks, people, attendance and what came of it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import dates
from core.choices import choice_label
from core.links import slug_path_maker, slug_url
from core.models import SluggedModel, SourcedModel
from core.partial_dates import PartialDate, PartialDateRange
from core.publishing import Publishable, PublishableQuerySet
from core.time_scope import TimeScoped
from core.validators import link_lines, validate_links
from network.models import SDG, Network, Organisation, Person, Project, Theme


class EventKind(models.TextChoices):
    WEBINAR = "webinar", _("Webinar")
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    FORUM = "forum", _("Forum")
    CONFERENCE = "conference", _("Conference")
    SUMMIT = "summit", _("Summit")
    MEETING = "meeting", _("Meeting")
    STUDY_VISIT = "study-visit", _("Study visit")
    COURSE = "course", _("Course")
    SIDE_EVENT = "side-event", _("Side event")
    CAMPAIGN = "campaign", _("Campaign")
    EXHIBITION = "exhibition", _("Exhibition")
    AWARD = "award", _("Award")
    OTHER = "other", _("Other")


class ReportGroup(models.Model):
    """A heading one network's annual report lists its activities under ("Trainings", "9th
    CityNet Congress"), in that network's order."""

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="report_groups",
        verbose_name=_("network"),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The heading as the network's report prints it.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        allow_unicode=True,
        help_text=_(
            "The group's value in the events filter (?group=trainings). Made from the name if "
            "left empty."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("The network's reports list their groups in this order, lowest first."),
    )

    class Meta:
        ordering = ["network", "order", "name"]
        verbose_name = _("report group")
        verbose_name_plural = _("report groups")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="report_group_unique_name"),
            models.UniqueConstraint(fields=["network", "slug"], name="report_group_unique_slug"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The one place the slug is derived: every path saving a group runs full_clean().
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:100]


class EventFormat(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


# The formats people can join online: an event of one of them must be marked 'online'.
ONLINE_FORMATS = (EventFormat.ONLINE, EventFormat.HYBRID)


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class ShownStatus(models.TextChoices):
    """An event's status as every public surface shows it: the stored status, except that a
    plan whose dates have passed is no longer a plan (see shown_status())."""

    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")
    DATE_PASSED = "date-passed", _("Date passed — not confirmed")


# The stored statuses that speak of days still ahead.
AHEAD_STATUSES = (EventStatus.PLANNED, EventStatus.CONFIRMED)


def shown_status(status: str, last_day: dt.date | None, today: dt.date | None = None) -> str:
    """The one rule for what an event's status reads as on every public surface (pages, feeds,
    API, JSON-LD, exports, reports): a planned or confirmed event whose last day is before
    `today` (core.dates.today()) is "date passed — not confirmed" until staff mark it held,
    postponed or cancelled. An undated event keeps its status (there is no day to pass)."""
    if status in AHEAD_STATUSES and last_day is not None and last_day < (today or dates.today()):
        return ShownStatus.DATE_PASSED
    return status


def shown_status_label(value: str) -> str:
    """The translated label of a shown_status() value."""
    return choice_label(ShownStatus, value)


# The figures of an event's attendance (each optional); the free-text note is beside them.
ATTENDANCE_COUNTS = (
    "attendance_in_person",
    "attendance_online",
    "attendance_registered",
    "attendance_countries",
)


class EventSeries(SluggedModel):
    """Events that recur as numbered or yearly editions (Daring Cities, the Low Carbon Cities forum)."""

    network_path = None
    history = HistoricalRecords()

    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self):
        return self.name


# The order of events by their period, as reports and short lists show them: an event dated to
# the day by its first day; one known only to the month, quarter or year at the end of that
# period (its last day), after the events dated within it, so that "2022" closes 2022's events
# and "Q4 2023" closes December's instead of sitting on an invented 1 January or 1 October.
# Between equal days, the finer date first, then the title.
PRECISION_RANK = {"day": 0, "month": 1, "quarter": 2, "year": 3}


def sort_day_of(start: dt.date, last_day: dt.date, precision: str) -> dt.date:
    """The day a period sorts on (see PRECISION_RANK): its first when known to the day, else
    its last. Stored as Event.sort_day, for the database's orders (period_order())."""
    return start if precision == "day" else last_day


def period_sort_key(start, last_day, precision: str, title: str = "") -> tuple:
    """The sort key of an event's period (see PRECISION_RANK): for lists already read."""
    if start is None:
        return (dt.date.max, 9, title)
    return (sort_day_of(start, last_day, precision), PRECISION_RANK.get(precision, 9), title)


def period_order(*, latest_first: bool = False) -> tuple:
    """order_by() arguments for period order (period_sort_key), or its reverse; undated last.

    By the stored `sort_day` and then the precision, whose names sort as PRECISION_RANK does
    (day < month < quarter < year): plain columns an index serves, no expression per row
    (latest first: the index events_period_latest_first of migration 0010)."""
    if latest_first:
        return (models.F("sort_day").desc(nulls_last=True), "-date_precision", "title", "pk")
    return (models.F("sort_day").asc(nulls_last=True), "date_precision", "title", "pk")


class EventNetwork(models.Model):
    """An event's link to one of its networks, with the group that network's report lists it
    under: a joint event sits in each network's own group."""

    network_path = "network"

    event = models.ForeignKey(
        "Event", on_delete=models.CASCADE, related_name="network_links", verbose_name=_("event")
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="event_links", verbose_name=_("network")
    )
    report_group = models.ForeignKey(
        ReportGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_links",
        verbose_name=_("report group"),
        help_text=_(
            "The heading this network's annual report lists the event under (one of this "
            "network's groups). Empty: listed under 'Other activities'."
        ),
    )

    class Meta:
        # The table of the many-to-many link it replaced, rows and all.
        db_table = "events_event_networks"
        unique_together = [("event", "network")]
        verbose_name = _("network of the event")
        verbose_name_plural = _("networks of the event")

    def __str__(self):
        return str(self.network)

    def clean(self):
        """A group of the link's own network only."""
        group = self.report_group
        if group is not None and self.network_id and group.network_id != self.network_id:
            raise ValidationError(
                {
                    "report_group": _(
                        "“%(group)s” is a report group of another network: choose one of "
                        "this network's groups."
                    )
                    % {"group": group.name}
                }
            )


class EventQuerySet(PublishableQuerySet):
    def dated(self):
        return self.filter(start__isnull=False)

    def upcoming(self, today: dt.date | None = None):
        """Events not yet over on `today` (an event of "Nov 2023" is upcoming until 30 Nov),
        soonest first in period order (period_order(): "2027" after 2027's dated events).

        Read from the index on ends_on (a range closed on both sides, which SQLite prefers too)
        and those few sorted by an expression (as period_order() is): ordered by the bare
        start, PostgreSQL walks the (start, title) index from the oldest event and filters out every past one to find the first six
        (115 ms at 40,000 events), and SQLite does the same."""
        return self.filter(ends_on__range=(today or dates.today(), dt.date.max)).order_by(
            *period_order()
        )

    def date_passed(self, today: dt.date | None = None):
        """Planned or confirmed events whose last day is before `today`: those shown_status()
        shows as "date passed — not confirmed" (the query form of the same rule)."""
        return self.filter(status__in=AHEAD_STATUSES, ends_on__lt=today or dates.today())

    def with_shown_status(self, value: str, today: dt.date | None = None):
        """Events whose shown_status() is `value` (the filters of the list page and API)."""
        today = today or dates.today()
        if value == ShownStatus.DATE_PASSED:
            return self.date_passed(today)
        if value in AHEAD_STATUSES:
            ahead = models.Q(ends_on__gte=today) | models.Q(ends_on__isnull=True)
            return self.filter(ahead, status=value)
        return self.filter(status=value)

    def past(self, today: dt.date | None = None):
        return self.filter(ends_on__lt=today or dates.today()).order_by(
            *period_order(latest_first=True)
        )

    def overlapping(self, first: dt.date, last: dt.date):
        """Dated events with any day between `first` and `last`, whatever their precision."""
        return self.filter(start__lte=last, ends_on__gte=first)

    def in_year(self, year: int):
        return self.overlapping(dt.date(year, 1, 1), dt.date(year, 12, 31))


class Event(SluggedModel, SourcedModel, Publishable, PartialDateRange, TimeScoped):
    """One webinar, training, forum, study visit… at a partial date, in places or online."""

    network_path = "networks"
    history = HistoricalRecords(m2m_fields=["networks", "speakers", "themes", "sdgs"])

    slug_source_field = "title"

    # Longer than other slugs: seeded events keep their descriptive keys as slugs.
    slug = models.SlugField(
        _("slug"),
        max_length=150,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The last part of the page's address. Made from the title if left empty; "
            "changing it breaks links others have saved."
        ),
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    report_section = models.CharField(
        _("report section"),
        max_length=200,
        blank=True,
        help_text=_("The report's section that describes it, e.g. 'Low Emission Development'."),
    )
    networks = models.ManyToManyField(
        Network,
        through=EventNetwork,
        related_name="events",
        verbose_name=_("organising networks"),
        help_text=_("Every network that runs or reports it; one event may belong to several."),
    )
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    edition = models.PositiveSmallIntegerField(
        _("edition"), null=True, blank=True, help_text=_("E.g. 3 for the 3rd forum of a series.")
    )
    # The event's own dates may be unknown (the documents name some events without one): such
    # an event is listed under "date not given" and left out of calendars and iCal.
    start = models.DateField(
        _("start"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Empty when no source gives a date. Stored as the first day of its period."),
    )
    ends_on = models.DateField(
        _("last day"),
        null=True,
        editable=False,
        db_index=True,
        help_text=_("Computed: the last day the event's period covers, for upcoming/past."),
    )
    sort_day = models.DateField(
        _("sorted on"),
        null=True,
        editable=False,
        help_text=_(
            "Computed: the day the event sorts by — its first day when known to the day, else "
            "the last day of its month, quarter or year (never an invented first day)."
        ),
    )
    date_note = models.CharField(
        _("date note"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown beside the date, e.g. 'Some time in February–May 2022: the report gives no month'."
        ),
    )
    format = models.CharField(
        _("format"),
        max_length=10,
        choices=EventFormat.choices,
        blank=True,
        help_text=_("Leave empty if no source says; online or hybrid need 'online' ticked."),
    )
    is_online = models.BooleanField(
        _("online"), default=False, help_text=_("People can take part online.")
    )
    status = models.CharField(
        _("event status"), max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    status_note = models.TextField(
        _("status note"), blank=True, help_text=_("E.g. why it was postponed or cancelled.")
    )
    host = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_hosted",
        verbose_name=_("host city"),
    )
    speakers = models.ManyToManyField(
        Person, blank=True, related_name="events_spoken_at", verbose_name=_("speakers")
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("project"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="events", verbose_name=_("themes")
    )
    sdgs = models.ManyToManyField(SDG, blank=True, related_name="events", verbose_name=_("SDGs"))
    attendance_in_person = models.PositiveIntegerField(_("in person"), null=True, blank=True)
    attendance_online = models.PositiveIntegerField(_("online"), null=True, blank=True)
    attendance_registered = models.PositiveIntegerField(_("registered"), null=True, blank=True)
    attendance_countries = models.PositiveSmallIntegerField(_("countries"), null=True, blank=True)
    attendance_note = models.TextField(
        _("attendance note"),
        blank=True,
        help_text=_(
            "The source's words, e.g. 'over 1,500 registered delegates from 70 countries'."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "For editors only (not shown to the public), e.g. how the sources differ on a date."
        ),
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One http(s) address per line."))

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "title"]
        # The events page's and API's filters and orders (events.queries, events.filters):
        # upcoming events soonest first read from (start, title, id); past ones and the API's
        # "latest first, undated last" in period order from an index that migration 0010 makes
        # per database (PostgreSQL needs NULLS LAST in it).
        indexes = [
            models.Index(fields=["start", "title", "id"], name="event_start_title"),
            models.Index(fields=["kind"], name="event_kind"),
            models.Index(fields=["status"], name="event_status"),
            models.Index(fields=["format"], name="event_format"),
            # Counts over all published events read from an index, not from each event's row:
            # the events page's group sizes (upcoming, past, undated) and the sitemap's count
            # and latest change.
            models.Index(
                fields=["publish_at", "is_published", "ends_on", "start", "updated_at"],
                name="event_published_dates",
            ),
            # The Atom feed's order, newest published first: with publish_at alone PostgreSQL
            # sorts every event sharing a publish time (a seed or an import gives thousands the
            # same) to break the tie by id (270 ms at 40,000 events).
            models.Index(fields=["publish_at", "id"], name="event_publish_order"),
            # The sitemap index's latest change of a published event: the newest entry of the
            # published ones read from this index alone, not every row's change time.
            models.Index(
                fields=["is_published", "updated_at", "publish_at"], name="event_published_changes"
            ),
            # The events overlapping a window (the month calendar, the iCal feed's window):
            # from the events ending on or after its first day, each checked against its last
            # day and its publication in the index, so that only the matching rows are read.
            models.Index(
                fields=["ends_on", "start", "is_published", "publish_at"],
                name="event_overlapping",
            ),
            # The events page's upcoming events, soonest first: a page's ids sorted from index
            # entries alone (events.queries.UpcomingThenPast), not from hundreds of rows.
            models.Index(
                fields=["ends_on", "start", "title", "id", "is_published", "publish_at"],
                name="event_upcoming_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "edition"],
                condition=models.Q(series__isnull=False, edition__isnull=False),
                name="one_event_per_series_edition",
                violation_error_message=_("This series already has an event with this edition."),
            ),
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("events:event-detail", self.slug)

    @staticmethod
    def url_maker():
        """slug -> the event page's address, as get_absolute_url() gives it, with the URL
        pattern reversed once: for pages and feeds that link hundreds of events."""
        return slug_path_maker("events:event-detail")

    def normalise_dates(self):
        if self.start is None:
            self.end = None
            self.ends_on = self.sort_day = None
            return
        super().normalise_dates()
        self.ends_on = self.last_day
        self.sort_day = sort_day_of(self.start, self.ends_on, self.date_precision)

    def clean(self):
        errors = {}
        if self.start is None and self.end is not None:
            errors["end"] = _("An end needs a start: give the start too, or leave both empty.")
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
        if (
            self.status == EventStatus.HELD
            and self.start
            and PartialDate.of(self.start, self.date_precision).first > dates.today()
        ):
            errors["status"] = _(
                "A held event cannot start in the future: choose planned or confirmed."
            )
        if self.format in ONLINE_FORMATS and not self.is_online:
            errors["is_online"] = _("An online or hybrid event must be marked 'online'.")
        if self.format == EventFormat.IN_PERSON and self.is_online:
            errors["format"] = _(
                "An event people can join online is online or hybrid, not in person."
            )
        try:
            validate_links(self.links)
        except ValidationError as error:
            errors["links"] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def when(self) -> str:
        return super().when if self.start else ""

    def period_years(self):
        if not self.start:
            return None, None, False
        return self.start.year, self.last_day.year, False

    @property
    def shown_status(self) -> str:
        """shown_status() of this event: read from its start, end and precision (what every
        list reads), not from `ends_on`, which lists may not load."""
        if self.start is None:
            return self.status
        last = self.end or PartialDate.of(self.start, self.date_precision).last
        return shown_status(self.status, last)

    def get_shown_status_display(self) -> str:
        return shown_status_label(self.shown_status)

    @property
    def link_list(self):
        return link_lines(self.links)

    @property
    def has_attendance(self):
        counts = (getattr(self, name) for name in ATTENDANCE_COUNTS)
        return any(value is not None for value in counts) or bool(self.attendance_note)

    def derived_format(self, has_places: bool) -> str:
        """The stated format, else what 'online' and the places make plain (or '' if nothing)."""
        if self.format:
            return self.format
        if self.is_online:
            return EventFormat.HYBRID if has_places else EventFormat.ONLINE
        return ""

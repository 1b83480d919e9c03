import calendar
import datetime as dt
import json
from html import escape as html_escape  # Django's escape() without its lazy wrapper

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.constants import EMPTY_VALUES

from core.choices import choice_label
from core.dates import today
from core.filters import YEAR_MAX, YEAR_MIN
from core.partial_dates import PartialDate, Precision, format_period
from core.views import FilteredListView, RecordFeed, bad_filters_response
from events import ical, presenters, queries
from events.filters import EventFilter
from events.models import Event, EventKind
from events.schema_org import event_json_ld
from staff.preview import visible_to


class EventListView(FilteredListView):
    """Upcoming events first (soonest first), then past ones (latest first), then undated."""

    context_object_name = "events"
    filterset_class = EventFilter

    def get_base_queryset(self):
        return queries.listed_events()

    def paginate_queryset(self, queryset, page_size):
        # No filter given: the list is every published event, whose count has a faster query.
        form = self.filterset.form
        unfiltered = form.is_valid() and not any(
            value not in EMPTY_VALUES for value in form.cleaned_data.values()
        )
        paginator, page, events, is_paginated = super().paginate_queryset(
            queries.upcoming_then_past(
                queryset, unfiltered=unfiltered, rows=self.filterset.queryset
            ),
            page_size,
        )
        return paginator, page, presenters.event_items(events), is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today()
        context.update(
            today=day,
            calendar_url=reverse("events:event-calendar", args=[day.year, day.month]),
            next_year=day.year + 1,
        )
        return context


def _ical_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def event_feed_ics(request):
    """The published events matching the list page's filters, as a subscribable calendar:
    those of the window queries.calendar_feed_window() bounds: the coming year's (soonest
    first) and the last 90 days' (latest first, a fifth of the cap at most), at most
    settings.CALENDAR_FEED_MAX_EVENTS (300) in all; or the year of ?year= (earliest first)."""
    filterset = EventFilter(request.GET, queryset=queries.calendar_feed_events(), request=request)
    if not filterset.is_valid():
        return bad_filters_response(filterset.form)
    events = queries.calendar_feed_window(
        filterset.qs, year=filterset.form.cleaned_data.get("year")
    )
    content = ical.build_calendar(
        events,
        name=_("City Network Portal events"),
        base_url=_base_url(request),
        host=request.get_host().split(":")[0],
    )
    return _ical_response(content, "events.ics")


def event_ics(request, slug):
    """One event as an .ics file for "add to calendar"."""
    event = get_object_or_404(
        queries.calendar_feed(
            queries.published_events(visible_to(Event.objects.all(), request.user))
        ),
        slug=slug,
    )
    if not ical.has_calendar_days(event):
        raise Http404(
            _(
                "This event's date is known only to the month, quarter or year, so there is no "
                "day to put in a calendar."
            )
        )
    content = ical.build_calendar(
        [event],
        name=event.title,
        base_url=_base_url(request),
        host=request.get_host().split(":")[0],
    )
    return _ical_response(content, f"{event.pk}.ics")


class EventDetailView(DetailView):
    model = Event

    def get_queryset(self):
        return queries.event_detail_queryset(visible_to(Event.objects.all(), self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        roles = {"organiser": [], "co-organiser": [], "partner": []}
        for role in event.role_list:
            roles[role.role].append(role.organisation)
        json_ld = json.dumps(event_json_ld(event, _base_url(self.request)), ensure_ascii=False)
        # Escaped so that no text in the data can close the script element.
        json_ld = json_ld.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        context.update(
            organisers=roles["organiser"],
            co_organisers=roles["co-organiser"],
            partners=roles["partner"],
            other_editions=queries.other_editions(event),
            json_ld=mark_safe(json_ld),  # noqa: S308 - escaped above
            format=event.derived_format(bool(event.place_list)),
            in_calendar=ical.has_calendar_days(event),
        )
        return context


class EventCalendarView(TemplateView):
    """A month grid: day-precision events on their days, coarser ones listed above the grid."""

    template_name = "events/event_calendar.html"

    def get(self, request, *args, **kwargs):
        year, month = kwargs["year"], kwargs["month"]
        if not (YEAR_MIN <= year <= YEAR_MAX and 1 <= month <= 12):
            context = {
                "message": _("There is no month %(year)s-%(month)s.")
                % {"year": year, "month": month}
            }
            return render(request, "events/bad_request.html", context, status=400)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = kwargs["year"], kwargs["month"]
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        by_day: dict[dt.date, list[str]] = {}
        vague = []
        url = Event.url_maker()
        for event in queries.calendar_events(first, last):
            # Its link, the same on each of its days: made once (HTML made here, not by the
            # template per day: hundreds of links a month).
            link = f'<a href="{html_escape(url(event["slug"]))}">{html_escape(event["title"])}</a>'
            item = f"<li>{link}</li>"
            spans = [
                (start, end or PartialDate.of(start, precision).last, precision)
                for start, end, precision in event["sessions"]
                or [(event["start"], event["end"], event["date_precision"])]
            ]
            placed = False
            for start, end, precision in spans:
                if precision != Precision.DAY:
                    continue
                day = max(start, first)
                while day <= min(end, last):
                    by_day.setdefault(day, []).append(item)
                    placed = True
                    day += dt.timedelta(days=1)
            if not placed and any(p != Precision.DAY for *_, p in spans):
                when = format_period(event["start"], event["end"], event["date_precision"])
                note = event["date_note"]
                note = f" ({html_escape(note)})" if note else ""
                vague.append(f"<li>{link} — {html_escape(when)}{note}</li>")
        weeks = [
            [
                {
                    "date": day,
                    "in_month": day.month == month,
                    "items": mark_safe("".join(by_day.get(day, ()))),  # noqa: S308 - escaped
                }
                for day in week
            ]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        previous = first - dt.timedelta(days=1)
        following = last + dt.timedelta(days=1)
        context.update(
            month=first,
            weeks=weeks,
            vague=mark_safe("".join(vague)),  # noqa: S308 - escaped above
            weekdays=[dt.date(2024, 1, day) for day in range(1, 8)],  # a Monday to Sunday
            previous_url=reverse("events:event-calendar", args=[previous.year, previous.month]),
            next_url=reverse("events:event-calendar", args=[following.year, following.month]),
        )
        return context


def calendar_this_month(request):
    day = today()
    return redirect("events:event-calendar", year=day.year, month=day.month)


class NextYearView(ListView):
    """Events planned or confirmed for next year, in pages: a year can hold thousands."""

    template_name = "events/next_year.html"
    context_object_name = "events"
    paginate_by = 30

    def get_queryset(self):
        return queries.next_year_preview()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, events, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = presenters.event_items(list(events))
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=today().year + 1, **kwargs)


class LatestEventsFeed(RecordFeed):
    """Atom feed of newly published events (by publication time, newest first)."""

    feed_type = Atom1Feed
    title = gettext_lazy("New events — City Network Portal")
    subtitle = gettext_lazy("Events as they are published on the portal.")
    list_url_name = "events:event-list"

    def items(self):
        return queries.newly_published(self.limit)

    def item_description(self, item):
        parts = [
            item.when or _("Date not given"),
            choice_label(EventKind, item.kind),
            item.get_shown_status_display(),
        ]
        text = " · ".join(str(part) for part in parts)
        if item.description:
            text += "\n\n" + item.description
        return escape(text)

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [network.name for network in item.network_list]

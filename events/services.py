"""Writes of events: every path that saves one (admin, API, spreadsheet, seed) comes here, so the
same input gets the same result and the same message on each.
"""

from __future__ import annotations

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.partial_dates import entered_text, parse_entered_range
from core.services import set_relations
from events.models import Event, EventNetwork, EventOrganisation, EventPlace, EventStatus
from network.models import Theme

# Relations the event's own full_clean() cannot check before they are set.
MANY_TO_MANY = ["networks", "themes", "sdgs", "speakers"]


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def next_edition_title(title: str, *, edition: int | None, year: int | None) -> str:
    """ "2nd … Forum" → "3rd … Forum"; "Daring Cities 2022" → "Daring Cities 2023"."""
    if edition:
        title = re.sub(rf"\b{_ordinal(edition)}\b", _ordinal(edition + 1), title, count=1)
    if year:
        title = re.sub(rf"\b{year}\b", str(year + 1), title)
    return title


# What a series' next edition keeps of the last one, of its places and of its organisers.
KEPT_FOR_NEXT_EDITION = (
    "kind",
    "report_section",
    "series_id",
    "format",
    "is_online",
    "host",
    "project",
)
KEPT_OF_PLACE = ("organisation", "venue", "city", "country", "order")
KEPT_OF_ORGANISER = ("organisation", "role", "order")


def _kept(record, fields: tuple[str, ...]) -> dict:
    return {name: getattr(record, name) for name in fields}


@transaction.atomic
def copy_into_next_edition(*, event: Event) -> Event:
    """A draft of the series' next edition: what stays (kind, networks, places, organisers,
    host, project, themes) is copied; what belongs to one edition (dates, sessions, attendance,
    description, outcomes, images) is left for staff to fill in."""
    if not event.series_id:
        raise ValueError("The event belongs to no series.")
    last = Event.objects.filter(series_id=event.series_id).aggregate(n=Max("edition"))["n"]
    copy = Event.objects.create(
        **_kept(event, KEPT_FOR_NEXT_EDITION),
        title=next_edition_title(
            event.title, edition=event.edition, year=event.start.year if event.start else None
        ),
        edition=(last or event.edition or 0) + 1,
        start=None,
        status=EventStatus.PLANNED,
        links="",
        is_published=False,
    )
    set_relations(
        copy, networks=event.networks.all(), themes=event.themes.all(), sdgs=event.sdgs.all()
    )
    event_set_report_groups(
        event=copy,
        report_groups={
            link.network_id: link.report_group
            for link in event.network_links.select_related("report_group")
        },
    )
    EventPlace.objects.bulk_create(
        EventPlace(**_kept(place, KEPT_OF_PLACE), event=copy) for place in event.places.all()
    )
    EventOrganisation.objects.bulk_create(
        EventOrganisation(**_kept(role, KEPT_OF_ORGANISER), event=copy)
        for role in event.organisations.all()
    )
    return copy


def event_set_dates(
    *, event: Event, start: str | None = None, end: str | None = None, precision: str | None = None
) -> None:
    """Set the event's dates from text as staff type it: 2022-10-03, 2022-10, 2022-Q4 or 2022.

    None leaves that end as it is (a change of the start alone keeps the end); "" clears it.
    Read at `precision` when one is given, else at the precision the dates are typed at. Raises
    a ValidationError naming `start` or `end`; the event is left unchanged then."""
    if start is None and end is None:
        if precision:
            event.date_precision = precision
        return
    if start is None:
        start = entered_text(event.start, event.date_precision)
    if end is None:
        end = entered_text(event.end, event.date_precision)
    first, last, precision = parse_entered_range(start, end, precision)
    if last and not first:
        raise ValidationError({"start": _("An end needs a start.")})
    event.start = first.first if first else None
    event.end = last.last if last else None
    if precision:
        event.date_precision = precision


def _derive_format(event: Event, has_places: bool) -> bool:
    """An online event whose format no one stated is hybrid with places, online without."""
    derived = event.derived_format(has_places)
    changed = derived != event.format
    event.format = derived
    return changed


def _themes(slugs: list[str], networks) -> list[Theme]:
    themes = {theme.slug: theme for theme in Theme.objects.filter(network__in=networks)}
    unknown = [slug for slug in slugs if slug not in themes]
    if unknown:
        raise ValidationError(
            {
                "themes": _("No theme of the event's networks has the slug: %(slugs)s")
                % {"slugs": ", ".join(unknown)}
            }
        )
    return [themes[slug] for slug in slugs]


def _rows(model, rows: list[dict], name: str) -> list:
    """Unsaved `model` rows of an event, in order, checked; errors name the row: `places[1].city`."""
    instances, errors = [], {}
    for index, row in enumerate(rows):
        instance = model(**{"order": index, **row})
        try:
            instance.full_clean(exclude=["event"], validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                key = f"{name}[{index}]" + ("" if field == NON_FIELD_ERRORS else f".{field}")
                errors[key] = messages
        instances.append(instance)
    if errors:
        raise ValidationError(errors)
    return instances


def _organisers(rows: list[dict]) -> list[EventOrganisation]:
    organisers = _rows(EventOrganisation, rows, "organisers")
    seen = set()
    for index, organiser in enumerate(organisers):
        key = (organiser.organisation_id, organiser.role)
        if key in seen:
            raise ValidationError(
                {f"organisers[{index}]": _("This organisation already has this role.")}
            )
        seen.add(key)
    return organisers


@transaction.atomic
def event_set_report_groups(*, event: Event, report_groups: dict) -> None:
    """Set the group each network's report lists the saved `event` under.

    `report_groups`: {network (or its id): ReportGroup or None}; a network left out keeps its
    group. Each network must be one of the event's and each group one of that network's
    (EventNetwork.clean()); otherwise a ValidationError on `report_groups` and nothing changes."""
    links = {link.network_id: link for link in event.network_links.select_related("network")}
    changed, errors = [], []
    for network, group in report_groups.items():
        link = links.get(getattr(network, "pk", network))
        if link is None:
            errors.append(
                _("The event is not in the network %(network)s: add the network first.")
                % {"network": getattr(network, "name", network)}
            )
            continue
        link.report_group = group
        try:
            link.clean()
        except ValidationError as error:
            errors.extend(
                f"{link.network.name}: {message}" for message in error.message_dict["report_group"]
            )
            continue
        changed.append(link)
    if errors:
        raise ValidationError({"report_groups": errors})
    EventNetwork.objects.bulk_update(changed, ["report_group"])


@transaction.atomic
def event_save(
    *,
    event: Event,
    start: str | None = None,
    end: str | None = None,
    date_precision: str | None = None,
    networks=None,
    themes: list[str] | None = None,
    sdgs=None,
    speakers=None,
    places: list[dict] | None = None,
    organisers: list[dict] | None = None,
    report_groups: dict | None = None,
) -> Event:
    """Check and save an event (new or changed) with its relations.

    `start`, `end`, `date_precision`: as `event_set_dates`. `themes`: slugs of themes of the
    event's networks. `places` and `organisers`: rows of field values ({"city": "Seoul",
    "country": "KR"}; {"organisation": …, "role": "partner"}) in their order. `report_groups`: as
    event_set_report_groups(), after the networks are set. A relation left as
    None stays as it is; one given replaces the event's own. Raises a ValidationError naming the
    field (`places[0].city`) and saves nothing when anything is wrong."""
    event_set_dates(event=event, start=start, end=end, precision=date_precision)
    event.full_clean(exclude=MANY_TO_MANY)
    if themes is not None:
        of_networks = networks
        if of_networks is None:
            of_networks = event.networks.all() if event.pk else []
        themes = _themes(themes, of_networks)
    if places is not None:
        places = _rows(EventPlace, places, "places")
    if organisers is not None:
        organisers = _organisers(organisers)

    if places is not None:
        _derive_format(event, bool(places))
    else:
        _derive_format(event, event.pk is not None and event.places.exists())
    event.save()
    set_relations(event, networks=networks, themes=themes, sdgs=sdgs, speakers=speakers)
    if report_groups:
        event_set_report_groups(event=event, report_groups=report_groups)
    for model, rows in ((EventPlace, places), (EventOrganisation, organisers)):
        if rows is not None:
            model.objects.filter(event=event).delete()
            for row in rows:
                row.event = event
                row.save()  # one by one: each row's history is kept, so a restore brings it back
    return event


@transaction.atomic
def event_places_saved(*, event: Event) -> Event:
    """After an event's places were saved on their own (the admin's inline rows): the format
    that follows from them."""
    if _derive_format(event, event.places.exists()):
        event.save(update_fields=["format", "updated_at"])
    return event


@transaction.atomic
def events_mark_held(*, events) -> tuple[list[Event], list[Event]]:
    """Mark `events` held, each through event_save (the same checks as a form: an event that
    has not started yet cannot be held). Returns (marked, refused); the refused keep their
    status. For staff settling the past plans the content-health page lists."""
    marked, refused = [], []
    for event in events:
        previous = event.status
        event.status = EventStatus.HELD
        try:
            with transaction.atomic():
                event_save(event=event)
        except ValidationError:
            event.status = previous
            refused.append(event)
        else:
            marked.append(event)
    return marked, refused

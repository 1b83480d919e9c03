"""Multi-step writes of the events app."""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Max

from events.models import Event, EventOrganisation, EventPlace, EventStatus


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


@transaction.atomic
def copy_into_next_edition(*, event: Event) -> Event:
    """A draft of the series' next edition: what stays (kind, networks, places, organisers,
    host, project, themes) is copied; what belongs to one edition (dates, sessions, attendance,
    description, outcomes, images) is left for staff to fill in."""
    if not event.series_id:
        raise ValueError("The event belongs to no series.")
    last = Event.objects.filter(series_id=event.series_id).aggregate(n=Max("edition"))["n"]
    edition = (last or event.edition or 0) + 1
    copy = Event.objects.create(
        title=next_edition_title(
            event.title, edition=event.edition, year=event.start.year if event.start else None
        ),
        kind=event.kind,
        report_group=event.report_group,
        report_section=event.report_section,
        series_id=event.series_id,
        edition=edition,
        start=None,
        format=event.format,
        is_online=event.is_online,
        status=EventStatus.PLANNED,
        host=event.host,
        project=event.project,
        links="",
        is_published=False,
    )
    copy.networks.set(event.networks.all())
    copy.themes.set(event.themes.all())
    copy.sdgs.set(event.sdgs.all())
    EventPlace.objects.bulk_create(
        EventPlace(
            event=copy,
            organisation=place.organisation,
            venue=place.venue,
            city=place.city,
            country=place.country,
            order=place.order,
        )
        for place in event.places.all()
    )
    EventOrganisation.objects.bulk_create(
        EventOrganisation(
            event=copy, organisation=role.organisation, role=role.role, order=role.order
        )
        for role in event.organisations.all()
    )
    return copy


@transaction.atomic
def save_event(
    *,
    event: Event,
    networks=None,
    themes=None,
    sdgs=None,
    places: list[EventPlace] | None = None,
    organisers: list[EventOrganisation] | None = None,
) -> Event:
    """Save a validated event with its relations; relations left as None stay as they are,
    lists given replace the event's own (the API's writes)."""
    event.save()
    for name, values in (("networks", networks), ("themes", themes), ("sdgs", sdgs)):
        if values is not None:
            getattr(event, name).set(values)
    if places is not None:
        event.places.all().delete()
        for place in places:
            place.event = event
        EventPlace.objects.bulk_create(places)
    if organisers is not None:
        event.organisations.all().delete()
        for organiser in organisers:
            organiser.event = event
        EventOrganisation.objects.bulk_create(organisers)
    if not event.format and event.is_online:
        # As the admin does: online with places is hybrid, without places online.
        event.format = event.derived_format(event.places.exists())
        event.save(update_fields=["format", "updated_at"])
    return event

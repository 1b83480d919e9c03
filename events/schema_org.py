"""schema.org Event data (JSON-LD) for an event page, so search engines read its dates and place."""

from __future__ import annotations

from core.partial_dates import PartialDate, Precision
from events.models import EventFormat, EventStatus, ShownStatus

STATUS = {
    EventStatus.PLANNED: "https://schema.org/EventScheduled",
    EventStatus.CONFIRMED: "https://schema.org/EventScheduled",
    EventStatus.HELD: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    # schema.org has no "not confirmed": a plan whose day has passed states no status.
    ShownStatus.DATE_PASSED: None,
}

MODE = {
    EventFormat.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _iso(day, precision, *, last=False) -> str:
    """ISO 8601 at the precision known: "2022-10-03", "2022-10", "2022" (a quarter as months)."""
    period = PartialDate.of(day, precision)
    if precision == Precision.QUARTER:
        month = period.last if last else period.first
        return month.strftime("%Y-%m")
    return period.isoformat()


def event_json_ld(event, base_url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": base_url + event.get_absolute_url(),
    }
    status = STATUS[event.shown_status]
    if status:
        data["eventStatus"] = status
    if event.start:
        data["startDate"] = _iso(event.start, event.date_precision)
        data["endDate"] = _iso(event.last_day, event.date_precision, last=True)
    if event.description:
        data["description"] = event.description
    event_format = event.derived_format(bool(event.place_list))
    if event_format:
        data["eventAttendanceMode"] = MODE[event_format]
    locations = []
    for place in event.place_list:
        address = {"@type": "PostalAddress"}
        locality = place.city or (place.organisation.name if place.organisation else "")
        if locality:  # the organisation is None when a draft (events.queries.public_places)
            address["addressLocality"] = locality
        if place.country:
            address["addressCountry"] = place.country.code
        locations.append({"@type": "Place", "name": place.venue or place.label, "address": address})
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": base_url + event.get_absolute_url()})
    if locations:
        data["location"] = locations if len(locations) > 1 else locations[0]
    organisers = [
        {"@type": "Organization", "name": role.organisation.name}
        for role in event.role_list
        if role.role == "organiser"
    ]
    if organisers:
        data["organizer"] = organisers
    performers = [{"@type": "Person", "name": person.name} for person in event.speaker_list]
    if performers:
        data["performer"] = performers
    images = [base_url + image.image.url for image in event.images.all() if image.image]
    if images:
        data["image"] = images
    return data

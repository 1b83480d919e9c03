"""Load events from `events*.yaml` (format: portal/seed_content/SCHEMA.md).

Create-only like every loader (portal/seed/records.py): an event that exists (same slug) is left
as staff edited it, one staff deleted stays deleted, and a new event linking to a record staff
deleted is loaded without that link.

Decisions a reviewer should know:
- Dates are stored at the precision the record gives. A CityNet timeline item whose start and
  end are the first and last month of a timeline block ("February - May") means "some time in
  this span", not a four-month event: its `note` says so ("some time in this span"), and the
  event gets a public date note saying the report gives no month.
- Report groups are each network's own (`report-groups.yaml`, in the report's order). An event's
  group in a network: the record's `report_groups` entry for that network; else, for each of its
  networks that has a group of that key, `overview_group` or the one read from the record's
  report heading ("2022 Overview: Webinars" → webinars: ICLEI East Asia's overview); otherwise
  none. It is never guessed from the kind, so "ICLEI East Asia's 2022 trainings" is exactly the
  list the report prints.
- `format`: as the record gives it; else, as on every path through events.services, "online" or
  "hybrid" when the record says `online: true` (hybrid when it also has places); else left empty
  (not stated).
- A place with a city but no organisation key keeps the city and country as text.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from events import services
from events.models import (
    ONLINE_FORMATS,
    Event,
    EventFormat,
    EventKind,
    EventOrganisation,
    EventPlace,
    EventSeries,
    EventSession,
    EventStatus,
    OrganiserRole,
    ReportGroup,
)
from network.models import Network, Project, Theme
from portal.seed.files import SeedError, cite, load_yaml, reported_in
from portal.seed.records import PUBLISHED, KeyedLoader, partial

# Report headings that name a group of ICLEI East Asia's 2022 overview (000:166-206).
HEADING_GROUPS = {
    "2022 overview: webinars": "webinars",
    "2022 overview: trainings": "trainings",
    "2022 overview: global forum": "forums",
}

REPORT_GROUPS_FILE = "report-groups.yaml"

SPAN_MARKER = "some time in"

ROLE_FIELDS = (
    (OrganiserRole.ORGANISER, "organisers"),
    (OrganiserRole.CO_ORGANISER, "co_organisers"),
    (OrganiserRole.PARTNER, "partners"),
)


class EventLoader(KeyedLoader):
    pattern = "events*.yaml"

    def load(self):
        self.report_groups = self.load_report_groups()
        for key, record in self.records.items():
            self.load_event(key, record)

    def load_report_groups(self) -> dict[tuple[str, str], ReportGroup]:
        """Each network's groups of `report-groups.yaml`, by (network slug, key); created in the
        file's order (their `order`), like every seed record only if missing."""
        path = self.seed_dir / REPORT_GROUPS_FILE
        data = load_yaml(path) if path.exists() else {}
        groups = {}
        for slug, items in (data or {}).items():
            where = f"{REPORT_GROUPS_FILE} {slug}"
            found = self.recorder.with_slugs(Network, [slug], where=where, what="network")
            if not found:
                continue  # a network staff deleted
            network = found[0]
            for order, item in enumerate(items or []):
                groups[(slug, item["key"])] = self.recorder.ensure(
                    ReportGroup,
                    {"network": network, "slug": item["key"]},
                    {"name": item["name"], "order": order},
                    where=f"{where} {item['key']}",
                )
        return groups

    def group_links(self, record: dict, networks: list, where: str) -> dict:
        """{network: group} of the record: its `report_groups`, else its overview group in each
        network that has one of that key (see the module's docstring)."""
        slugs = {network.slug: network for network in networks}
        given = record.get("report_groups") or {}
        derived = record.get("overview_group") or HEADING_GROUPS.get(
            str(record.get("report_group") or "").strip().lower()
        )
        groups = {}
        for slug, key in given.items():
            if slug not in slugs:
                raise SeedError(f"{where}: report_groups names {slug}, not one of its networks.")
            if (slug, key) not in self.report_groups:
                raise SeedError(
                    f"{where}: {slug} has no report group '{key}' in {REPORT_GROUPS_FILE}."
                )
            groups[slugs[slug]] = self.report_groups[(slug, key)]
        if derived:
            found = [slug for slug in slugs if (slug, derived) in self.report_groups]
            if not found:
                raise SeedError(f"{where}: none of its networks has a report group '{derived}'.")
            for slug in found:
                groups.setdefault(slugs[slug], self.report_groups[(slug, derived)])
        # A group staff deleted is left out, as any deleted record a new event links to.
        return {net: group for net, group in groups.items() if isinstance(group, ReportGroup)}

    def _choice(self, record, field, choices, where, default=None):
        value = record.get(field) or default
        if value is not None and value not in choices.values:
            raise SeedError(
                f"{where}: {field} '{value}' is not one of {', '.join(choices.values)}."
            )
        return value

    def load_event(self, key: str, record: dict):
        where = f"{record['_file']} event '{key}'"
        org = self.network_loader.organisation
        kind = self._choice(record, "kind", EventKind, where)
        status = self._choice(record, "status", EventStatus, where, default="planned")
        online = bool(record.get("online"))
        event_format = self._choice(record, "format", EventFormat, where) or ""
        series = None
        if record.get("series"):
            series = self.recorder.ensure(
                EventSeries, {"name": record["series"]}, where=f"{where} series"
            )
        project = None
        if record.get("project"):
            project = self.recorder.find(
                Project,
                {"slug": record["project"]},
                where=where,
                what="project",
            )
        attendance = record.get("attendance") or {}
        event = self.recorder.ensure(
            Event,
            {"slug": key},
            {
                "title": record["title"],
                "kind": kind,
                "report_section": str(record.get("report_group") or "")[:200],
                "series": series,
                "edition": record.get("edition"),
                "format": event_format,
                # A stated online or hybrid format says people could join online.
                "is_online": online or event_format in ONLINE_FORMATS,
                "status": status,
                "status_note": (record.get("status_note") or "").strip(),
                "host": org(record["host"], where=where) if record.get("host") else None,
                "project": project,
                "attendance_in_person": attendance.get("in_person"),
                "attendance_online": attendance.get("online"),
                "attendance_registered": attendance.get("registered"),
                "attendance_countries": attendance.get("countries"),
                "attendance_note": (attendance.get("note") or "").strip(),
                "description": (record.get("description") or "").strip(),
                "outcomes": (record.get("outcomes") or "").strip(),
                "note": (record.get("note") or "").strip(),
                "links": "\n".join(record.get("links") or []),
                "source": cite(record.get("source")),
                "reported_in": reported_in(record, where=where),
                **PUBLISHED,
            },
            where=where,
            save=lambda event: self.save_event(event, record, where),
        )
        if not self.recorder.last_created:
            return
        self.recorder.count_created(EventPlace, event.places.count())
        self.recorder.count_created(EventOrganisation, event.organisations.count())
        for order, item in enumerate(record.get("sessions") or []):
            session_start = partial(item.get("start"), where=f"{where} session {order + 1}")
            session_end = partial(item.get("end"), where=f"{where} session {order + 1}")
            if session_start is None:
                raise SeedError(f"{where} session {order + 1}: a session needs a start.")
            self.recorder.ensure(
                EventSession,
                {"event": event, "order": order},
                {
                    "title": item.get("title") or "",
                    "start": session_start.first,
                    "end": session_end.last if session_end else None,
                    "date_precision": session_start.precision,
                    "format": item.get("format") or "",
                },
                where=f"{where} session {order + 1}",
            )

    def save_event(self, event: Event, record: dict, where: str) -> None:
        """A new event with its networks, themes, speakers, places and organisers, through the
        service the admin, the API and spreadsheets use."""
        org = self.network_loader.organisation
        recorder = self.recorder
        networks = recorder.with_slugs(
            Network, record.get("networks") or [], where=where, what="networks"
        )
        services.event_set_dates(
            event=event, start=_text(record.get("start")), end=_text(record.get("end"))
        )
        event.date_note = self.date_note(event)
        organisers = [
            {"organisation": organisation, "role": role}
            for role, field in ROLE_FIELDS
            for organisation in recorder.links(
                [org(key, where=where) for key in record.get(field) or []], where=where
            )
        ]
        themes = [
            theme.slug
            for theme in recorder.links(
                [
                    recorder.find(
                        Theme,
                        {"slug": key, "network__in": networks},
                        where=where,
                        what="theme of the event's networks",
                    )
                    for key in record.get("themes") or []
                ],
                where=where,
            )
        ]
        places = []
        for place in record.get("places") or []:
            row = {
                "organisation": recorder.link(
                    org(place["organisation"], where=where) if place.get("organisation") else None,
                    where=where,
                ),
                "city": place.get("city") or "",
                "country": place.get("country") or "",
                "venue": place.get("venue") or "",
            }
            if row["organisation"] or row["city"] or row["country"]:
                places.append(row)  # else it was only the deleted organisation
        services.event_save(
            event=event,
            networks=networks,
            themes=themes,
            speakers=recorder.links(
                [self.network_loader.person(k, where=where) for k in record.get("speakers") or []],
                where=where,
            ),
            places=places,
            organisers=organisers,
            report_groups=self.group_links(record, networks, where),
        )

    @staticmethod
    def date_note(event: Event) -> str:
        """A timeline block's span ("February - May") is "some time in it", not the event's
        length: said in public when the editors' note says so."""
        start, end = event.start, event.end
        if start and end and start.month != end.month and SPAN_MARKER in event.note:
            return _(
                "Some time in %(period)s: the report lists it in this part of its timeline "
                "without giving the month."
            ) % {"period": f"{start:%B} – {end:%B %Y}"}
        return ""


def _text(value) -> str:
    return "" if value is None else str(value)

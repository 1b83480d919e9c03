"""The spreadsheet of events (admin list of events): one row per event, saved through
events.services, so a sheet gets the admin's and the API's rules and messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from import_export import fields

from core.partial_dates import entered_text
from events import services
from events.models import (
    ATTENDANCE_COUNTS,
    Event,
    EventFormat,
    EventKind,
    EventSeries,
    EventStatus,
    ReportGroup,
)
from network.spreadsheets import NetworkedResource, networks_by_slug, organisation_named
from staff.spreadsheets.cells import (
    ChoiceWidget,
    WholeNumberWidget,
    YesNoWidget,
    cell_text,
    column,
    derived,
    split_list,
)
from staff.spreadsheets.resource import named_in


class EventResource(NetworkedResource):
    """One row per event. Dates as the sources give them: 2022-10-03, 2022-10, 2022-Q4 or 2022."""

    title = column("title")
    kind = column("kind", ChoiceWidget(EventKind))
    start = derived("start")
    end = derived("end")
    date_note = column("date_note")
    format = column("format", ChoiceWidget(EventFormat))
    online = fields.Field(attribute="is_online", column_name="online", widget=YesNoWidget())
    status = column("status", ChoiceWidget(EventStatus))
    status_note = column("status_note")
    series = derived("series")
    edition = column("edition", WholeNumberWidget())
    host = derived("host")
    report_groups = derived("report_groups")
    report_section = column("report_section")
    attendance_in_person = column("attendance_in_person", WholeNumberWidget())
    attendance_online = column("attendance_online", WholeNumberWidget())
    attendance_registered = column("attendance_registered", WholeNumberWidget())
    attendance_countries = column("attendance_countries", WholeNumberWidget())
    attendance_note = column("attendance_note")
    description = column("description")
    outcomes = column("outcomes")
    links = column("links")
    reported_in = column("reported_in")

    required_columns = ("title", "kind", "networks")

    class Meta:
        model = Event
        fields = (
            "slug",
            "title",
            "kind",
            "networks",
            "start",
            "end",
            "date_note",
            "format",
            "online",
            "status",
            "status_note",
            "series",
            "edition",
            "host",
            "report_groups",
            "report_section",
            *ATTENDANCE_COUNTS,
            "attendance_note",
            "description",
            "outcomes",
            "links",
            "source",
            "reported_in",
            "published",
            "publish_at",
        )

    @classmethod
    def with_related(cls, queryset):
        return (
            super()
            .with_related(queryset)
            .select_related("series", "host")
            .prefetch_related("network_links__network", "network_links__report_group")
        )

    def import_derived(self, event, row, errors):
        super().import_derived(event, row, errors)
        if "start" in row or "end" in row:
            # A sheet has no precision column: the dates give it. An empty or missing cell is no
            # date.
            try:
                services.event_set_dates(
                    event=event, start=cell_text(row.get("start")), end=cell_text(row.get("end"))
                )
            except ValidationError as error:
                error.update_error_dict(errors)
        if "series" in row:
            event.series = named_in(
                row,
                "series",
                EventSeries.objects,
                errors,
                gettext("No event series '%(name)s'. Add it in the admin first."),
            )
        if "host" in row:
            name = cell_text(row.get("host"))
            event.host = organisation_named(name, errors, "host") if name else None
            if name and event.host is None and "host" not in errors:
                errors["host"] = [gettext("No member or organisation '%(name)s'.") % {"name": name}]

        event.pending_report_groups = None
        if "report_groups" in row:
            event.pending_report_groups = report_groups_read(row.get("report_groups"), errors)

    def save_record(self, event, row, *, dry_run):
        services.event_save(
            event=event,
            networks=event.pending_networks,
            report_groups=event.pending_report_groups,
        )

    def dehydrate_report_groups(self, event):
        if event.pk is None:
            return ""
        return "; ".join(
            f"{link.network.slug}: {link.report_group.name}"
            for link in event.network_links.all()
            if link.report_group is not None
        )

    def dehydrate_start(self, event):
        return entered_text(event.start, event.date_precision)

    def dehydrate_end(self, event):
        return entered_text(event.end, event.date_precision)

    def dehydrate_series(self, event):
        return event.series.name if event.series else ""

    def dehydrate_host(self, event):
        return event.host.slug if event.host else ""


def report_groups_read(cell, errors) -> dict:
    """ "citynet: 9th CityNet Congress; iclei-east-asia: Trainings" as {network: group}: each
    network's group by its name or slug, in any case. "citynet:" alone takes CityNet's off."""
    pairs = []
    for item in split_list(cell):
        slug, separator, name = item.partition(":")
        if not separator:
            errors["report_groups"] = [
                gettext(
                    "Write each network's group as 'network: group', e.g. 'citynet: 9th CityNet "
                    "Congress', separated by ';'."
                )
            ]
            return {}
        pairs.append((slug.strip(), name.strip()))
    networks = {n.slug: n for n in networks_by_slug([s for s, _ in pairs], errors, "report_groups")}
    if "report_groups" in errors:
        return {}
    groups = {}
    for slug, name in pairs:
        network = networks[slug]
        if not name:
            groups[network] = None
            continue
        group = (
            ReportGroup.objects.filter(network=network, name__iexact=name).first()
            or ReportGroup.objects.filter(network=network, slug=name.lower()).first()
        )
        if group is None:
            errors["report_groups"] = [
                gettext("%(network)s has no report group '%(group)s'. Add it in the admin first.")
                % {"network": network.name, "group": name}
            ]
            return {}
        groups[network] = group
    return groups

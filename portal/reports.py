"""The annual report of a network for a year, computed from the records as plain data.

One builder: the HTML page, the print view and the JSON endpoint all render the structure
`build_report()` returns (only str, int, bool, None, lists and dicts), so the three never disagree.
Everything is as of 31 December of the year, and only published records count, so the report
of a year that has just ended is already written, and a draft never shows in it.

The sections about the network itself (offices, members, governance, clusters, chapters,
pairings, partners, team) are in portal.report_network; those about the year's work (events,
stories, projects, publications) and the editorial parts are here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.dates import today
from core.partial_dates import PartialDate, format_period, iso_period
from core.provenance import public_source
from core.publishing import published_q
from core.time_scope import in_year_q
from events import queries as event_queries
from events.models import Event, EventStatus, ShownStatus, period_sort_key, shown_status
from events.models.parts import place_label
from network import queries as network_queries
from network.models import (
    Membership,
    Network,
    Person,
    Project,
    ProjectResult,
    ProjectRole,
    ResultKind,
    StatedFigure,
)
from portal import queries as story_queries
from portal.models import Annex, AnnualReport
from portal.report_network import (
    RowParts,
    add_network_parts,
    add_pairing_parts,
    clusters_section,
    committee_seats_section,
    governance_section,
    governance_terms,
    labels,
    membership_section,
    national_chapters_section,
    network_section,
    pairings_section,
    partners_section,
    public_column,
    report_pairings,
    team_section,
)
from publications import queries as publication_queries


def reported_network_or_404(slug: str, year: int, networks=None) -> Network:
    """The published network whose report for `year` may be shown (a past or the current year);
    read from `networks` (a queryset of them with more columns) if given."""
    if networks is None:
        networks = Network.objects.all()
    network = get_object_or_404(networks.filter(published_q()), slug=slug)
    if not 1950 <= year <= today().year:
        raise Http404(_("There is no report for %(year)s.") % {"year": year})
    return network


def build_report(network: Network, year: int) -> dict:
    """Every section of `network`'s report for `year`."""
    year_end = dt.date(year, 12, 31)
    events = _events_of(network, year)
    editorial = AnnualReport.objects.published().filter(network=network, year=year).first()
    terms = governance_terms(network, year)
    pairings = report_pairings(network, year)
    projects = _projects_of(network, year)
    publications = _publications_of(network, year)
    # The lists of every section, read by one query.
    parts = RowParts()
    add_network_parts(parts, network, year, terms=terms)
    add_pairing_parts(parts, pairings)
    _add_parts(
        parts,
        network=network,
        year=year,
        editorial=editorial,
        events=events,
        projects=projects,
        publications=publications,
    )
    rows = parts.read()
    _attach_places(events, rows)
    activities = activities_section(network, year, events)
    publications = publications_section(publications, year, rows)
    return {
        "network": network_section(network, rows),
        "year": year,
        "as_of": year_end.isoformat(),
        "editorial": editorial_section(editorial, rows),
        "membership": membership_section(network, year, year_end, rows),
        "governance": governance_section(terms, year, rows),
        "clusters": clusters_section(rows),
        "national_chapters": national_chapters_section(rows),
        "activities": activities,
        "highlights": highlights_section(network, year, editorial),
        "projects": projects_section(network, projects, activities, rows),
        "publications": publications,
        "preview": preview_section(network, year, events),
        "pairings": pairings_section(pairings, rows),
        "partners": partners_section(rows),
        "committee_seats": committee_seats_section(rows),
        "team": team_section(rows),
    }


def _add_parts(
    parts: RowParts, *, network, year, editorial, events, projects, publications
) -> None:
    """The parts of report_rows() this module's sections read."""
    if editorial is not None:
        parts.add(
            "foreword",
            # A foreword is signed: one by a draft person is left out with its author.
            editorial.forewords.filter(author__in=Person.objects.published()),
            ("order", "pk"),
            "heading",
            "role",
            "text",
            author=F("author__name"),
        )
    parts.add(
        "place",
        event_queries.public_places().filter(event__in=[event.pk for event in events]),
        ("event_id", "order", "pk"),
        "venue",
        "city",
        "country",
        event=F("event_id"),
        # A draft organisation reads as None (public_places()).
        organisation=F("organisation__name"),
        organisation_public=public_column("organisation__"),
    )
    ids = [project.pk for project in projects]
    parts.add(
        "theme",
        Project.themes.through.objects.filter(project__in=ids),
        ("theme__network__order", "theme__network__name", "theme__order", "theme__name", "pk"),
        project=F("project_id"),
        name=F("theme__name"),
        order=F("theme__order"),
        network=F("theme__network_id"),
    )
    parts.add(
        "participant",
        # The participants project_participants() reads (published organisations), as names.
        network_queries.project_participants().queryset.filter(project__in=ids),
        ("project", "role", "organisation__name", "pk"),
        "role",
        project=F("project_id"),
        short_name=F("organisation__short_name"),
        name=F("organisation__name"),
    )
    parts.add(
        "result",
        # What the year's report states of its projects (ProjectResult.reported_in).
        ProjectResult.objects.reported_for(year).filter(project__in=ids),
        ("project", "order", "pk"),
        "label",
        "value",
        "qualifier",
        "unit",
        "kind",
        "year",
        "source",
        project=F("project_id"),
    )
    parts.add(
        "committee_seat",
        network_queries.committee_seats(network, year=year),
        ("committee", "pk"),
        "committee",
        "role",
        "joined_year",
        "left_year",
        "note",
        "source",
        convened_by_slug=F("convened_by__slug"),
        convened_by_name=F("convened_by__name"),
        convened_by_short_name=F("convened_by__short_name"),
        convened_by_country=F("convened_by__country"),
        convened_by_public=public_column("convened_by__"),
    )
    parts.add(
        "annex",
        Annex.objects.filter(document__in=[publication.pk for publication in publications]),
        ("document", "order", "pk"),
        "label",
        "title",
        document=F("document_id"),
        publication_slug=F("publication__slug"),
        publication_public=public_column("publication__"),
    )
    parts.add(
        "publication_project",
        publication_queries.published_publications().filter(
            pk__in=[publication.pk for publication in publications], projects__isnull=False
        ),
        publication_queries.LIBRARY_ORDER,
        "slug",
        "title",
        project=F("projects__slug"),
    )


def editorial_section(report: AnnualReport | None, rows: dict) -> dict | None:
    if report is None:
        return None
    return {
        "title": report.title,
        "cover": report.cover.url if report.cover else "",
        "cover_credit": report.cover_credit,
        "cover_caption": report.cover_caption,
        "forewords": [
            {"heading": f["heading"], "author": f["author"], "role": f["role"], "text": f["text"]}
            for f in rows["foreword"]
        ],
        "closing_title": report.closing_title,
        "closing_text": report.closing_text,
    }


class _EventRows:
    """Events as the report shows them (plain data). The labels every row repeats (a status,
    a date, a place) are worked out once per report: translated choice labels and country
    names cost a translation lookup each time."""

    def __init__(self):
        self.status_labels = {value: str(label) for value, label in ShownStatus.choices}
        self.whens: dict[tuple, str] = {}
        self.place_labels: dict[tuple, str] = {}

    def when(self, event: Event) -> str:
        if not event.start:
            return ""
        key = (event.start, event.end, event.date_precision)
        if key not in self.whens:
            self.whens[key] = event.when
        return self.whens[key]

    def place(self, row: dict) -> str:
        organisation = row["organisation"] if row["organisation_public"] else None
        key = (row["venue"], row["city"], organisation, row["country"])
        if key not in self.place_labels:
            self.place_labels[key] = place_label(
                row["venue"], row["city"], organisation or "", row["country"] or ""
            )
        return self.place_labels[key]

    def __call__(self, event: Event) -> dict:
        # The status as every public surface shows it (a plan whose day has passed is not a plan).
        shown = shown_status(event.status, event.ends_on)
        return {
            "slug": event.slug,
            "title": event.title,
            "kind": event.kind,
            "when": self.when(event),
            "start": event.start.isoformat() if event.start else None,
            "date_precision": event.date_precision,
            "period": iso_period(event.start, event.end, event.date_precision),
            "status": event.status,
            "shown_status": shown,
            "status_label": self.status_labels.get(shown, shown),
            "format": event.format,
            "places": [self.place(place) for place in event.place_list],
            # None when there is none or it is a draft (published_events() prefetches it so).
            "project": event.project.slug if event.project else None,
        }


def _events_of(network: Network, year: int) -> list[Event]:
    """The network's published events of `year` and of the next (the activities and the
    preview), in period order, and the undated ones the reports of `year` list (core.time_scope:
    CityNet's 2022 report prints its online courses without dates): one query (their places are
    report_rows()' "place" part)."""
    first, last = dt.date(year, 1, 1), dt.date(year + 1, 12, 31)
    dated = Q(start__isnull=False, start__lte=last, ends_on__gte=first)
    undated = Q(start__isnull=True) & in_year_q(year)
    events = (
        event_queries.published_events()
        .filter(networks=network)
        .filter(dated | undated)
        # Only what _EventRows shows: not the events' networks nor their long texts.
        .prefetch_related(None)
        .only(*EVENT_FIELDS)
        .order_by(*event_queries.period_order())
    )
    # Each event's group in this network's report, for activities_section().
    return list(event_queries.with_report_group(events, network))


def _attach_places(events: list[Event], rows: dict) -> None:
    """Each event's public places (rows, in their order) in `place_list`."""
    by_event: dict[int, list] = {event.pk: [] for event in events}
    for place in rows["place"]:
        by_event[place["event"]].append(place)
    for event in events:
        event.place_list = by_event[event.pk]


# The event's columns _EventRows and the grouping read, and the rows published_events() joins.
EVENT_FIELDS = (
    "slug",
    "title",
    "kind",
    "start",
    "end",
    "ends_on",
    "date_precision",
    "status",
    "format",
    # The years of the reports that list it: an undated event's year, the preview's plans.
    "reported_in",
    "scope_from",
    "scope_until",
    # Joined by published_events(): the series' key, the project's slug and publication.
    "series__id",
    "project__slug",
    "project__is_published",
    "project__publish_at",
)


def _in_year(event: Event, year: int) -> bool:
    """EventQuerySet.in_year() for an event already read: any of its days in `year`; for an
    undated one, the years of the reports that list it (core.time_scope)."""
    if event.start is None:
        if event.scope_from is None:  # nothing known: what staff know today (core.time_scope)
            return year == today().year
        return event.scope_from <= year <= event.scope_until
    return event.start <= dt.date(year, 12, 31) and event.ends_on >= dt.date(year, 1, 1)


# What a report's activities leave out: what did not take place in the year, as staff know it.
NOT_HELD = (EventStatus.CANCELLED, EventStatus.POSTPONED)


def activities_section(network: Network, year: int, events: list[Event]) -> dict:
    """The year's events that were held or are not known to be cancelled or postponed, as the
    report groups them, with counts by month and by group; the cancelled and postponed ones
    apart (`not_held`).

    `events`: those of _events_of(network, year), with their places and their group in this
    network's report, in period order. Grouped as events.queries.events_in_year() groups them:
    in the order of the network's own report groups, events in none of them last, each group in
    period order. `by_month` counts an event in every month of the year its dates cover (a
    February–May span in each of the four); events known only to the quarter or the year are
    counted apart (`by_quarter_only`, `by_year_only`: with the undated ones a report of the
    year lists), not put in a month the source does not give."""
    as_row = _EventRows()
    of_year = [event for event in events if _in_year(event, year)]
    groups = event_queries.report_groups(e for e in of_year if e.status not in NOT_HELD)
    by_month = [0] * 12
    quarter_only = year_only = 0
    for group in groups:
        for event in group["events"]:
            if event.date_precision == "quarter":
                quarter_only += 1
            elif event.date_precision == "year" or event.start is None:
                year_only += 1
            else:
                first = max(event.start, dt.date(year, 1, 1))
                last = min(event.ends_on, dt.date(year, 12, 31))
                for month in range(first.month, last.month + 1):
                    by_month[month - 1] += 1
    return {
        "total": sum(len(group["events"]) for group in groups),
        "groups": [
            {
                "group": group["group"],
                "label": str(group["label"]),
                "events": [as_row(e) for e in group["events"]],
            }
            for group in groups
        ],
        "by_month": [{"month": index + 1, "count": count} for index, count in enumerate(by_month)],
        "by_quarter_only": quarter_only,
        "by_year_only": year_only,
        # What was planned for the year and did not take place, as the report says so: listed
        # apart, never counted among the activities.
        "not_held": [as_row(e) for e in of_year if e.status in NOT_HELD],
    }


def preview_section(network: Network, year: int, events: list[Event]) -> list[dict]:
    """The following year's events as planned, whatever came of them: on 31 December they were
    all still ahead (the records keep no history of when each was announced). Each shows the
    status the pages show now (events.models.shown_status), so a past year's preview says what
    came of its plans ("Held", "Cancelled", or "Date passed — not confirmed"), never
    "Planned" for a day gone by.

    Only the plans the year's reports announce: an event of the next year that a report of
    another year lists (reported_in) is not in this one's preview (ICLEI East Asia's 2020 report
    does not preview the 2021 forum only NEASPEC's note names); one staff entered with no report
    years is.

    `events`: those of _events_of(network, year), with their places, in period order."""
    as_row = _EventRows()
    return [
        as_row(event)
        for event in events
        if event.start is not None
        and _in_year(event, year + 1)
        and (not event.reported_years or year in event.reported_years)
    ]


def _publications_of(network: Network, year: int) -> list:
    """Publications with an edition dated in the year, by title."""
    # The card's prefetches (networks, every edition) are not shown: the year's editions are.
    publications = (
        publication_queries.publications_of_year(network, year)
        .select_related(None)
        .prefetch_related(None)
        .only("slug", "title", "kind")
        .order_by("title")
    )
    return list(publications)


def publications_section(publications: list, year: int, rows: dict) -> list[dict]:
    """`publications` (_publications_of()) with their editions of the year (translations too)
    and their annexes."""
    annexes: dict[int, list] = {}
    for row in rows["annex"]:
        annexes.setdefault(row["document"], []).append(
            {
                "label": row["label"],
                "title": row["title"],
                "publication": row["publication_slug"] if row["publication_public"] else None,
            }
        )
    editions = (
        publication_queries.public_editions()
        .filter(publication__in=[p.pk for p in publications], date__year=year)
        .order_by("date", "language")
    )
    by_publication: dict[int, list] = {}
    for edition in editions:
        by_publication.setdefault(edition.publication_id, []).append(
            {
                "language": edition.language,
                # Its name as pages show it; "" when the source states none ("und").
                "language_name": "" if edition.is_undetermined else edition.language_name,
                "date": edition.date.isoformat() if edition.date else None,
                # As precisely as known ("2022", "Apr 2022"), never an invented day or month.
                "when": format_period(edition.date, None, edition.date_precision)
                if edition.date
                else "",
                "publisher": edition.publisher.name if edition.publisher else "",
                "translated_by": edition.translated_by.name if edition.translated_by else "",
                "is_summary": edition.is_summary,
            }
        )
    return [
        {
            "slug": p.slug,
            "title": p.title,
            "kind": p.kind,
            "editions": by_publication.get(p.pk, []),
            "annexes": annexes.get(p.pk, []),
        }
        for p in publications
    ]


def highlights_section(network: Network, year: int, editorial: AnnualReport | None) -> list[dict]:
    """The stories staff chose for the report; without a choice, the network's stories of the
    year. In period order (events.models.period_sort_key): a story dated only "Dec 2022" after
    the dated stories of December, not on an invented 1 December; each with its date as known."""
    stories = sorted(
        story_queries.report_highlights(network, year, editorial),
        key=lambda s: period_sort_key(
            s.date, PartialDate.of(s.date, s.date_precision).last, s.date_precision, s.title
        ),
    )
    return [
        {
            "slug": s.slug,
            "title": s.title,
            "date": s.period,
            "when": s.when,
            "summary": s.summary,
        }
        for s in stories
    ]


def _projects_of(network: Network, year: int) -> list[Project]:
    """The network's published projects the report of `year` lists, by title."""
    # Only the columns shown, not the network each project's card names, nor its SDGs.
    return list(
        network_queries.published_projects()
        .filter(network=network)
        .in_report_of(year)
        .select_related(None)
        .prefetch_related(None)
        .only("slug", "title", "start", "end", "date_precision", "status")
        .order_by("title")
    )


def projects_section(network: Network, projects: list, activities: dict, rows: dict) -> list[dict]:
    """Projects active in the year (_projects_of()), grouped by theme (a project with several
    themes under its first), each with its events and publications of the year."""
    events_by_project: dict[str, list] = {}
    for group in activities["groups"]:
        for event in group["events"]:
            if event["project"]:
                events_by_project.setdefault(event["project"], []).append(
                    {"slug": event["slug"], "title": event["title"], "when": event["when"]}
                )
    publications_by_project: dict[str, list] = {}
    for row in rows["publication_project"]:
        publications_by_project.setdefault(row["project"], []).append(
            {"slug": row["slug"], "title": row["title"]}
        )
    # Each project's first theme (in the themes' order) and its order among the network's.
    first_themes: dict[int, tuple[str, int]] = {}
    for row in rows["theme"]:
        first_themes.setdefault(
            row["project"], (row["name"], row["order"] if row["network"] == network.pk else 99)
        )
    roles: dict[int, dict[str, list]] = {
        project.pk: {role.value: [] for role in ProjectRole} for project in projects
    }
    for row in rows["participant"]:
        roles[row["project"]][row["role"]].append(row["short_name"] or row["name"])
    results: dict[int, list] = {}
    kinds = labels(ResultKind)
    for row in rows["result"]:
        results.setdefault(row["project"], []).append(_result(row, kinds))
    groups: dict[str, list] = {}
    order: dict[str, int] = {}
    for project in projects:
        theme, order[theme] = first_themes.get(project.pk, ("", 99))
        groups.setdefault(theme, []).append(
            {
                "slug": project.slug,
                "title": project.title,
                "when": project.when,
                "status": project.status,
                "funders": roles[project.pk]["funder"],
                "partners": roles[project.pk]["partner"],
                "participants": roles[project.pk]["participant"],
                "events": events_by_project.get(project.slug, []),
                "publications": publications_by_project.get(project.slug, []),
                "results": results.get(project.pk, []),
            }
        )
    return [
        {"theme": theme, "projects": items}
        for theme, items in sorted(
            groups.items(), key=lambda item: (item[0] == "", order[item[0]], item[0])
        )
    ]


def _result(row: dict, kinds: dict[str, str]) -> dict:
    """A project's result as the report prints it: the figure, what it counts, its kind and
    year, and its source document (public form)."""
    result = ProjectResult(
        label=row["label"],
        value=Decimal(str(row["value"])),
        qualifier=row["qualifier"],
        unit=row["unit"],
    )
    return {
        "display": result.display,
        "value": result.value_display,
        "unit": row["unit"],
        "label": row["label"],
        "kind": row["kind"],
        "kind_label": kinds.get(row["kind"], row["kind"]),
        "year": row["year"],
        "source": public_source(row["source"]),
    }


def report_years_by_network(networks) -> dict[int, list[int]]:
    """Years a report can be shown for, per network (by primary key), each list in order: the
    years of its published reports, of its members' joining, of its stated figures and of its
    published events, up to the current year. One query (a UNION of four) for any number of
    networks, answering at most one row per network and year."""
    ids = [network.pk for network in networks]
    years = {pk: set() for pk in ids}
    if not ids:
        return {}
    reports = AnnualReport.objects.published().filter(network__in=ids).order_by()
    rows = reports.values_list("network", "year").union(
        _years_of(Membership.objects.filter(network__in=ids), "network", "joined"),
        _years_of(StatedFigure.objects.filter(network__in=ids), "network", "as_of"),
        _years_of(_event_networks(ids), "network", "event__start"),
    )
    for network, year in rows:
        if network in years:
            years[network].add(year)
    this_year = today().year
    return {pk: sorted(y for y in found if y <= this_year) for pk, found in years.items()}


class YearOf(ExtractYear):
    """ExtractYear; on SQLite with its own strftime() instead of Django's function written in
    Python, which SQLite calls once per row (a second for the years of 30 networks' 55,000
    dated memberships and events)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(substr({sql}, 1, 4) AS INTEGER)", params


# Above this many networks, the events' years are read for every network and the rows of the
# others skipped: on SQLite a filter on the networks makes the plan read the events in the
# order of the networks' links, one random read of the (wide) events table each, about three
# times slower than reading them in the order of their ids.
FEW_NETWORKS = 3


def _event_networks(ids: list[int]):
    """The links of published events to the networks `ids` (or to any network, when there
    are more than a few ids)."""
    links = Event.networks.through.objects.filter(published_q("event__"))
    if len(ids) <= FEW_NETWORKS:
        return links.filter(network__in=ids)
    # A range on the link's event makes SQLite read the links by their (event, network) index,
    # so the events in the order of their ids (with no statistics it would otherwise start
    # from the network index even without a filter on it).
    return links.filter(event_id__gt=0)


def _years_of(queryset, network: str, date: str):
    """(network, year) pairs of `queryset`'s dated rows, each pair once."""
    dated = queryset.filter(**{f"{date}__isnull": False}).order_by()
    return dated.values_list(network, YearOf(date)).distinct()


def report_years(network: Network) -> list[int]:
    """Years a report can be shown for `network` (see report_years_by_network)."""
    return report_years_by_network([network])[network.pk]

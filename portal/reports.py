"""The annual report of a network for a year, computed from the records as plain data.

One builder: the HTML page, the print view and the JSON endpoint all render the structure
`build_report()` returns (only str, int, bool, None, lists and dicts), so the three never disagree.
Everything is as of 31 December of the year, and only published records count, so the report
of a year that has just ended is already written, and a draft never shows in it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.dates import today
from events import queries as event_queries
from events.models import Event
from network import queries as network_queries
from network.models import Membership, Network, ProjectRole
from portal import queries as story_queries
from portal.models import AnnualReport
from publications import queries as publication_queries
from publications.models import Edition


def reported_network_or_404(slug: str, year: int) -> Network:
    """The published network whose report for `year` may be shown (a past or the current year)."""
    network = get_object_or_404(Network.objects.published(), slug=slug)
    if not 1950 <= year <= today().year:
        raise Http404(_("There is no report for %(year)s.") % {"year": year})
    return network


def build_report(network: Network, year: int) -> dict:
    """Every section of `network`'s report for `year`."""
    year_end = dt.date(year, 12, 31)
    membership = membership_section(network, year, year_end)
    activities = activities_section(network, year)
    publications = publications_section(network, year)
    editorial = AnnualReport.objects.published().filter(network=network, year=year).first()
    return {
        "network": network_section(network),
        "year": year,
        "as_of": year_end.isoformat(),
        "editorial": editorial_section(editorial),
        "membership": membership,
        "governance": governance_section(network, year),
        "clusters": clusters_section(network, year),
        "national_chapters": [
            {
                "country": chapter.country.code,
                "country_name": str(chapter.country.name),
                "host": _organisation(chapter.host) if chapter.host else None,
            }
            for chapter in network_queries.national_chapters(network)
        ],
        "activities": activities,
        "highlights": highlights_section(network, year, editorial),
        "projects": projects_section(network, year, activities, publications),
        "publications": publications,
        "preview": preview_section(network, year),
        "pairings": pairings_section(network, year),
        "partners": partners_section(network),
        "team": [
            {
                "name": position.person.name,
                "role": position.role,
                "office": position.office.name if position.office else "",
                "departed": position.departed,
            }
            for position in network_queries.team(network, year=year)
        ],
    }


def _organisation(organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "country": organisation.country.code or "",
    }


def network_section(network: Network) -> dict:
    return {
        "slug": network.slug,
        "name": network.name,
        "full_name": network.full_name,
        "description": network.description,
        "website": network.website,
        "how_to_join": network.how_to_join,
        "offices": [
            {
                "name": office.name,
                "address": office.address,
                "city": office.city,
                "country": office.country.code or "",
                "phone": office.phone,
                "email": office.email,
                "is_secretariat": office.is_secretariat,
            }
            for office in network.offices.all()
        ],
    }


def editorial_section(report: AnnualReport | None) -> dict | None:
    if report is None:
        return None
    return {
        "title": report.title,
        "cover": report.cover.url if report.cover else "",
        "cover_credit": report.cover_credit,
        "cover_caption": report.cover_caption,
        "forewords": [
            {"heading": f.heading, "author": f.author.name, "role": f.role, "text": f.text}
            for f in report.forewords.select_related("author")
        ],
        "closing_title": report.closing_title,
        "closing_text": report.closing_text,
    }


def membership_section(network: Network, year: int, year_end: dt.date) -> dict:
    counts = network_queries.member_counts_with_types(network, year_end)
    figures = network_queries.figures_beside_counts(
        network, counts, network_queries.stated_figures(network).filter(as_of__year=year)
    )
    new_members = (
        network_queries.public_memberships()
        .filter(network=network, joined__year=year)
        .order_by("type", "organisation__name")
    )
    return {
        "total": counts["total"],
        "by_type": [
            {"type": t["type"], "label": str(t["label"]), "count": t["count"]}
            for t in counts["types"]
        ],
        "by_region": [
            {"region": row["region__name"] or "", "count": row["n"]} for row in counts["by_region"]
        ],
        "stated": [
            {
                "label": row["figure"].label,
                "value": row["figure"].value_display,
                "as_of": row["figure"].as_of_display,
                "source": row["figure"].source,
                "computed": row["computed"],
                "differs": row["differs"],
            }
            for row in figures
        ],
        "new_members": [
            {
                **_organisation(m.organisation),
                "type": m.type,
                "type_label": str(m.get_type_display()),
                "region": m.region.name if m.region else "",
                "description": m.description,
            }
            for m in new_members
        ],
    }


def governance_section(network: Network, year: int) -> list[dict]:
    bodies: dict[str, dict] = {}
    for term in network_queries.governance_terms(network, year=year, report=True):
        body = bodies.setdefault(term.body.name, {"body": term.body.name, "terms": []})
        body["terms"].append(
            {
                "name": term.name,
                "when": term.when,
                "incoming": term.start.year > year,
                "seats": [
                    {
                        "role": seat.role,
                        "portfolio": seat.portfolio,
                        "person": seat.person.name if seat.person else "",
                        "organisation": _organisation(seat.organisation)
                        if seat.organisation
                        else None,
                    }
                    for seat in term.seat_list
                ],
            }
        )
    return list(bodies.values())


def clusters_section(network: Network, year: int) -> list[dict]:
    return [
        {
            "name": entry["cluster"].name,
            "leads": [_organisation(lead.organisation) for lead in entry["leads"]],
            "co_leads": [_organisation(lead.organisation) for lead in entry["co_leads"]],
        }
        for entry in network_queries.cluster_leads(network, year=year, report=True)
    ]


def _event(event: Event) -> dict:
    return {
        "slug": event.slug,
        "title": event.title,
        "kind": event.kind,
        "when": event.when if event.start else "",
        "start": event.start.isoformat() if event.start else None,
        "date_precision": event.date_precision,
        "status": event.status,
        "status_label": str(event.get_status_display()),
        "format": event.format,
        "places": [place.label for place in event.place_list],
        "project": event.project.slug if event.project_id else None,  # select_related by the query
    }


def activities_section(network: Network, year: int) -> dict:
    """The year's events as the report groups them, with counts by month and by group."""
    groups = event_queries.events_in_year(network, year)
    by_month = [0] * 12
    for group in groups:
        for event in group["events"]:
            if event.start and event.date_precision in ("day", "month"):
                by_month[event.start.month - 1] += 1
    return {
        "total": sum(len(group["events"]) for group in groups),
        "groups": [
            {
                "group": group["group"],
                "label": str(group["label"]),
                "events": [_event(e) for e in group["events"]],
            }
            for group in groups
        ],
        "by_month": [{"month": index + 1, "count": count} for index, count in enumerate(by_month)],
    }


def preview_section(network: Network, year: int) -> list[dict]:
    """The following year's events, whatever their status now: on 31 December they were all
    still ahead (the records keep no history of when each was announced), and each shows its
    current status, so a past year's preview says what came of its plans."""
    events = (
        event_queries.published_events()
        .filter(networks=network)
        .in_year(year + 1)
        .order_by("start", "title")
    )
    return [_event(event) for event in events]


def publications_section(network: Network, year: int) -> list[dict]:
    """Publications with an edition dated in the year, with those editions (translations too)."""
    publications = publication_queries.publications_of_year(network, year).order_by("title")
    editions = (
        Edition.objects.filter(publication__in=publications, date__year=year)
        .select_related("publisher", "translated_by")
        .order_by("date", "language")
    )
    by_publication: dict[int, list] = {}
    for edition in editions:
        by_publication.setdefault(edition.publication_id, []).append(
            {
                "language": edition.language,
                "date": edition.date.isoformat() if edition.date else None,
                "publisher": edition.publisher.name if edition.publisher_id else "",
                "translated_by": edition.translated_by.name if edition.translated_by_id else "",
                "is_summary": edition.is_summary,
            }
        )
    return [
        {"slug": p.slug, "title": p.title, "kind": p.kind, "editions": by_publication.get(p.pk, [])}
        for p in publications
    ]


def highlights_section(network: Network, year: int, editorial: AnnualReport | None) -> list[dict]:
    """The stories staff chose for the report; without a choice, the network's stories of the year."""
    return [
        {"slug": s.slug, "title": s.title, "date": s.date.isoformat(), "summary": s.summary}
        for s in story_queries.report_highlights(network, year, editorial)
    ]


def projects_section(
    network: Network, year: int, activities: dict, publications: list[dict]
) -> list[dict]:
    """Projects active in the year, grouped by theme (a project with several themes under its
    first), each with its events and publications of the year."""
    events_by_project: dict[str, list] = {}
    for group in activities["groups"]:
        for event in group["events"]:
            if event["project"]:
                events_by_project.setdefault(event["project"], []).append(
                    {"slug": event["slug"], "title": event["title"], "when": event["when"]}
                )
    publication_slugs = [p["slug"] for p in publications]
    publications_by_project: dict[str, list] = {}
    for project_slug, slug, title in (
        publication_queries.published_publications()
        .filter(slug__in=publication_slugs, projects__isnull=False)
        .values_list("projects__slug", "slug", "title")
    ):
        publications_by_project.setdefault(project_slug, []).append({"slug": slug, "title": title})
    projects = network_queries.project_detail_queryset().filter(network=network).active_during(year)
    groups: dict[str, list] = {}
    for project in projects.order_by("title"):
        themes = list(project.themes.all())
        theme = themes[0].name if themes else ""
        roles = {role.value: [] for role in ProjectRole}
        for participant in project.participant_list:
            roles[participant.role].append(
                participant.organisation.short_name or participant.organisation.name
            )
        groups.setdefault(theme, []).append(
            {
                "slug": project.slug,
                "title": project.title,
                "when": project.when,
                "status": project.status,
                "funders": roles["funder"],
                "partners": roles["partner"],
                "participants": roles["participant"],
                "events": events_by_project.get(project.slug, []),
                "publications": publications_by_project.get(project.slug, []),
            }
        )
    order = {theme.name: theme.order for theme in network.themes.all()}
    return [
        {"theme": theme, "projects": items}
        for theme, items in sorted(
            groups.items(), key=lambda item: (item[0] == "", order.get(item[0], 99), item[0])
        )
    ]


def pairings_section(network: Network, year: int) -> list[dict]:
    """City pairings of the network's programmes with a visit, agreement or activity that year."""
    pairings = network_queries.published_pairings().filter(programme__network=network)
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    pairings = pairings.filter(
        Q(visits__start__lte=year_end, visits__start__gte=year_start)
        | Q(programme__in=network_queries.published_projects().active_during(year))
    ).distinct()
    return [
        {
            "programme": pairing.programme.acronym or pairing.programme.title,
            "first": _organisation(pairing.first),
            "second": _organisation(pairing.second),
            "theme": pairing.theme,
            "visits": [
                {
                    "place": visit.place.short_name or visit.place.name,
                    "when": visit.when,
                    "status": visit.status,
                }
                for visit in pairing.visit_list
            ],
            "agreements": [
                {
                    "kind": str(a.get_kind_display()),
                    "status": a.status,
                    "when": a.when,
                    "note": a.note,
                }
                for a in pairing.agreements.all()
            ],
        }
        for pairing in pairings.order_by("programme__title", "first__name")
    ]


def partners_section(network: Network) -> list[dict]:
    groups: dict[str, dict] = {}
    for partner in network_queries.partners(network):
        group = groups.setdefault(
            partner.role,
            {"role": partner.role, "label": str(partner.get_role_display()), "organisations": []},
        )
        group["organisations"].append(_organisation(partner.organisation))
    return list(groups.values())


def report_years(network: Network) -> list[int]:
    """Years a report can be shown for: from the earliest dated record to the current year."""
    years = set(
        AnnualReport.objects.published().filter(network=network).values_list("year", flat=True)
    )
    years |= {
        d.year
        for d in Membership.objects.filter(network=network, joined__isnull=False).values_list(
            "joined", flat=True
        )
    }
    years |= {d.year for d in network.stated_figures.values_list("as_of", flat=True)}
    years |= {
        d.year
        for d in event_queries.published_events()
        .filter(networks=network, start__isnull=False)
        .values_list("start", flat=True)
    }
    return sorted(year for year in years if year <= today().year)

"""The sections of an annual report about the network itself: its offices, members, governance,
clusters, national chapters, pairings, partners and team, as of 31 December of the year.

portal.reports.build_report() assembles them with the year's activities and publications; each
section is plain data (str, int, bool, None, lists and dicts).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from network import queries as network_queries
from network.models import Network, StudyVisit


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


def membership_section(network: Network, year: int, year_end: dt.date) -> dict:
    counts = network_queries.member_counts_with_types(network, year_end)
    figures = network_queries.figures_beside_counts(
        network, counts, network_queries.stated_figures(network).filter(as_of__year=year)
    )
    new_members = (
        network_queries.network_memberships(network)
        .filter(joined__year=year)
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


def national_chapters_section(network: Network) -> list[dict]:
    return [
        {
            "country": chapter.country.code,
            "country_name": str(chapter.country.name),
            "host": _organisation(chapter.host) if chapter.host else None,
        }
        for chapter in network_queries.national_chapters(network)
    ]


# What pairings_section() shows of a pairing, and the publication of the rows
# published_pairings() joins.
PAIRING_FIELDS = (
    "theme",
    "programme__acronym",
    "programme__title",
    *(
        f"{side}__{field}"
        for side in ("first", "second")
        for field in ("slug", "name", "short_name", "country", "is_published", "publish_at")
    ),
)


def pairings_section(network: Network, year: int) -> list[dict]:
    """City pairings of the network's programmes with a visit, agreement or activity that year."""
    pairings = network_queries.published_pairings().filter(programme__network=network)
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # By subquery, not by joining the visits: no DISTINCT over the pairings' whole rows.
    visited = StudyVisit.objects.filter(start__lte=year_end, start__gte=year_start)
    pairings = pairings.filter(
        Q(pk__in=visited.values("pairing_id"))
        | Q(programme__in=network_queries.published_projects().active_during(year))
    ).only(*PAIRING_FIELDS)
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


def team_section(network: Network, year: int) -> list[dict]:
    return [
        {
            "name": position.person.name,
            "role": position.role,
            "office": position.office.name if position.office else "",
            "departed": position.departed,
        }
        for position in network_queries.team(network, year=year)
    ]

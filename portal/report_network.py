"""The sections of an annual report about the network itself: its offices, members, governance,
clusters, national chapters, pairings, partners and team, as of 31 December of the year.

portal.reports.build_report() assembles them with the year's activities and publications; each
section is plain data (str, int, bool, None, lists and dicts).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from network import queries as network_queries
from network.models import MembershipType, Network, PartnerRole, StudyVisit


def _organisation(organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "country": organisation.country.code or "",
    }


# An organisation as _organisation() gives it, read as columns (values_list) of a relation.
ORGANISATION_COLUMNS = (
    "organisation__slug",
    "organisation__name",
    "organisation__short_name",
    "organisation__country",
)


def _organisation_row(row) -> dict:
    slug, name, short_name, country = row
    return {"slug": slug, "name": name, "short_name": short_name, "country": country or ""}


def labels(choices) -> dict[str, str]:
    """The translated label of each value of `choices`, looked up once per report (a
    get_FOO_display() per row costs a translation lookup each)."""
    return {value: str(label) for value, label in choices.choices}


def network_section(network: Network) -> dict:
    return {
        "slug": network.slug,
        "name": network.name,
        "full_name": network.full_name,
        "description": network.description,
        "website": network.website,
        "how_to_join": network.how_to_join,
        "offices": [
            {**office, "country": office["country"] or ""}
            for office in network.offices.values(
                "name", "address", "city", "country", "phone", "email", "is_secretariat"
            )
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
        .values_list(*ORGANISATION_COLUMNS, "type", "region__name", "description")
    )
    type_labels = labels(MembershipType)
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
                **_organisation_row(row),
                "type": membership_type,
                "type_label": type_labels.get(membership_type, membership_type),
                "region": region or "",
                "description": description,
            }
            for *row, membership_type, region, description in new_members
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
    in_the_year = Q(pk__in=visited.values("pairing_id"))
    if network.is_public:
        # Or its programme (joined, published: published_pairings()) was active that year, as
        # published_projects().active_during(year) says, without that subquery's list of every
        # network's active projects.
        in_the_year |= (Q(programme__start__isnull=True) | Q(programme__start__lte=year_end)) & (
            Q(programme__end__isnull=True) | Q(programme__end__gte=year_start)
        )
    pairings = pairings.filter(in_the_year).only(*PAIRING_FIELDS)
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
    role_labels = labels(PartnerRole)
    for role, *row in network_queries.partners(network).values_list("role", *ORGANISATION_COLUMNS):
        group = groups.setdefault(
            role, {"role": role, "label": role_labels.get(role, role), "organisations": []}
        )
        group["organisations"].append(_organisation_row(row))
    return list(groups.values())


def team_section(network: Network, year: int) -> list[dict]:
    return [
        {"name": name, "role": role, "office": office or "", "departed": departed}
        for name, role, office, departed in network_queries.team(network, year=year).values_list(
            "person__name", "role", "office__name", "departed"
        )
    ]

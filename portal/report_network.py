"""The sections of an annual report about the network itself: its offices, members, governance,
clusters, national chapters, pairings, partners and team, as of 31 December of the year.

portal.reports.build_report() assembles them with the year's activities and publications; each
section is plain data (str, int, bool, None, lists and dicts).

The small lists of a report (offices, new members, seats, leads, chapters, partners, team, the
projects' themes and participants, the pairings' visits and agreements…) are read by one
UNION ALL query (report_rows()): each part is a query function's queryset (the same
published rules), its rows given as JSON objects with their rank in that part's order.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from operator import itemgetter

from django.db.models import (
    BooleanField,
    CharField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    Value,
    Window,
)
from django.db.models.functions import JSONObject, RowNumber
from django_countries.fields import Country

from core.partial_dates import format_period
from core.provenance import public_source, without_line_references
from core.publishing import published_q
from core.time_scope import as_last_reported, in_report_q
from network import queries as network_queries
from network.models import (
    AgreementKind,
    ClusterRole,
    CommitteeSeat,
    MembershipType,
    Network,
    PairingAgreement,
    PartnerRole,
    StatedFigure,
    StudyVisit,
)


class JSONRow(JSONObject):
    """JSONObject, without its question to SQLite whether it has JSON functions (a query of
    its own, once per connection): they are built into every SQLite since 3.38, and Django's
    JSONField needs them anyway."""

    def as_sqlite(self, compiler, connection, **extra_context):
        return Func.as_sql(self, compiler, connection, **extra_context)


class RowParts:
    """The parts of one UNION ALL query of plain rows: add() each part, then read() them all,
    each part's rows (dicts) in its order. Ordering is not allowed in a compound query's parts
    on SQLite, so each row carries its rank (ROW_NUMBER() in the part's order, with the
    database's collation) and the rows are sorted by it here."""

    def __init__(self):
        self.parts: dict[str, object] = {}

    def add(self, kind: str, queryset, order: tuple, /, *columns: str, **fields) -> None:
        """A part of `kind`: its rows' `columns` under their own names, and `fields` (names:
        expressions), ranked in `order`."""
        # values() with the expressions: one clone of the query, not one per step (the parts'
        # select_related() is ignored by values(), their prefetches never run).
        self.parts[kind] = queryset.order_by().values(
            row_kind=Value(kind, output_field=CharField()),
            row_rank=Window(RowNumber(), order_by=list(order)),
            row_data=JSONRow(**{column: F(column) for column in columns}, **fields),
        )

    def read(self) -> dict[str, list[dict]]:
        ranked: dict[str, list] = {kind: [] for kind in self.parts}
        if self.parts:
            first, *others = self.parts.values()
            rows = (
                first.prefetch_related(None)
                .union(*others, all=True)
                .values_list("row_kind", "row_rank", "row_data")
            )
            for kind, rank, data in rows:
                ranked[kind].append((rank, json.loads(data) if isinstance(data, str) else data))
        return {
            kind: [data for _, data in sorted(rows, key=lambda row: row[0])]
            for kind, rows in ranked.items()
        }


def _organisation_fields(path: str, *, if_public: bool = False) -> dict:
    """An organisation's columns for _organisation_of(), through `path` ("organisation__");
    `if_public`: with whether it is published (published_joined()'s rule, on the joined row),
    for _organisation_of() to give a draft as None."""
    fields = {
        f"{path}{name}".replace("__", "_"): F(f"{path}{name}")
        for name in ("slug", "name", "short_name", "country")
    }
    if if_public:
        fields[f"{path}public".replace("__", "_")] = public_column(path)
    return fields


def public_column(path: str) -> ExpressionWrapper:
    """Whether the record `path` leads to is published: published_q() as a column."""
    return ExpressionWrapper(published_q(path), output_field=BooleanField())


def _organisation_of(row: dict, path: str) -> dict | None:
    prefix = path.replace("__", "_")
    if row[f"{prefix}slug"] is None or row.get(f"{prefix}public", True) in (False, 0):
        return None
    return {
        "slug": row[f"{prefix}slug"],
        "name": row[f"{prefix}name"],
        "short_name": row[f"{prefix}short_name"],
        "country": row[f"{prefix}country"] or "",
    }


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def add_network_parts(parts: RowParts, network: Network, year: int, *, terms) -> None:
    """The parts of report_rows() this module's sections read (the network's own lists)."""
    org = "organisation__"
    parts.add(
        "office",
        network.offices.all(),
        ("-is_secretariat", "order", "name", "pk"),
        "name",
        "address",
        "city",
        "country",
        "phone",
        "email",
        "is_secretariat",
    )
    parts.add(
        "figure",
        network_queries.stated_figures(network).filter(as_of__year=year),
        ("-as_of", "label", "pk"),
        "label",
        "value",
        "metric",
        "membership_type",
        "is_lower_bound",
        "as_of",
        "as_of_precision",
        "source",
    )
    parts.add(
        "new_member",
        network_queries.network_memberships(network).filter(joined__year=year),
        ("type", "organisation__name", "pk"),
        "type",
        "description",
        **_organisation_fields(org),
        region=F("region__name"),
    )
    parts.add(
        "seat",
        network_queries.public_seats().filter(term__in=[term.pk for term in terms]),
        ("order", "pk"),
        "role",
        "portfolio",
        "reported_in",
        term=F("term_id"),
        person=F("person__name"),
        person_public=public_column("person__"),
        **_organisation_fields(org, if_public=True),
    )
    parts.add(
        "lead",
        network_queries.network_cluster_leads(network, year=year, report=True),
        ("cluster__order", "cluster__name", "role", "order", "pk"),
        "role",
        cluster=F("cluster_id"),
        cluster_name=F("cluster__name"),
        **_organisation_fields(org),
    )
    parts.add(
        "chapter",
        network_queries.national_chapters(network, year=year),
        ("country", "pk"),
        "country",
        **_organisation_fields("host__", if_public=True),
    )
    parts.add(
        "partner",
        network_queries.partners(network, year=year),
        ("role", "order", "organisation__name", "pk"),
        "role",
        "note",
        **_organisation_fields(org),
    )
    parts.add(
        "team",
        network_queries.team(network, year=year),
        ("departed", "order", "person__name", "pk"),
        "role",
        "departed",
        name=F("person__name"),
        office=F("office__name"),
    )


def _organisation(organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "country": organisation.country.code or "",
    }


def labels(choices) -> dict[str, str]:
    """The translated label of each value of `choices`, looked up once per report (a
    get_FOO_display() per row costs a translation lookup each)."""
    return {value: str(label) for value, label in choices.choices}


def network_section(network: Network, rows: dict) -> dict:
    return {
        "slug": network.slug,
        "name": network.name,
        "full_name": network.full_name,
        "description": network.description,
        "website": network.website,
        "how_to_join": network.how_to_join,
        # Each key named here, in this order: PostgreSQL's JSON rows come with theirs sorted.
        "offices": [
            {
                "name": office["name"],
                "address": office["address"],
                "city": office["city"],
                "country": office["country"] or "",
                "phone": office["phone"],
                "email": office["email"],
                "is_secretariat": bool(office["is_secretariat"]),
            }
            for office in rows["office"]
        ],
    }


def _stated_figure(row: dict) -> StatedFigure:
    """An unsaved StatedFigure of a row, for its displays (the value as its field reads it)."""
    return StatedFigure(
        label=row["label"],
        value=Decimal(str(row["value"])).quantize(Decimal("0.01")),
        metric=row["metric"],
        membership_type=row["membership_type"],
        is_lower_bound=bool(row["is_lower_bound"]),
        as_of=_date(row["as_of"]),
        as_of_precision=row["as_of_precision"],
        source=row["source"],
    )


def membership_section(network: Network, year: int, year_end: dt.date, rows: dict) -> dict:
    """The members at the year's end. Where the directory is incomplete (a stated figure of all
    members is higher), that figure leads (`stated_total`) and `total` reads "members in the
    directory"; a network whose directory lists none (NEASPEC: its source names no member
    States) shows who takes part in its programmes of the year instead (`participants`)."""
    counts = network_queries.member_counts_with_types(network, year_end)
    figures = network_queries.figures_beside_counts(
        network, counts, [_stated_figure(row) for row in rows["figure"]]
    )
    leading = network_queries.stated_total_leading(figures)
    type_labels = labels(MembershipType)
    return {
        "total": counts["total"],
        "stated_total": None
        if leading is None
        else {
            "label": leading["figure"].label,
            "value": leading["figure"].value_display,
            "as_of": leading["figure"].as_of_display,
            "source": public_source(leading["figure"].source),
        },
        "participants": []
        if counts["total"]
        else sorted(
            {
                row["short_name"] or row["name"]
                for row in rows.get("participant", ())
                if row["role"] == "participant"
            }
        ),
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
                "source": public_source(row["figure"].source),
                "computed": row["computed"],
                "differs": row["differs"],
            }
            for row in figures
        ],
        "new_members": [
            {
                **_organisation_of(row, "organisation__"),
                "type": row["type"],
                "type_label": type_labels.get(row["type"], row["type"]),
                "region": row["region"] or "",
                "description": row["description"],
            }
            for row in rows["new_member"]
        ],
    }


def governance_terms(network: Network, year: int) -> list:
    """The terms governance_section() shows (their seats are report_rows()' "seat" part)."""
    terms = network_queries.governance_terms(network, year=year, report=True)
    return list(terms.prefetch_related(None))


def governance_section(terms: list, year: int, rows: dict) -> list[dict]:
    seats: dict[int, list] = {term.pk: [] for term in terms}
    # Each term's seats as its last report up to the year lists them (core.time_scope).
    listed = as_last_reported(
        rows["seat"], year, group=itemgetter("term"), years=itemgetter("reported_in")
    )
    for seat in listed:
        seats[seat["term"]].append(
            {
                "role": seat["role"],
                "portfolio": seat["portfolio"],
                "person": seat["person"] if seat["person_public"] else "",
                "organisation": _organisation_of(seat, "organisation__"),
            }
        )
    bodies: dict[str, dict] = {}
    for term in terms:
        body = bodies.setdefault(term.body.name, {"body": term.body.name, "terms": []})
        body["terms"].append(
            {
                "name": term.name,
                "when": term.when,
                "incoming": term.start.year > year,
                "seats": seats[term.pk],
            }
        )
    return list(bodies.values())


def clusters_section(rows: dict) -> list[dict]:
    # Grouped by cluster in the leads' order, as network.queries.cluster_leads() groups them.
    clusters: dict[int, dict] = {}
    for lead in rows["lead"]:
        entry = clusters.setdefault(
            lead["cluster"], {"name": lead["cluster_name"], "leads": [], "co_leads": []}
        )
        key = "leads" if lead["role"] == ClusterRole.LEAD else "co_leads"
        entry[key].append(_organisation_of(lead, "organisation__"))
    return list(clusters.values())


def national_chapters_section(rows: dict) -> list[dict]:
    return [
        {
            "country": chapter["country"],
            "country_name": str(Country(code=chapter["country"]).name),
            "host": _organisation_of(chapter, "host__"),
        }
        for chapter in rows["chapter"]
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


def report_pairings(network: Network, year: int) -> list:
    """City pairings of the network's programmes with a visit or agreement that year, or that
    the report of the year lists (core.time_scope); their visits and agreements are
    report_rows()' "visit" and "agreement" parts. A programme running that year does not
    bring in every pairing it ever had: the report lists the pairings of its year."""
    pairings = network_queries.published_pairings().filter(programme__network=network)
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # By subquery, not by joining the visits: no DISTINCT over the pairings' whole rows.
    visited = StudyVisit.objects.filter(start__lte=year_end, start__gte=year_start)
    agreed = PairingAgreement.objects.filter(date__range=(year_start, year_end))
    in_the_year = (
        Q(pk__in=visited.values("pairing_id"))
        | Q(pk__in=agreed.values("pairing_id"))
        | in_report_q(year)
    )
    pairings = pairings.filter(in_the_year).only(*PAIRING_FIELDS).prefetch_related(None)
    return list(pairings.order_by("programme__title", "first__name"))


def add_pairing_parts(parts: RowParts, pairings: list) -> None:
    ids = [pairing.pk for pairing in pairings]
    parts.add(
        "visit",
        network_queries.pairing_visits().filter(pairing__in=ids),
        ("pairing_id", "start", "pk"),
        "start",
        "end",
        "date_precision",
        "status",
        pairing=F("pairing_id"),
        place_short_name=F("place__short_name"),
        place_name=F("place__name"),
    )
    parts.add(
        "agreement",
        PairingAgreement.objects.filter(pairing__in=ids),
        ("pairing_id", "date", "pk"),
        "kind",
        "status",
        "date",
        "date_precision",
        "note",
        pairing=F("pairing_id"),
    )


def pairings_section(pairings: list, rows: dict) -> list[dict]:
    visits: dict[int, list] = {}
    for visit in rows["visit"]:
        visits.setdefault(visit["pairing"], []).append(
            {
                "place": visit["place_short_name"] or visit["place_name"],
                "when": format_period(
                    _date(visit["start"]), _date(visit["end"]), visit["date_precision"]
                ),
                "status": visit["status"],
            }
        )
    agreements: dict[int, list] = {}
    kind_labels = labels(AgreementKind)
    for agreement in rows["agreement"]:
        date = _date(agreement["date"])
        agreements.setdefault(agreement["pairing"], []).append(
            {
                "kind": kind_labels.get(agreement["kind"], agreement["kind"]),
                "status": agreement["status"],
                "when": format_period(date, None, agreement["date_precision"]) if date else "",
                "note": agreement["note"],
            }
        )
    return [
        {
            "programme": pairing.programme.acronym or pairing.programme.title,
            "first": _organisation(pairing.first),
            "second": _organisation(pairing.second),
            "theme": pairing.theme_label,
            "visits": visits.get(pairing.pk, []),
            "agreements": agreements.get(pairing.pk, []),
        }
        for pairing in pairings
    ]


def partners_section(rows: dict) -> list[dict]:
    groups: dict[str, dict] = {}
    role_labels = labels(PartnerRole)
    for row in rows["partner"]:
        role = row["role"]
        group = groups.setdefault(
            role, {"role": role, "label": role_labels.get(role, role), "organisations": []}
        )
        organisation = _organisation_of(row, "organisation__")
        if organisation is not None:
            # What the source says of the partnership, without the editors' line references.
            organisation["note"] = without_line_references(row["note"])
        group["organisations"].append(organisation)
    return list(groups.values())


def committee_seats_section(rows: dict) -> list[dict]:
    """The network's seats on other bodies' committees held in the year."""
    return [
        {
            "committee": row["committee"],
            "convened_by": _organisation_of(row, "convened_by__"),
            "role": row["role"],
            "period": CommitteeSeat(
                joined_year=row["joined_year"], left_year=row["left_year"]
            ).period,
            "note": without_line_references(row["note"]),
            "source": public_source(row["source"]),
        }
        for row in rows["committee_seat"]
    ]


def team_section(rows: dict) -> list[dict]:
    return [
        {
            "name": row["name"],
            "role": row["role"],
            "office": row["office"] or "",
            "departed": bool(row["departed"]),
        }
        for row in rows["team"]
    ]

"""Load a network file's governance and people: its bodies, their terms and seats, its clusters
and their leads, and its staff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.partial_dates import PartialDate
from network.models import (
    Cluster,
    ClusterLead,
    ClusterRole,
    GovernanceBody,
    Network,
    Seat,
    StaffPosition,
    Term,
)
from portal.seed.files import SeedError, cite, reported_in
from portal.seed.records import partial

if TYPE_CHECKING:
    from portal.seed.network import NetworkLoader


def load_governance(loader: NetworkLoader, network: Network, data: dict) -> None:
    file = data["_file"]
    for body_order, body_data in enumerate(data.get("governance") or []):
        body = loader.recorder.ensure(
            GovernanceBody,
            {"network": network, "name": body_data["name"]},
            {"description": (body_data.get("description") or "").strip(), "order": body_order},
            where=f"{file} body",
        )
        if not body:
            continue  # staff deleted it, and its terms
        for term_data in body_data.get("terms") or []:
            where = f"{file} {body_data['name']} term {term_data.get('name')}"
            start, end = _term_dates(term_data, where)
            term = loader.recorder.ensure(
                Term,
                {"body": body, "name": str(term_data["name"])},
                {
                    "start": start.first,
                    "end": end.last if end else None,
                    "date_precision": start.precision,
                    "elected_at": term_data.get("elected_at") or "",
                    "source": cite(term_data.get("source") or body_data.get("source")),
                },
                where=where,
            )
            if not term:
                continue
            for index, seat in enumerate(term_data.get("seats") or []):
                person = loader.person(seat["person"], where=where) if seat.get("person") else None
                organisation = (
                    loader.organisation(seat["organisation"], where=where)
                    if seat.get("organisation")
                    else None
                )
                loader.recorder.ensure(
                    Seat,
                    {
                        "term": term,
                        "role": seat["role"],
                        "person": person,
                        "organisation": organisation,
                    },
                    {
                        "portfolio": seat.get("portfolio") or "",
                        "order": seat.get("order", index),
                        "source": cite(seat.get("source")),
                        "reported_in": reported_in(seat, where=where),
                    },
                    where=where,
                )


def load_clusters(loader: NetworkLoader, network: Network, data: dict) -> None:
    file = data["_file"]
    for order, item in enumerate(data.get("clusters") or []):
        where = f"{file} cluster '{item['name']}'"
        cluster = loader.recorder.ensure(
            Cluster,
            {"network": network, "name": item["name"]},
            {
                "description": (item.get("description") or "").strip(),
                "order": order,
                "source": cite(item.get("source")),
            },
            where=where,
        )
        if not cluster:
            continue
        years = str(item.get("term") or "").replace("–", "-").split("-")
        from_year = int(years[0]) if years[0].strip().isdigit() else None
        until_year = int(years[1]) if len(years) > 1 and years[1].strip().isdigit() else None
        for role, keys in (
            (ClusterRole.LEAD, item.get("leads")),
            (ClusterRole.CO_LEAD, item.get("co_leads")),
        ):
            for index, key in enumerate(keys or []):
                loader.recorder.ensure(
                    ClusterLead,
                    {
                        "cluster": cluster,
                        "organisation": loader.organisation(key, where=where),
                        "role": role,
                        "from_year": from_year,
                    },
                    {
                        "until_year": until_year,
                        "order": index,
                        "source": cite(item.get("source")),
                        "reported_in": reported_in(item, where=where),
                    },
                    where=where,
                )


def load_staff(loader: NetworkLoader, network: Network, data: dict, offices: dict) -> None:
    """The network's staff; `offices`: its offices by their name in lower case."""
    file = data["_file"]
    for index, staff in enumerate(data.get("staff") or []):
        where = f"{file} staff"
        office = offices.get((staff.get("office") or "").casefold())
        person = loader.person(staff["person"], where=where)
        started = partial(staff.get("from"), where=where)
        ended = partial(staff.get("until"), where=where)
        loader.recorder.ensure(
            StaffPosition,
            {
                "network": network,
                "person": person,
                "role": staff["role"],
                "reported_in": reported_in(staff, where=where),
            },
            {
                "office": office,
                "departed": bool(staff.get("departed")),
                "started": started.first if started else None,
                "ended": ended.last if ended else None,
                "order": index,
                "source": cite(staff.get("source")),
            },
            where=where,
        )


def _term_dates(term: dict, where: str):
    start = partial(term.get("start"), where=where)
    end = partial(term.get("end"), where=where)
    if start is None:
        years = str(term["name"]).replace("–", "-").split("-")
        start = partial(years[0].strip(), where=where)
        end = partial(years[1].strip(), where=where) if len(years) > 1 else None
    if start is None:
        raise SeedError(f"{where}: a term needs a start.")
    if end and end.precision != start.precision:
        end = PartialDate.of(end.last, start.precision)
    return start, end

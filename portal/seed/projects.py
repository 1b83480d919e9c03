"""Load a network file's projects with their participants, and its city pairings with their
study visits and agreements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from network.models import (
    SDG,
    AgreementKind,
    CityPairing,
    Network,
    PairingAgreement,
    Project,
    ProjectParticipant,
    ProjectResult,
    ProjectRole,
    StudyVisit,
)
from portal.seed.files import SeedError, cite, reported_in
from portal.seed.records import PUBLISHED, partial

if TYPE_CHECKING:
    from portal.seed.network import NetworkLoader


def load_projects(
    loader: NetworkLoader, network: Network, data: dict, themes: dict
) -> dict[str, Project]:
    """The network's projects by key; `themes`: the network's themes by key."""
    file = data["_file"]
    projects = {}
    for item in data.get("projects") or []:
        where = f"{file} project '{item['key']}'"
        start = partial(item.get("start"), where=where)
        end = partial(item.get("end"), where=where)
        links = item.get("links") or []
        project = loader.recorder.ensure(
            Project,
            {"slug": item["key"]},
            {
                "network": network,
                "title": item["title"],
                "acronym": item.get("acronym") or "",
                "description": (item.get("description") or "").strip(),
                "start": start.first if start else None,
                "end": end.last if end else None,
                "date_precision": (start or end).precision if (start or end) else "year",
                "status": item.get("status") or "active",
                "links": "\n".join(links if isinstance(links, list) else [links]),
                "source": cite(item.get("source")),
                "reported_in": reported_in(item, where=where),
                **PUBLISHED,
            },
            where=where,
        )
        projects[item["key"]] = project
        if not project:
            continue  # staff deleted it, and its participants
        if loader.recorder.last_created:
            unknown = [key for key in item.get("themes") or [] if key not in themes]
            if unknown:
                raise SeedError(f"{where}: unknown themes {unknown}.")
            project.themes.add(
                *loader.recorder.links(
                    [themes[key] for key in item.get("themes") or []], where=where
                )
            )
            project.sdgs.add(*SDG.objects.filter(number__in=item.get("sdgs") or []))
        for role, field in (
            (ProjectRole.FUNDER, "funders"),
            (ProjectRole.PARTNER, "partners"),
            (ProjectRole.PARTICIPANT, "participants"),
            (ProjectRole.LEAD, "leads"),
        ):
            for key in item.get(field) or []:
                loader.recorder.ensure(
                    ProjectParticipant,
                    {
                        "project": project,
                        "organisation": loader.organisation(key, where=where),
                        "role": role,
                    },
                    where=where,
                )
        load_results(loader, project, item, where=where)
    return projects


def load_results(loader: NetworkLoader, project: Project, item: dict, *, where: str) -> None:
    """The results the document states for the project (`results`: label, value, qualifier,
    unit, kind, year, quote, source), each as stated."""
    for order, result in enumerate(item.get("results") or []):
        place = f"{where} result '{result.get('label')}'"
        if not result.get("label") or result.get("value") is None or not result.get("source"):
            raise SeedError(f"{place}: a result needs a label, a value and a source.")
        loader.recorder.ensure(
            ProjectResult,
            {"project": project, "label": result["label"]},
            {
                "value": result["value"],
                "qualifier": result.get("qualifier") or "",
                "unit": result.get("unit") or "",
                "kind": result.get("kind") or "achieved",
                "year": result.get("year"),
                # The report that states it (its document's year), as every record's.
                "reported_in": reported_in(result, where=place),
                "quote": (result.get("quote") or "").strip(),
                "order": order,
                "source": cite(result["source"]),
            },
            where=place,
        )


def load_pairings(loader: NetworkLoader, data: dict, projects: dict) -> None:
    """The file's pairings; `projects`: the network's projects by key (a programme may be
    another network's project)."""
    file = data["_file"]
    for item in data.get("pairings") or []:
        first_key, second_key = item["organisations"]
        where = f"{file} pairing {first_key} & {second_key}"
        programme = projects.get(item["programme"])
        if programme is None:
            programme = loader.recorder.find(
                Project, {"slug": item["programme"]}, where=where, what="programme (a project)"
            )
        first = loader.organisation(first_key, where=where)
        second = loader.organisation(second_key, where=where)
        keys = {"programme": programme, "first": first, "second": second}
        if not loader.recorder.needs(CityPairing, keys):
            continue  # staff deleted its programme or one of its cities
        pairing = loader.recorder.ensure(
            CityPairing,
            keys,
            {
                "slug": f"{programme.slug}-{first.slug}-{second.slug}",
                "theme": item.get("theme") or "",
                "description": (item.get("description") or "").strip(),
                "source": cite(item.get("source")),
                "reported_in": reported_in(item, where=where),
                **PUBLISHED,
            },
            where=where,
        )
        if not pairing:
            continue  # staff deleted it, and its visits and agreements
        for visit in item.get("visits") or []:
            start = partial(visit.get("start"), where=where)
            end = partial(visit.get("end"), where=where)
            loader.recorder.ensure(
                StudyVisit,
                {
                    "pairing": pairing,
                    "place": loader.organisation(visit["place"], where=where),
                    "start": start.first,
                },
                {
                    "end": end.last if end else None,
                    "date_precision": start.precision,
                    "status": visit.get("status") or "planned",
                    "note": visit.get("note") or "",
                },
                where=where,
            )
        for agreement in item.get("agreements") or []:
            date = partial(agreement.get("date"), where=where)
            kind_text = str(agreement.get("kind") or "")
            loader.recorder.ensure(
                PairingAgreement,
                {
                    "pairing": pairing,
                    "kind": _agreement_kind(kind_text),
                    "status": agreement.get("status") or "planned",
                    "date": date.first if date else None,
                },
                {
                    "date_precision": date.precision if date else "year",
                    "note": kind_text
                    if _agreement_kind(kind_text) == AgreementKind.OTHER or len(kind_text) > 20
                    else "",
                },
                where=where,
            )


def _agreement_kind(text: str) -> str:
    lowered = text.casefold()
    if "intent" in lowered:
        return AgreementKind.LETTER_OF_INTENT
    if "mou" in lowered or "memorandum" in lowered:
        return AgreementKind.MOU
    return AgreementKind.OTHER

"""Load networks, organisations, people and everything of the `network` app from the seed files:
each network file's offices, regions, themes, memberships, stated figures, national chapters and
partners here; its governance and staff (`governance`), its projects and pairings (`projects`).
"""

from __future__ import annotations

from pathlib import Path

from django.utils.text import slugify

from network.models import (
    CommitteeSeat,
    FigureMetric,
    Membership,
    MembershipType,
    NationalChapter,
    Network,
    NetworkPartner,
    Office,
    Organisation,
    OrganisationKind,
    Person,
    Region,
    StatedFigure,
    Theme,
)
from network.services import membership_save, membership_set_dates, organisation_save
from portal.seed.files import (
    SEED_DIR,
    SeedError,
    cite,
    document_year,
    read_keyed,
    read_networks,
    reported_in,
)
from portal.seed.governance import load_clusters, load_governance, load_staff
from portal.seed.projects import load_pairings, load_projects
from portal.seed.records import PUBLISHED, Recorder, partial, texts


class SharedRecords:
    """Records any seed file may name by key (organisations, people): each defined in files of
    its own, and created the first time a file names it."""

    def __init__(self, noun: str, pattern: str, seed_dir: Path, create):
        self.noun = noun
        self.pattern = pattern
        self.records = read_keyed(pattern, seed_dir)
        self.create = create  # create(key, record, where) → the record, saved
        self.loaded: dict = {}

    def get(self, key: str, *, where: str):
        if key not in self.loaded:
            record = self.records.get(key)
            if record is None:
                raise SeedError(
                    f"{where}: {self.noun} '{key}' is not defined in any {self.pattern}."
                )
            self.loaded[key] = self.create(key, record, f"{record['_file']} '{key}'")
        return self.loaded[key]


class NetworkLoader:
    def __init__(self, recorder: Recorder, seed_dir: Path = SEED_DIR):
        self.recorder = recorder
        self.seed_dir = seed_dir
        self.organisations = SharedRecords(
            "organisation", "organisations*.yaml", seed_dir, self.new_organisation
        )
        self.people = SharedRecords("person", "people*.yaml", seed_dir, self.new_person)

    # --- shared records -------------------------------------------------------------------
    def organisation(self, key: str, *, where: str) -> Organisation:
        return self.organisations.get(key, where=where)

    def person(self, key: str, *, where: str) -> Person:
        return self.people.get(key, where=where)

    def new_organisation(self, key: str, record: dict, where: str) -> Organisation:
        return self.recorder.ensure(
            Organisation,
            {"slug": key},
            {
                "name": record["name"],
                **texts(record, "short_name", "native_name", "country"),
                "kind": record.get("kind") or OrganisationKind.OTHER,
                "website": _web_address(record.get("website")),
                "description": (record.get("description") or "").strip(),
                "source": cite(record.get("source")),
                **PUBLISHED,
            },
            where=where,
            save=lambda organisation: organisation_save(organisation=organisation),
        )

    def new_person(self, key: str, record: dict, where: str) -> Person:
        organisation = (
            self.organisation(record["organisation"], where=where)
            if record.get("organisation")
            else None
        )
        return self.recorder.ensure(
            Person,
            {"slug": key},
            {
                "name": record["name"],
                **texts(record, "native_name", "honorific", "title"),
                "organisation": organisation,
                "source": cite(record.get("source")),
                **PUBLISHED,
            },
            where=where,
        )

    # --- one network file -----------------------------------------------------------------
    def load(self):
        # Every body and person the documents name gets a page, member or not.
        for shared in (self.organisations, self.people):
            for key, record in shared.records.items():
                shared.get(key, where=record["_file"])
        for order, data in enumerate(read_networks(self.seed_dir)):
            self.load_network(data, order)

    def load_network(self, data: dict, order: int):
        file = data["_file"]
        info = data["network"]
        network = self.recorder.ensure(
            Network,
            {"slug": info["key"]},
            {
                "name": info["name"],
                **texts(info, "full_name", "acronym", "website", "email", "phone"),
                "founded_year": info.get("founded"),
                "description": (info.get("description") or "").strip(),
                "how_to_join": (info.get("how_to_join") or "").strip(),
                "order": order,
                "source": cite(info.get("source")),
                **PUBLISHED,
            },
            where=file,
        )
        if not network:
            return  # staff deleted it, and with it what the file says of it
        offices = {}
        for index, office in enumerate(info.get("offices") or []):
            offices[office["name"].casefold()] = self.recorder.ensure(
                Office,
                {"network": network, "name": office["name"]},
                {
                    "is_secretariat": bool(office.get("is_secretariat")),
                    **texts(office, "address", "city", "country", "phone", "email"),
                    "order": index,
                },
                where=f"{file} office",
            )
        regions = {}
        for index, name in enumerate(data.get("regions") or []):
            regions[name] = self.recorder.ensure(
                Region,
                {"network": network, "slug": slugify(name, allow_unicode=True)},
                {"name": name, "order": index},
                where=f"{file} region",
            )
        themes = {}
        for index, theme in enumerate(data.get("themes") or []):
            themes[theme["key"]] = self.recorder.ensure(
                Theme,
                {"network": network, "slug": theme["key"]},
                {
                    "name": theme["name"],
                    "description": (theme.get("description") or "").strip(),
                    "order": index,
                },
                where=f"{file} theme",
            )
        self.load_memberships(network, data, regions)
        self.load_figures(network, data)
        load_governance(self, network, data)
        load_clusters(self, network, data)
        for chapter in data.get("national_chapters") or []:
            host = chapter.get("host")
            self.recorder.ensure(
                NationalChapter,
                {"network": network, "country": chapter["country"]},
                {
                    "host": self.organisation(host, where=f"{file} national chapter")
                    if host
                    else None,
                    "source": cite(chapter.get("source")),
                    "reported_in": reported_in(chapter, where=f"{file} national chapter"),
                },
                where=f"{file} national chapter",
            )
        load_staff(self, network, data, offices)
        for index, partner in enumerate(data.get("partners") or []):
            self.recorder.ensure(
                NetworkPartner,
                {
                    "network": network,
                    "organisation": self.organisation(
                        partner["organisation"], where=f"{file} partner"
                    ),
                    "role": partner.get("role") or "partner",
                },
                {
                    "note": (partner.get("note") or "")[:300],
                    "order": index,
                    "source": cite(partner.get("source")),
                    "reported_in": reported_in(partner, where=f"{file} partner"),
                },
                where=f"{file} partner",
            )
        self.load_committee_seats(network, data)
        projects = load_projects(self, network, data, themes)
        load_pairings(self, data, projects)

    def load_committee_seats(self, network, data):
        """`committee_seats`: committee (its name), convened_by (organisation key), role,
        joined, left (years), quote, source."""
        file = data["_file"]
        for item in data.get("committee_seats") or []:
            where = f"{file} committee seat '{item['committee']}'"
            convened_by = item.get("convened_by")
            self.recorder.ensure(
                CommitteeSeat,
                {"network": network, "committee": item["committee"]},
                {
                    "convened_by": self.organisation(convened_by, where=where)
                    if convened_by
                    else None,
                    "role": item.get("role") or "",
                    "joined_year": item.get("joined"),
                    "left_year": item.get("left"),
                    "note": (item.get("quote") or "")[:300],
                    "source": cite(item.get("source")),
                },
                where=where,
            )

    def load_memberships(self, network, data, regions):
        file = data["_file"]
        for item in data.get("memberships") or []:
            where = f"{file} membership '{item['organisation']}'"
            if item.get("region") and item["region"] not in regions:
                raise SeedError(
                    f"{where}: region '{item['region']}' is not in this file's regions."
                )
            dates = {"joined": str(item.get("joined") or ""), "left": str(item.get("left") or "")}
            self.recorder.ensure(
                Membership,
                {
                    "organisation": self.organisation(item["organisation"], where=where),
                    "network": network,
                },
                {
                    "type": item["type"],
                    "region": regions.get(item.get("region")),
                    "description": (item.get("description") or "").strip(),
                    "source": cite(item.get("source")),
                },
                where=where,
                save=lambda membership, dates=dates: self.save_membership(membership, dates),
            )

    @staticmethod
    def save_membership(membership: Membership, dates: dict) -> None:
        membership_set_dates(membership=membership, **dates)
        membership_save(membership=membership)

    def load_figures(self, network, data):
        file = data["_file"]
        types = {choice.value for choice in MembershipType}
        for item in data.get("stated_figures") or []:
            where = f"{file} stated figure '{item['label']}'"
            # A figure stated without a date is as of the year its document reports on.
            as_of = partial(item.get("as_of") or document_year(item.get("source")), where=where)
            if as_of is None:
                raise SeedError(f"{where}: needs 'as_of'.")
            metric, membership_type = _metric_for(item["label"], types)
            quote = (item.get("quote") or "").strip()
            self.recorder.ensure(
                StatedFigure,
                {
                    "network": network,
                    "label": item["label"],
                    "as_of": as_of.first,
                    "value": item["value"],
                },
                {
                    "as_of_precision": as_of.precision,
                    "metric": metric,
                    "membership_type": membership_type,
                    "is_lower_bound": _says_over(quote, item["label"]),
                    "quote": quote,
                    "note": (item.get("note") or "").strip(),
                    "source": cite(item.get("source")),
                },
                where=where,
            )


def _web_address(text: str | None) -> str:
    """The documents print bare domains ("eastasia.iclei.org"); links need a scheme."""
    text = (text or "").strip()
    if text and not text.startswith(("http://", "https://")):
        return f"https://{text}"
    return text


def _says_over(quote: str, label: str) -> bool:
    lowered = f"{quote} {label}".casefold()
    return any(word in lowered for word in ("over ", "more than", "approximately", "about "))


def _metric_for(label: str, types: set[str]) -> tuple[str, str]:
    """Which computed figure a stated one is shown beside: 'members' of a type, or none."""
    lowered = label.casefold()
    if "countr" in lowered:
        return FigureMetric.OTHER, ""
    for membership_type in types:
        if lowered.startswith(f"{membership_type} member"):
            return FigureMetric.MEMBERS, membership_type
    if lowered in {"members", "member organisations", "members total"} or lowered.endswith(
        "(members)"
    ):
        return FigureMetric.MEMBERS, ""
    return FigureMetric.OTHER, ""

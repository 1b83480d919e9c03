"""Load networks, organisations, people and everything of the `network` app from the seed files.

Create-only: a record that already exists (same slug or natural key) is left exactly as it is,
so running the loader again changes nothing and never overwrites what staff have edited.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from core.partial_dates import PartialDate
from network.models import (
    SDG,
    AgreementKind,
    CityPairing,
    Cluster,
    ClusterLead,
    ClusterRole,
    FigureMetric,
    GovernanceBody,
    Membership,
    MembershipType,
    NationalChapter,
    Network,
    NetworkPartner,
    Office,
    Organisation,
    OrganisationKind,
    PairingAgreement,
    Person,
    Project,
    ProjectParticipant,
    ProjectRole,
    Region,
    Seat,
    StaffPosition,
    StatedFigure,
    StudyVisit,
    Term,
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
)

PUBLISHED = {"is_published": True}


class Recorder:
    """Creates missing rows and counts what it created and what was already there."""

    def __init__(self):
        self.created: Counter[str] = Counter()
        self.existing: Counter[str] = Counter()

    def ensure(
        self, model, lookup: dict, defaults: dict | None = None, *, where: str = "", save=None
    ):
        """The row matching `lookup`, created with `defaults` if missing (`last_created` says).

        `save(instance)`: how a new row is checked and saved, when its app has a service for it
        (the same rules and messages as the admin); otherwise its own validation, then save()."""
        instance = model._default_manager.filter(**lookup).first()
        label = str(model._meta.verbose_name_plural)
        self.last_created = instance is None
        if instance is not None:
            self.existing[label] += 1
            return instance
        instance = model(**lookup, **(defaults or {}))
        try:
            if save is None:
                instance.full_clean(validate_unique=False, validate_constraints=False)
                instance.save()
            else:
                save(instance)
        except ValidationError as error:
            raise SeedError(f"{where or model.__name__} {lookup}: {error.messages}") from None
        self.created[label] += 1
        self.last_created = True
        return instance

    def count_created(self, model, number: int) -> None:
        """Rows a service created along with their record (an event's places)."""
        if number:
            self.created[str(model._meta.verbose_name_plural)] += number


def partial(value, *, where: str) -> PartialDate | None:
    if value in (None, ""):
        return None
    try:
        return PartialDate.parse(str(value))
    except ValueError as error:
        raise SeedError(f"{where}: {error}") from None


class NetworkLoader:
    def __init__(self, recorder: Recorder, seed_dir: Path = SEED_DIR):
        self.recorder = recorder
        self.seed_dir = seed_dir
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.org_records = read_keyed("organisations*.yaml", seed_dir)
        self.person_records = read_keyed("people*.yaml", seed_dir)

    # --- shared records -------------------------------------------------------------------
    def organisation(self, key: str, *, where: str) -> Organisation:
        if key in self.organisations:
            return self.organisations[key]
        record = self.org_records.get(key)
        if record is None:
            raise SeedError(
                f"{where}: organisation '{key}' is not defined in any organisations*.yaml."
            )
        kind = record.get("kind") or OrganisationKind.OTHER
        organisation = self.recorder.ensure(
            Organisation,
            {"slug": key},
            {
                "name": record["name"],
                "short_name": record.get("short_name") or "",
                "native_name": record.get("native_name") or "",
                "kind": kind,
                "country": record.get("country") or "",
                "website": _web_address(record.get("website")),
                "description": (record.get("description") or "").strip(),
                "source": cite(record.get("source")),
                **PUBLISHED,
            },
            where=f"{record['_file']} '{key}'",
            save=lambda organisation: organisation_save(organisation=organisation),
        )
        self.organisations[key] = organisation
        return organisation

    def person(self, key: str, *, where: str) -> Person:
        if key in self.people:
            return self.people[key]
        record = self.person_records.get(key)
        if record is None:
            raise SeedError(f"{where}: person '{key}' is not defined in any people*.yaml.")
        organisation = (
            self.organisation(record["organisation"], where=f"{record['_file']} '{key}'")
            if record.get("organisation")
            else None
        )
        person = self.recorder.ensure(
            Person,
            {"slug": key},
            {
                "name": record["name"],
                "native_name": record.get("native_name") or "",
                "honorific": record.get("honorific") or "",
                "title": record.get("title") or "",
                "organisation": organisation,
                "source": cite(record.get("source")),
                **PUBLISHED,
            },
            where=f"{record['_file']} '{key}'",
        )
        self.people[key] = person
        return person

    # --- one network file -----------------------------------------------------------------
    def load(self):
        # Every body and person the documents name gets a page, member or not.
        for key, record in self.org_records.items():
            self.organisation(key, where=record["_file"])
        for key, record in self.person_records.items():
            self.person(key, where=record["_file"])
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
                "full_name": info.get("full_name") or "",
                "acronym": info.get("acronym") or "",
                "founded_year": info.get("founded"),
                "description": (info.get("description") or "").strip(),
                "how_to_join": (info.get("how_to_join") or "").strip(),
                "website": info.get("website") or "",
                "email": info.get("email") or "",
                "phone": info.get("phone") or "",
                "order": order,
                "source": cite(info.get("source")),
                **PUBLISHED,
            },
            where=file,
        )
        offices = {}
        for index, office in enumerate(info.get("offices") or []):
            offices[office["name"].casefold()] = self.recorder.ensure(
                Office,
                {"network": network, "name": office["name"]},
                {
                    "is_secretariat": bool(office.get("is_secretariat")),
                    "address": office.get("address") or "",
                    "city": office.get("city") or "",
                    "country": office.get("country") or "",
                    "phone": office.get("phone") or "",
                    "email": office.get("email") or "",
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
        self.load_governance(network, data)
        self.load_clusters(network, data)
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
                },
                where=f"{file} national chapter",
            )
        for index, staff in enumerate(data.get("staff") or []):
            office = offices.get((staff.get("office") or "").casefold())
            self.recorder.ensure(
                StaffPosition,
                {
                    "network": network,
                    "person": self.person(staff["person"], where=f"{file} staff"),
                    "role": staff["role"],
                    "reported_year": staff.get("as_of_report"),
                },
                {
                    "office": office,
                    "departed": bool(staff.get("departed")),
                    "started": self._first_day(staff.get("from"), f"{file} staff"),
                    "ended": self._last_day(staff.get("until"), f"{file} staff"),
                    "order": index,
                    "source": cite(staff.get("source")),
                },
                where=f"{file} staff",
            )
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
                },
                where=f"{file} partner",
            )
        projects = self.load_projects(network, data, themes)
        self.load_pairings(data, projects)

    def _first_day(self, value, where):
        date = partial(value, where=where)
        return date.first if date else None

    def _last_day(self, value, where):
        date = partial(value, where=where)
        return date.last if date else None

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

    def load_governance(self, network, data):
        file = data["_file"]
        for body_order, body_data in enumerate(data.get("governance") or []):
            body = self.recorder.ensure(
                GovernanceBody,
                {"network": network, "name": body_data["name"]},
                {"description": (body_data.get("description") or "").strip(), "order": body_order},
                where=f"{file} body",
            )
            for term_data in body_data.get("terms") or []:
                where = f"{file} {body_data['name']} term {term_data.get('name')}"
                start, end = _term_dates(term_data, where)
                term = self.recorder.ensure(
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
                for index, seat in enumerate(term_data.get("seats") or []):
                    person = (
                        self.person(seat["person"], where=where) if seat.get("person") else None
                    )
                    organisation = (
                        self.organisation(seat["organisation"], where=where)
                        if seat.get("organisation")
                        else None
                    )
                    self.recorder.ensure(
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
                        },
                        where=where,
                    )

    def load_clusters(self, network, data):
        file = data["_file"]
        for order, item in enumerate(data.get("clusters") or []):
            where = f"{file} cluster '{item['name']}'"
            cluster = self.recorder.ensure(
                Cluster,
                {"network": network, "name": item["name"]},
                {
                    "description": (item.get("description") or "").strip(),
                    "order": order,
                    "source": cite(item.get("source")),
                },
                where=where,
            )
            years = str(item.get("term") or "").replace("–", "-").split("-")
            from_year = int(years[0]) if years[0].strip().isdigit() else None
            until_year = int(years[1]) if len(years) > 1 and years[1].strip().isdigit() else None
            for role, keys in (
                (ClusterRole.LEAD, item.get("leads")),
                (ClusterRole.CO_LEAD, item.get("co_leads")),
            ):
                for index, key in enumerate(keys or []):
                    self.recorder.ensure(
                        ClusterLead,
                        {
                            "cluster": cluster,
                            "organisation": self.organisation(key, where=where),
                            "role": role,
                            "from_year": from_year,
                        },
                        {
                            "until_year": until_year,
                            "order": index,
                            "source": cite(item.get("source")),
                        },
                        where=where,
                    )

    def load_projects(self, network, data, themes) -> dict[str, Project]:
        file = data["_file"]
        projects = {}
        for item in data.get("projects") or []:
            where = f"{file} project '{item['key']}'"
            start = partial(item.get("start"), where=where)
            end = partial(item.get("end"), where=where)
            links = item.get("links") or []
            project = self.recorder.ensure(
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
                    **PUBLISHED,
                },
                where=where,
            )
            projects[item["key"]] = project
            if self.recorder.last_created:
                unknown = [key for key in item.get("themes") or [] if key not in themes]
                if unknown:
                    raise SeedError(f"{where}: unknown themes {unknown}.")
                project.themes.add(*[themes[key] for key in item.get("themes") or []])
                project.sdgs.add(*SDG.objects.filter(number__in=item.get("sdgs") or []))
            for role, field in (
                (ProjectRole.FUNDER, "funders"),
                (ProjectRole.PARTNER, "partners"),
                (ProjectRole.PARTICIPANT, "participants"),
                (ProjectRole.LEAD, "leads"),
            ):
                for key in item.get(field) or []:
                    self.recorder.ensure(
                        ProjectParticipant,
                        {
                            "project": project,
                            "organisation": self.organisation(key, where=where),
                            "role": role,
                        },
                        where=where,
                    )
        return projects

    def load_pairings(self, data, projects):
        file = data["_file"]
        for item in data.get("pairings") or []:
            first_key, second_key = item["organisations"]
            where = f"{file} pairing {first_key} & {second_key}"
            programme = (
                projects.get(item["programme"])
                or Project.objects.filter(slug=item["programme"]).first()
            )
            if programme is None:
                raise SeedError(f"{where}: programme '{item['programme']}' is not a project.")
            first = self.organisation(first_key, where=where)
            second = self.organisation(second_key, where=where)
            pairing = self.recorder.ensure(
                CityPairing,
                {"programme": programme, "first": first, "second": second},
                {
                    "slug": f"{programme.slug}-{first.slug}-{second.slug}",
                    "theme": item.get("theme") or "",
                    "description": (item.get("description") or "").strip(),
                    "source": cite(item.get("source")),
                    **PUBLISHED,
                },
                where=where,
            )
            for visit in item.get("visits") or []:
                start = partial(visit.get("start"), where=where)
                end = partial(visit.get("end"), where=where)
                self.recorder.ensure(
                    StudyVisit,
                    {
                        "pairing": pairing,
                        "place": self.organisation(visit["place"], where=where),
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
                self.recorder.ensure(
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


def _web_address(text: str | None) -> str:
    """The documents print bare domains ("eastasia.iclei.org"); links need a scheme."""
    text = (text or "").strip()
    if text and not text.startswith(("http://", "https://")):
        return f"https://{text}"
    return text


def _agreement_kind(text: str) -> str:
    lowered = text.casefold()
    if "intent" in lowered:
        return AgreementKind.LETTER_OF_INTENT
    if "mou" in lowered or "memorandum" in lowered:
        return AgreementKind.MOU
    return AgreementKind.OTHER


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

"""Synthetic benchmark data: a network portal at a real network's size, for measuring speed.

`generate(scale=1, seed=1)` writes, at scale 1: 30 networks with regions, themes, offices and
governance bodies; 12,000 organisations with 15,000 memberships over 20 years; 2,000 people with
seats on terms and staff positions; 40,000 events over 20 years (partial dates at every
precision, several places, sessions, joint events of two networks, drafts and scheduled ones);
15,000 publications with 30,000 editions in several languages; 3,000 projects, among them
programmes with city pairings, study visits and agreements; 5,000 stories. Every count is
multiplied by `scale` (0.01 for tests).

Everything is visibly made up: names are "Bench City 00123", "Bench Person 0042"…, and every
record with a `source` field says SYNTHETIC. Rows are written with bulk_create in batches (also the
many-to-many through tables), so django-simple-history records no history for them; the fields
the write services derive (an event's last day and format, normalised partial dates, language
tags) are computed with the same functions the services use. Covers are not generated (lists show
publications without a cover image; `refresh_covers` makes them, slowly).

Never loaded by `make run` or the seed loader: only `manage.py generate_bench_data` calls this.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core import dates
from core.page_cache import content_changed
from core.partial_dates import PartialDate, Precision
from events.models import (
    Event,
    EventFormat,
    EventKind,
    EventNetwork,
    EventOrganisation,
    EventPlace,
    EventSeries,
    EventSession,
    EventStatus,
    ReportGroup,
)
from events.models.parts import OrganiserRole
from network.models import (
    SDG,
    AgreementKind,
    AgreementStatus,
    CityPairing,
    GovernanceBody,
    Membership,
    MembershipType,
    Network,
    Office,
    Organisation,
    OrganisationKind,
    PairingAgreement,
    Person,
    Project,
    ProjectParticipant,
    ProjectRole,
    ProjectStatus,
    Region,
    Seat,
    StaffPosition,
    StudyVisit,
    Term,
    Theme,
    VisitStatus,
)
from portal.models import Story
from publications.languages import normalise
from publications.models import Edition, Publication, PublicationKind
from publications.services import refresh_latest_edition_dates

SYNTHETIC = "synthetic benchmark data"

# Counts at scale 1.
BASE_COUNTS = {
    "networks": 30,
    "organisations": 12_000,
    "memberships": 15_000,
    "people": 2_000,
    "events": 40_000,
    "publications": 15_000,
    "editions": 30_000,
    "projects": 3_000,
    "programmes": 60,
    "pairings": 1_500,
    "stories": 5_000,
}
REGIONS_PER_NETWORK = 5
THEMES_PER_NETWORK = 4
BODIES_PER_NETWORK = 2
SEATS_PER_TERM = 8
REPORT_GROUPS = ["Bench Trainings", "Bench Forums", "Bench Webinars", "Bench Study visits"]
TERM_YEARS = 3
STAFF_PER_NETWORK = 8
FIRST_YEAR = 2006
YEARS = 20  # 2006–2025, and events planned into the next year
BATCH = 2_000

COUNTRIES = ["CN", "KR", "JP", "MN", "IN", "ID", "PH", "VN", "TH", "MY", "BD", "NP", "LK", "KH"]
LANGUAGES = ["zh-Hans", "ko", "ja", "mn", "ru", "fr", "vi", "th", "id"]

# Models whose rows mean the database already holds content (real or synthetic).
CONTENT_MODELS = [Network, Organisation, Person, Event, Publication, Project, Story]


def scaled_counts(scale: float) -> dict[str, int]:
    """The counts at `scale`, at least 2 networks and 1 of everything else."""
    counts = {name: max(1, round(base * scale)) for name, base in BASE_COUNTS.items()}
    counts["networks"] = max(2, counts["networks"])
    counts["memberships"] = min(counts["memberships"], counts["organisations"] * counts["networks"])
    counts["programmes"] = min(counts["programmes"], counts["projects"])
    counts["editions"] = max(counts["editions"], counts["publications"])
    return counts


def existing_content() -> dict[str, int]:
    """How many records of each content model the database holds (empty: none)."""
    found = {model._meta.verbose_name_plural: model.objects.count() for model in CONTENT_MODELS}
    return {str(name): count for name, count in found.items() if count}


def _bulk(model, rows, counter: Counter) -> list:
    rows = list(rows)
    model.objects.bulk_create(rows, batch_size=BATCH)
    counter[str(model._meta.verbose_name_plural)] += len(rows)
    return rows


def _through(field, pairs, counter: Counter) -> None:
    """Rows of a many-to-many field's through table: (owner id, target id) pairs."""
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    rows = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in dict.fromkeys(pairs)]
    through.objects.bulk_create(rows, batch_size=BATCH)
    counter[f"{field.model._meta.model_name}.{field.name} links"] += len(rows)


class Generator:
    def __init__(self, scale: float, seed: int):
        self.counts = scaled_counts(scale)
        self.random = random.Random(seed)
        self.created: Counter = Counter()
        self.today = dates.today()
        self.now = timezone.now().replace(microsecond=0)

    # Helpers -----------------------------------------------------------------------------

    def day_in(self, year: int) -> dt.date:
        return dt.date(year, 1, 1) + dt.timedelta(days=self.random.randrange(365))

    def publish_state(self, *, draft: float = 0.03, scheduled: float = 0.02) -> dict:
        """Mostly published; some drafts, some scheduled to appear in the coming weeks."""
        roll = self.random.random()
        if roll < draft:
            return {"is_published": False, "publish_at": self.now}
        if roll < draft + scheduled:
            later = self.now + dt.timedelta(days=self.random.randint(1, 60))
            return {"is_published": True, "publish_at": later}
        return {"is_published": True, "publish_at": self.now}

    def precision(self, weights=(60, 20, 10, 10)) -> str:
        return self.random.choices(
            [Precision.DAY, Precision.MONTH, Precision.QUARTER, Precision.YEAR], weights
        )[0]

    # Sections ----------------------------------------------------------------------------

    def networks(self):
        n = self.counts["networks"]
        self.network_list = _bulk(
            Network,
            (
                Network(
                    name=f"Bench Network {i:02d}",
                    full_name=f"Bench Network {i:02d} of Synthetic Cities",
                    acronym=f"BN{i:02d}",
                    slug=f"bench-network-{i:02d}",
                    founded_year=FIRST_YEAR - self.random.randint(0, 30),
                    description=f"A made-up network ({SYNTHETIC}).",
                    source=SYNTHETIC,
                    order=i,
                    **self.publish_state(draft=0, scheduled=0),
                )
                for i in range(1, n + 1)
            ),
            self.created,
        )
        self.regions = {
            network.pk: _bulk(
                Region,
                (
                    Region(
                        network=network,
                        name=f"Bench Region {r}",
                        slug=f"bench-region-{r}",
                        order=r,
                    )
                    for r in range(1, REGIONS_PER_NETWORK + 1)
                ),
                self.created,
            )
            for network in self.network_list
        }
        self.themes = {
            network.pk: _bulk(
                Theme,
                (
                    Theme(
                        network=network, name=f"Bench Theme {t}", slug=f"bench-theme-{t}", order=t
                    )
                    for t in range(1, THEMES_PER_NETWORK + 1)
                ),
                self.created,
            )
            for network in self.network_list
        }
        self.offices = {
            office.network_id: office
            for office in _bulk(
                Office,
                (
                    Office(
                        network=network,
                        name=f"{network.name} Secretariat",
                        is_secretariat=True,
                        city="Bench City",
                        country=self.random.choice(COUNTRIES),
                    )
                    for network in self.network_list
                ),
                self.created,
            )
        }

    def organisations(self):
        n = self.counts["organisations"]
        kinds = [OrganisationKind.CITY] * 6 + [
            OrganisationKind.DISTRICT,
            OrganisationKind.PROVINCE,
            OrganisationKind.NGO,
            OrganisationKind.UNIVERSITY,
            OrganisationKind.COMPANY,
        ]
        rows = []
        for i in range(1, n + 1):
            kind = self.random.choice(kinds)
            label = "City" if kind == OrganisationKind.CITY else "Body"
            rows.append(
                Organisation(
                    name=f"Bench {label} {i:05d}",
                    short_name=f"B{label[0]}{i:05d}",
                    slug=f"bench-{label.lower()}-{i:05d}",
                    kind=kind,
                    country=self.random.choice(COUNTRIES),
                    population=self.random.randint(10_000, 20_000_000)
                    if kind == OrganisationKind.CITY
                    else None,
                    description=f"A made-up organisation ({SYNTHETIC}).",
                    source=SYNTHETIC,
                    **self.publish_state(draft=0.02, scheduled=0.01),
                )
            )
        self.organisation_list = _bulk(Organisation, rows, self.created)

    def memberships(self):
        orgs, networks = self.organisation_list, self.network_list
        types = [MembershipType.FULL] * 5 + [MembershipType.ASSOCIATE, MembershipType.OBSERVER]
        rows = []
        for k in range(self.counts["memberships"]):
            o = k % len(orgs)
            # Each round over the organisations gives each one another network (11 is coprime
            # with 30, so no pair repeats within 30 rounds).
            network = networks[(o + (k // len(orgs)) * 11) % len(networks)]
            precision = self.precision((40, 20, 0, 40))
            joined = PartialDate.of(
                self.day_in(FIRST_YEAR + self.random.randrange(YEARS)), precision
            ).first
            left = None
            if self.random.random() < 0.1:
                later = joined + dt.timedelta(days=self.random.randint(400, 3000))
                if later < self.today:
                    left = PartialDate.of(later, precision).first
            rows.append(
                Membership(
                    organisation=orgs[o],
                    network=network,
                    type=self.random.choice(types),
                    region=self.random.choice(self.regions[network.pk]),
                    joined=joined,
                    left=left,
                    date_precision=precision,
                    source=SYNTHETIC,
                    organisation_public_from=orgs[o].public_from,  # as Membership.save() sets it
                )
            )
        _bulk(Membership, rows, self.created)

    def people(self):
        orgs = self.organisation_list
        self.person_list = _bulk(
            Person,
            (
                Person(
                    name=f"Bench Person {i:04d}",
                    slug=f"bench-person-{i:04d}",
                    title=f"Synthetic official {i:04d}",
                    organisation=self.random.choice(orgs),
                    source=SYNTHETIC,
                    **self.publish_state(draft=0.02, scheduled=0),
                )
                for i in range(1, self.counts["people"] + 1)
            ),
            self.created,
        )

    def governance(self):
        bodies = _bulk(
            GovernanceBody,
            (
                GovernanceBody(network=network, name=name, order=b)
                for network in self.network_list
                for b, name in enumerate(["Bench Council", "Bench Executive Committee"])
            ),
            self.created,
        )
        terms = []
        for body in bodies:
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS + 1, TERM_YEARS):
                term = Term(
                    body=body,
                    name=f"{year}–{year + TERM_YEARS - 1}",
                    source=SYNTHETIC,
                    date_precision=Precision.YEAR,
                    start=dt.date(year, 1, 1),
                    end=dt.date(year + TERM_YEARS - 1, 12, 31),
                )
                term.normalise_dates()
                terms.append(term)
        _bulk(Term, terms, self.created)
        people, orgs = self.person_list, self.organisation_list
        roles = ["President", "Vice President", "Treasurer"] + ["Member"] * (SEATS_PER_TERM - 3)
        seats, cursor = [], 0
        for term in terms:
            holders = [people[(cursor + s) % len(people)] for s in range(SEATS_PER_TERM)]
            cursor += SEATS_PER_TERM
            for order, (role, person) in enumerate(
                zip(roles, dict.fromkeys(holders), strict=False)
            ):
                seats.append(
                    Seat(
                        term=term,
                        role=role,
                        person=person,
                        organisation=person.organisation or self.random.choice(orgs),
                        order=order,
                        source=SYNTHETIC,
                    )
                )
        _bulk(Seat, seats, self.created)
        rows = []
        for network in self.network_list:
            for order in range(STAFF_PER_NETWORK):
                started = self.day_in(FIRST_YEAR + self.random.randrange(YEARS))
                departed = self.random.random() < 0.3
                rows.append(
                    StaffPosition(
                        network=network,
                        person=self.random.choice(people),
                        office=self.offices[network.pk],
                        role=f"Bench Officer {order + 1}",
                        started=started,
                        ended=started + dt.timedelta(days=700) if departed else None,
                        departed=departed,
                        order=order,
                        source=SYNTHETIC,
                    )
                )
        _bulk(StaffPosition, rows, self.created)

    def projects(self):
        n, programmes = self.counts["projects"], self.counts["programmes"]
        rows = []
        for i in range(1, n + 1):
            year = FIRST_YEAR + self.random.randrange(YEARS)
            start = dt.date(year, 1, 1)
            end = dt.date(year + self.random.randint(1, 5), 12, 31)
            status = (
                ProjectStatus.COMPLETED
                if end < self.today
                else ProjectStatus.PLANNED
                if start > self.today
                else ProjectStatus.ACTIVE
            )
            title = f"Bench {'Programme' if i <= programmes else 'Project'} {i:04d}"
            rows.append(
                Project(
                    network=self.random.choice(self.network_list),
                    title=title,
                    slug=f"bench-project-{i:04d}",
                    acronym=f"BP{i:04d}",
                    description=f"A made-up project ({SYNTHETIC}).",
                    start=start,
                    end=end,
                    date_precision=Precision.YEAR,
                    status=status,
                    source=SYNTHETIC,
                    **self.publish_state(),
                )
            )
        self.project_list = _bulk(Project, rows, self.created)
        sdgs = list(SDG.objects.values_list("pk", flat=True))
        _through(
            Project.themes.field,
            (
                (p.pk, self.random.choice(self.themes[p.network_id]).pk)
                for p in self.project_list
                for _ in range(2)
            ),
            self.created,
        )
        if sdgs:
            _through(
                Project.sdgs.field,
                ((p.pk, self.random.choice(sdgs)) for p in self.project_list for _ in range(2)),
                self.created,
            )
        orgs = self.organisation_list
        participants = {}
        for project in self.project_list:
            for role in (ProjectRole.LEAD, ProjectRole.PARTNER, ProjectRole.PARTICIPANT):
                organisation = self.random.choice(orgs)
                participants[(project.pk, organisation.pk, role)] = ProjectParticipant(
                    project=project, organisation=organisation, role=role
                )
        _bulk(ProjectParticipant, participants.values(), self.created)

    def pairings(self):
        programmes = self.project_list[: self.counts["programmes"]]
        cities = [o for o in self.organisation_list if o.kind == OrganisationKind.CITY]
        cities = cities if len(cities) >= 2 else self.organisation_list
        pairings, seen = [], set()
        themes = ["Bench Walkable Cities", "Bench Clean Air", "Bench Circular Economy"]
        for i in range(1, self.counts["pairings"] + 1):
            programme = programmes[i % len(programmes)]
            first, second = self.random.sample(cities, 2)
            if (programme.pk, first.pk, second.pk) in seen:
                continue
            seen.add((programme.pk, first.pk, second.pk))
            pairings.append(
                CityPairing(
                    programme=programme,
                    first=first,
                    second=second,
                    slug=f"bench-pairing-{i:05d}",
                    theme=self.random.choice(themes),
                    description=f"A made-up pairing ({SYNTHETIC}).",
                    source=SYNTHETIC,
                    **self.publish_state(),
                )
            )
        pairings = _bulk(CityPairing, pairings, self.created)
        visits, agreements = [], []
        for pairing in pairings:
            for place in (pairing.first, pairing.second):
                if self.random.random() < 0.7:
                    day = self.day_in(FIRST_YEAR + self.random.randrange(YEARS + 1))
                    visit = StudyVisit(
                        pairing=pairing,
                        place=place,
                        status=VisitStatus.HELD if day <= self.today else VisitStatus.PLANNED,
                        start=day,
                        end=day + dt.timedelta(days=self.random.randint(0, 4)),
                        date_precision=Precision.DAY,
                    )
                    visit.normalise_dates()
                    visits.append(visit)
            if self.random.random() < 0.4:
                day = self.day_in(FIRST_YEAR + self.random.randrange(YEARS))
                agreements.append(
                    PairingAgreement(
                        pairing=pairing,
                        kind=AgreementKind.MOU,
                        status=AgreementStatus.SIGNED,
                        date=PartialDate.of(day, Precision.MONTH).first,
                        date_precision=Precision.MONTH,
                    )
                )
        _bulk(StudyVisit, visits, self.created)
        _bulk(PairingAgreement, agreements, self.created)

    def events(self):
        n = self.counts["events"]
        kinds = list(EventKind.values)
        series = _bulk(
            EventSeries,
            (
                EventSeries(name=f"Bench Forum Series {s}", slug=f"bench-forum-series-{s}")
                for s in range(1, max(2, n // 500) + 1)
            ),
            self.created,
        )
        editions = Counter()
        events, networks_of, places_of = [], [], []
        last_year = self.today.year + 1
        for i in range(1, n + 1):
            network = self.random.choice(self.network_list)
            joint = self.random.random() < 0.1
            nets = [network]
            if joint:
                other = self.random.choice(self.network_list)
                if other.pk != network.pk:
                    nets.append(other)
            year = self.random.randint(last_year - YEARS, last_year)
            dated = self.random.random() > 0.02
            precision = self.precision()
            event = Event(
                title=f"Bench {EventKind(kinds[i % len(kinds)]).label} {i:05d}",
                slug=f"bench-event-{i:05d}",
                kind=kinds[i % len(kinds)],
                description=f"A made-up event ({SYNTHETIC}).",
                source=SYNTHETIC,
                **self.publish_state(draft=0, scheduled=0),
            )
            # One in 25 a draft, one in 50 scheduled to appear in the coming weeks.
            if i % 25 == 0:
                event.is_published = False
            elif i % 50 == 1:
                event.publish_at = self.now + dt.timedelta(days=self.random.randint(1, 60))
            if dated:
                start = self.day_in(year)
                event.start, event.date_precision = start, precision
                if self.random.random() < 0.3:
                    event.end = start + dt.timedelta(days=self.random.randint(1, 120))
            else:  # an undated event a report lists (core.time_scope), as the seed has them
                event.reported_in = str(min(year, self.today.year))
            event.normalise_dates()  # start/end snapped to the precision, `ends_on` set
            if event.start is None:
                event.status = EventStatus.PLANNED
            elif PartialDate.of(event.start, event.date_precision).first > self.today:
                event.status = self.random.choice([EventStatus.PLANNED, EventStatus.CONFIRMED])
            else:
                event.status = self.random.choices(
                    [EventStatus.HELD, EventStatus.CANCELLED, EventStatus.POSTPONED], (90, 5, 5)
                )[0]
            if self.random.random() < 0.05:
                chosen = self.random.choice(series)
                editions[chosen.pk] += 1
                event.series, event.edition = chosen, editions[chosen.pk]
            event.is_online = self.random.random() < 0.4
            n_places = 0 if event.is_online and self.random.random() < 0.5 else 1
            n_places += self.random.random() < 0.15  # some events in two or three places
            n_places += n_places > 1 and self.random.random() < 0.3
            event.format = event.derived_format(n_places > 0)  # as events.services does
            if self.random.random() < 0.2:
                event.host = self.random.choice(self.organisation_list)
            if self.random.random() < 0.2:
                event.project = self.random.choice(self.project_list)
            events.append(event)
            networks_of.append(nets)
            places_of.append(n_places)
        _bulk(Event, events, self.created)
        self.event_list = events
        # Each network lists its events under its own report groups (most events in one, as
        # the seed's networks do), a joint event in each network's own.
        groups = _bulk(
            ReportGroup,
            (
                ReportGroup(network=network, name=name, slug=slugify(name), order=order)
                for network in self.network_list
                for order, name in enumerate(REPORT_GROUPS)
            ),
            self.created,
        )
        groups_of = {}
        for group in groups:
            groups_of.setdefault(group.network_id, []).append(group)
        _bulk(
            EventNetwork,
            (
                EventNetwork(
                    event=event,
                    network=network,
                    report_group=(
                        self.random.choice(groups_of[network.pk])
                        if self.random.random() < 0.8
                        else None
                    ),
                )
                for event, nets in zip(events, networks_of, strict=True)
                for network in nets
            ),
            self.created,
        )
        _through(
            Event.themes.field,
            (
                (e.pk, self.random.choice(self.themes[nets[0].pk]).pk)
                for e, nets in zip(events, networks_of, strict=True)
                if self.random.random() < 0.5
            ),
            self.created,
        )
        sdgs = list(SDG.objects.values_list("pk", flat=True))
        if sdgs:
            _through(
                Event.sdgs.field,
                ((e.pk, self.random.choice(sdgs)) for e in events if self.random.random() < 0.5),
                self.created,
            )
        _through(
            Event.speakers.field,
            (
                (e.pk, self.random.choice(self.person_list).pk)
                for e in events
                for _ in range(self.random.choice([0, 0, 1, 2, 3]))
            ),
            self.created,
        )
        places, organisers, sessions = [], [], []
        for event, n_places in zip(events, places_of, strict=True):
            for order in range(n_places):
                host = self.random.choice(self.organisation_list)
                places.append(
                    EventPlace(
                        event=event,
                        organisation=host if self.random.random() < 0.7 else None,
                        venue=f"Bench Venue {event.pk % 997}",
                        city=host.name,
                        country=host.country,
                        order=order,
                    )
                )
            organisers.append(
                EventOrganisation(
                    event=event,
                    organisation=self.random.choice(self.organisation_list),
                    role=OrganiserRole.ORGANISER,
                )
            )
            if event.start and event.date_precision == Precision.DAY and self.random.random() < 0.2:
                for order in range(self.random.randint(2, 4)):
                    day = event.start + dt.timedelta(days=order)
                    session = EventSession(
                        event=event,
                        title=f"Bench Session {order + 1}",
                        start=day,
                        date_precision=Precision.DAY,
                        format=self.random.choice([EventFormat.IN_PERSON, EventFormat.ONLINE]),
                        order=order,
                    )
                    session.normalise_dates()
                    sessions.append(session)
        _bulk(EventPlace, places, self.created)
        _bulk(EventOrganisation, organisers, self.created)
        _bulk(EventSession, sessions, self.created)

    def publications(self):
        n, n_editions = self.counts["publications"], self.counts["editions"]
        kinds = list(PublicationKind.values)
        rows = []
        for i in range(1, n + 1):
            rows.append(
                Publication(
                    title=f"Bench {PublicationKind(kinds[i % len(kinds)]).label} {i:05d}",
                    slug=f"bench-publication-{i:05d}",
                    kind=kinds[i % len(kinds)],
                    summary=f"A made-up publication ({SYNTHETIC}).",
                    source=SYNTHETIC,
                    **self.publish_state(),
                )
            )
        publications = _bulk(Publication, rows, self.created)
        # Every publication in English; the other editions spread over other languages.
        extra = n_editions - n
        editions = []
        for index, publication in enumerate(publications):
            precision = self.precision((20, 60, 0, 20))
            day = PartialDate.of(
                self.day_in(FIRST_YEAR + self.random.randrange(YEARS)), precision
            ).first
            count = 1 + extra // n + (index < extra % n)
            languages = ["en", *self.random.sample(LANGUAGES, min(count - 1, len(LANGUAGES)))]
            for order, language in enumerate(languages):
                editions.append(
                    Edition(
                        publication=publication,
                        language=normalise(language),  # as Edition.save() stores it
                        title="" if language == "en" else f"{publication.title} ({language})",
                        date=day,
                        date_precision=precision,
                        publisher=self.random.choice(self.organisation_list),
                        link=f"https://bench.invalid/publications/{publication.pk}/{language}",
                        order=order,
                    )
                )
        _bulk(Edition, editions, self.created)
        # The derived field the write service keeps (bulk inserts bypass it): one UPDATE.
        refresh_latest_edition_dates(Publication.objects.filter(source=SYNTHETIC))
        _through(
            Publication.networks.field,
            (
                (p.pk, self.random.choice(self.network_list).pk)
                for p in publications
                for _ in range(self.random.choice([1, 1, 1, 2]))
            ),
            self.created,
        )
        _through(
            Publication.organisations.field,
            ((p.pk, self.random.choice(self.organisation_list).pk) for p in publications),
            self.created,
        )
        _through(
            Publication.projects.field,
            (
                (p.pk, self.random.choice(self.project_list).pk)
                for p in publications
                if self.random.random() < 0.3
            ),
            self.created,
        )

    def stories(self):
        rows = []
        for i in range(1, self.counts["stories"] + 1):
            rows.append(
                Story(
                    title=f"Bench Story {i:05d}",
                    slug=f"bench-story-{i:05d}",
                    date=self.day_in(FIRST_YEAR + self.random.randrange(YEARS)),
                    summary=f"A made-up story ({SYNTHETIC}).",
                    body="Synthetic text.\n\nNothing here happened.",
                    network=self.random.choice(self.network_list),
                    source=SYNTHETIC,
                    **self.publish_state(),
                )
            )
        stories = _bulk(Story, rows, self.created)
        _through(
            Story.organisations.field,
            ((s.pk, self.random.choice(self.organisation_list).pk) for s in stories),
            self.created,
        )
        _through(
            Story.events.field,
            ((s.pk, self.random.choice(self.event_list).pk) for s in stories),
            self.created,
        )
        _through(
            Story.projects.field,
            (
                (s.pk, self.random.choice(self.project_list).pk)
                for s in stories
                if self.random.random() < 0.3
            ),
            self.created,
        )


SECTIONS = [
    "networks",
    "organisations",
    "memberships",
    "people",
    "governance",
    "projects",
    "pairings",
    "events",
    "publications",
    "stories",
]


def generate(*, scale: float = 1.0, seed: int = 1, log=None) -> Counter:
    """Write the synthetic data in one transaction; the counts of what was created."""
    generator = Generator(scale, seed)
    with transaction.atomic():
        for name in SECTIONS:
            began = time.monotonic()
            getattr(generator, name)()
            if log:
                log(f"{name}: {time.monotonic() - began:.1f} s")
        content_changed()  # bulk_create sends no signal: cached pages are out of date
    return generator.created

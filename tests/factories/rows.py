"""Rows for every public list and every section of a detail page, added n at a time.

`Rows()` makes the records the detail pages are about (network "net", organisation "city",
project "proj", pairing "pair", person "speaker", event "forum", publication "book", story
"award", net's 2022 report, and `keys`: the ids of a term, a theme and an SDG);
`rows.add(n)` adds n more rows to every list, feed and section, so a page that runs a query per
row shows it as a count that grows (tests/test_query_counts.py).
"""

import datetime as dt
import itertools

from django.utils import timezone
from django_countries import countries

from events.models import EventOrganisation
from network.models import SDG, StudyVisit
from portal.editions import freeze_edition
from portal.models import Foreword
from publications.covers import refresh_cover
from publications.models import PublicationPerson
from tests.factories.events import (
    EventFactory,
    EventPlaceFactory,
    EventSeriesFactory,
    EventSessionFactory,
)
from tests.factories.network import (
    CityPairingFactory,
    ClusterFactory,
    ClusterLeadFactory,
    MembershipFactory,
    NationalChapterFactory,
    NetworkFactory,
    NetworkPartnerFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    RegionFactory,
    SeatFactory,
    StaffPositionFactory,
    StatedFigureFactory,
    TermFactory,
    ThemeFactory,
)
from tests.factories.portal import AnnualReportFactory, StoryFactory
from tests.factories.publications import EditionFactory, PublicationFactory, SeriesFactory

YEAR = 2022  # the year of the dated rows, and of the report and the calendar month pinned
MONTH = 10


class Rows:
    def __init__(self):
        self.counter = itertools.count()
        self.country_codes = iter([code for code, _ in countries])
        self.network = NetworkFactory(name="Net", slug="net")
        self.region = RegionFactory(network=self.network, slug="south")
        self.theme = ThemeFactory(network=self.network, slug="climate")
        self.term = TermFactory(body__network=self.network)
        self.city = OrganisationFactory(name="City hall", slug="city")
        MembershipFactory(network=self.network, organisation=self.city, region=self.region)
        self.project = ProjectFactory(
            network=self.network, slug="proj", start=dt.date(YEAR, 1, 1), date_precision="day"
        )
        self.pairing = CityPairingFactory(
            programme=self.project, first=self.city, second=OrganisationFactory(), slug="pair"
        )
        self.speaker = PersonFactory(slug="speaker", organisation=self.city)
        self.event = EventFactory(
            slug="forum",
            networks=[self.network],
            series=EventSeriesFactory(),
            host=self.city,
            project=self.project,
            start=dt.date(YEAR, MONTH, 1),
        )
        self.publication = PublicationFactory(slug="book", networks=[self.network])
        EditionFactory(publication=self.publication, date=dt.date(YEAR, 1, 1))
        self.story = StoryFactory(slug="award", network=self.network)
        self.report = AnnualReportFactory(network=self.network, year=YEAR)
        # Published, so frozen as an edition when its transaction commits (a test's never does).
        freeze_edition(report=self.report)
        self.sdg = SDG.objects.order_by("number").first()
        self.keys = {"term": self.term.pk, "theme": self.theme.pk, "sdg": self.sdg.pk}

    def add(self, count: int) -> None:
        for _ in range(count):
            self.add_one(next(self.counter))

    def add_one(self, n: int) -> None:
        """One more row in every list and every section (names match the search for 'city')."""
        other, person, project = self.add_network_rows(n)
        event = self.add_events(n, other, person)
        self.add_publication(n, other, person, project)
        story = StoryFactory(title=f"City story {n}", network=self.network)
        story.organisations.add(self.city)
        story.projects.add(self.project)
        story.events.add(event)
        self.story.organisations.add(other)
        self.story.projects.add(project)
        self.story.events.add(event)
        self.report.highlights.add(story)
        Foreword.objects.create(report=self.report, author=person, role="Mayor", text="Welcome.")

    def add_network_rows(self, n: int):
        net, city = self.network, self.city
        other = OrganisationFactory()  # named "City …"
        elsewhere = NetworkFactory()  # the networks list grows too
        MembershipFactory(network=elsewhere, organisation=other)
        MembershipFactory(
            network=net, organisation=other, region=self.region, joined=dt.date(YEAR, 1, 1)
        )
        person = PersonFactory(name=f"City person {n}", organisation=other)
        SeatFactory(term=self.term, organisation=city, person=person)
        SeatFactory(term__body__network=elsewhere, organisation=other)
        cluster = ClusterFactory(network=net)
        ClusterLeadFactory(cluster=cluster, organisation=other, role="lead")
        ClusterLeadFactory(cluster=cluster, organisation=city, role="co-lead")
        NationalChapterFactory(network=net, country=next(self.country_codes), host=other)
        NetworkPartnerFactory(network=net, organisation=other)
        office = OfficeFactory(network=net)
        StaffPositionFactory(network=net, person=person, office=office, reported_in=str(YEAR))
        StatedFigureFactory(network=net, metric="members", label=f"members {n}")
        theme = ThemeFactory(network=net)
        project = ProjectFactory(network=net, title=f"City project {n}", start=dt.date(YEAR, 1, 1))
        project.themes.add(self.theme, theme)
        project.sdgs.add(self.sdg)
        project.participants.create(organisation=city, role="lead")
        self.project.participants.create(organisation=other, role="partner")
        pairing = CityPairingFactory(programme=self.project, first=city, second=other)
        StudyVisit.objects.create(
            pairing=pairing, place=other, start=dt.date(YEAR, 1, 1), status="held"
        )
        pairing.agreements.create(kind="mou", status="signed")
        StudyVisit.objects.create(
            pairing=self.pairing, place=other, start=dt.date(YEAR, 1, 1), status="held"
        )
        self.pairing.agreements.create(kind="letter-of-intent", status="signed")
        return other, person, project

    def add_events(self, n: int, other, person):
        net, city = self.network, self.city
        event = EventFactory(
            title=f"City event {n}",
            networks=[net, NetworkFactory()],
            start=dt.date(YEAR, MONTH, 1 + n % 28),
            series=self.event.series,
            host=city,
            project=self.project,
        )
        event.themes.add(self.theme)
        event.speakers.add(person)
        EventPlaceFactory(event=event, organisation=city)
        EventSessionFactory(event=event, start=event.start)
        EventOrganisation.objects.create(event=event, organisation=city, role="organiser")
        EventOrganisation.objects.create(event=self.event, organisation=other, role="partner")
        EventPlaceFactory(event=self.event, organisation=other)
        EventSessionFactory(event=self.event, start=self.event.start)
        self.event.speakers.add(person)
        self.event.themes.add(ThemeFactory(network=net))
        ahead = EventFactory(
            title=f"City meeting {n}",
            networks=[net],
            start=dt.date(timezone.localdate().year + 1, 1 + n % 12, 1),
            status="planned",
        )
        EventPlaceFactory(event=ahead, organisation=other)
        return event

    def add_publication(self, n: int, other, person, project) -> None:
        publication = PublicationFactory(
            title=f"City publication {n}", networks=[self.network], series=SeriesFactory()
        )
        publication.organisations.add(self.city)
        publication.projects.add(self.project)
        publication.themes.add(self.theme)
        when = dt.date(YEAR, 1 + n % 12, 1)
        EditionFactory(publication=publication, date=when, publisher=self.city)
        EditionFactory(
            publication=publication,
            language="zh-hans",
            date=when,
            publisher=other,
            translated_by=other,
        )
        PublicationPerson.objects.create(publication=publication, person=person, role="editor")
        refresh_cover(publication)
        book = self.publication
        book.organisations.add(other)
        book.projects.add(project)
        book.themes.add(ThemeFactory(network=self.network))
        PublicationPerson.objects.create(publication=book, person=person, role="author")

"""A draft is private wherever it is linked from.

Every relation from a content model to a publishable model (found from the models' _meta, so a
new relation fails `test_every_relation_to_a_publishable_record_is_walked` until LINKS covers
it) is walked from a published record to a draft on the other end, and to a published
counterpart beside it. Then every public surface is read as an anonymous visitor: the pages
(with their JSON-LD and citations), the Atom and iCal feeds, the API (lists, records, CSV) and
the annual report (page and JSON). The draft's name and slug appear nowhere; the published
counterpart appears somewhere.

Half of the drafts are unpublished, half scheduled for next month: both are drafts to the public.
"""

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from core.publishing import Publishable
from events.models import Event, EventImage, EventOrganisation, ReportGroup
from network.models import (
    CityPairing,
    CommitteeSeat,
    Network,
    Organisation,
    PairingAgreement,
    Person,
    Project,
    ProjectParticipant,
    ProjectResult,
    StudyVisit,
)
from portal.models import Annex, AnnualReport, AnnualReportEdition, Foreword, Story, StoryImage
from portal.sitemaps import SITEMAPS
from publications.models import Publication, PublicationPerson
from tests.factories import (
    AnnualReportFactory,
    CityPairingFactory,
    ClusterFactory,
    ClusterLeadFactory,
    EditionFactory,
    EventFactory,
    EventPlaceFactory,
    EventSessionFactory,
    GovernanceBodyFactory,
    MembershipFactory,
    NationalChapterFactory,
    NetworkFactory,
    NetworkPartnerFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    PublicationFactory,
    RegionFactory,
    SeatFactory,
    StaffPositionFactory,
    StatedFigureFactory,
    StoryFactory,
    ThemeFactory,
)
from tests.factories.rows import YEAR, Rows

pytestmark = pytest.mark.django_db

CONTENT_APPS = {"network", "events", "publications", "portal"}


def relations_to_publishable_records() -> set[str]:
    """'app.Model.field' of every foreign key and many-to-many field of a content model whose
    other end is a publishable record (a record the public may or may not see)."""
    found = set()
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if (
                field.concrete
                and field.is_relation
                and issubclass(field.related_model, Publishable)
            ):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def _countries():
    codes = iter(["FR", "DE", "IT", "ES", "PT", "NL", "BE", "AT", "PL", "SE", "NO", "FI"])
    return lambda: next(codes)


# --- How each relation links a published record of the world to `target` ---------------------
# w: the world (tests.factories.rows.Rows, every record published); t: the record on the other
# end (once a draft, once its published counterpart).


def _event(w, **kwargs):
    return EventFactory(networks=[w.network], start=dt.date(YEAR, 10, 5), **kwargs)


def _publication(w):
    publication = PublicationFactory(networks=[w.network])
    return publication


LINKS = {
    # networks: a draft network's own parts, and what links to it
    "network.Office.network": lambda w, t: OfficeFactory(network=t),
    "network.Region.network": lambda w, t: MembershipFactory(
        network=t, organisation=w.city, region=RegionFactory(network=t)
    ),
    "network.Theme.network": lambda w, t: w.event.themes.add(ThemeFactory(network=t)),
    "network.StatedFigure.network": lambda w, t: StatedFigureFactory(network=t),
    "network.GovernanceBody.network": lambda w, t: SeatFactory(
        term__body=GovernanceBodyFactory(network=t), person=w.speaker, organisation=w.city
    ),
    "network.Cluster.network": lambda w, t: ClusterLeadFactory(
        cluster=ClusterFactory(network=t), organisation=w.city
    ),
    "network.NationalChapter.network": lambda w, t: NationalChapterFactory(
        network=t, host=w.city, country="JP"
    ),
    "network.NetworkPartner.network": lambda w, t: NetworkPartnerFactory(
        network=t, organisation=w.city
    ),
    "network.StaffPosition.network": lambda w, t: StaffPositionFactory(network=t, person=w.speaker),
    "network.Membership.network": lambda w, t: MembershipFactory(network=t, organisation=w.city),
    "network.Project.network": lambda w, t: ProjectFactory(network=t, start=dt.date(YEAR, 1, 1)),
    "events.Event.networks": lambda w, t: w.event.networks.add(t),
    # The link of an event to a network (with its report group) is Event.networks' own row.
    "events.EventNetwork.network": lambda w, t: w.event.networks.add(t),
    "events.ReportGroup.network": lambda w, t: ReportGroup.objects.create(
        network=t, name="Forums", slug="forums"
    ),
    "publications.Publication.networks": lambda w, t: w.publication.networks.add(t),
    "portal.Story.network": lambda w, t: StoryFactory(network=t, date=dt.date(YEAR, 5, 1)),
    "portal.AnnualReport.network": lambda w, t: AnnualReportFactory(network=t, year=YEAR),
    "network.CommitteeSeat.network": lambda w, t: CommitteeSeat.objects.create(
        network=t, committee="Advisory committee", convened_by=w.city, joined_year=YEAR
    ),
    # organisations
    "network.Membership.organisation": lambda w, t: MembershipFactory(
        network=w.network, organisation=t, joined=dt.date(YEAR, 3, 1)
    ),
    "network.Person.organisation": lambda w, t: _speaker_of(w, PersonFactory(organisation=t)),
    "network.Seat.organisation": lambda w, t: SeatFactory(term=w.term, organisation=t, person=None),
    "network.ClusterLead.organisation": lambda w, t: ClusterLeadFactory(
        cluster=ClusterFactory(network=w.network), organisation=t
    ),
    "network.NationalChapter.host": lambda w, t: NationalChapterFactory(
        network=w.network, host=t, country=w.next_country()
    ),
    "network.NetworkPartner.organisation": lambda w, t: NetworkPartnerFactory(
        network=w.network, organisation=t
    ),
    "network.CommitteeSeat.convened_by": lambda w, t: CommitteeSeat.objects.create(
        network=w.network, committee=f"Committee {t.pk}", convened_by=t, joined_year=YEAR
    ),
    "network.ProjectParticipant.organisation": lambda w, t: ProjectParticipant.objects.create(
        project=w.project, organisation=t, role="partner"
    ),
    "network.CityPairing.first": lambda w, t: CityPairingFactory(
        programme=w.project, first=t, second=w.city
    ),
    "network.CityPairing.second": lambda w, t: CityPairingFactory(
        programme=w.project, first=w.city, second=t
    ),
    "network.StudyVisit.place": lambda w, t: StudyVisit.objects.create(
        pairing=w.pairing, place=t, start=dt.date(YEAR, 6, 1), status="held"
    ),
    "events.Event.host": lambda w, t: _event(w, host=t),
    "events.EventPlace.organisation": lambda w, t: EventPlaceFactory(
        event=_event(w), organisation=t, city="", country=""
    ),
    "events.EventOrganisation.organisation": lambda w, t: EventOrganisation.objects.create(
        event=w.event, organisation=t, role="organiser"
    ),
    "publications.Publication.organisations": lambda w, t: w.publication.organisations.add(t),
    "publications.Edition.publisher": lambda w, t: EditionFactory(
        publication=_publication(w), publisher=t, date=dt.date(YEAR, 2, 1)
    ),
    "publications.Edition.translated_by": lambda w, t: EditionFactory(
        publication=_publication(w), translated_by=t, date=dt.date(YEAR, 2, 1)
    ),
    "portal.Story.organisations": lambda w, t: w.story.organisations.add(t),
    # people
    "network.Seat.person": lambda w, t: SeatFactory(term=w.term, person=t, organisation=None),
    "network.StaffPosition.person": lambda w, t: StaffPositionFactory(
        network=w.network, person=t, reported_in=str(YEAR)
    ),
    "events.Event.speakers": lambda w, t: w.event.speakers.add(t),
    "publications.PublicationPerson.person": lambda w, t: PublicationPerson.objects.create(
        publication=w.publication, person=t, role="author"
    ),
    "portal.Foreword.author": lambda w, t: Foreword.objects.create(
        report=w.report, author=t, role="Mayor", text="Welcome."
    ),
    # projects
    "network.ProjectParticipant.project": lambda w, t: ProjectParticipant.objects.create(
        project=t, organisation=w.city, role="partner"
    ),
    "network.CityPairing.programme": lambda w, t: CityPairingFactory(
        programme=t, first=w.city, second=OrganisationFactory()
    ),
    "events.Event.project": lambda w, t: _event(w, project=t),
    "network.ProjectResult.project": lambda w, t: ProjectResult.objects.create(
        project=t, label="cases", value=20, reported_in=YEAR
    ),
    "portal.Annex.project": lambda w, t: Annex.objects.create(
        document=w.publication, label=f"Annex {t.pk}", title="Activity plan", project=t
    ),
    "publications.Publication.projects": lambda w, t: w.publication.projects.add(t),
    "portal.Story.projects": lambda w, t: w.story.projects.add(t),
    # pairings, events, publications, stories and reports: their own parts
    "network.StudyVisit.pairing": lambda w, t: StudyVisit.objects.create(
        pairing=t, place=w.city, start=dt.date(YEAR, 6, 1), status="held"
    ),
    "network.PairingAgreement.pairing": lambda w, t: PairingAgreement.objects.create(
        pairing=t, kind="mou", status="signed"
    ),
    "events.EventNetwork.event": lambda w, t: t.networks.add(w.network),
    "events.EventSession.event": lambda w, t: EventSessionFactory(event=t, start=t.start),
    "events.EventPlace.event": lambda w, t: EventPlaceFactory(event=t),
    "events.EventOrganisation.event": lambda w, t: EventOrganisation.objects.create(
        event=t, organisation=w.city, role="organiser"
    ),
    "events.EventImage.event": lambda w, t: EventImage.objects.create(
        event=t, image="events/images/photo.jpg", caption=t.title
    ),
    "portal.Story.events": lambda w, t: w.story.events.add(t),
    "portal.Annex.event": lambda w, t: Annex.objects.create(
        document=w.publication, label=f"Annex E{t.pk}", title="Report of the forum", event=t
    ),
    "portal.Annex.document": lambda w, t: Annex.objects.create(
        document=t, label="Annex I", title="Report of the forum", event=w.event
    ),
    "portal.Annex.publication": lambda w, t: Annex.objects.create(
        document=w.publication, label=f"Annex P{t.pk}", title="Compendium", publication=t
    ),
    "publications.Edition.publication": lambda w, t: EditionFactory(
        publication=t, language="fr", date=dt.date(YEAR, 2, 1)
    ),
    "publications.PublicationPerson.publication": lambda w, t: PublicationPerson.objects.create(
        publication=t, person=w.speaker, role="author"
    ),
    "portal.StoryImage.story": lambda w, t: StoryImage.objects.create(
        story=t, image="stories/photo.jpg", caption=t.title
    ),
    "portal.AnnualReport.highlights": lambda w, t: w.report.highlights.add(t),
    # An edition of the report (as frozen when it was published), naming the report's title.
    "portal.AnnualReportEdition.report": lambda w, t: AnnualReportEdition.objects.create(
        report=t, number=1, structure={"year": YEAR, "editorial": {"title": t.title}}
    ),
    "portal.Foreword.report": lambda w, t: Foreword.objects.create(
        report=t, author=w.speaker, role="Mayor", text=f"Welcome to {t.title}."
    ),
}


def _speaker_of(w, person):
    """A person on every surface that names people: a seat, a speaker, a credit."""
    SeatFactory(term=w.term, person=person, organisation=None)
    w.event.speakers.add(person)
    PublicationPerson.objects.create(publication=w.publication, person=person, role="editor")
    return person


# --- The record on the other end, named and slugged `token` ------------------------------------


def make_target(w, model, token: str, *, draft: bool, scheduled: bool):
    state = {"is_published": True}
    if draft and scheduled:
        state["publish_at"] = timezone.now() + dt.timedelta(days=30)
    elif draft:
        state["is_published"] = False
    if model is Network:
        return NetworkFactory(name=token, slug=token, **state)
    if model is Organisation:
        return OrganisationFactory(name=token, slug=token, **state)
    if model is Person:
        return PersonFactory(name=token, slug=token, **state)
    if model is Project:
        return ProjectFactory(
            network=w.network, title=token, slug=token, start=dt.date(YEAR, 1, 1), **state
        )
    if model is CityPairing:
        return CityPairingFactory(
            programme=w.project, first=w.city, second=OrganisationFactory(), slug=token,
            theme=token, description=token, **state,
        )  # fmt: skip
    if model is Event:
        return _event(w, title=token, slug=token, **state)
    if model is Publication:
        publication = PublicationFactory(networks=[w.network], title=token, slug=token, **state)
        EditionFactory(publication=publication, date=dt.date(YEAR, 1, 1))
        return publication
    if model is Story:
        return StoryFactory(
            network=w.network, title=token, slug=token, date=dt.date(YEAR, 4, 1), **state
        )
    if model is AnnualReport:
        return AnnualReportFactory(network=NetworkFactory(), year=YEAR, title=token, **state)
    raise AssertionError(f"No way to make a {model.__name__}: add it to make_target()")


@dataclass
class Walk:
    relation: str
    hidden: str  # the draft's name and slug
    shown: str  # its published counterpart's


def build_world():
    w = Rows()
    w.next_country = _countries()
    walks = []
    for index, relation in enumerate(sorted(LINKS)):
        app_label, model_name, field_name = relation.split(".")
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
        hidden, shown = f"hid{index:02d}zq", f"shw{index:02d}zq"
        draft = make_target(w, field.related_model, hidden, draft=True, scheduled=index % 2 == 1)
        LINKS[relation](w, draft)
        LINKS[relation](w, make_target(w, field.related_model, shown, draft=False, scheduled=False))
        walks.append(Walk(relation, hidden, shown))
    return w, walks


# --- Every public surface ------------------------------------------------------------------------

API = "/api/v1"
ALL = "page_size=100"


def public_urls(walks) -> list[str]:
    urls = [
        "/",
        "/stories/",
        "/stories/feed/",
        "/reports/",
        "/networks/",
        "/members/",
        "/projects/",
        "/events/",
        f"/events/calendar/{YEAR}/10/",
        "/events/next-year/",
        "/events/feed.ics",
        f"/events/feed.ics?year={YEAR}",  # the default feed holds the coming year and 90 days
        "/events/feed.atom",
        "/publications/",
        "/publications/feed.atom",
        "/sitemap.xml",
        *(f"/sitemap-{section}.xml" for section in SITEMAPS),
        *(f"/search/?q={walk.shown}" for walk in walks),
    ]
    for name in ("networks", "governance", "people", "projects", "pairings", "themes", "stories"):
        urls.append(f"{API}/{name}/?{ALL}")
    for name in ("events", "publications", "members"):
        urls += [f"{API}/{name}/?{ALL}", f"{API}/{name}/?{ALL}&format=csv"]
    for network in Network.objects.published():
        urls += [
            f"/networks/{network.slug}/",
            f"/networks/{network.slug}/governance/",
            f"/networks/{network.slug}/governance/?year={YEAR}",
            f"/networks/{network.slug}/team/",
            f"/networks/{network.slug}/team/?year={YEAR}",
            f"/reports/{network.slug}/{YEAR}/",
            f"{API}/networks/{network.slug}/",
            f"{API}/reports/{network.slug}/{YEAR}/",
        ]
    for organisation in Organisation.objects.published():
        urls += [f"/members/{organisation.slug}/", f"{API}/members/{organisation.slug}/"]
    for person in Person.objects.published():
        urls.append(f"{API}/people/{person.slug}/")
    for project in Project.objects.published():
        urls += [f"/projects/{project.slug}/", f"{API}/projects/{project.slug}/"]
    for pairing in CityPairing.objects.published():
        urls.append(f"{API}/pairings/{pairing.slug}/")
    for event in Event.objects.published():
        urls += [
            f"/events/{event.slug}/",
            f"/events/{event.slug}/event.ics",
            f"{API}/events/{event.slug}/",
        ]
    for publication in Publication.objects.published():
        urls += [f"/publications/{publication.slug}/", f"{API}/publications/{publication.slug}/"]
    for story in Story.objects.published():
        urls += [f"/stories/{story.slug}/", f"{API}/stories/{story.slug}/"]
    return urls


def read(client, url: str) -> str:
    response = client.get(url)
    if response.status_code == 404:
        return ""  # a published record of a draft network (say) has no page: nothing shows
    assert response.status_code == 200, (url, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    # iCal folds long lines; JSON and HTML escape nothing in a token of letters and digits
    return body.decode().replace("\r\n ", "").lower()


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # the API's rate limit counts in the cache
    _, walks = build_world()
    return walks, public_urls(walks)


@pytest.fixture
def surfaces(world):
    walks, urls = world
    client = Client()
    return walks, {url: read(client, url) for url in urls}


def leaks_of(walks, pages: dict[str, str]) -> dict[str, list[str]]:
    """The relations whose draft shows, each with (up to four of) the URLs it shows on."""
    leaks = {
        walk.relation: [url for url, text in pages.items() if walk.hidden in text][:4]
        for walk in walks
    }
    return {relation: urls for relation, urls in leaks.items() if urls}


def test_every_relation_to_a_publishable_record_is_walked():
    """A new relation to a publishable model fails here until LINKS walks it to a draft."""
    assert sorted(relations_to_publishable_records() ^ set(LINKS)) == []


def test_a_linked_draft_shows_on_no_public_surface(surfaces):
    """A draft linked from a published record: its name and slug on no page, feed, CSV or API
    answer; the published record linked the same way shows."""
    walks, pages = surfaces
    leaks = leaks_of(walks, pages)
    assert sorted(leaks) == [], leaks
    missing = [walk.relation for walk in walks if not any(walk.shown in t for t in pages.values())]
    assert missing == []


def test_a_linked_draft_shows_to_staff_on_no_feed_csv_or_api(world, django_user_model):
    """Staff preview drafts on pages only: signed in as a superuser, the feeds, the CSV files
    and the API show no linked draft either."""
    walks, urls = world
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org"))
    machine = [
        url for url in urls if url.startswith(API) or re.search(r"(\.ics|\.atom|/feed/)$", url)
    ]
    leaks = leaks_of(walks, {url: read(client, url) for url in machine})
    assert sorted(leaks) == [], leaks


def test_a_place_keeps_its_typed_city_and_country_without_its_draft_organisation(client):
    """Places of a draft organisation: the city and the country typed beside it show on the
    event's page (and its JSON-LD), its iCal file, the API and the CSV; the organisation's name
    and slug do not."""
    hidden = OrganisationFactory(name="Hiddenville hall", slug="hiddenville", is_published=False)
    event = EventFactory(slug="forum")
    EventPlaceFactory(event=event, organisation=hidden, city="Suwon", country="KR", order=1)
    EventPlaceFactory(event=event, organisation=hidden, city="", country="JP", order=2)
    page = client.get("/events/forum/").content.decode()
    ics = client.get("/events/forum/event.ics").content.decode().replace("\r\n ", "")
    csv = client.get(f"{API}/events/?format=csv").getvalue().decode()
    api = client.get(f"{API}/events/forum/").json()
    for text in (page, ics, csv):
        assert "Suwon" in text and "Japan" in text and "hiddenville" not in text.lower()
    assert [(p["organisation"], p["label"]) for p in api["places"]] == [
        (None, "Suwon, South Korea"),
        (None, "Japan"),
    ]
    assert "LOCATION:Suwon\\, South Korea\\; Japan" in ics

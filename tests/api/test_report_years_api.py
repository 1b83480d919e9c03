"""Report years (`reported_in`) in the API: every time-scoped record shows them as a list of
years; staff write them back as that list or as text; a bad year is a 400 that changes nothing.
A publication shows its annexes, a network its committee seats, drafts linked from them as null."""

import pytest

from events.models import Event
from network.models import CommitteeSeat, ProjectResult
from portal.models import Annex
from publications.models import Publication
from tests.api.test_writes import send, token_header
from tests.factories import (
    CityPairingFactory,
    EventFactory,
    EventSeriesFactory,
    GovernanceBodyFactory,
    OrganisationFactory,
    ProjectFactory,
    PublicationFactory,
    SeatFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def detail_and_list_item(client, path, slug):
    """The record as its own address and as the list (rows) give it."""
    record = client.get(f"{path}{slug}/").json()
    listed = [row for row in client.get(path).json()["results"] if row["slug"] == slug]
    assert listed, slug
    return record, listed[0]


def test_report_years_text_no_write_validated_reads_as_none(client, network):
    """A queryset update() skips validation and YearsField.pre_save, so it can store text that
    is not years: the API (row path and record) reads no years instead of failing, as the
    report's scope does (core.time_scope.stored_years)."""
    EventFactory(slug="forum", networks=[network])
    Event.objects.filter(slug="forum").update(reported_in="2022 and later")
    for data in detail_and_list_item(client, "/api/v1/events/", "forum"):
        assert data["reported_in"] == []


def test_event_and_publication_show_report_years_as_a_list_of_years(client, network):
    """An event and a publication listed in the 2020 and 2022 reports read [2020, 2022]."""
    EventFactory(slug="forum", networks=[network], reported_in="2022, 2020")
    PublicationFactory(slug="guide", networks=[network], reported_in="2020 2022")
    EventFactory(slug="undated", networks=[network])
    for path, slug in (("/api/v1/events/", "forum"), ("/api/v1/publications/", "guide")):
        for data in detail_and_list_item(client, path, slug):
            assert data["reported_in"] == [2020, 2022]
    assert client.get("/api/v1/events/undated/").json()["reported_in"] == []


def test_drafts_stay_out_with_their_report_years(client, network):
    """A draft event is not in the API, whatever years it is reported in."""
    EventFactory(slug="draft", networks=[network], reported_in="2022", is_published=False)
    assert client.get("/api/v1/events/draft/").status_code == 404
    assert client.get("/api/v1/events/").json()["count"] == 0


def test_projects_results_pairings_and_seats_show_report_years(client, network):
    """A project, its results, a pairing and a governance seat each carry their report years."""
    project = ProjectFactory(slug="bea", network=network, reported_in="2020")
    ProjectResult.objects.create(
        project=project, label="building blocks retrofitted", value=24, reported_in="2020"
    )
    ProjectResult.objects.create(project=project, label="households", value=2000)
    CityPairingFactory(slug="seoul-ulaanbaatar", programme=project, reported_in="2020, 2021")
    term = TermFactory(body=GovernanceBodyFactory(network=network))
    SeatFactory(term=term, role="President", reported_in="2022")

    for data in detail_and_list_item(client, "/api/v1/projects/", "bea"):
        assert data["reported_in"] == [2020]
        assert [result["reported_in"] for result in data["results"]] == [[2020], []]
    pairing = client.get("/api/v1/pairings/seoul-ulaanbaatar/").json()
    assert pairing["reported_in"] == [2020, 2021]
    listed = client.get("/api/v1/governance/").json()["results"][0]
    assert [seat["reported_in"] for seat in listed["seats"]] == [[2022]]
    assert client.get(f"/api/v1/governance/{term.pk}/").json()["seats"][0]["reported_in"] == [2022]


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("dated", [True, False])
def test_event_read_back_unchanged_is_a_no_op(client, network, method, dated):
    """PUT or PATCH of an event with what GET gave (report years as a list, its series as an
    object, a single day's or no dates as null) answers 200 and changes nothing."""
    event = EventFactory(
        slug="forum",
        networks=[network],
        reported_in="2020 2022",
        series=EventSeriesFactory(slug="asian-cities-summit", name="Asian Cities Summit"),
        edition=2,
        **({} if dated else {"start": None, "date_precision": "day"}),
    )
    before = Event.objects.filter(pk=event.pk).values().get()
    data = client.get("/api/v1/events/forum/").json()
    response = send(client, method, "/api/v1/events/forum/", data, **token_header("change_event"))
    assert response.status_code == 200, response.content
    assert response.json()["reported_in"] == [2020, 2022]
    after = Event.objects.filter(pk=event.pk).values().get()
    changed = {k for k in before if before[k] != after[k]} - {"updated_at"}
    assert not changed


@pytest.mark.parametrize("sent", ["2022, 2020", [2020, 2022], ["2020", 2022], "2020 2022"])
def test_event_report_years_are_written_as_a_list_or_as_text(client, network, sent):
    """The list the API gives and the text staff type are both accepted, stored alike."""
    event = EventFactory(slug="forum", networks=[network])
    response = send(
        client,
        "patch",
        "/api/v1/events/forum/",
        {"reported_in": sent},
        **token_header("change_event"),
    )
    assert response.status_code == 200, response.content
    assert response.json()["reported_in"] == [2020, 2022]
    event.refresh_from_db()
    assert event.reported_in == "2020 2022"


@pytest.mark.parametrize("sent", ["2020, 20x2", [2020, 99], "last year", True, {"year": 2020}])
def test_a_bad_report_year_is_a_400_and_changes_nothing(client, network, sent):
    """A bad year answers 400 naming `reported_in`, and the event keeps its years."""
    event = EventFactory(slug="forum", networks=[network], reported_in="2022")
    response = send(
        client,
        "patch",
        "/api/v1/events/forum/",
        {"reported_in": sent, "title": "Changed"},
        **token_header("change_event"),
    )
    assert response.status_code == 400, response.content
    assert "reported_in" in response.json()
    event.refresh_from_db()
    assert (event.reported_in, event.title) != ("", "Changed")
    assert event.reported_in == "2022"


def test_a_bad_year_names_the_year(client, network):
    EventFactory(slug="forum", networks=[network])
    response = send(
        client,
        "patch",
        "/api/v1/events/forum/",
        {"reported_in": "2020, 20x2"},
        **token_header("change_event"),
    )
    assert response.json()["reported_in"] == [
        "“20x2” is not a year: give years such as 2020, 2022."
    ]


def test_publication_report_years_round_trip_and_csv(client, network):
    """A publication's years PATCHed back as read change nothing; the CSV writes them as text."""
    PublicationFactory(slug="guide", networks=[network], reported_in="2022")
    headers = token_header("change_publication")
    read = client.get("/api/v1/publications/guide/").json()["reported_in"]
    response = send(
        client, "patch", "/api/v1/publications/guide/", {"reported_in": read}, **headers
    )
    assert response.status_code == 200, response.content
    assert Publication.objects.get(slug="guide").reported_in == "2022"
    response = send(
        client, "patch", "/api/v1/publications/guide/", {"reported_in": "2021, 2022"}, **headers
    )
    assert response.json()["reported_in"] == [2021, 2022]
    csv = client.get("/api/v1/publications/", {"format": "csv"}).getvalue().decode()
    header, row = csv.splitlines()[:2]
    assert header.endswith(",reported_in")
    assert row.endswith(',"2021, 2022"')
    response = send(
        client, "patch", "/api/v1/publications/guide/", {"reported_in": "2O22"}, **headers
    )
    assert response.status_code == 400
    assert Publication.objects.get(slug="guide").reported_in == "2021 2022"


def test_publication_shows_its_annexes_with_drafts_as_null(client, network):
    """The NEASPEC note's annexes, in order, with the event they report on (null if a draft)."""
    note = PublicationFactory(slug="note", networks=[network])
    forum = EventFactory(slug="forum", networks=[network])
    draft = EventFactory(slug="draft-forum", networks=[network], is_published=False)
    Annex.objects.create(
        document=note,
        label="Annex II",
        title="Report of the 3rd International Forum on Low Carbon Cities",
        event=draft,
        order=2,
    )
    Annex.objects.create(
        document=note,
        label="Annex I",
        title="Report of the 2nd International Forum on Low Carbon Cities",
        event=forum,
        order=1,
        source="NEASPEC note, line 12",
    )
    for data in detail_and_list_item(client, "/api/v1/publications/", "note"):
        assert [(a["label"], a["event"]) for a in data["annexes"]] == [
            ("Annex I", "forum"),
            ("Annex II", None),
        ]
        assert "line 12" not in data["annexes"][0]["source"]


def test_network_shows_its_committee_seats(client, network):
    """ICLEI East Asia's seat on Busan's advisory committee, with the convening member."""
    busan = OrganisationFactory(slug="busan", name="Busan")
    CommitteeSeat.objects.create(
        network=network,
        committee="Advisory Committee for International Organizations of Busan",
        convened_by=busan,
        joined_year=2022,
    )
    data = client.get(f"/api/v1/networks/{network.slug}/").json()
    assert data["committee_seats"] == [
        {
            "committee": "Advisory Committee for International Organizations of Busan",
            "convened_by": "busan",
            "role": "",
            "joined_year": 2022,
            "left_year": None,
            "note": "",
            "source": "",
        }
    ]
    busan.is_published = False
    busan.save()
    data = client.get("/api/v1/networks/").json()["results"][0]
    assert data["committee_seats"][0]["convened_by"] is None


def test_schema_describes_report_years_as_a_list_of_years(client):
    """The OpenAPI schema gives `reported_in` as an array of integers on the records."""
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    for name in ("Event", "Publication", "Project", "Pairing"):
        field = components[name]["properties"]["reported_in"]
        assert field["type"] == "array" and field["items"]["type"] == "integer", name
    assert "annexes" in components["Publication"]["properties"]
    assert "committee_seats" in components["Network"]["properties"]

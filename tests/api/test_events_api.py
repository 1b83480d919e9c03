"""The events endpoint: fields, the page's filters plus the sync filters, CSV, 400s, drafts."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Event, EventOrganisation, EventSession
from network.models import Theme
from tests.answers import assert_api_refuses, slugs
from tests.factories import (
    EventFactory,
    EventPlaceFactory,
    EventSeriesFactory,
    NetworkFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_event_detail_has_the_documented_fields(client):
    """An event by slug carries the stable fields plus series, sessions, organisers, attendance."""
    network = NetworkFactory(slug="iclei-east-asia")
    theme = Theme.objects.create(network=network, slug="low-emission", name="Low emission")
    host = OrganisationFactory(slug="seoul", name="Seoul")
    series = EventSeriesFactory(name="Low Carbon Cities Forum")
    event = EventFactory(
        slug="forum-2022",
        title="3rd International Forum on Low Carbon Cities",
        kind="forum",
        format="hybrid",
        is_online=True,
        start=dt.date(2022, 10, 3),
        end=dt.date(2022, 10, 7),
        networks=[network],
        series=series,
        edition=3,
        host=host,
        project=ProjectFactory(slug="urban-leds", network=network),
        attendance_in_person=120,
        attendance_note="over 120 delegates",
        links="https://example.org/forum",
    )
    event.themes.add(theme)
    EventPlaceFactory(event=event, organisation=host, city="Seoul", country="KR")
    EventSession.objects.create(event=event, start=dt.date(2022, 10, 3), title="Opening")
    EventOrganisation.objects.create(event=event, organisation=host, role="co-organiser")

    response = client.get("/api/v1/events/forum-2022/")
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("slug", "title", "kind", "format", "status")} == {
        "slug": "forum-2022",
        "title": "3rd International Forum on Low Carbon Cities",
        "kind": "forum",
        "format": "hybrid",
        "status": "held",
    }
    assert (body["start"], body["end"], body["date_precision"]) == (
        "2022-10-03",
        "2022-10-07",
        "day",
    )
    assert body["when"] == "3–7 Oct 2022"
    assert body["places"] == [
        {
            "organisation": "seoul",
            "venue": "",
            "city": "Seoul",
            "country": "KR",
            "label": "Seoul, South Korea",
        }
    ]
    assert body["networks"] == ["iclei-east-asia"]
    assert body["series"] == {"slug": series.slug, "name": "Low Carbon Cities Forum"}
    assert body["edition"] == 3
    assert body["sessions"][0]["title"] == "Opening"
    assert body["organisers"] == [
        {"organisation": "seoul", "name": "Seoul", "role": "co-organiser"}
    ]
    assert (body["host"], body["project"], body["themes"]) == (
        "seoul",
        "urban-leds",
        ["low-emission"],
    )
    assert body["attendance"]["in_person"] == 120
    assert body["attendance"]["note"] == "over 120 delegates"
    assert body["links"] == ["https://example.org/forum"]
    assert body["page"] == "http://testserver/events/forum-2022/"
    assert body["updated_at"]


def test_event_with_a_quarter_date_reads_as_its_first_day_and_precision(client):
    EventFactory(slug="q4", start=dt.date(2023, 10, 1), date_precision="quarter", status="planned")
    body = client.get("/api/v1/events/q4/").json()
    assert (body["start"], body["end"], body["date_precision"], body["last_day"]) == (
        "2023-10-01",
        None,
        "quarter",
        "2023-12-31",
    )
    assert body["when"] == "Q4 2023"


def test_events_filtered_like_the_events_page(client):
    citynet = NetworkFactory(slug="citynet")
    other = NetworkFactory(slug="neaspec")
    match = EventFactory(
        slug="match", networks=[citynet], kind="training", format="online", is_online=True
    )
    EventPlaceFactory(event=match, country="ID", city="Jakarta")
    EventFactory(slug="other-network", networks=[other], kind="training")
    EventFactory(slug="other-kind", networks=[citynet], kind="webinar")
    EventFactory(slug="other-year", networks=[citynet], kind="training", start=dt.date(2019, 5, 1))
    query = {"network": "citynet", "kind": "training", "year": 2022}
    assert slugs(client.get("/api/v1/events/", query)) == ["match"]
    assert slugs(client.get("/api/v1/events/", {"country": "ID"})) == ["match"]
    assert slugs(client.get("/api/v1/events/", {"format": "online"})) == ["match"]
    assert slugs(client.get("/api/v1/events/", {"q": "Event", "network": "neaspec"})) == [
        "other-network"
    ]


def test_events_start_after_and_before(client):
    EventFactory(slug="early", start=dt.date(2022, 1, 10))
    EventFactory(slug="middle", start=dt.date(2022, 6, 10))
    EventFactory(slug="late", start=dt.date(2022, 12, 10))
    query = {"start_after": "2022-02-01", "start_before": "2022-12-01"}
    assert slugs(client.get("/api/v1/events/", query)) == ["middle"]


def test_events_changed_since_yesterday_for_incremental_sync(client):
    """?updated_since= lists only events changed at or after the given time."""
    EventFactory(slug="changed")
    EventFactory(slug="unchanged")
    Event.objects.filter(slug="unchanged").update(updated_at=timezone.now() - dt.timedelta(days=3))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert slugs(client.get("/api/v1/events/", {"updated_since": since})) == ["changed"]
    everything = slugs(client.get("/api/v1/events/", {"updated_since": "2000-01-01"}))
    assert sorted(everything) == ["changed", "unchanged"]


def test_events_ordering(client):
    EventFactory(slug="b", title="B", start=dt.date(2021, 1, 1))
    EventFactory(slug="a", title="A", start=dt.date(2022, 1, 1))
    EventFactory(slug="undated", title="C", start=None)
    assert slugs(client.get("/api/v1/events/")) == ["a", "b", "undated"]
    assert slugs(client.get("/api/v1/events/", {"ordering": "title"})) == ["a", "b", "undated"]
    assert slugs(client.get("/api/v1/events/", {"ordering": "-title"})) == ["undated", "b", "a"]
    # An ordering that names no field (schemathesis sends such values) is the default order.
    assert slugs(client.get("/api/v1/events/", {"ordering": ","})) == ["a", "b", "undated"]


def test_events_of_equal_sort_value_never_repeat_across_pages(client):
    for slug in "abcde":
        EventFactory(slug=slug, title="Same title")
    pages = [
        slugs(client.get("/api/v1/events/", {"ordering": "title", "page_size": 2, "page": n}))
        for n in (1, 2, 3)
    ]
    assert sorted(sum(pages, [])) == list("abcde")


def test_events_as_csv_with_the_same_filters(client):
    network = NetworkFactory(slug="citynet")
    event = EventFactory(slug="jakarta-training", title="Training, Jakarta", networks=[network])
    EventPlaceFactory(event=event, city="Jakarta", country="ID")
    EventFactory(slug="elsewhere")
    response = client.get("/api/v1/events/", {"network": "citynet", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = response.getvalue().decode().splitlines()
    assert lines[0].startswith(
        "slug,title,kind,format,status,start,end,date_precision,places,countries,networks"
    )
    assert len(lines) == 2
    assert lines[1].startswith(
        'jakarta-training,"Training, Jakarta",webinar,,held,2022-10-03,,day,'
        '"Jakarta, Indonesia",ID,citynet'
    )


def test_invalid_parameter_with_csv_answers_400_in_json(client):
    assert_api_refuses(client.get("/api/v1/events/", {"year": "abc", "format": "csv"}), "year")


def test_draft_events_never_appear(client, staff_client):
    """A draft or future-scheduled event is neither listed, nor fetchable, nor in the CSV."""
    EventFactory(slug="draft-event", is_published=False)
    EventFactory(slug="scheduled", publish_at=timezone.now() + dt.timedelta(days=1))
    EventFactory(slug="public-event")
    for browser in (client, staff_client):
        assert slugs(browser.get("/api/v1/events/")) == ["public-event"]
        assert browser.get("/api/v1/events/draft-event/").status_code == 404
        assert browser.get("/api/v1/events/scheduled/").status_code == 404
    csv = client.get("/api/v1/events/", {"format": "csv"}).getvalue().decode()
    assert "draft-event" not in csv and "scheduled" not in csv


def test_event_hides_draft_host_project_and_organisers(client):
    draft_city = OrganisationFactory(slug="draft-city", is_published=False)
    event = EventFactory(
        slug="e", host=draft_city, project=ProjectFactory(slug="draft-p", is_published=False)
    )
    EventOrganisation.objects.create(event=event, organisation=draft_city, role="organiser")
    EventPlaceFactory(event=event, organisation=draft_city)
    body = client.get("/api/v1/events/e/").json()
    assert body["host"] is None and body["project"] is None and body["organisers"] == []
    assert body["places"][0]["organisation"] is None
    assert "draft-city" not in client.get("/api/v1/events/", {"format": "csv"}).getvalue().decode()


def test_unicode_slug_detail(client):
    EventFactory(slug="서울-포럼")
    assert client.get("/api/v1/events/서울-포럼/").json()["slug"] == "서울-포럼"

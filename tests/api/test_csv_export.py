"""?format=csv streams the whole filtered list in chunks of core.api.CSV_CHUNK_SIZE rows: every
row once, in the list's order, the same cells whatever the chunk size, never a draft, and the
queries grow per chunk, never per row (an export of a large table neither times out nor holds
the table in memory)."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import core.api
from tests.factories import (
    EditionFactory,
    EventFactory,
    EventPlaceFactory,
    NetworkFactory,
    OrganisationFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db


def export(client, url, data=None):
    """The streamed body of a CSV export, and the number of queries it ran."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"format": "csv", **(data or {})})
        assert response.status_code == 200 and response.streaming
        body = response.getvalue().decode()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    return body, len(captured)


def add_events(network, count, start=0):
    for n in range(start, start + count):
        event = EventFactory(
            slug=f"event-{n:02d}",
            start=dt.date(2020, 1, 1) + dt.timedelta(days=n),
            networks=[network],
        )
        EventPlaceFactory(
            event=event, city=f"City {n}", country="KR", organisation=OrganisationFactory()
        )


def test_events_export_streams_every_row_once_in_the_lists_order(client, monkeypatch):
    network = NetworkFactory(slug="citynet")
    add_events(network, 7)
    EventFactory(slug="draft-event", is_published=False, networks=[network])
    EventFactory(slug="elsewhere")  # filtered out
    whole, _ = export(client, "/api/v1/events/", {"network": "citynet"})

    monkeypatch.setattr(core.api, "CSV_CHUNK_SIZE", 3)  # 3 chunks: 3 + 3 + 1
    chunked, _ = export(client, "/api/v1/events/", {"network": "citynet"})

    assert chunked == whole  # the same header, rows and cells as in one chunk
    rows = list(csv.DictReader(io.StringIO(chunked)))
    listed = client.get("/api/v1/events/", {"network": "citynet", "page_size": 100}).json()
    assert [row["slug"] for row in rows] == [event["slug"] for event in listed["results"]]
    assert sorted(row["slug"] for row in rows) == [f"event-{n:02d}" for n in range(7)]
    assert {row["places"] for row in rows} == {f"City {n}, South Korea" for n in range(7)}
    assert "draft-event" not in chunked and "elsewhere" not in chunked


def test_events_export_queries_grow_per_chunk_not_per_row(client, monkeypatch):
    monkeypatch.setattr(core.api, "CSV_CHUNK_SIZE", 2)
    network = NetworkFactory()
    add_events(network, 2)
    _, one_chunk = export(client, "/api/v1/events/")
    add_events(network, 3, start=2)
    _, three_chunks_of_5 = export(client, "/api/v1/events/")
    add_events(network, 1, start=5)
    body, three_chunks_of_6 = export(client, "/api/v1/events/")
    assert len(body.splitlines()) == 1 + 6
    assert three_chunks_of_5 == three_chunks_of_6  # a row more in a chunk: no query more
    grown = three_chunks_of_6 - one_chunk  # two chunks more, each the same queries
    assert grown > 0 and grown % 2 == 0


def test_publications_export_in_chunks_keeps_every_row_and_its_editions(client, monkeypatch):
    for n in range(5):
        publication = PublicationFactory(slug=f"pub-{n}", title=f"Report {n}")
        EditionFactory(publication=publication, date=dt.date(2022, 1, 1 + n))
    PublicationFactory(slug="draft-pub", is_published=False)
    whole, _ = export(client, "/api/v1/publications/")
    monkeypatch.setattr(core.api, "CSV_CHUNK_SIZE", 2)
    chunked, _ = export(client, "/api/v1/publications/")
    assert chunked == whole
    rows = list(csv.DictReader(io.StringIO(chunked)))
    assert sorted(row["slug"] for row in rows) == [f"pub-{n}" for n in range(5)]
    assert all(row["editions"] for row in rows) and "draft-pub" not in chunked


def test_a_bad_filter_is_still_a_400_in_json_before_any_row(client):
    response = client.get("/api/v1/events/", {"year": "abc", "format": "csv"})
    assert response.status_code == 400 and not response.streaming
    assert "year" in response.json()

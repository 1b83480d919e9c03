"""The API lists written from value rows (core.api.RowsListMixin) answer exactly what their
read serializers answer: every list, page, filter and language, record by record, on rows with
edge cases (drafts linked from published records, partial dates, non-Latin slugs, several
places and sessions) and on the seed content."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from core.api import RowsListMixin
from events.models import EventOrganisation
from network.models import ProjectResult
from portal.models import Annex
from tests.factories import (
    EventFactory,
    EventPlaceFactory,
    EventSeriesFactory,
    EventSessionFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    PublicationFactory,
    ThemeFactory,
)
from tests.factories.rows import Rows

pytestmark = pytest.mark.django_db

LISTS = ["events", "publications", "projects", "members"]
QUERIES = ["?page_size=100", "?page_size=2&page=2", "?page_size=100&network=net"]
EXTRA_QUERIES = {"events": ["?page_size=100&ordering=-updated_at", "?page_size=100&ordering=title"]}
LANGUAGES = ["en", "ko", "zh-hans"]


def assert_rows_are_the_serializers(client, monkeypatch, urls):
    ours = {}
    for url, language in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        ours[url, language] = response.content
    with monkeypatch.context() as patch:
        patch.setattr(RowsListMixin, "use_rows", False)
        for url, language in urls:
            expected = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content
            got = ours[url, language]
            mine, theirs = json.loads(got)["results"], json.loads(expected)["results"]
            assert len(mine) == len(theirs), url
            assert mine, url  # rows to compare
            for row, record in zip(mine, theirs, strict=True):
                assert row == record, (url, language)
                assert list(row) == list(record)  # the keys in the serializer's order
            assert got == expected, (url, language)


def edge_cases():
    """Events with what the rows must show as the serializer does."""
    network = NetworkFactory(slug="광역-네트워크")
    draft_network = NetworkFactory(slug="draft-net", is_published=False)
    draft = OrganisationFactory(slug="draft-org", name="Draft Org", is_published=False)
    later = timezone.now() + dt.timedelta(days=3)
    scheduled = OrganisationFactory(slug="later-org", publish_at=later)
    published = OrganisationFactory(slug="서울시", name="서울특별시")
    partial = [
        ("month", dt.date(2023, 5, 1), dt.date(2023, 6, 30)),
        ("quarter", dt.date(2024, 10, 1), None),
        ("year", dt.date(2021, 1, 1), None),
        ("day", dt.date(2022, 10, 3), dt.date(2022, 10, 5)),
    ]
    for precision, start, end in partial:
        EventFactory(
            slug=f"{precision}-事件",
            start=start,
            end=end,
            date_precision=precision,
            networks=[network, draft_network],
            links="https://a.example/\n\n  https://b.example/x?y=1  \n",
            attendance_in_person=12,
            attendance_note="about",
        )
    undated = EventFactory(slug="undated", start=None, end=None, date_note="TBC")
    event = EventFactory(
        slug="서울-포럼",
        host=draft,
        project=ProjectFactory(is_published=False),
        series=EventSeriesFactory(name="Forum"),
        edition=3,
        format="hybrid",
        is_online=True,
    )
    EventFactory(slug="hosted", host=published, project=ProjectFactory(slug="프로젝트"))
    EventFactory(slug="scheduled-host", host=scheduled)
    EventPlaceFactory(event=event, organisation=draft, city="", country="", venue="")  # hidden
    EventPlaceFactory(event=event, organisation=draft, city="Busan", country="KR")
    EventPlaceFactory(event=event, organisation=published, city="", country="JP", venue="Hall")
    EventPlaceFactory(event=event, organisation=None, city="", country="MN")
    EventPlaceFactory(event=undated, organisation=scheduled, city="", country="")
    EventSessionFactory(event=event, title="Day 2", start=dt.date(2022, 10, 4))
    EventSessionFactory(event=event, title="Day 1", start=dt.date(2022, 10, 3), end=None)
    EventOrganisation.objects.create(event=event, organisation=published, role="host")
    EventOrganisation.objects.create(event=event, organisation=draft, role="host")
    event.speakers.add(PersonFactory(slug="speaker-1"), PersonFactory(is_published=False))
    event.themes.add(ThemeFactory(network=network, slug="기후"), ThemeFactory(network=network))
    EventFactory(slug="draft-event", is_published=False)
    EventFactory(slug="later-event", publish_at=later)
    # Report years, results with their own, annexes with draft and published records.
    reported = EventFactory(slug="reported", networks=[network], reported_in="2023, 2021")
    project = ProjectFactory(slug="reported-project", network=network, reported_in="2020 2022")
    ProjectResult.objects.create(project=project, label="blocks", value=24, reported_in="2020")
    ProjectResult.objects.create(project=project, label="homes", value=2, qualifier="over")
    note = PublicationFactory(slug="note", networks=[network], reported_in="2023")
    Annex.objects.create(document=note, label="Annex II", title="Forum", event=reported, order=2)
    Annex.objects.create(
        document=note, label="Annex I", title="Plan", project=project, source="Note, line 3"
    )
    Annex.objects.create(document=note, label="Annex III", title="Draft", event=undated, order=3)
    Annex.objects.create(
        document=note, label="Annex IV", title="Hidden", event=EventFactory(is_published=False)
    )


def test_rows_are_the_serializers_output(client, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0
    Rows().add(3)
    edge_cases()
    urls = [
        (f"/api/v1/{name}/{query}", lang)
        for name in LISTS
        for query in QUERIES + EXTRA_QUERIES.get(name, [])
        for lang in LANGUAGES
    ]
    urls += [("/api/v1/events/?page_size=100&network=광역-네트워크", "en")]
    assert_rows_are_the_serializers(client, monkeypatch, urls)


def test_rows_on_the_seed_content(seeded, client, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0
    urls = []
    for name in LISTS:
        urls += [
            (f"/api/v1/{name}/?page_size=100", "en"),
            (f"/api/v1/{name}/?page_size=10&page=2", "zh-hans"),
        ]
        urls += [(f"/api/v1/{name}/?page_size=10&page=3", "ko")]
    assert_rows_are_the_serializers(client, monkeypatch, urls)

"""The home page's lists, read by its faster queries, are the first rows of the query
functions they come from."""

import datetime as dt

import pytest

from core.dates import today
from events import queries as event_queries
from portal.views import HomeView
from publications import queries as publication_queries
from tests.factories.events import EventFactory
from tests.factories.publications import EditionFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_home_upcoming_events_are_the_first_six_upcoming_events():
    """first_rows() gives upcoming()[:6], in its order, drafts left out."""
    day = today()
    for offset in (40, 3, 3, 90, 10, 1, 200, 25):
        EventFactory(start=day + dt.timedelta(days=offset), title=f"Event in {offset} days")
    EventFactory(start=day + dt.timedelta(days=2), is_published=False, title="Draft")
    EventFactory(start=day - dt.timedelta(days=5), title="Past")

    rows = HomeView.first_rows(event_queries.upcoming(day), 6)

    assert [e.pk for e in rows] == [e.pk for e in event_queries.upcoming(day)[:6]]
    assert [e.title for e in rows][:3] == ["Event in 1 days", "Event in 3 days", "Event in 3 days"]
    assert all(hasattr(e, "place_list") and hasattr(e, "network_list") for e in rows)


def test_home_newest_publications_are_the_first_four_of_the_library():
    """newest_publications(4) gives published_publications()[:4], drafts left out."""
    for year in (2019, 2023, 2021, 2020, 2022, 2018):
        EditionFactory(publication=PublicationFactory(), date=dt.date(year, 1, 1))
    PublicationFactory()  # undated: after the dated ones
    EditionFactory(publication=PublicationFactory(is_published=False), date=dt.date(2024, 1, 1))

    rows = HomeView.newest_publications(4)

    expected = list(publication_queries.published_publications()[:4])
    assert [p.pk for p in rows] == [p.pk for p in expected]
    assert len(rows) == 4 and all(p.is_published for p in rows)

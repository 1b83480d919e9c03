"""Property-based tests of the whole API from its own OpenAPI schema (schemathesis)."""

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from events.models import EventOrganisation, EventSession
from tests.factories import (
    CityPairingFactory,
    EditionFactory,
    EventFactory,
    EventPlaceFactory,
    EventSeriesFactory,
    MembershipFactory,
    PublicationFactory,
    RegionFactory,
    SeatFactory,
    SeriesFactory,
    StoryFactory,
)


@pytest.fixture
def keep_test_connection():
    """Schemathesis calls the WSGI application directly, whose end-of-request signal closes the
    database connection (and with it the test's transaction) on PostgreSQL; Django's own test
    client switches that off in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, keep_test_connection):
    membership = MembershipFactory(joined=dt.date(2022, 1, 1))
    network, member = membership.network, membership.organisation
    RegionFactory(network=network)
    SeatFactory(term__body__network=network)
    CityPairingFactory(programme__network=network)
    event = EventFactory(
        networks=[network],
        series=EventSeriesFactory(),
        edition=2,
        host=member,
        links="https://x.org",
    )
    EventPlaceFactory(event=event, organisation=member)
    EventSession.objects.create(event=event, start=dt.date(2022, 10, 3), title="Day 1")
    EventOrganisation.objects.create(event=event, organisation=member, role="organiser")
    publication = PublicationFactory(networks=[network], series=SeriesFactory(), issue="1")
    EditionFactory(publication=publication, language="en", date=dt.date(2022, 5, 1))
    EditionFactory(publication=publication, language="zh-hans", translated_by=member)
    story = StoryFactory(network=network)
    story.organisations.add(member)
    return schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_and_never_errors(case):
    """No generated request gets a server error, and every answer matches the schema.

    Left out, because the API deliberately differs from what they assume:
    - "schema-violating requests are refused": empty filter values (`?updated_since=`) mean "no
      filter", as the HTML filter forms send them, and a page_size over 100 is capped;
    - "schema-valid requests are accepted": slugs of networks, regions and countries are checked
      against the records (an unknown one is a 400 naming the parameter) and a page past the
      end is a 400; the schema cannot list values that change with the data.
    Both behaviours have their own tests in tests/api/test_api.py.
    """
    case.call_and_validate(
        excluded_checks=[
            schemathesis.checks.negative_data_rejection,
            schemathesis.checks.positive_data_acceptance,
        ]
    )

"""Property-based tests of the whole API from its own OpenAPI schema (schemathesis).

Every operation is run with every check schemathesis has, on requests it generates from the
schema that are valid (positive) and invalid (negative): anonymously, with the API token of a
publisher of the network the records belong to, and (writes only: its reads are the publisher's)
of an editor of it. SCHEMATHESIS_EXAMPLES sets the number of generated requests per operation and
credentials (100 by default, 25 on PostgreSQL; the coverage phase adds its own, for each parameter
and boundary). `make schemathesis` runs it alone.

One check is narrowed, not left out: positive_data_acceptance accepts the documented 400 for
values that the data rule out (see valid_requests_are_accepted); everything else is checked as is.
"""

import datetime as dt
import os

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

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
from tests.staff.flows import staff_user

# 100 generated requests per operation and credentials; 25 in the run on PostgreSQL, which repeats
# the same schema and code for errors of that database only (CI runs the suite on both).
ON_POSTGRESQL = "postgresql" in django_settings.DATABASES["default"]["ENGINE"]
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25" if ON_POSTGRESQL else "100"))
WRITES = ["POST", "PUT", "PATCH", "DELETE"]
# Query parameters whose valid values depend on the data, which the schema cannot list: a slug of
# a network, region, theme, organisation, programme or series, a country some record is in, a
# network's report group, and a page number past the last page. The API answers 400 naming the
# parameter (documented).
DATA_DEPENDENT = {"page", "network", "region", "country", "theme", "organisation", "programme"}
DATA_DEPENDENT |= {"series", "language", "group"}


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
def network(db):
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
    return network


@pytest.fixture(params=["anonymous", "Editor", "Publisher"])
def api_schema(request, network, keep_test_connection):
    """The schema, whose requests are sent anonymously or with the API token of an editor or a
    publisher of `network`."""
    # Every check and both modes (schemathesis's defaults, stated so that none is lost silently).
    config = {"checks": {"enabled": True}, "generation": {"mode": "all"}}
    if request.param != "anonymous":
        token = Token.objects.create(user=staff_user(request.param, network))
        config["headers"] = {"Authorization": f"Token {token.key}"}
    if request.param == "Editor":
        # An editor's reads are a publisher's: the editor's run takes the writes only.
        config["operations"] = [{"include-method": "GET", "enabled": False}]
    return schemathesis.openapi.from_wsgi(
        "/api/v1/schema/",
        get_wsgi_application(),
        config=schemathesis.config.SchemathesisConfig.from_dict(config),
    )


schema = schemathesis.pytest.from_fixture("api_schema")


@schemathesis.deserializer("text/csv")
def csv_as_text(ctx, response):
    """A CSV answer is checked as the schema documents it: text (UTF-8)."""
    return response.content.decode("utf-8")


def valid_requests_are_accepted(ctx, response, case):
    """schemathesis's positive_data_acceptance, except for the 400 the schema documents for values
    that the data rule out: a read's 400 naming only such parameters, and a write's 400 (its body
    names slugs of records that may not exist, and the admin's validation applies rules no schema
    can state, e.g. an end before the start)."""
    if (
        response.status_code == 400
        and case.meta is not None
        and case.meta.generation.mode.is_positive
    ):
        if case.method.upper() in WRITES:
            return None
        if set(response.json()) <= DATA_DEPENDENT:
            return None
    return schemathesis.checks.positive_data_acceptance(ctx, response, case)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_and_never_errors(case):
    """No generated request gets a server error, and every answer matches the schema: every check
    of schemathesis, positive_data_acceptance narrowed as valid_requests_are_accepted says."""
    case.call_and_validate(
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
        additional_checks=[valid_requests_are_accepted],
    )


@pytest.mark.parametrize("query", ["page_size=true", "page_size=0", "page=x", "page=0"])
def test_a_csv_list_checks_the_paging_parameters_as_json_does(client, network, query):
    """A CSV list has every row, but `?format=csv&page_size=true` was a 200 (found by schemathesis)."""
    assert client.get(f"/api/v1/events/?{query}").status_code == 400
    assert client.get(f"/api/v1/events/?format=csv&{query}").status_code == 400
    assert client.get("/api/v1/events/?format=csv&page=2&page_size=1").status_code == 200

"""The API's ?format=csv never hands a spreadsheet program a formula to run (OWASP's CSV
injection): a text cell beginning with =, +, -, @, a tab or a carriage return is written with a
quote in front; numbers stay numbers."""

import csv
import io

import pytest

from core.api import ListCSVRenderer
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

FORMULAS = ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]


def csv_rows(client, url) -> list[dict]:
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def test_event_titles_come_out_defused_and_numbers_as_numbers(client):
    network = NetworkFactory()
    for title in FORMULAS:
        EventFactory(title=title, networks=[network], attendance_in_person=120)
    rows = csv_rows(client, "/api/v1/events/")
    assert sorted(row["title"] for row in rows) == sorted("'" + title for title in FORMULAS)
    assert {row["attendance_in_person"] for row in rows} == {"120"}


def test_publication_titles_come_out_defused(client):
    network = NetworkFactory()
    for title in FORMULAS:
        PublicationFactory(title=title, networks=[network])
    rows = csv_rows(client, "/api/v1/publications/")
    assert sorted(row["title"] for row in rows) == sorted("'" + title for title in FORMULAS)


def test_member_names_come_out_defused(client):
    network = NetworkFactory()
    for name in FORMULAS:
        MembershipFactory(organisation=OrganisationFactory(name=name), network=network)
    rows = csv_rows(client, "/api/v1/members/")
    assert sorted(row["name"] for row in rows) == sorted("'" + name for name in FORMULAS)


def test_a_negative_number_is_a_number_not_a_formula():
    body = ListCSVRenderer().render(
        [{"population": -3, "latitude": -33.9, "title": "-3 °C"}],
        renderer_context={"header": ["population", "latitude", "title"]},
    )
    assert body.decode().splitlines() == ["population,latitude,title", "-3,-33.9,'-3 °C"]

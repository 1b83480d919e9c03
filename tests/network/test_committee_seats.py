"""A network's seats on other bodies' committees: on its governance page, on the convening
body's page and in the report of a year the seat is held; partnership notes beside them."""

import pytest
from django.urls import reverse

from network.models import CommitteeSeat, NetworkPartner
from tests.factories import NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

COMMITTEE = "Advisory Committee for International Organizations of Busan"


@pytest.fixture
def seat(db):
    network = NetworkFactory(slug="iclei-east-asia", name="ICLEI East Asia")
    busan = OrganisationFactory(slug="busan", name="Busan Metropolitan City")
    foundation = OrganisationFactory(
        slug="bfic", name="Busan Foundation for International Cooperation"
    )
    NetworkPartner.objects.create(
        network=network,
        organisation=foundation,
        note="New partnership established in 2022 (000:730).",
        source="ICLEI East Asia Annual Report 2022, line 730",
        reported_in="2022",
    )
    return CommitteeSeat.objects.create(
        network=network,
        committee=COMMITTEE,
        convened_by=busan,
        joined_year=2022,
        source="ICLEI East Asia Annual Report 2022, line 730",
    )


def test_governance_page_lists_seat_held_that_year(client, seat):
    url = reverse("network:network-governance", args=["iclei-east-asia"])
    html = client.get(url).content.decode()
    assert COMMITTEE in html and "Busan Metropolitan City</a>, since 2022" in html
    assert "line 730" not in html
    before = client.get(url + "?year=2021")
    assert before.status_code == 200
    assert COMMITTEE not in before.content.decode()


def test_convening_body_page_lists_seat(client, seat):
    """Busan's page says ICLEI East Asia is on its committee."""
    html = client.get(seat.convened_by.get_absolute_url()).content.decode()
    assert f"ICLEI East Asia is on the {COMMITTEE}, since 2022" in html


def test_partner_page_shows_note_without_line_reference(client, seat):
    """The partner's page gives the partnership's kind and note, not the editors' '(000:730)'."""
    partner = NetworkPartner.objects.get()
    html = client.get(partner.organisation.get_absolute_url()).content.decode()
    assert (
        'ICLEI East Asia</a> — Partner<br><span class="meta">New partnership established in 2022.</span>'
        in html
    )
    assert "000:730" not in html


def test_report_partners_block_has_notes_and_committee_seat(client, seat):
    """The 2022 report names the seat and the partnership's note; the 2021 report no seat."""
    html = client.get(
        reverse("portal:report-detail", args=["iclei-east-asia", 2022])
    ).content.decode()
    assert "New partnership established in 2022." in html
    assert f"<li>{COMMITTEE} — " in html
    assert "000:730" not in html and "line 730" not in html
    data = client.get("/api/v1/reports/iclei-east-asia/2021/").json()
    assert data["committee_seats"] == []

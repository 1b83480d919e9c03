"""The years a record counts for in reports (core.time_scope), on every path that writes it: the
admin form, a spreadsheet import, a bulk insert, a history revert; and in the reports that read
them: two documents listing one term never merge, undated items reported in a year show in it,
and what is known only for another year stays out."""

import datetime as dt

import pytest
from django.urls import reverse

from core.dates import today
from events.models import Event
from network.models import NetworkPartner, StaffPosition, StudyVisit
from portal.reports import build_report
from publications.models import Publication
from tests.api.test_writes import new_event, send, token_header
from tests.factories import (
    CityPairingFactory,
    EventFactory,
    GovernanceBodyFactory,
    NetworkPartnerFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    PublicationFactory,
    SeatFactory,
    TermFactory,
)
from tests.staff import sheets
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db


def partner_names(network, year):
    return sorted(
        organisation["name"]
        for group in build_report(network, year)["partners"]
        for organisation in group["organisations"]
    )


def test_a_partner_counts_for_the_years_of_the_reports_that_list_it(iclei):
    NetworkPartnerFactory(
        network=iclei, organisation=OrganisationFactory(name="Listed 2020"), reported_in="2020"
    )
    NetworkPartnerFactory(
        network=iclei, organisation=OrganisationFactory(name="Listed 2022"), reported_in="2022"
    )
    NetworkPartnerFactory(
        network=iclei, organisation=OrganisationFactory(name="Both"), reported_in="2022, 2020"
    )
    NetworkPartnerFactory(network=iclei, organisation=OrganisationFactory(name="Undated"))
    assert partner_names(iclei, 2020) == ["Both", "Listed 2020"]
    assert partner_names(iclei, 2021) == ["Both"]  # between two reports that list it
    assert partner_names(iclei, 2022) == ["Both", "Listed 2022"]
    assert partner_names(iclei, 2019) == []
    # Entered without years: what staff know today, in this year's report only.
    assert partner_names(iclei, today().year) == ["Undated"]


def test_one_term_listed_by_two_reports_shows_each_reports_seats(iclei):
    term = TermFactory(
        body=GovernanceBodyFactory(network=iclei, name="RexCom"),
        name="2021-2024",
        start=dt.date(2021, 1, 1),
        end=dt.date(2024, 12, 31),
        date_precision="year",
    )
    SeatFactory(
        term=term, role="chair", person=PersonFactory(name="Chair 2020"), reported_in="2020"
    )
    SeatFactory(
        term=term, role="chair", person=PersonFactory(name="Chair 2022"), reported_in="2022"
    )
    SeatFactory(
        term=term, role="member", person=PersonFactory(name="Both years"), reported_in="2020 2022"
    )
    SeatFactory(term=term, role="member", person=PersonFactory(name="No years"))

    def seats(year):
        [body] = build_report(iclei, year)["governance"]
        return sorted(seat["person"] for t in body["terms"] for seat in t["seats"])

    # The 2020 report lists the term elected for 2021 (incoming), with 2020's seats; a
    # composition holds until a later report lists another.
    assert seats(2020) == seats(2021) == ["Both years", "Chair 2020", "No years"]
    assert seats(2022) == seats(2023) == ["Both years", "Chair 2022", "No years"]


def test_an_undated_publication_shows_in_the_report_that_lists_it_and_a_draft_never(iclei):
    newsletter = PublicationFactory(title="Newsletter", reported_in="2022")
    newsletter.networks.add(iclei)
    draft = PublicationFactory(title="Draft leaflet", reported_in="2022", is_published=False)
    draft.networks.add(iclei)
    titles = lambda year: [p["title"] for p in build_report(iclei, year)["publications"]]  # noqa: E731
    assert titles(2022) == ["Newsletter"]
    assert titles(2021) == []


def test_an_ongoing_project_counts_until_its_last_report(iclei):
    ProjectFactory(
        network=iclei, title="Since 2017", start=dt.date(2017, 1, 1), date_precision="year",
        reported_in="2020",
    )  # fmt: skip
    titles = lambda year: [  # noqa: E731
        p["title"] for group in build_report(iclei, year)["projects"] for p in group["projects"]
    ]
    assert titles(2017) == titles(2020) == ["Since 2017"]
    assert titles(2022) == []


def test_a_pairing_shows_in_the_year_of_its_visit_not_every_year_of_its_programme(iclei):
    programme = ProjectFactory(
        network=iclei, start=dt.date(2019, 1, 1), end=dt.date(2023, 12, 31), date_precision="year"
    )
    pairing = CityPairingFactory(programme=programme)
    StudyVisit.objects.create(
        pairing=pairing, place=pairing.first, start=dt.date(2020, 1, 15), status="held"
    )
    assert len(build_report(iclei, 2020)["pairings"]) == 1
    assert build_report(iclei, 2019)["pairings"] == []
    assert build_report(iclei, 2022)["pairings"] == []
    pairing.reported_in = "2022"
    pairing.save()
    assert len(build_report(iclei, 2022)["pairings"]) == 1


def test_staff_started_with_no_end_count_until_their_last_report(iclei):
    StaffPosition.objects.create(
        network=iclei, person=PersonFactory(name="Officer"), role="Officer",
        started=dt.date(2019, 3, 1), reported_in="2020",
    )  # fmt: skip
    team = lambda year: [m["name"] for m in build_report(iclei, year)["team"]]  # noqa: E731
    assert team(2019) == team(2020) == ["Officer"]
    assert team(2022) == []


# --- The paths that write the years --------------------------------------------------------------


def test_the_admin_form_refuses_what_is_not_a_year_and_changes_nothing(superuser_client, iclei):
    partner = NetworkPartnerFactory(network=iclei, reported_in="2020")
    url = reverse("admin:network_networkpartner_change", args=[partner.pk])
    html = superuser_client.get(url).content.decode()
    response = superuser_client.post(url, admin_form_data(html, reported_in="2020, twenty"))
    assert response.status_code == 200
    assert "“twenty” is not a year" in response.content.decode()
    partner.refresh_from_db()
    assert (partner.reported_in, partner.scope_from, partner.scope_until) == ("2020", 2020, 2020)


def test_the_admin_form_keeps_the_years_as_typed_and_works_out_the_scope(superuser_client, iclei):
    partner = NetworkPartnerFactory(network=iclei)
    url = reverse("admin:network_networkpartner_change", args=[partner.pk])
    html = superuser_client.get(url).content.decode()
    response = superuser_client.post(url, admin_form_data(html, reported_in="2022，2019"))
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.reported_in, partner.scope_from, partner.scope_until) == (
        "2019 2022",
        2019,
        2022,
    )


def test_a_bulk_insert_works_out_the_scope_too(iclei):
    organisation = OrganisationFactory()
    NetworkPartner.objects.bulk_create(
        [NetworkPartner(network=iclei, organisation=organisation, reported_in="2021 2018")]
    )
    partner = NetworkPartner.objects.get()
    assert (partner.reported_in, partner.scope_from, partner.scope_until) == (
        "2018 2021",
        2018,
        2021,
    )


def test_reverting_to_an_earlier_version_brings_its_years_back(superuser_client, iclei):
    partner = NetworkPartnerFactory(network=iclei, reported_in="2020")
    first = partner.history.latest()
    partner.reported_in = "2022"
    partner.save()
    assert (partner.scope_from, partner.scope_until) == (2022, 2022)
    url = reverse(
        "admin:network_networkpartner_simple_history", args=[partner.pk, first.history_id]
    )
    response = superuser_client.post(
        url, admin_form_data(superuser_client.get(url).content.decode())
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.reported_in, partner.scope_from, partner.scope_until) == ("2020", 2020, 2020)


def test_a_spreadsheet_row_sets_the_years_and_a_bad_one_is_refused_by_its_row(publisher, iclei):
    header = ["slug", "title", "kind", "networks", "reported_in"]
    good = ["", "Newsletter", "newsletter", "iclei-east-asia", "2022, 2021"]
    bad = ["", "Leaflet", "leaflet", "iclei-east-asia", "Q4"]
    upload = sheets.xlsx([header, good, bad], name="publications.xlsx")
    page = sheets.text_of(
        sheets.preview(publisher, "publications_publication", upload, sheets.XLSX_FORMAT)
    )
    assert "Confirm import" not in page
    assert "“Q4” is not a year" in page
    assert not Publication.objects.exists()

    upload = sheets.xlsx([header, good], name="publications.xlsx")
    preview = sheets.preview(publisher, "publications_publication", upload, sheets.XLSX_FORMAT)
    sheets.confirm(publisher, "publications_publication", preview)
    publication = Publication.objects.get()
    assert (publication.reported_in, publication.scope_from, publication.scope_until) == (
        "2021 2022", 2021, 2022,
    )  # fmt: skip


def test_the_governance_page_shows_each_terms_seats_as_last_reported(client, iclei):
    term = TermFactory(
        body=GovernanceBodyFactory(network=iclei, name="RexCom"),
        name="2021-2024",
        start=dt.date(2021, 1, 1),
        end=dt.date(2024, 12, 31),
        date_precision="year",
    )
    SeatFactory(
        term=term, role="chair", person=PersonFactory(name="Chair Of 2020"), reported_in="2020"
    )
    SeatFactory(
        term=term, role="chair", person=PersonFactory(name="Chair Of 2022"), reported_in="2022"
    )
    url = reverse("network:network-governance", args=[iclei.slug])
    in_2021 = client.get(url, {"year": 2021}).content.decode()
    assert "Chair Of 2020" in in_2021 and "Chair Of 2022" not in in_2021
    latest = client.get(url).content.decode()
    assert "Chair Of 2022" in latest and "Chair Of 2020" not in latest


def test_the_api_takes_the_years_of_an_undated_event_and_refuses_what_is_not_a_year(client, iclei):
    headers = token_header("add_event")
    refused = send(
        client, "post", "/api/v1/events/", new_event(start="", reported_in="2022, soon"), **headers
    )
    assert refused.status_code == 400
    assert "“soon” is not a year" in refused.json()["reported_in"][0]
    assert not Event.objects.exists()
    created = send(
        client, "post", "/api/v1/events/", new_event(start="", reported_in="2022"), **headers
    )
    assert created.status_code == 201
    event = Event.objects.get()
    assert (event.start, event.scope_from, event.scope_until) == (None, 2022, 2022)


def test_an_undated_event_shows_in_the_year_its_report_lists_it_or_else_this_year(iclei):
    listed = EventFactory(title="Course listed in 2022", start=None, reported_in="2022")
    unknown = EventFactory(title="Course entered today", start=None)
    for event in (listed, unknown):
        event.networks.add(iclei)

    def titles(year):
        groups = build_report(iclei, year)["activities"]["groups"]
        return sorted(e["title"] for group in groups for e in group["events"])

    assert titles(2022) == ["Course listed in 2022"]
    assert titles(2021) == []
    assert titles(today().year) == ["Course entered today"]

"""Spreadsheet imports and exports in the admin, used as staff use them (upload, preview,
confirm), on the member sheet: the steps, the file and column checks, scope and publishing.
The event and publication sheets: test_spreadsheet_records.py."""

import csv
import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from events.models import Event
from network.models import Membership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory
from tests.staff.sheets import (
    CSV_FORMAT,
    MEMBER_COLUMNS,
    XLSX_FORMAT,
    confirm,
    export_all_fields,
    preview,
    sheet,
    text_of,
)
from tests.staff.test_hardening import assert_runs_under_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def iclei(iclei):
    """ICLEI East Asia with the region the member sheets name."""
    RegionFactory(network=iclei, name="East Asia", slug="east-asia")
    return iclei


# --- Members ---------------------------------------------------------------------------------


def test_member_import_previews_then_creates_on_confirm(editor, iclei):
    """The preview writes nothing; confirming adds the new member (a draft) and the membership."""
    seoul = OrganisationFactory(name="Seoul Metropolitan Government")
    upload = sheet(
        f"""
{MEMBER_COLUMNS}
Seoul Metropolitan Government,,,,iclei-east-asia,full,East Asia,2012
Tainan City,臺南市,city,TW,iclei-east-asia,full,East Asia,2022-05
"""
    )
    response = preview(editor, "network_membership", upload)
    assert response.status_code == 200
    page = text_of(response)
    assert "Confirm import" in page and "Tainan City" in page and "臺南市" in page
    assert not Membership.objects.exists()
    assert not Organisation.objects.filter(name="Tainan City").exists()

    response = confirm(editor, "network_membership", response)
    assert response.status_code == 200
    assert "2 new" in text_of(response)
    tainan = Organisation.objects.get(name="Tainan City")
    assert (tainan.native_name, tainan.kind, tainan.country.code) == ("臺南市", "city", "TW")
    assert tainan.is_published is False  # an editor's new member waits for a publisher
    membership = Membership.objects.get(organisation=tainan)
    assert (membership.network, membership.region.name) == (iclei, "East Asia")
    assert (membership.joined, membership.date_precision) == (dt.date(2022, 5, 1), "month")
    assert Membership.objects.get(organisation=seoul).joined == dt.date(2012, 1, 1)
    assert membership.history.get().history_user == editor.user  # kept in the history


def test_a_sheet_with_one_bad_row_imports_nothing_and_names_the_row(editor, iclei):
    """Done when: one bad row stops the whole file, and the message says which row and why."""
    upload = sheet(
        f"""
{MEMBER_COLUMNS}
Tainan City,,city,TW,iclei-east-asia,full,East Asia,2022
Taoyuan City,,city,TW,iclei-east-asia,full,Southeast Asia,2022
Kaohsiung City,,city,TW,iclei-east-asia,full,,2021
"""
    )
    response = preview(editor, "network_membership", upload)
    page = text_of(response)
    assert response.status_code == 200
    assert "nothing will be imported" in page
    assert "Confirm import" not in page
    # Row 3 of the sheet (the header is row 1) is the bad one.
    assert re.search(
        r"<td>3</td>.*ICLEI East Asia has no region &#x27;Southeast Asia&#x27;", page
    ), page
    assert "Its regions: East Asia" in page
    assert not Membership.objects.exists()
    assert not Organisation.objects.exists()


def test_unknown_and_missing_columns_are_refused_not_ignored(editor):
    upload = sheet("name,netwrk,type\nTainan City,iclei-east-asia,full")
    page = text_of(preview(editor, "network_membership", upload))
    assert "These columns are not read by this import: netwrk." in page
    assert "These columns are missing: network." in page
    assert "Confirm import" not in page
    assert not Organisation.objects.exists()


def test_editor_cannot_import_into_another_network(editor, citynet):
    upload = sheet(f"{MEMBER_COLUMNS}\nBangkok,,city,TH,citynet,full,,2020")
    page = text_of(preview(editor, "network_membership", upload))
    assert "You do not work for citynet, so you may not import its members." in page
    assert "Confirm import" not in page
    assert not Membership.objects.exists()


def test_only_publishers_import_published_members(editor, publisher):
    text = f"{MEMBER_COLUMNS},published\nTainan City,,city,TW,iclei-east-asia,full,,2022,yes"
    page = text_of(preview(editor, "network_membership", sheet(text)))
    assert "Only publishers may publish, unpublish or schedule." in page
    response = confirm(
        publisher, "network_membership", preview(publisher, "network_membership", sheet(text))
    )
    assert response.status_code == 200
    assert Organisation.objects.get(name="Tainan City").is_published is True


def test_member_export_holds_only_own_network_and_imports_back_unchanged(editor, iclei, citynet):
    MembershipFactory(
        organisation=OrganisationFactory(name="Seoul", native_name="서울"),
        network=iclei,
        joined=dt.date(2012, 1, 1),
        date_precision="year",
    )
    MembershipFactory(organisation=OrganisationFactory(name="Bangkok"), network=citynet)
    url = reverse("admin:network_membership_export")
    response = editor.post(url, {"format": CSV_FORMAT, **export_all_fields(editor, url)})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["name"], r["native_name"], r["network"], r["joined"]) for r in rows] == [
        ("Seoul", "서울", "iclei-east-asia", "2012")
    ]
    before = Membership.history.count()
    page = text_of(
        preview(editor, "network_membership", sheet(response.content.decode("utf-8-sig")))
    )
    assert "Skipped" in page and "Update" not in page  # nothing to change
    assert Membership.history.count() == before


# --- The file ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, file_format",
    [
        (b"\x00\x01 not a workbook", XLSX_FORMAT),
        ("title,kind,networks\nCaf\u00e9 forum,forum,iclei-east-asia".encode("cp1252"), CSV_FORMAT),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_clear_form_error(editor, content, file_format):
    upload = io.BytesIO(content)
    upload.name = "events.xlsx" if file_format == XLSX_FORMAT else "events.csv"
    response = preview(editor, "events_event", upload, file_format)
    assert response.status_code == 200
    assert "This file could not be read as the format chosen below." in text_of(response)
    assert not Event.objects.exists()


def test_too_large_a_file_or_too_many_rows_is_refused(editor, settings):
    settings.IMPORT_MAX_BYTES = 100
    upload = sheet(f"{MEMBER_COLUMNS}\n" + "Tainan City,,city,TW,iclei-east-asia,full,,2022\n" * 3)
    page = text_of(preview(editor, "network_membership", upload))
    assert "a sheet to import may be at most 100" in page
    settings.IMPORT_MAX_BYTES, settings.IMPORT_MAX_ROWS = 10_000, 2
    upload = sheet(f"{MEMBER_COLUMNS}\n" + "Tainan City,,city,TW,iclei-east-asia,full,,2022\n" * 3)
    page = text_of(preview(editor, "network_membership", upload))
    assert "The sheet has 3 rows; import at most 2 at a time." in page
    assert not Organisation.objects.exists()


def test_confirm_after_the_data_changed_writes_nothing_and_says_why(editor, iclei):
    """Between preview and confirm someone removed the region: the import is refused whole."""
    upload = sheet(
        f"""
{MEMBER_COLUMNS}
Tainan City,,city,TW,iclei-east-asia,full,,2022
Taoyuan City,,city,TW,iclei-east-asia,full,East Asia,2022
"""
    )
    response = preview(editor, "network_membership", upload)
    iclei.regions.all().delete()
    response = confirm(editor, "network_membership", response)
    page = text_of(response)
    assert "Nothing was imported." in page
    assert "Row 3: region: ICLEI East Asia has no region" in page
    assert not Organisation.objects.exists()


def test_editors_without_a_network_may_not_import(iclei):
    user = get_user_model().objects.create_user("nobody", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client = Client()
    client.force_login(user)
    assert client.get(reverse("admin:events_event_import")).status_code == 403


def test_import_and_export_pages_run_under_the_content_security_policy(editor):
    """No inline style or handler on the upload, preview and export pages (the policy would
    refuse them and leave parts of the page dead)."""
    upload = sheet(f"{MEMBER_COLUMNS}\nTainan City,,city,TW,iclei-east-asia,full,,2022")
    pages = [
        editor.get(reverse("admin:network_membership_import")),
        preview(editor, "network_membership", upload),
        editor.get(reverse("admin:network_membership_export")),
    ]
    for response in pages:
        assert response.status_code == 200
        assert_runs_under_policy(response.content.decode())

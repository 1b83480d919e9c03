"""Spreadsheet imports and exports in the admin, used as staff use them: upload, preview, confirm."""

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from events.models import Event
from network.models import Membership, Organisation
from publications.models import Publication
from tests.factories import (
    EditionFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PublicationFactory,
    RegionFactory,
)
from tests.queries import assert_constant, measure
from tests.staff.flows import staff_user
from tests.staff.test_hardening import assert_runs_under_policy

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"  # positions in the import form's format list
MEMBER_COLUMNS = "name,native_name,kind,country,network,type,region,joined"


@pytest.fixture
def iclei():
    network = NetworkFactory(name="ICLEI East Asia", slug="iclei-east-asia")
    RegionFactory(network=network, name="East Asia", slug="east-asia")
    return network


@pytest.fixture
def citynet():
    return NetworkFactory(name="CityNet", slug="citynet")


def client_for(role, *networks):
    """A browser logged in as a new staff user; `client.user` is that user."""
    client = Client()
    client.user = staff_user(role, *networks)
    client.force_login(client.user)
    return client


@pytest.fixture
def editor(iclei):
    return client_for("Editor", iclei)


@pytest.fixture
def publisher(iclei):
    return client_for("Publisher", iclei)


def sheet(text: str, name="members.csv") -> io.BytesIO:
    upload = io.BytesIO(text.strip().encode())
    upload.name = name
    return upload


def xlsx(rows, name="events.xlsx") -> io.BytesIO:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = name
    return upload


def preview(client, model, upload, file_format=CSV_FORMAT):
    url = reverse(f"admin:{model}_import")
    return client.post(url, {"import_file": upload, "format": file_format})


def confirm(client, model, preview_response):
    """Press "Confirm import" on a preview page."""
    html = preview_response.content.decode()
    form = html[html.index('name="confirm"') - 3000 : html.index('name="confirm"')]
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    return client.post(reverse(f"admin:{model}_process_import"), data, follow=True)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


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


def export_all_fields(client, url) -> dict:
    """The export form's field checkboxes, all ticked (as the form offers them)."""
    html = client.get(url).content.decode()
    return dict.fromkeys(
        re.findall(r'name="([^"]+)"[^>]*type="checkbox"', html), "on"
    ) | dict.fromkeys(re.findall(r'type="checkbox"[^>]*name="([^"]+)"', html), "on")


# --- Events ------------------------------------------------------------------------------------

EVENT_HEADER = ["slug", "title", "kind", "networks", "start", "end", "status", "online", "format"]


def test_event_import_from_xlsx_creates_and_updates(publisher, iclei):
    existing = EventFactory(title="Old title", slug="ecomobility-2022")
    existing.networks.set([iclei])
    upload = xlsx(
        [
            EVENT_HEADER + ["published"],
            [
                "ecomobility-2022",
                "EcoMobility Festival",
                "Forum",
                "iclei-east-asia",
                "2022-10",
                "",
                "held",
                "no",
                "in-person",
                "yes",
            ],
            [
                "",
                "Climate Webinar 3",
                "webinar",
                "iclei-east-asia",
                2023,
                "",
                "planned",
                "yes",
                "online",
                "no",
            ],
            [None] * 10,  # the blank line spreadsheets leave at the end
        ]
    )
    response = confirm(
        publisher, "events_event", preview(publisher, "events_event", upload, XLSX_FORMAT)
    )
    assert response.status_code == 200
    existing.refresh_from_db()
    assert (existing.title, existing.kind, existing.start, existing.date_precision) == (
        "EcoMobility Festival",
        "forum",
        dt.date(2022, 10, 1),
        "month",
    )
    new = Event.objects.get(title="Climate Webinar 3")
    assert (new.start, new.date_precision, new.is_online) == (dt.date(2023, 1, 1), "year", True)
    assert list(new.networks.all()) == [iclei]
    assert new.is_published is False


def test_event_row_errors_are_listed_per_row_and_column(editor, citynet):
    other = EventFactory(slug="citynet-forum", title="CityNet Forum")
    other.networks.set([citynet])
    upload = sheet(
        """
slug,title,kind,networks,start,end
,Webinar A,webinar,iclei-east-asia,2022-13,
,Webinar B,party,iclei-east-asia,2022,
citynet-forum,Renamed,forum,iclei-east-asia,2022,
,Webinar C,webinar,,2022-03,2022-01
""",
        name="events.csv",
    )
    page = text_of(preview(editor, "events_event", upload))
    assert "Confirm import" not in page
    assert "&#x27;2022-13&#x27; is not a date" in page  # row 2
    assert "&#x27;party&#x27; is not one of: webinar" in page  # row 3
    assert "belongs to a network you do not work for" in page  # row 4
    assert "Give at least one network" in page  # row 5
    assert [int(n) for n in re.findall(r"<tr> <td>(\d+)</td>", page)] == [2, 3, 4, 5]
    assert Event.objects.count() == 1
    assert Event.objects.get().title == "CityNet Forum"


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


# --- Publications ------------------------------------------------------------------------------


def test_publication_import_adds_and_updates_editions_and_keeps_the_rest(publisher, iclei):
    publication = PublicationFactory(
        slug="annual-report-2022", title="Annual Report 2022", networks=[iclei]
    )
    EditionFactory(publication=publication, language="en", link="https://example.org/en.pdf")
    EditionFactory(publication=publication, language="zh-hans", link="https://example.org/zh.pdf")
    upload = sheet(
        """
slug,title,kind,networks,editions
annual-report-2022,Annual Report 2022,report,iclei-east-asia,en:2023-05:https://example.org/en-v2.pdf; ko:2023-06:
""",
        name="publications.csv",
    )
    response = confirm(
        publisher,
        "publications_publication",
        preview(publisher, "publications_publication", upload),
    )
    assert response.status_code == 200
    editions = {e.language: e for e in publication.editions.all()}
    assert set(editions) == {"en", "zh-hans", "ko"}  # zh-hans was not listed and is kept
    assert editions["en"].link == "https://example.org/en-v2.pdf"
    assert (editions["en"].date, editions["en"].date_precision) == (dt.date(2023, 5, 1), "month")
    assert editions["ko"].link == ""


def test_publication_edition_link_must_be_http(publisher, iclei):
    upload = sheet(
        "title,kind,networks,editions\nGuide,handbook,iclei-east-asia,en:2023:javascript:alert(1)",
        name="publications.csv",
    )
    page = text_of(preview(publisher, "publications_publication", upload))
    assert "Confirm import" not in page
    assert "en:2023:javascript:alert(1): Enter a valid URL." in page
    assert not Publication.objects.exists()


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


def test_event_export_as_xlsx_holds_only_the_users_networks(editor, iclei, citynet):
    own = EventFactory(title="ICLEI Webinar", start=dt.date(2022, 10, 1), date_precision="month")
    own.networks.set([iclei])
    EventFactory(title="CityNet Forum").networks.set([citynet])
    url = reverse("admin:events_event_export")
    response = editor.post(url, {"format": XLSX_FORMAT, **export_all_fields(editor, url)})
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    header, *records = rows
    assert header[:5] == ("slug", "title", "kind", "networks", "start")
    assert [(r[1], r[3], r[4]) for r in records] == [
        ("ICLEI Webinar", "iclei-east-asia", "2022-10")
    ]


def test_editor_may_edit_a_published_event_by_sheet_but_not_unpublish_it(editor, iclei):
    event = EventFactory(slug="forum-2022", title="Forum", is_published=True)
    event.networks.set([iclei])
    header = "slug,title,kind,networks,published"
    renamed = sheet(f"{header}\nforum-2022,Forum 2022,forum,iclei-east-asia,yes", name="e.csv")
    confirm(editor, "events_event", preview(editor, "events_event", renamed))
    event.refresh_from_db()
    assert (event.title, event.is_published) == ("Forum 2022", True)

    unpublished = sheet(f"{header}\nforum-2022,Forum 2022,forum,iclei-east-asia,no", name="e.csv")
    page = text_of(preview(editor, "events_event", unpublished))
    assert "Only publishers may publish, unpublish or schedule." in page
    event.refresh_from_db()
    assert event.is_published is True


def test_exports_run_the_same_number_of_queries_for_any_number_of_records(editor, iclei):
    def add_records(count):
        for _ in range(count):
            EventFactory().networks.set([iclei])
            MembershipFactory(network=iclei)
            EditionFactory(publication=PublicationFactory(networks=[iclei]), language="en")

    models = ("events_event", "network_membership", "publications_publication")
    urls = [reverse(f"admin:{model}_export") for model in models]
    data = {url: {"format": CSV_FORMAT, **export_all_fields(editor, url)} for url in urls}
    assert_constant(measure(editor, urls, add_records, data=data, method="post"))


def test_joint_event_keeps_the_networks_an_editor_does_not_work_for(editor, iclei, citynet):
    """As in the admin and the API: an ICLEI editor may edit a joint ICLEI + CityNet event,
    but may not drop CityNet from it."""
    event = EventFactory(slug="joint-forum", title="Joint Forum", is_published=False)
    event.networks.set([iclei, citynet])
    header = "slug,title,kind,networks"
    dropped = sheet(f"{header}\njoint-forum,Joint Forum,forum,iclei-east-asia", name="e.csv")
    page = text_of(preview(editor, "events_event", dropped))
    assert "may not add or remove other networks" in page
    kept = sheet(
        f"{header}\njoint-forum,Joint Forum 2024,forum,citynet; iclei-east-asia", name="e.csv"
    )
    confirm(editor, "events_event", preview(editor, "events_event", kept))
    event.refresh_from_db()
    assert event.title == "Joint Forum 2024"
    assert set(event.networks.all()) == {iclei, citynet}

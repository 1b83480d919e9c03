"""The event and publication sheets in the admin, used as staff use them: import from CSV or
XLSX, row errors, editions, exports of the user's networks, publishing and joint records."""

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from events.models import Event
from publications.models import Publication
from tests.factories import EditionFactory, EventFactory, MembershipFactory, PublicationFactory
from tests.queries import assert_constant, measure
from tests.staff import sheets

pytestmark = pytest.mark.django_db


# --- Events ------------------------------------------------------------------------------------

EVENT_HEADER = ["slug", "title", "kind", "networks", "start", "end", "status", "online", "format"]


def test_event_import_from_xlsx_creates_and_updates(publisher, iclei):
    existing = EventFactory(title="Old title", slug="ecomobility-2022")
    existing.networks.set([iclei])
    upload = sheets.xlsx(
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
    response = sheets.confirm(
        publisher,
        "events_event",
        sheets.preview(publisher, "events_event", upload, sheets.XLSX_FORMAT),
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
    upload = sheets.sheet(
        """
slug,title,kind,networks,start,end
,Webinar A,webinar,iclei-east-asia,2022-13,
,Webinar B,party,iclei-east-asia,2022,
citynet-forum,Renamed,forum,iclei-east-asia,2022,
,Webinar C,webinar,,2022-03,2022-01
""",
        name="events.csv",
    )
    page = sheets.text_of(sheets.preview(editor, "events_event", upload))
    assert "Confirm import" not in page
    assert "&#x27;2022-13&#x27; is not a date" in page  # row 2
    assert "&#x27;party&#x27; is not one of: webinar" in page  # row 3
    assert "belongs to a network you do not work for" in page  # row 4
    assert "Give at least one network" in page  # row 5
    assert [int(n) for n in re.findall(r"<tr> <td>(\d+)</td>", page)] == [2, 3, 4, 5]
    assert Event.objects.count() == 1
    assert Event.objects.get().title == "CityNet Forum"


def test_event_export_as_xlsx_holds_only_the_users_networks(editor, iclei, citynet):
    own = EventFactory(title="ICLEI Webinar", start=dt.date(2022, 10, 1), date_precision="month")
    own.networks.set([iclei])
    EventFactory(title="CityNet Forum").networks.set([citynet])
    url = reverse("admin:events_event_export")
    response = editor.post(
        url, {"format": sheets.XLSX_FORMAT, **sheets.export_all_fields(editor, url)}
    )
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
    renamed = sheets.sheet(
        f"{header}\nforum-2022,Forum 2022,forum,iclei-east-asia,yes", name="e.csv"
    )
    sheets.confirm(editor, "events_event", sheets.preview(editor, "events_event", renamed))
    event.refresh_from_db()
    assert (event.title, event.is_published) == ("Forum 2022", True)

    unpublished = sheets.sheet(
        f"{header}\nforum-2022,Forum 2022,forum,iclei-east-asia,no", name="e.csv"
    )
    page = sheets.text_of(sheets.preview(editor, "events_event", unpublished))
    assert "Only publishers may publish, unpublish or schedule." in page
    event.refresh_from_db()
    assert event.is_published is True


def test_joint_event_keeps_the_networks_an_editor_does_not_work_for(editor, iclei, citynet):
    """As in the admin and the API: an ICLEI editor may edit a joint ICLEI + CityNet event,
    but may not drop CityNet from it."""
    event = EventFactory(slug="joint-forum", title="Joint Forum", is_published=False)
    event.networks.set([iclei, citynet])
    header = "slug,title,kind,networks"
    dropped = sheets.sheet(f"{header}\njoint-forum,Joint Forum,forum,iclei-east-asia", name="e.csv")
    page = sheets.text_of(sheets.preview(editor, "events_event", dropped))
    assert "may not add or remove other networks" in page
    kept = sheets.sheet(
        f"{header}\njoint-forum,Joint Forum 2024,forum,citynet; iclei-east-asia", name="e.csv"
    )
    sheets.confirm(editor, "events_event", sheets.preview(editor, "events_event", kept))
    event.refresh_from_db()
    assert event.title == "Joint Forum 2024"
    assert set(event.networks.all()) == {iclei, citynet}


# --- Publications ------------------------------------------------------------------------------


def test_publication_import_adds_and_updates_editions_and_keeps_the_rest(publisher, iclei):
    publication = PublicationFactory(
        slug="annual-report-2022", title="Annual Report 2022", networks=[iclei]
    )
    EditionFactory(publication=publication, language="en", link="https://example.org/en.pdf")
    EditionFactory(publication=publication, language="zh-hans", link="https://example.org/zh.pdf")
    upload = sheets.sheet(
        """
slug,title,kind,networks,editions
annual-report-2022,Annual Report 2022,report,iclei-east-asia,en:2023-05:https://example.org/en-v2.pdf; ko:2023-06:
""",
        name="publications.csv",
    )
    response = sheets.confirm(
        publisher,
        "publications_publication",
        sheets.preview(publisher, "publications_publication", upload),
    )
    assert response.status_code == 200
    editions = {e.language: e for e in publication.editions.all()}
    assert set(editions) == {"en", "zh-hans", "ko"}  # zh-hans was not listed and is kept
    assert editions["en"].link == "https://example.org/en-v2.pdf"
    assert (editions["en"].date, editions["en"].date_precision) == (dt.date(2023, 5, 1), "month")
    assert editions["ko"].link == ""


def test_publication_edition_link_must_be_http(publisher, iclei):
    upload = sheets.sheet(
        "title,kind,networks,editions\nGuide,handbook,iclei-east-asia,en:2023:javascript:alert(1)",
        name="publications.csv",
    )
    page = sheets.text_of(sheets.preview(publisher, "publications_publication", upload))
    assert "Confirm import" not in page
    assert "en:2023:javascript:alert(1): Enter a valid URL." in page
    assert not Publication.objects.exists()


# --- Exports -----------------------------------------------------------------------------------


def test_exports_run_the_same_number_of_queries_for_any_number_of_records(editor, iclei):
    def add_records(count):
        for _ in range(count):
            EventFactory().networks.set([iclei])
            MembershipFactory(network=iclei)
            EditionFactory(publication=PublicationFactory(networks=[iclei]), language="en")

    models = ("events_event", "network_membership", "publications_publication")
    urls = [reverse(f"admin:{model}_export") for model in models]
    data = {
        url: {"format": sheets.CSV_FORMAT, **sheets.export_all_fields(editor, url)} for url in urls
    }
    assert_constant(measure(editor, urls, add_records, data=data, method="post"))


def test_an_empty_publish_at_cell_keeps_the_records_publish_time(editor, publisher, iclei):
    """A sheet's empty "publish at" cell is no value, not a null: a new event gets the default
    time (an editor's new row is a draft all the same), an existing one keeps its time."""
    header = "slug,title,kind,networks,start,status,published,publish_at"
    new = sheets.sheet(
        f"{header}\n,Test webinar,webinar,iclei-east-asia,2026-Q1,planned,,", name="e.csv"
    )
    page = sheets.preview(editor, "events_event", new)
    assert "cannot be null" not in sheets.text_of(page)
    sheets.confirm(editor, "events_event", page)
    created = Event.objects.get(title="Test webinar")
    assert created.publish_at is not None and created.is_published is False

    scheduled = dt.datetime(2030, 1, 1, 9, 0, tzinfo=dt.UTC)
    Event.objects.filter(pk=created.pk).update(publish_at=scheduled)
    renamed = sheets.sheet(
        f"{header}\n{created.slug},Test webinar 2,webinar,iclei-east-asia,2026-Q1,planned,,",
        name="e.csv",
    )
    sheets.confirm(publisher, "events_event", sheets.preview(publisher, "events_event", renamed))
    created.refresh_from_db()
    assert (created.title, created.publish_at) == ("Test webinar 2", scheduled)

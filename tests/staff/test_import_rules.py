"""Imports run the same rules as the forms (issue 13, item 3): links, the event rules, the right to
publish, bounded reading of the file, and no traceback on the import page. Each refusal names
the row of the sheet (the header is row 1) and imports nothing."""

import io
import logging
import re
import time
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events import services as event_services
from events.models import Event
from network.models import Project
from publications.models import Publication
from staff.spreadsheets import SpreadsheetAdminMixin
from staff.spreadsheets.resource import SpreadsheetResource
from tests.api.test_writes import new_event, send, token_header
from tests.factories import (
    EditionFactory,
    EventFactory,
    NetworkFactory,
    OrganisationFactory,
    ProjectFactory,
    PublicationFactory,
)
from tests.staff import sheets

pytestmark = pytest.mark.django_db

HEADER = ["slug", "title", "kind", "networks", "start", "status", "online", "format", "links"]


def event_row(
    title="Webinar", start="2022-10", status="held", online="yes", fmt="online", links=""
):
    return ["", title, "webinar", "iclei-east-asia", start, status, online, fmt, links]


def preview_xlsx(client, rows, header=HEADER, model="events_event"):
    upload = sheets.xlsx([header, *rows])
    return sheets.preview(client, model, upload, sheets.XLSX_FORMAT)


def failing_rows(page: str) -> list[int]:
    """The row numbers of the preview's table of rows with problems."""

    return [int(n) for n in re.findall(r"<tr> <td>(\d+)</td>", page)]


# --- a. Links: one rule, on every path, and never an href for a bad stored one -------------------

BAD_LINKS = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " JavaScript:alert(document.cookie)",
    "https://portal.example.org\njavascript:alert(1)",
    "http://",
    "https://exa mple.org/",
    "https://",
]


@pytest.mark.parametrize("links", BAD_LINKS)
def test_a_row_whose_links_are_not_web_addresses_is_refused_by_its_row(publisher, iclei, links):
    response = preview_xlsx(
        publisher, [event_row("Good row", links="https://ok.example.org"), event_row(links=links)]
    )
    page = sheets.text_of(response)
    assert "Confirm import" not in page
    assert "Each link must start with http:// or https://" in page
    assert failing_rows(page) == [3]
    assert Event.objects.count() == 0


@pytest.mark.parametrize("links", BAD_LINKS)
def test_the_write_service_and_the_project_form_refuse_the_same_links(iclei, links):
    """The seed loader and the API save events through event_save; projects are checked by
    their model's validation in the admin form: one rule, one message."""
    event = Event(title="Forum", kind="forum", status="planned", links=links)
    with pytest.raises(ValidationError) as refused:
        event_services.event_save(event=event, networks=[iclei])
    assert "Each link must start with http:// or https://" in str(refused.value.message_dict)
    assert not Event.objects.exists()
    project = Project(network=iclei, title="Green Ports", slug="green-ports", links=links)
    with pytest.raises(ValidationError) as refused:
        project.full_clean()
    assert "Each link must start with http:// or https://" in str(refused.value.message_dict)


STORED = "javascript:alert(1)"


def test_a_bad_link_stored_before_the_rule_is_shown_as_text_never_as_a_link(client, iclei):
    event = EventFactory(title="Forum")
    event.networks.set([iclei])
    Event.objects.filter(pk=event.pk).update(links=f"{STORED}\nhttps://ok.example.org/forum")
    project = ProjectFactory(network=iclei, slug="green-ports")
    Project.objects.filter(pk=project.pk).update(links="data:text/html,x\nmailto:a@example.org")
    edition = EditionFactory(publication=PublicationFactory(slug="report"))
    type(edition).objects.filter(pk=edition.pk).update(link=STORED)
    member = OrganisationFactory(slug="seoul")
    type(member).objects.filter(pk=member.pk).update(website=STORED)
    network = NetworkFactory(slug="citynet")
    type(network).objects.filter(pk=network.pk).update(website=STORED)

    pages = {
        "event": client.get(event.get_absolute_url()),
        "project": client.get(project.get_absolute_url()),
        "publication": client.get(edition.publication.get_absolute_url()),
        "member": client.get(member.get_absolute_url()),
        "network": client.get(network.get_absolute_url()),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        for scheme in ("javascript:", "data:"):
            assert f'href="{scheme}' not in html.replace("&#x27;", "'"), name
    event_page = pages["event"].content.decode()
    assert 'href="https://ok.example.org/forum"' in event_page  # a good link still is one
    assert STORED in event_page  # the bad one is shown as text, for staff to correct
    assert 'href="mailto:a@example.org"' in pages["project"].content.decode()


# --- b. The event rules of the admin form -------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (event_row(start="2030", status="held", online="no", fmt=""), "status", "held event"),
        (
            event_row(start="2030-05-01", status="held", online="no", fmt="in-person"),
            "status",
            "held event",
        ),
        (event_row(online="yes", fmt="in-person"), "format", "not in person"),
        (event_row(online="no", fmt="online"), "online", "must be marked"),
    ],
    ids=["held-2030", "held-2030-day", "in-person-online", "online-not-marked"],
)
def test_event_rows_the_admin_form_refuses_are_refused_by_row(
    publisher, iclei, row, column, message
):
    page = sheets.text_of(preview_xlsx(publisher, [event_row("Good row"), row]))
    assert "Confirm import" not in page
    assert message in page
    assert failing_rows(page) == [3]
    assert Event.objects.count() == 0


def test_the_admin_form_and_the_import_give_the_same_message(publisher, iclei):
    """The rule lives in the event's validation, which the form, event_save (API, seed) and the
    import all run."""
    event = Event(title="Forum", kind="forum", status="held", start=None)
    with pytest.raises(ValidationError) as refused:
        event_services.event_save(event=event, start="2030", networks=[iclei])
    message = refused.value.message_dict["status"][0]
    page = sheets.text_of(preview_xlsx(publisher, [event_row(start="2030", online="no", fmt="")]))
    assert message in page


# --- c. Only publishers publish or schedule, on a new record too --------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [("publish_at", "2030-01-01 09:00"), ("publish_at", "2020-01-01 09:00"), ("published", "yes")],
)
def test_an_editor_may_not_publish_or_schedule_a_new_event_by_sheet(editor, iclei, column, value):
    response = preview_xlsx(editor, [[*event_row(), value]], header=[*HEADER, column])
    page = sheets.text_of(response)
    assert "Confirm import" not in page
    assert "Only publishers may publish, unpublish or schedule." in page
    assert failing_rows(page) == [2]
    assert Event.objects.count() == 0


def test_an_editor_may_not_schedule_a_new_publication_by_sheet(editor, iclei):
    header = ["slug", "title", "kind", "networks", "publish_at"]
    row = ["", "Annual Report", "report", "iclei-east-asia", "2030-01-01 09:00"]
    page = sheets.text_of(
        preview_xlsx(editor, [row], header=header, model="publications_publication")
    )
    assert "Only publishers may publish, unpublish or schedule." in page
    assert failing_rows(page) == [2]
    assert Publication.objects.count() == 0


def test_a_publisher_may_schedule_a_new_event_by_sheet_and_an_editor_leave_it_empty(
    editor, publisher, iclei
):
    header = [*HEADER, "publish_at"]
    for client, title, when in (
        (publisher, "Scheduled", "2030-01-01 09:00"),
        (editor, "Draft", ""),
    ):
        response = preview_xlsx(client, [[*event_row(title), when]], header=header)
        sheets.confirm(client, "events_event", response)
    assert Event.objects.get(title="Scheduled").publish_at.year == 2030
    assert Event.objects.get(title="Draft").is_published is False


def test_an_editor_may_not_schedule_a_new_event_through_the_api(client, network):
    header = token_header("add_event", "change_event", publisher=False)
    body = new_event(slug="scheduled-by-editor", is_published=False, publish_at="2030-01-01T09:00Z")
    response = send(client, "post", "/api/v1/events/", body, **header)
    assert response.status_code == 403 and "Only publishers" in response.json()["detail"]
    assert not Event.objects.filter(slug="scheduled-by-editor").exists()
    draft = new_event(slug="editors-draft", is_published=False)
    assert send(client, "post", "/api/v1/events/", draft, **header).status_code == 201


# --- e. The file is bounded before any row is read ----------------------------------------------


@pytest.fixture
def rows_read(monkeypatch):
    """The rows the import got to (none, when the file is refused before work starts)."""
    read = []
    original = SpreadsheetResource.import_row

    def import_row(self, row, instance_loader, **kwargs):
        read.append(kwargs.get("row_number"))
        return original(self, row, instance_loader, **kwargs)

    monkeypatch.setattr(SpreadsheetResource, "import_row", import_row)
    return read


def test_a_sheet_with_too_many_rows_is_refused_before_any_row_is_read(
    publisher, iclei, settings, rows_read
):
    settings.IMPORT_MAX_ROWS = 20
    rows = [event_row(f"Webinar {n}") for n in range(21)]
    csv_text = "\n".join(",".join(row) for row in [HEADER, *rows])
    for upload, file_format in (
        (sheets.xlsx([HEADER, *rows]), sheets.XLSX_FORMAT),
        (sheets.sheet(csv_text, name="events.csv"), sheets.CSV_FORMAT),
    ):
        page = sheets.text_of(sheets.preview(publisher, "events_event", upload, file_format))
        assert "import at most 20 at a time" in page
        assert "Confirm import" not in page
    assert rows_read == []
    assert Event.objects.count() == 0


SHARED_STRINGS = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
)


def xlsx_with_sheet(sheet_xml: str, strings: str | None = None) -> io.BytesIO:
    """An XLSX made by openpyxl whose sheet is `sheet_xml` (what a hand-made or hostile file
    may hold: any dimension, any row numbers, any number of rows), with the shared strings
    `strings` (<si> elements) if given."""
    book = io.BytesIO()
    openpyxl.Workbook().save(book)
    out = io.BytesIO()
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zip_:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            if strings and item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS[0]}"/>'
                    "</Types>".encode(),
                )
            if strings and item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rId99" Type="{SHARED_STRINGS[1]}" '
                    'Target="sharedStrings.xml"/></Relationships>'.encode(),
                )
            zip_.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        if strings:
            zip_.writestr(
                "xl/sharedStrings.xml",
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f"{strings}</sst>",
                compress_type=zipfile.ZIP_DEFLATED,
                compresslevel=9,
            )
    out.seek(0)
    out.name = "events.xlsx"
    return out


def sheet_xml(rows: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{rows}</sheetData></worksheet>"
    )


def inline_row(number: int, *values: str) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


HEADER_ROW = inline_row(1, "slug", "title", "kind", "networks")


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        # A declared dimension of the whole sheet: a million rows of 16,384 empty cells.
        (sheet_xml(HEADER_ROW, "A1:XFD1048576"), "The sheet has 1048575 rows; import at most"),
        (sheet_xml(HEADER_ROW, "A1:XFD3"), "16384 columns; an import reads at most 100"),
        # One row numbered 1,000,000: openpyxl makes up the 999,998 rows before it.
        (
            sheet_xml(HEADER_ROW + inline_row(1_000_000, "", "Late")),
            "The sheet has more than 5000 rows",
        ),
        # A cell in the last column, no dimension.
        (
            sheet_xml(HEADER_ROW + '<row r="2"><c r="XFD2"><v>1</v></c></row>'),
            "more than 100 columns; an import reads at most 100",
        ),
        # The 419 KB file: 800,000 rows that unpack to tens of megabytes.
        (
            sheet_xml(HEADER_ROW + '<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 800_000),
            "unpacks to",
        ),
    ],
    ids=["declared-dimension", "declared-columns", "row-1000000", "column-xfd", "zip-bomb"],
)
def test_a_small_xlsx_that_unpacks_to_a_huge_sheet_is_refused_at_once(
    publisher, iclei, rows_read, xml, message
):
    upload = xlsx_with_sheet(xml)
    assert len(upload.getvalue()) < 1024 * 1024
    started = time.monotonic()
    page = sheets.text_of(sheets.preview(publisher, "events_event", upload, sheets.XLSX_FORMAT))
    assert time.monotonic() - started < 5
    assert message in page
    assert "Confirm import" not in page
    assert rows_read == []


def test_a_sheet_slow_to_read_is_stopped_at_the_deadline(publisher, iclei, settings, rows_read):
    """A million tiny shared strings unpack to little but take openpyxl long to read: the
    deadline covers the opening of the file as well as its rows."""
    settings.IMPORT_MAX_READ_SECONDS = 1
    upload = xlsx_with_sheet(
        sheet_xml(HEADER_ROW),
        strings="<si><t>x</t></si>" * 1_000_000,
    )
    started = time.monotonic()
    page = sheets.text_of(sheets.preview(publisher, "events_event", upload, sheets.XLSX_FORMAT))
    assert time.monotonic() - started < 5
    assert "Reading this sheet took longer than 1 seconds, so it was stopped." in page
    assert rows_read == []


def test_a_sheet_whose_dimension_is_smaller_than_its_rows_is_read_whole(publisher, iclei, settings):
    """A dimension is only a declaration: rows beyond it are read (and counted), not dropped."""
    settings.IMPORT_MAX_ROWS = 10
    rows = "".join(
        inline_row(n, "", f"Webinar {n}", "webinar", "iclei-east-asia") for n in range(2, 20)
    )
    upload = xlsx_with_sheet(sheet_xml(HEADER_ROW + rows, "A1:D2"))
    page = sheets.text_of(sheets.preview(publisher, "events_event", upload, sheets.XLSX_FORMAT))
    assert "The sheet has more than 10 rows" in page


def test_an_ordinary_xlsx_still_imports(publisher, iclei):
    rows = "".join(
        inline_row(n, "", f"Webinar {n}", "webinar", "iclei-east-asia") for n in range(2, 5)
    )
    upload = xlsx_with_sheet(sheet_xml(HEADER_ROW + rows))
    sheets.confirm(
        publisher,
        "events_event",
        sheets.preview(publisher, "events_event", upload, sheets.XLSX_FORMAT),
    )
    assert sorted(Event.objects.values_list("title", flat=True)) == [
        "Webinar 2",
        "Webinar 3",
        "Webinar 4",
    ]


# --- f. No traceback on the import page under production settings --------------------------------

SECRET = "/srv/portal/events/services.py line 42: boom"


def assert_no_traceback(page: str):
    for leak in ("Traceback", "site-packages", ".py", "boom", 'File "'):
        assert leak not in page, leak


def test_a_problem_with_the_file_shows_its_message_and_no_traceback(publisher, iclei, settings):
    settings.DEBUG = False
    upload = sheets.sheet("title,kind,networks,colour\nForum,forum,iclei-east-asia,red", "e.csv")
    page = sheets.text_of(sheets.preview(publisher, "events_event", upload))
    assert "These columns are not read by this import: colour" in page
    assert "Confirm import" not in page
    assert_no_traceback(page)


def test_an_unexpected_error_in_a_row_is_logged_and_named_by_its_row(
    publisher, iclei, settings, monkeypatch, caplog
):
    settings.DEBUG = False

    def broken(**kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(event_services, "event_save", broken)
    with caplog.at_level(logging.ERROR):
        page = sheets.text_of(preview_xlsx(publisher, [event_row()]))
    assert "Row 2: The import stopped on an error it did not expect" in page
    assert "Confirm import" not in page
    assert_no_traceback(page)
    assert any(SECRET in record.exc_text for record in caplog.records if record.exc_text)
    assert Event.objects.count() == 0


def test_an_unexpected_error_on_confirm_imports_nothing_and_shows_no_traceback(
    publisher, iclei, settings, monkeypatch
):
    settings.DEBUG = False
    preview = preview_xlsx(publisher, [event_row("First"), event_row("Second")])
    saved = event_services.event_save

    def fails_on_second(*, event, **kwargs):
        if event.title == "Second":
            raise RuntimeError(SECRET)
        return saved(event=event, **kwargs)

    monkeypatch.setattr(event_services, "event_save", fails_on_second)
    page = sheets.text_of(sheets.confirm(publisher, "events_event", preview))
    assert "Nothing was imported." in page and "Row 3: The import stopped" in page
    assert_no_traceback(page)
    assert Event.objects.count() == 0


def test_an_error_outside_the_rows_is_a_message_not_a_server_error(
    publisher, iclei, settings, monkeypatch
):
    settings.DEBUG = False

    def unwritable(self, import_file, input_format):
        raise OSError(SECRET)

    monkeypatch.setattr(SpreadsheetAdminMixin, "write_to_tmp_storage", unwritable)
    response = preview_xlsx(publisher, [event_row()])
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_event_import")
    page = sheets.text_of(publisher.get(response["Location"]))
    assert "The import stopped on an error it did not expect" in page
    assert_no_traceback(page)

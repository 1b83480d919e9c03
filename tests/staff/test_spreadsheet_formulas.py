"""The admin's spreadsheet exports (memberships, events, publications; CSV and XLSX) never hand a
spreadsheet program a formula to run (OWASP's CSV injection), and an exported sheet still
imports back to the values it was exported with."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from events.models import Event
from events.spreadsheets import EventResource
from network.models import Organisation
from publications.models import Publication
from tests.factories import EventFactory, MembershipFactory, OrganisationFactory, PublicationFactory
from tests.staff import sheets

pytestmark = pytest.mark.django_db

# What a spreadsheet program runs on opening: a command (DDE) and a function call.
FORMULAS = ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]

# admin list → the column that holds the text under test
SHEETS = {
    "events_event": "title",
    "publications_publication": "title",
    "network_membership": "name",
}


def add_records(model, network, texts):
    for text in texts:
        if model == "events_event":
            EventFactory(title=text, networks=[network])
        elif model == "publications_publication":
            PublicationFactory(title=text, networks=[network])
        else:
            MembershipFactory(organisation=OrganisationFactory(name=text), network=network)


def texts_of(model) -> set[str]:
    if model == "network_membership":
        return set(Organisation.objects.values_list("name", flat=True))
    records = Event if model == "events_event" else Publication
    return set(records.objects.values_list("title", flat=True))


def export(client, model, file_format) -> bytes:
    url = reverse(f"admin:{model}_export")
    response = client.post(url, {"format": file_format, **sheets.export_all_fields(client, url)})
    assert response.status_code == 200
    return response.content


def column_of_csv(content: bytes, column: str) -> list[str]:
    return [row[column] for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))]


def column_of_xlsx(content: bytes, column: str) -> list[openpyxl.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    header, *rows = book.active.iter_rows()
    index = [cell.value for cell in header].index(column)
    return [row[index] for row in rows]


def upload(content: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


@pytest.mark.parametrize("model", SHEETS)
def test_csv_export_writes_formula_like_text_as_text(publisher, iclei, model):
    add_records(model, iclei, FORMULAS)
    cells = column_of_csv(export(publisher, model, sheets.CSV_FORMAT), SHEETS[model])
    assert sorted(cells) == sorted("'" + text for text in FORMULAS)


@pytest.mark.parametrize("model", SHEETS)
def test_xlsx_export_has_no_formula_cell(publisher, iclei, model):
    add_records(model, iclei, FORMULAS)
    content = export(publisher, model, sheets.XLSX_FORMAT)
    cells = column_of_xlsx(content, SHEETS[model])
    assert sorted(cell.value for cell in cells) == sorted("'" + text for text in FORMULAS)
    assert {cell.data_type for cell in cells} == {"s"}  # text, not "f" (a formula)
    every_cell = [
        cell for row in openpyxl.load_workbook(io.BytesIO(content)).active for cell in row
    ]
    assert "f" not in {cell.data_type for cell in every_cell}


@pytest.mark.parametrize("file_format, name", [(sheets.CSV_FORMAT, "s.csv"), ("1", "s.xlsx")])
@pytest.mark.parametrize("model", SHEETS)
def test_an_exported_sheet_imports_back_to_the_original_text(
    publisher, iclei, model, file_format, name
):
    """Export → import gives back the text itself, without the quote the export added: unchanged
    rows are skipped, and a record renamed meanwhile gets its exported text back."""
    add_records(model, iclei, FORMULAS)
    content = export(publisher, model, file_format)

    page = sheets.text_of(sheets.preview(publisher, model, upload(content, name), file_format))
    assert "Skipped" in page and "Update" not in page  # nothing to change

    if model == "network_membership":
        Organisation.objects.filter(name=FORMULAS[0]).update(name="Renamed")
    else:
        Event.objects.filter(title=FORMULAS[0]).update(title="Renamed")
        Publication.objects.filter(title=FORMULAS[0]).update(title="Renamed")
    response = sheets.confirm(
        publisher, model, sheets.preview(publisher, model, upload(content, name), file_format)
    )
    assert response.status_code == 200
    assert texts_of(model) == set(FORMULAS)


def test_number_columns_keep_their_minus_sign_and_text_columns_are_defused():
    """-3 in a number column is a number, not a formula; '-3 °C' in a text column is defused."""
    row = dict(
        zip(
            EventResource().get_export_headers(),
            EventResource().export_resource(
                Event(title="-3 °C in Harbin", attendance_in_person=-3, description="+ more")
            ),
            strict=True,
        )
    )
    assert row["attendance_in_person"] == "-3"
    assert (row["title"], row["description"]) == ("'-3 °C in Harbin", "'+ more")

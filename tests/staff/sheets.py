"""Spreadsheets in the admin as staff use them: a sheet to upload, its preview, "Confirm import",
and the page's text to read the outcome from."""

import io
import re

import openpyxl
from django.urls import reverse

CSV_FORMAT, XLSX_FORMAT = "0", "1"  # positions in the import form's format list
MEMBER_COLUMNS = "name,native_name,kind,country,network,type,region,joined"


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


def export_all_fields(client, url) -> dict:
    """The export form's field checkboxes, all ticked (as the form offers them)."""
    html = client.get(url).content.decode()
    return dict.fromkeys(
        re.findall(r'name="([^"]+)"[^>]*type="checkbox"', html), "on"
    ) | dict.fromkeys(re.findall(r'type="checkbox"[^>]*name="([^"]+)"', html), "on")

"""Reading an uploaded sheet into rows, with bounds checked before any work starts.

A sheet to import is refused, with a message that says why, when it is more than the import
will read: more rows than `IMPORT_MAX_ROWS` (the header not counted), more columns than
`IMPORT_MAX_COLUMNS`, an XLSX whose parts add up to more than `IMPORT_MAX_UNCOMPRESSED_BYTES`
once unpacked, or one that takes longer than `IMPORT_MAX_READ_SECONDS` to read. The upload
itself is bounded by `IMPORT_MAX_BYTES` (the upload form).

An XLSX is a zip of XML files, and a small one can unpack to a great deal: 400 KB of repeated
rows unpack to tens of megabytes and hundreds of thousands of rows, and a single row numbered
1,000,000 or a declared dimension of A1:XFD1048576 make openpyxl produce a million empty rows or
16,384 empty cells per row. So, in this order:
1. the zip's directory: the number of parts and the sum of their unpacked sizes. Python's zipfile
   never unpacks more than the size the directory declares (it stops there and fails the
   checksum), so the declared sum bounds what openpyxl can read;
2. the sheet's declared dimension (openpyxl in read-only mode reads it without reading the
   rows): too many rows or columns are refused at once;
3. the rows themselves, counted as they are read (the dimension may be absent or may lie), a
   value beyond the column limit refused;
and all along, against the clock: every read of a part of the zip (the shared strings, which
openpyxl reads whole when it opens the file, and the sheet) checks the deadline.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile

import tablib
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from openpyxl.reader.excel import ExcelReader

#: The most parts an XLSX of one sheet of records has any reason to hold.
MAX_ZIP_PARTS = 1000


class SheetRefused(Exception):
    """The file is not read: its message says why, for the upload form. (Not a ValueError,
    which openpyxl would wrap in its own message.)"""


def too_many_rows(rows: int | None) -> SheetRefused:
    """`rows`: how many rows the sheet has below its header (None: more than the limit, not
    counted further)."""
    if rows is None:
        text = gettext(
            "The sheet has more than %(limit)d rows; import at most %(limit)d at a time."
        )
    else:
        text = gettext("The sheet has %(rows)d rows; import at most %(limit)d at a time.")
    hint = gettext("If the rows below your records look empty, delete them.")
    return SheetRefused(f"{text % {'rows': rows, 'limit': settings.IMPORT_MAX_ROWS}} {hint}")


def too_many_columns(columns: int | str) -> SheetRefused:
    return SheetRefused(
        gettext(
            "The sheet has %(columns)s columns; an import reads at most %(limit)d. Delete the "
            "columns to the right of your records."
        )
        % {"columns": columns, "limit": settings.IMPORT_MAX_COLUMNS}
    )


def too_slow() -> SheetRefused:
    return SheetRefused(
        gettext(
            "Reading this sheet took longer than %(seconds)d seconds, so it was stopped. Import "
            "fewer rows at a time, or save the sheet as CSV and import that."
        )
        % {"seconds": settings.IMPORT_MAX_READ_SECONDS}
    )


class Clock:
    def __init__(self):
        self.deadline = time.monotonic() + settings.IMPORT_MAX_READ_SECONDS

    def check(self):
        if time.monotonic() > self.deadline:
            raise too_slow()


class TimedStream:
    """A part of the zip whose every read looks at the clock: the XML parsers read in chunks
    (16 KB), so a part that is slow to parse (a million tiny shared strings) is stopped."""

    def __init__(self, stream, clock: Clock):
        self.stream, self.clock = stream, clock

    def read(self, *args):
        self.clock.check()
        return self.stream.read(*args)

    def __getattr__(self, name):
        return getattr(self.stream, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.close()


class TimedZipFile(zipfile.ZipFile):
    clock: Clock | None = None

    def open(self, name, mode="r", *args, **kwargs):
        stream = super().open(name, mode, *args, **kwargs)
        return TimedStream(stream, self.clock) if mode == "r" and self.clock else stream


def timed_workbook(data: bytes, clock: Clock):
    """openpyxl's read-only workbook, every part of it read against `clock` (the shared
    strings are read whole when the workbook opens, the rows as they are iterated)."""
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.archive = TimedZipFile(io.BytesIO(data))
    reader.archive.clock = clock
    reader.read()
    return reader.wb


def csv_rows_checked(text: str) -> None:
    """Count the CSV's rows and columns before tablib reads it (counting is cheap: the upload
    is at most IMPORT_MAX_BYTES)."""
    clock = Clock()
    rows = -1  # the header
    for rows, row in enumerate(csv.reader(io.StringIO(text))):  # noqa: B007
        if len(row) > settings.IMPORT_MAX_COLUMNS:
            raise too_many_columns(len(row))
        if rows % 500 == 0:
            clock.check()
    if rows > settings.IMPORT_MAX_ROWS:
        raise too_many_rows(rows)


def zip_checked(data: bytes) -> None:
    """Refuse an XLSX whose parts would unpack to more than the limit (a "zip bomb")."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip: openpyxl says so, and the form says "could not be read"
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_ZIP_PARTS or unpacked > settings.IMPORT_MAX_UNCOMPRESSED_BYTES:
        raise SheetRefused(
            gettext(
                "This XLSX file unpacks to %(size)s; an import reads at most %(limit)s. Import "
                "fewer rows at a time, or save the sheet as CSV and import that."
            )
            % {
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(settings.IMPORT_MAX_UNCOMPRESSED_BYTES),
            }
        )


def xlsx_dataset(data: bytes) -> tablib.Dataset:
    """The first sheet of an XLSX as a dataset (header, then rows of values), read within the
    bounds above; columns on the right that are empty throughout are left out."""
    zip_checked(data)
    max_rows, max_columns = settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS
    clock = Clock()
    book = timed_workbook(data, clock)
    try:
        sheet = book.active
        declared_rows, declared_columns = sheet.max_row, sheet.max_column
        if declared_rows is not None and declared_rows - 1 > max_rows:
            raise too_many_rows(declared_rows - 1)
        if declared_columns is not None and declared_columns > max_columns:
            raise too_many_columns(declared_columns)
        clock.check()
        # The rows as they are, not as declared (a dimension may be absent, or smaller than
        # the rows: these would be left out unseen). Without a dimension openpyxl pads no row
        # and makes up no cell: each row is as wide as its last cell.
        sheet.reset_dimensions()
        rows = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            if number > max_rows + 1:
                raise too_many_rows(None)
            if any(value is not None for value in row[max_columns:]):
                raise too_many_columns(gettext("more than %(limit)d") % {"limit": max_columns})
            rows.append(row[:max_columns])
            if number % 200 == 0:
                clock.check()
    finally:
        book.close()
    width = max(
        (index + 1 for row in rows for index, value in enumerate(row) if value is not None),
        default=0,
    )
    dataset = tablib.Dataset()
    for row in rows:
        cells = list(row[:width]) + [None] * (width - len(row))
        if dataset.headers is None:
            dataset.headers = cells
        else:
            dataset.append(cells)
    return dataset

"""The one rule for text written into a spreadsheet cell (core.spreadsheet_cells): formula-like
text is written as text, and reading it back gives the text itself."""

import io
from decimal import Decimal

import openpyxl
import pytest
import tablib

from core.spreadsheet_cells import defused, undefused
from staff.spreadsheets import XLSXOfValues

FORMULA_LIKE = [
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=1+1",  # a text that really begins with a quote and "=": written ''=1+1, read back as is
    "''@x",
]
PLAIN = ["Forum", "", "'s-Hertogenbosch", "1+1", " =1", "EcoMobility = mobility"]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_gets_one_quote_in_front_and_loses_it_on_reading(text):
    assert defused(text) == "'" + text
    assert undefused(defused(text)) == text


@pytest.mark.parametrize("text", PLAIN)
def test_other_text_is_written_and_read_as_it_is(text):
    assert defused(text) == text
    assert undefused(text) == text


@pytest.mark.parametrize("value", [-3, -2.5, Decimal("-1.5"), None, True])
def test_numbers_and_other_values_are_not_text_and_stay_as_they_are(value):
    assert defused(value) is value


def test_the_xlsx_writer_stores_no_cell_as_a_formula_whatever_column_it_comes_from():
    dataset = tablib.Dataset(["=1+1", "@SUM(1)", -3, "-3"], headers=["a", "b", "c", "d"])
    content = XLSXOfValues().export_data(dataset)
    _, row = openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows()
    assert [cell.data_type for cell in row] == ["s", "s", "n", "s"]
    assert [cell.value for cell in row] == ["'=1+1", "@SUM(1)", -3, "-3"]

"""core.time_scope: the years a record counts for, as staff type them and as reports read them."""

import pytest
from django.core.exceptions import ValidationError

from core.time_scope import parse_years, scope_years, years_text


@pytest.mark.parametrize(
    ("typed", "years"),
    [
        ("2020, 2022", (2020, 2022)),
        ("2022 2020 2022", (2020, 2022)),
        ("2020，2022", (2020, 2022)),  # full-width and ideographic commas, as typed with a CJK
        ("2020、2022", (2020, 2022)),  # keyboard, separate years too
        ("", ()),
        (None, ()),
        ([2022, "2020"], (2020, 2022)),
    ],
)
def test_years_as_staff_type_them(typed, years):
    assert parse_years(typed) == years


@pytest.mark.parametrize("typed", ["22", "2020-2022", "twenty", "1800", "2020, Q4"])
def test_what_is_not_a_year_is_named_in_the_error(typed):
    with pytest.raises(ValidationError) as error:
        parse_years(typed)
    assert "is not a year" in error.value.messages[0]


def test_stored_form_is_sorted_and_once_each():
    assert years_text([2022, 2020, 2022]) == "2020 2022"


@pytest.mark.parametrize(
    ("period", "reported", "scope"),
    [
        ((2021, 2024, False), [2020], (2021, 2024)),  # a closed period decides
        ((2022, None, False), [], (2022, 2022)),  # one dated period (an event of 2022)
        ((2017, None, True), [2020], (2017, 2020)),  # ongoing: as far as its last report says
        ((2017, None, True), [2020, 2022], (2017, 2022)),
        ((2017, None, True), [], (2017, None)),  # ongoing, no report: open
        ((2021, None, True), [2020], (2021, 2021)),  # announced before it starts
        ((None, 2022, False), [], (2022, 2022)),  # only an end: that year alone
        ((None, 2022, False), [2020], (2020, 2022)),
        ((None, None, False), [2020, 2022], (2020, 2022)),  # reported: those years and between
        ((None, None, False), [], (None, None)),  # nothing known
    ],
)
def test_scope_years(period, reported, scope):
    first, last, open_ended = period
    assert scope_years(first, last, reported, open_ended=open_ended) == scope

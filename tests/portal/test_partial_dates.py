import datetime as dt

import pytest
from django.utils import translation

from core.partial_dates import PartialDate, format_period
from tests.factories import TermFactory


@pytest.mark.parametrize(
    ("text", "first", "last", "shown"),
    [
        ("2022-10-03", dt.date(2022, 10, 3), dt.date(2022, 10, 3), "3 Oct 2022"),
        ("2023-10", dt.date(2023, 10, 1), dt.date(2023, 10, 31), "Oct 2023"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "Feb 2024"),
        ("2023-Q4", dt.date(2023, 10, 1), dt.date(2023, 12, 31), "Q4 2023"),
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "2023"),
    ],
)
def test_partial_date_parse_gives_period_and_display(text, first, last, shown):
    """Each precision reads from its string form, spans its whole period and shows as reports do."""
    date = PartialDate.parse(text)
    assert (date.first, date.last, str(date)) == (first, last, shown)
    assert date.isoformat() == text


@pytest.mark.parametrize("text", ["2022-13", "2022-02-30", "22-10", "2022-Q5", "Oct 2022", ""])
def test_partial_date_parse_rejects_malformed_with_message(text):
    """A malformed or impossible date is refused with a message that names it."""
    with pytest.raises(ValueError, match="not a"):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("start", "end", "precision", "shown"),
    [
        (dt.date(2022, 10, 3), dt.date(2022, 10, 7), "day", "3–7 Oct 2022"),
        (dt.date(2022, 8, 29), dt.date(2022, 9, 1), "day", "29 Aug – 1 Sep 2022"),
        (dt.date(2022, 12, 30), dt.date(2023, 1, 2), "day", "30 Dec 2022 – 2 Jan 2023"),
        (dt.date(2023, 11, 1), dt.date(2023, 12, 31), "month", "Nov–Dec 2023"),
        (dt.date(2022, 12, 1), dt.date(2023, 1, 31), "month", "Dec 2022 – Jan 2023"),
        (dt.date(2023, 7, 1), dt.date(2023, 12, 31), "quarter", "Q3–Q4 2023"),
        (dt.date(2021, 1, 1), dt.date(2024, 12, 31), "year", "2021–2024"),
        (dt.date(2022, 10, 3), None, "day", "3 Oct 2022"),
    ],
)
def test_format_period_shows_ranges_like_the_reports(start, end, precision, shown):
    """Ranges collapse shared month and year: "3–7 Oct 2022", "Nov–Dec 2023", "2021–2024"."""
    assert format_period(start, end, precision) == shown


def test_format_period_follows_the_language_of_each_call():
    """Periods are remembered per process (core.partial_dates._format_period), keyed by the
    language: a period shown in English, then in Korean, then in English again, is each time in
    that call's language."""
    october = (dt.date(2022, 10, 3), dt.date(2022, 10, 7), "day")
    with translation.override("en"):
        english = format_period(*october)
    with translation.override("ko"):
        korean = format_period(*october)
    with translation.override("en"):
        again = format_period(*october)
    assert english == again == "3–7 Oct 2022"
    assert "10월" in korean


def test_partial_dates_sort_by_first_day_across_precisions():
    """A year sorts before a month of it, which sorts before a later day: by the period's start."""
    dates = [PartialDate.parse(t) for t in ["2023-10-05", "2023", "2023-Q4", "2022-12"]]
    assert [d.isoformat() for d in sorted(dates)] == ["2022-12", "2023", "2023-Q4", "2023-10-05"]


@pytest.mark.django_db
def test_partial_date_range_snaps_to_period_when_saved():
    """A year-precision term saved with any days in it keeps the whole years and shows them."""
    term = TermFactory(start=dt.date(2021, 6, 5), end=dt.date(2024, 3, 1), date_precision="year")
    term.refresh_from_db()
    assert (term.start, term.end, term.when) == (
        dt.date(2021, 1, 1),
        dt.date(2024, 12, 31),
        "2021–2024",
    )


@pytest.mark.django_db
def test_partial_date_range_clean_refuses_end_before_start():
    """An end before the start is an error on the 'end' field, in words an editor understands."""
    from django.core.exceptions import ValidationError

    term = TermFactory.build(start=dt.date(2024, 1, 1), end=dt.date(2021, 1, 1))
    with pytest.raises(ValidationError) as error:
        term.clean()
    assert error.value.message_dict["end"] == ["The end is before the start."]


def test_set_partial_dates_refuses_mixed_precisions():
    """A range whose ends are of different precisions is refused, not guessed."""
    term = TermFactory.build()
    with pytest.raises(ValueError, match="different precisions"):
        term.set_partial_dates("2022-10", "2023")
    term.set_partial_dates("2022-10", "2022-12")
    assert term.when == "Oct–Dec 2022"

"""The portal's languages as a visitor meets them: the switcher, translated pages, dates and
country names in the page's language (issue 16's first part: the interface catalogues)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import translation

from core.partial_dates import format_period
from tests.factories import EventFactory, MembershipFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_switcher_names_each_language_in_itself(client):
    html = client.get("/").content.decode()
    for code, name in [
        ("en", "English"),
        ("zh-hans", "中文（简体）"),
        ("zh-hant", "中文（繁體）"),
        ("ko", "한국어"),
        ("ja", "日本語"),
        ("mn", "Монгол"),
    ]:
        assert f'<option value="{code}" lang="{code}"' in html and f">{name}</option>" in html
    assert ">Mongolian</option>" not in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ko", "행사"), ("ja", "イベント"), ("zh-hans", "活动"), ("mn", "Арга хэмжээ")],
)
def test_events_page_reads_in_the_visitors_language(language, heading):
    """Accept-Language chooses the language: the page's own words come from its catalogue."""
    EventFactory(title="Daring Cities", start=dt.date(2022, 10, 5))
    html = Client(headers={"accept-language": language}).get("/events/").content.decode()
    assert f'<html lang="{language}"' in html
    assert heading in html
    assert "Date not given" not in html and ">Past<" not in html


def test_mongolian_months_keep_their_case_and_no_stray_space():
    """Django's Mongolian "8-р сар " (a trailing space), title-cased, gave "8-Р Сар  29"."""
    with translation.override("mn"):
        text = format_period(dt.date(2023, 8, 29), None, "day")
    assert "8-р сар" in text and "Р Сар" not in text and "  " not in text


def test_country_names_in_the_page_language():
    """Country names come from django-countries' own catalogues (it was not an installed app,
    so a Korean page said "South Korea")."""
    network = NetworkFactory(name="CityNet")
    MembershipFactory(
        network=network, organisation=OrganisationFactory(name="Seoul", slug="seoul", country="KR")
    )
    html = Client(headers={"accept-language": "ko"}).get("/members/seoul/").content.decode()
    assert "대한민국" in html


@pytest.mark.parametrize(
    ("language", "month", "as_of"),
    [
        ("en", "November 2022", "31 Dec 2022"),
        ("ko", "2022년 11월", "2022년 12월 31일"),
        ("ja", "2022年11月", "2022年12月31日"),
    ],
)
def test_calendar_month_and_report_dates_read_in_the_page_language(language, month, as_of):
    """Not "11월 2022" (Django's "F Y" glued a Korean month name before the year) nor the
    report's "as of 2022-12-31" in ISO: the language's own order."""
    network = NetworkFactory(name="CityNet", slug="citynet")
    EventFactory(title="Forum", networks=[network], start=dt.date(2022, 11, 8))
    reader = Client(headers={"accept-language": language})
    calendar = reader.get("/events/calendar/2022/11/").content.decode()
    assert "<caption" in calendar and month in calendar
    report = reader.get("/reports/citynet/2022/").content.decode()
    assert as_of in report and "2022-12-31<" not in report and "as of 2022-12-31" not in report


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "30 Nov – 12 Dec 2023"),
        ("zh-hans", "2023年11月30日至12月12日"),
        ("zh-hant", "2023年11月30日至12月12日"),
        ("ko", "2023년 11월 30일 ~ 12월 12일"),
        ("ja", "2023年11月30日～12月12日"),
        ("mn", "2023 оны 11-р сар 30 – 12-р сар 12"),
    ],
)
def test_partial_dates_read_naturally_in_each_language(language, expected):
    """COP28's dates (000: "11.30-12.12") in each language's own order and month words: never
    a Chinese month name between digits ("2023年十一月30日") nor a day before a Korean month."""
    with translation.override(language):
        assert format_period(dt.date(2023, 11, 30), dt.date(2023, 12, 12), "day") == expected


def test_sort_options_read_in_the_page_language():
    """The directory's "Sort by" options: django-filter made "Name (descending)" once, in
    English, when the filter class was defined."""
    html = Client(headers={"accept-language": "ko"}).get("/members/").content.decode()
    assert "이름 (내림차순)" in html and "(descending)" not in html
    english = Client(headers={"accept-language": "en"}).get("/members/").content.decode()
    assert "Name (descending)" in english


def test_admin_form_labels_of_relations_are_translated(superuser_client):
    """A membership's organisation, network and region fields had no translatable name:
    the Korean admin said "Network:" and "Organisation:" among Korean labels."""
    superuser_client.cookies["django_language"] = "ko"
    html = superuser_client.get(
        "/admin/network/membership/add/", headers={"accept-language": "ko"}
    ).content.decode()
    assert ">기관:</label>" in html and ">네트워크:</label>" in html
    assert ">Network:</label>" not in html and ">Organisation:</label>" not in html


@pytest.mark.parametrize(
    ("language", "year", "years"),
    [
        ("en", "2023", "2021–2024"),
        ("zh-hans", "2023年", "2021至2024年"),
        ("ko", "2023년", "2021~2024년"),
        ("ja", "2023年", "2021～2024年"),
        ("mn", "2023 он", "2021–2024 он"),
    ],
)
def test_year_dates_read_as_years_in_each_language(language, year, years):
    """A date known only to the year (NEASPEC's 2023 outputs, a 2021–2024 term) is a year in
    the language's words, not a bare number in a Korean sentence."""
    with translation.override(language):
        assert format_period(dt.date(2023, 1, 1), None, "year") == year
        assert format_period(dt.date(2021, 1, 1), dt.date(2024, 1, 1), "year") == years

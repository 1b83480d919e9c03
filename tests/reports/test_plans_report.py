"""A report's activities are what happened, its preview what was planned; dates as known."""

import datetime as dt
import re

import pytest

from network.models import Network
from portal.models import Story
from portal.reports import build_report
from tests.factories import NetworkFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db

PASSED = "Date passed — not confirmed"


def titles(section) -> list[str]:
    return [event["title"] for group in section["groups"] for event in group["events"]]


def test_activities_leave_out_cancelled_and_postponed_events(client):
    """Held and not-known-cancelled events count; cancelled and postponed ones do not."""
    network = NetworkFactory(slug="citynet", name="CityNet")
    for title, status in [
        ("Held forum", "held"),
        ("Unconfirmed forum", "planned"),
        ("Cancelled forum", "cancelled"),
        ("Postponed forum", "postponed"),
    ]:
        EventFactory(title=title, networks=[network], start=dt.date(2022, 6, 1), status=status)
    activities = build_report(network, 2022)["activities"]
    assert sorted(titles(activities)) == ["Held forum", "Unconfirmed forum"]
    assert activities["total"] == 2
    assert [(row["title"], row["status_label"]) for row in activities["not_held"]] == [
        ("Cancelled forum", "Cancelled"),
        ("Postponed forum", "Postponed"),
    ]
    html = client.get("/reports/citynet/2022/").content.decode()
    section = html[
        html.index('id="activities"') : html.index("</section>", html.index('id="activities"'))
    ]
    assert "Cancelled forum" not in section and "Postponed forum" not in section
    row = re.search(r"<tr><td>[^<]*</td><td><a[^>]*>Unconfirmed forum</a>(.*?)</td>", section)
    assert row and PASSED in row.group(1)
    held = re.search(r"<tr><td>[^<]*</td><td><a[^>]*>Held forum</a>(.*?)</td>", section)
    assert held and held.group(1) == ""
    apart = html[html.index('id="not-held"') :]
    assert "Cancelled or postponed in 2022" in apart and "Cancelled forum" in apart


def test_preview_shows_next_years_plans_as_they_turned_out(client):
    """The 2022 report's 2023 preview lists 2023's events, cancelled ones too, each with the
    status the pages show now: never "Planned" for a day gone by."""
    network = NetworkFactory(slug="iclei-east-asia", name="ICLEI East Asia")
    EventFactory(
        title="UNFCCC COP28",
        networks=[network],
        start=dt.date(2023, 11, 30),
        end=dt.date(2023, 12, 12),
        status="planned",
    )
    EventFactory(
        title="Cancelled 2023", networks=[network], start=dt.date(2023, 3, 1), status="cancelled"
    )
    preview = {row["title"]: row for row in build_report(network, 2022)["preview"]}
    assert preview["UNFCCC COP28"]["status"] == "planned"
    assert preview["UNFCCC COP28"]["shown_status"] == "date-passed"
    assert preview["UNFCCC COP28"]["status_label"] == PASSED
    assert preview["Cancelled 2023"]["status_label"] == "Cancelled"
    html = client.get("/reports/iclei-east-asia/2022/").content.decode()
    assert ">Planned<" not in html and PASSED in html


def test_events_by_month_count_a_span_in_every_month_and_quarters_and_years_apart(client):
    """Feb–May counts in Feb, Mar, Apr and May; 30 Jan–2 Feb in Jan and Feb; a span from
    Dec of the year before only in Jan…; "Q4" and "2022" are counted apart, not in a month."""
    network = NetworkFactory(slug="citynet", name="CityNet")
    EventFactory(
        title="Feb–May",
        networks=[network],
        start=dt.date(2022, 2, 1),
        end=dt.date(2022, 5, 1),
        date_precision="month",
    )
    EventFactory(
        title="Jan–Feb days",
        networks=[network],
        start=dt.date(2022, 1, 30),
        end=dt.date(2022, 2, 2),
    )
    EventFactory(
        title="Across new year",
        networks=[network],
        start=dt.date(2021, 12, 30),
        end=dt.date(2022, 1, 2),
    )
    EventFactory(
        title="Q4", networks=[network], start=dt.date(2022, 10, 1), date_precision="quarter"
    )
    EventFactory(title="Year", networks=[network], start=dt.date(2022, 1, 1), date_precision="year")
    activities = build_report(network, 2022)["activities"]
    counts = [row["count"] for row in activities["by_month"]]
    assert counts == [2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    assert (activities["by_quarter_only"], activities["by_year_only"]) == (1, 1)
    html = client.get("/reports/citynet/2022/").content.decode()
    assert "1 dated only by quarter, 1 dated only by year." in html


def test_activities_sort_by_period_not_an_invented_first_day():
    """ "2022" closes the year, "Q4 2022" comes after 3 Dec, "Dec 2022" after 3 Dec too;
    dates shown as known."""
    network = NetworkFactory(slug="citynet", name="CityNet")
    EventFactory(title="Year", networks=[network], start=dt.date(2022, 1, 1), date_precision="year")
    EventFactory(
        title="Quarter", networks=[network], start=dt.date(2022, 10, 1), date_precision="quarter"
    )
    EventFactory(
        title="December", networks=[network], start=dt.date(2022, 12, 1), date_precision="month"
    )
    EventFactory(title="3 Dec", networks=[network], start=dt.date(2022, 12, 3))
    EventFactory(title="5 Feb", networks=[network], start=dt.date(2022, 2, 5))
    rows = [e for g in build_report(network, 2022)["activities"]["groups"] for e in g["events"]]
    assert [(row["title"], row["when"], row["period"]) for row in rows] == [
        ("5 Feb", "5 Feb 2022", "2022-02-05"),
        ("3 Dec", "3 Dec 2022", "2022-12-03"),
        ("December", "Dec 2022", "2022-12"),
        ("Quarter", "Q4 2022", "2022-Q4"),
        ("Year", "2022", "2022"),
    ]


def test_highlights_show_dates_as_known_and_sort_by_period(client):
    """A story of "2022" comes after one of 11 Dec 2022, and reads "2022", not "1 Jan 2022"."""
    network = NetworkFactory(slug="citynet", name="CityNet")
    Story.objects.create(
        title="Programme of the year",
        slug="programme",
        date=dt.date(2022, 1, 1),
        date_precision="year",
        network=network,
        is_published=True,
    )
    Story.objects.create(
        title="Summit",
        slug="summit",
        date=dt.date(2022, 12, 11),
        network=network,
        is_published=True,
    )
    Story.objects.create(
        title="Launch",
        slug="launch",
        date=dt.date(2022, 12, 20),
        date_precision="month",
        network=network,
        is_published=True,
    )
    highlights = build_report(network, 2022)["highlights"]
    assert [(h["title"], h["when"], h["date"]) for h in highlights] == [
        ("Summit", "11 Dec 2022", "2022-12-11"),
        ("Launch", "Dec 2022", "2022-12"),
        ("Programme of the year", "2022", "2022"),
    ]
    html = client.get("/reports/citynet/2022/").content.decode()
    assert '<p class="meta">Dec 2022</p>' in html and ">1 Dec 2022<" not in html
    story = client.get("/stories/launch/").content.decode()
    assert '<time datetime="2022-12">Dec 2022</time>' in story
    assert client.get("/api/v1/stories/launch/").json()["period"] == "2022-12"


def test_seed_iclei_2022_preview_is_its_2023_preview_and_nothing_reads_planned(seeded, client):
    """000, "2023 PREVIEW": "UNFCCC COP28 / 11.30-12.12 | Dubai, United Arab Emirates" is in
    the 2022 report's preview, as "Date passed — not confirmed" (no source says it was held);
    neither that report nor the 2023 one calls any event "Planned" or "Confirmed"."""
    network = Network.objects.get(slug="iclei-east-asia")
    preview = {row["title"]: row for row in build_report(network, 2022)["preview"]}
    cop28 = next(row for title, row in preview.items() if "COP28" in title)
    assert cop28["when"] == "30 Nov – 12 Dec 2023"
    assert cop28["status_label"] == PASSED
    later = build_report(network, 2023)
    for row in [
        *preview.values(),
        *(e for g in later["activities"]["groups"] for e in g["events"]),
    ]:
        assert row["status_label"] not in ("Planned", "Confirmed"), row["title"]
    for url in (
        "/reports/iclei-east-asia/2022/",
        "/reports/iclei-east-asia/2023/",
        "/",
        "/events/",
    ):
        html = client.get(url).content.decode()
        assert '<span class="tag">Planned</span>' not in html, url
        assert '<span class="tag">Confirmed</span>' not in html, url

"""Seed events held against the source documents themselves (tests/seed_documents.py)."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command

from events.models import Event
from tests.seed_documents import SEED_DOCUMENTS as SEEDS

ICLEI_2022 = SEEDS / "000_800bfa15565b1cec.txt"
NEASPEC = SEEDS / "002_2e89dc3ffa5a9aa5.txt"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not ICLEI_2022.exists(), reason="source documents not beside the repo"),
]


def overview_block(heading: str, next_heading: str) -> list[tuple[str, str]]:
    """(title, "M.D…" dates) of the ICLEI 2022 overview items between two headings."""
    text = ICLEI_2022.read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n", text.index("2022 OVERVIEW"))
    block = text[start + len(heading) + 2 : text.index(next_heading, start)]
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    items, title = [], None
    for line in lines:
        match = re.match(r"^(.*?)\s*(\d{1,2}\.\d{1,2}.*?)\s*\|", line)
        if match and match.group(1):
            items.append((match.group(1), match.group(2)))
        elif match:
            items.append((title, match.group(2)))
        else:
            title = line
    return items


def test_iclei_2022_trainings_filter_gives_exactly_the_reports_list(seeded, client):
    """/events/ filtered to ICLEI East Asia's 2022 trainings lists the report's seven, in order."""
    expected = overview_block("Trainings", "Global Forum")
    assert len(expected) == 7
    response = client.get("/events/?network=iclei-east-asia&year=2022&group=trainings")
    assert response.status_code == 200
    shown = re.findall(r"<h3><a href=\"[^\"]+\">([^<]+)</a></h3>", response.content.decode())
    # The list shows past events latest first; the report lists them by date.
    assert list(reversed(shown)) == [title for title, _ in expected]


def test_iclei_2022_trainings_dates_as_the_report_gives_them(seeded):
    """ "5.30- 6.8" is 30 May – 8 Jun 2022; "10.9 & 10.24" is two sessions, not a span."""
    capacity = Event.objects.get(
        title__startswith="Capacity Building for Local Governments on Climate"
    )
    assert (capacity.start, capacity.ends_on, capacity.when) == (
        dt.date(2022, 5, 30),
        dt.date(2022, 6, 8),
        "30 May – 8 Jun 2022",
    )
    circular = Event.objects.get(title="Circular City Action Training")
    assert [s.start for s in circular.sessions.all()] == [
        dt.date(2022, 10, 9),
        dt.date(2022, 10, 24),
    ]
    yunnan = Event.objects.get(title__startswith="Climate Adaptation for Inclusive")
    assert yunnan.when == "22–23 Nov 2022"


def test_shared_forum_is_one_record_for_three_networks(seeded):
    """The 2nd International Forum on Low Carbon Cities, reported by all three documents, is one
    event of three networks, with the NEASPEC note's attendance."""
    forums = Event.objects.filter(title="2nd International Forum on Low Carbon Cities")
    assert forums.count() == 1
    forum = forums.get()
    assert sorted(forum.networks.values_list("slug", flat=True)) == [
        "citynet",
        "iclei-east-asia",
        "neaspec",
    ]
    assert (forum.attendance_in_person, forum.attendance_online) == (150, 300)
    assert "over 150" in NEASPEC.read_text(encoding="utf-8")
    assert forum.series.events.count() == 3
    assert forum.project.slug == "international-forum-on-low-carbon-cities"


def test_citynet_timeline_span_is_said_not_passed_off_as_duration(seeded):
    """A "February - May" timeline item is shown as that span with a note saying the month is
    not given."""
    event = Event.objects.get(slug="iurc-quarterly-meeting-2022")
    assert event.when == "Feb–May 2022"
    assert "Some time in February – May 2022" in event.date_note
    assert "without giving the month" in event.date_note


def test_undated_events_stay_undated(seeded):
    event = Event.objects.get(slug="6th-asian-cities-summit")
    assert event.start is None and event.status == "planned"


def test_postponed_event_keeps_its_status_note(seeded):
    event = Event.objects.get(slug="cbd-cop15-2020")
    assert event.status == "postponed"
    assert "postponed to 2021" in event.status_note


def test_loading_twice_changes_nothing(seeded):
    out = io.StringIO()
    call_command("load_seed_content", stdout=out)
    assert "nothing changed" in out.getvalue()

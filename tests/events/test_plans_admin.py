"""Staff settle past plans: the content-health page lists every one, links to the admin's list
of exactly them, and an admin action marks them held."""

import datetime as dt
import re

import pytest

from events.models import Event
from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db


def test_content_health_counts_every_past_plan_and_links_all_of_them(superuser_client):
    """With 53 past plans, the page says 53 (not "50+") and its link lists the 53 in the admin."""
    for n in range(53):
        EventFactory(title=f"Old plan {n}", start=dt.date(2021, 5, 3), status="planned")
    EventFactory(title="Held one", start=dt.date(2021, 5, 3), status="held")
    html = superuser_client.get("/admin/content-health/").content.decode()
    assert "Past events still marked planned or confirmed (53)" in html
    assert "shown as “Date passed — not confirmed”" in html
    link = re.search(r'href="(/admin/events/event/\?[^"]+)">All 53 in the admin', html)
    assert link
    listing = superuser_client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "53 events" in listing and "Held one" not in listing


def test_admin_action_marks_past_events_held_but_not_future_ones(superuser_client):
    """The past plan becomes held; one that has not started is refused and stays planned."""
    past = EventFactory(title="Past plan", start=dt.date(2021, 5, 3), status="planned")
    ahead = EventFactory(
        title="Future plan", start=dt.date.today() + dt.timedelta(days=30), status="planned"
    )
    response = superuser_client.post(
        "/admin/events/event/",
        {"action": "mark_held", "_selected_action": [past.pk, ahead.pk]},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 event marked held." in html
    assert "Not marked held" in html and "Future plan" in html
    assert Event.objects.get(pk=past.pk).status == "held"
    assert Event.objects.get(pk=ahead.pk).status == "planned"

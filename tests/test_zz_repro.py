import pytest, icalendar
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_r(client):
    e = EventFactory(title="Line one\nLine two\r\nthree", slug="nl")
    for u in ["/events/nl/event.ics", "/events/feed.ics"]:
        r = client.get(u)
        print(u, r.status_code)
        print(r.content.decode()[:1500])
        icalendar.Calendar.from_ical(r.content)

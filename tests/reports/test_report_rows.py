"""portal_tags.report_event_rows() writes a report's event rows as the template loops wrote them."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core.choices import choice_label
from events.models import EventFormat
from portal.templatetags.portal_tags import report_event_rows

# The loops the tag replaces in templates/portal/report_detail.html, word for word.
ACTIVITIES = """{% for event in events %}
        <tr><td>{{ event.when|default:"—" }}</td><td><a href="{{ path }}{{ event.slug|urlencode }}/">{{ event.title }}</a>{% if event.shown_status != "held" %} <span class="tag">{{ event.status_label }}</span>{% endif %}</td><td>{{ event.places|join:"; "|default:event.format_label|default:"—" }}</td></tr>
      {% endfor %}"""  # noqa: E501
PREVIEW = """{% for event in events %}<tr><td>{{ event.when|default:"—" }}</td><td><a href="{{ path }}{{ event.slug|urlencode }}/">{{ event.title }}</a> <span class="tag">{{ event.status_label }}</span></td><td>{{ event.places|join:"; "|default:"—" }}</td></tr>{% endfor %}"""  # noqa: E501


def event(**fields):
    row = {
        "slug": "forum-2022",
        "title": "Forum",
        "when": "3 May 2022",
        "status": "held",
        "shown_status": "held",
        "status_label": "Held",
        "format": "in-person",
        "places": ["Seoul, South Korea"],
    }
    return {**row, **fields}


EVENTS = [
    event(),
    event(slug="低碳城市论坛", title="低碳 <城市> & “论坛”", places=["Kunming, China", "A & B"]),
    event(
        slug="서울-포럼",
        title='Tom\'s "forum"',
        status="cancelled",
        shown_status="cancelled",
        status_label="Cancelled",
    ),
    event(
        status="planned",
        shown_status="date-passed",
        status_label="Date <passed> — not confirmed",
        when="",
        places=[],
    ),
    event(format="", places=[], when="2022"),
    event(slug="a b?c#d&e", format="online", places=[]),
]


@pytest.mark.parametrize("preview", [False, True])
def test_report_event_rows_equal_the_template_loop(preview):
    """Every row, escaped and quoted, is the same string the template loop rendered."""
    path = "/ko/events/"
    # The format as its label ("Online"), as the tag writes it.
    labelled = [{**e, "format_label": choice_label(EventFormat, e["format"])} for e in EVENTS]
    expected = Template(PREVIEW if preview else ACTIVITIES).render(
        Context({"events": labelled, "path": path})
    )
    assert report_event_rows(EVENTS, path, preview=preview) == expected


def test_report_event_rows_name_the_format_in_the_readers_language():
    """An online event with no place reads "Online" (or 온라인), not its stored value "online":
    the structure, and a frozen edition, hold the value; the label is the reader's."""
    online = [event(slug="webinar", format="online", places=[])]
    assert "<td>Online</td>" in report_event_rows(online, "/events/")
    with translation.override("ko"):
        assert "<td>온라인</td>" in report_event_rows(online, "/events/")


def test_report_event_rows_of_no_event_are_empty():
    """No events, no rows."""
    assert report_event_rows([], "/events/") == ""

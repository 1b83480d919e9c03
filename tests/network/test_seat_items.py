"""The governance seats, written in Python (network.queries.seat_items), are what the terms
template wrote for each seat."""

import pytest
from django.template import engines

from network.queries import Holder, SeatRow, seat_items

SEAT = (
    "{% for seat in seats %}\n          <li>\n"
    '            <span class="role">{{ seat.role }}{% if seat.portfolio %} · {{ seat.portfolio }}'
    "{% endif %}</span>\n"
    "            {% if seat.person %}{{ seat.person.name }}{% if seat.organisation %}, {% endif %}"
    "{% endif %}\n"
    "            {% if seat.organisation %}"
    '<a href="{{ seat.organisation.url }}">{{ seat.organisation.name }}</a>{% endif %}\n'
    "          </li>\n        {% endfor %}"
)


@pytest.mark.django_db
def test_seat_items_write_what_the_terms_template_wrote():
    """Seats with a person, an organisation, both or neither, a portfolio or not, escaped."""
    seats = [
        SeatRow("President", "Climate & <energy>", 1, 'Kim "K"', "서울", "Seoul", urls=True),
        SeatRow("Member", "", 2, None, "tokyo", "Tokyo & co", urls=True),
        SeatRow("Treasurer", "", 3, "Lee", None, None, urls=True),
        SeatRow("Vacant", "", 4, None, None, None, urls=True),
    ]
    expected = engines["django"].from_string(SEAT).render({"seats": seats})
    assert seat_items(seats) == expected
    assert isinstance(seats[0].organisation, Holder)
    assert "/members/%EC%84%9C%EC%9A%B8/" in expected

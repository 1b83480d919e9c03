"""The network cards' HTML, written in Python (network.queries.card_items), is what the card
template wrote for each card."""

import datetime as dt

import pytest
from django.template import engines
from django.utils import translation

from network import queries
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    StatedFigureFactory,
)

pytestmark = pytest.mark.django_db

# The loop of templates/network/_network_cards.html before the cards wrote their own HTML.
CARD_TEMPLATE = (
    '{% load i18n %}{% translate "members in the directory" as in_directory %}'
    '{% translate "Browse members" as browse_members %}{% translate "Governance" as governance %}'
    "{% for card in network_cards %}\n"
    '    <li class="card">\n'
    '      <h2><a href="{{ card.url }}">{{ card.network.name }}</a></h2>\n'
    "      {% if card.network.full_name %}"
    '<p class="meta">{{ card.network.full_name }}</p>{% endif %}\n'
    "      <p><strong>{{ card.counts.total }}</strong> {{ in_directory }}"
    "{% if card.types_text %}:\n        {{ card.types_text }}{% endif %}</p>\n"
    "      {% if card.stated_total and card.stated_total.value != card.counts.total %}"
    '<p class="stated">{% blocktranslate with value=card.stated_total.value_display '
    "label=card.stated_total.label as_of=card.stated_total.as_of_display %}"
    "The network states {{ value }} {{ label }} ({{ as_of }}).{% endblocktranslate %}</p>"
    "{% endif %}\n"
    '      <p><a href="{{ card.members_url }}">{{ browse_members }}</a> · '
    '<a href="{{ card.governance_url }}">{{ governance }}</a></p>\n'
    "    </li>\n  {% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "ko", "zh-hans"])
def test_card_items_write_what_the_card_template_wrote(language):
    """Each card's `html` equals the former template's output: with or without a full name,
    member types and a stated figure (shown only when it differs), characters to escape, and
    non-Latin slugs."""
    cities = NetworkFactory(
        name='Cities <&> "East"', full_name="Net & Co's", slug="서울-네트워크", order=1
    )
    MembershipFactory(network=cities, type="full")
    MembershipFactory(network=cities, type="associate")
    StatedFigureFactory(
        network=cities, metric="members", label="cities <&>", value=1200, is_lower_bound=True
    )
    plain = NetworkFactory(name="Plain", full_name="", slug="北京", order=2)
    same = NetworkFactory(name="Same", slug="same", order=3)
    MembershipFactory(network=same, organisation=OrganisationFactory(), type="member")
    StatedFigureFactory(network=same, metric="members", value=1, as_of=dt.date(2021, 5, 1))

    with translation.override(language):
        cards = queries.network_cards()
        expected = engines["django"].from_string(CARD_TEMPLATE).render({"network_cards": cards})
        written = "".join(card["html"] for card in cards)

    assert [card["network"] for card in cards] == [cities, plain, same]
    assert written == expected
    assert "The network states over 1,200 cities &lt;&amp;&gt;" in written
    assert written.count('class="stated"') == 1

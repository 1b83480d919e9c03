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

# The card as a template would write it (templates/network/_network_cards.html before the cards
# wrote their own HTML, with the rules of issue 15: a stated total above the directory's count
# leads, types only when there are several, no "0 members").
CARD_TEMPLATE = (
    "{% load i18n %}"
    '{% translate "Browse members" as browse_members %}{% translate "Governance" as governance %}'
    "{% for card in network_cards %}\n"
    '    <li class="card">\n'
    '      <h2><a href="{{ card.url }}">{{ card.network.name }}</a></h2>\n'
    "      {% if card.network.full_name %}"
    '<p class="meta">{{ card.network.full_name }}</p>{% endif %}\n'
    "      {% if card.stated_total and card.stated_total.value > card.counts.total %}"
    "<p><strong>{{ card.stated_total.value_display }}</strong> {{ card.stated_total.label }} "
    '<span class="meta">({% blocktranslate with as_of=card.stated_total.as_of_display %}'
    "stated, {{ as_of }}{% endblocktranslate %})</span></p>\n"
    "      <p>{{ card.counts.total }} {% blocktranslate count counter=card.counts.total %}"
    "member in the directory{% plural %}members in the directory{% endblocktranslate %}"
    "{% if card.counts.types|length > 1 %}:\n        {{ card.types_text }}{% endif %}</p>"
    "{% elif not card.counts.total %}<p>{% blocktranslate with name=card.network.name %}"
    "The directory lists no members of {{ name }}.{% endblocktranslate %}</p>"
    "{% else %}<p><strong>{{ card.counts.total }}</strong> "
    "{% blocktranslate count counter=card.counts.total %}member in the directory{% plural %}"
    "members in the directory{% endblocktranslate %}"
    "{% if card.counts.types|length > 1 %}:\n        {{ card.types_text }}{% endif %}</p>"
    "{% endif %}\n"
    "      {% if card.stated_total and card.stated_total.value < card.counts.total %}"
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
    grown = NetworkFactory(name="Grown", slug="grown", order=4)
    MembershipFactory.create_batch(3, network=grown, type="full")
    StatedFigureFactory(network=grown, metric="members", value=2, as_of=dt.date(2020, 5, 1))

    with translation.override(language):
        cards = queries.network_cards()
        expected = engines["django"].from_string(CARD_TEMPLATE).render({"network_cards": cards})
        written = "".join(card["html"] for card in cards)

    assert [card["network"] for card in cards] == [cities, plain, same, grown]
    assert written == expected
    if language == "en":
        # The incomplete directory: the stated figure leads, the named members follow.
        assert "<strong>over 1,200</strong> cities &lt;&amp;&gt;" in written
        assert "<p>2 members in the directory:" in written
        assert "The directory lists no members of Plain." in written
        assert "<strong>1</strong> member in the directory</p>" in written  # one type: once
        assert "The network states 2" in written  # fewer than listed: said beside
    assert written.count('class="stated"') == 1

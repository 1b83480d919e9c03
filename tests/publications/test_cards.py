"""A publication card's HTML, written in Python (publications.cards.Card.html), is what the
card template wrote."""

from django.template import engines

from publications.cards import Card, LanguageTag

# The card's markup as templates/publications/_card_list.html wrote it per card.
CARD_TEMPLATE = """<li class="pub-card">
  <a class="pub-card__cover" href="{{ card.url }}" tabindex="-1" aria-hidden="true">{% if card.cover %}<img src="{{ card.cover }}" alt="" width="160" height="226" loading="lazy">{% endif %}</a>
  <div>
    <h3 class="pub-card__title"><a href="{{ card.url }}">{{ card.title }}</a></h3>
    <p class="meta">{{ card.meta }}</p>
    {% if card.has_editions %}<p class="pub-card__editions">{% for tag in card.languages %}<span class="tag" lang="{{ tag.language }}" title="{{ tag.name }}">{{ tag.label }}</span> {% endfor %}{% if card.date %}<span class="meta">{{ card.date }}</span>{% endif %}</p>{% endif %}
  </div>
</li>"""  # noqa: E501

TAGS = (
    LanguageTag("ko", "Korean", "한국어"),
    LanguageTag("en", 'English <&> "it\'s"', "English (summary)"),
)


def test_card_html_is_what_the_card_template_writes():
    """Same bytes with and without cover, editions and date, and with text to escape."""
    template = engines["django"].from_string(CARD_TEMPLATE)
    cards = [
        Card(
            "/publications/a/", "/media/c.jpg", "Title", "Report · CityNet", TAGS, True, "Oct 2022"
        ),
        Card("/publications/%EC%84%9C/", "", "<b>R&D</b> \"x\" 'y'", "A · B & C", (), True, ""),
        Card("/publications/b/?x=1&y=2", "", "北京 report", "", TAGS[:1], False, "May 2020"),
        Card("/publications/c/", "/m/a b&c.jpg", "", "Video", TAGS, True, ""),
    ]
    for card in cards:
        assert card.html == template.render({"card": card})

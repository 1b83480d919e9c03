"""What a publication card shows (the library, the home page, organisation and project pages),
computed once per row in Python: the template that draws the cards then only prints strings.

A card's template used to be included per row and to look up a dozen attributes, methods and
translations per card and per edition; here each card is a small object of finished strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape  # Django's escape() without its lazy-string wrapper: same text

from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.partial_dates import Precision, format_period
from publications.languages import language_name, language_name_local


@dataclass(frozen=True, slots=True)
class LanguageTag:
    language: str
    name: str  # in the reader's language (the tag's title)
    label: str  # the name in its own script, else the reader's; "(summary)" for a summary


@dataclass(frozen=True, slots=True)
class Card:
    url: str
    cover: str  # the thumbnail's address, or ""
    title: str
    meta: str  # kind · series issue · networks
    languages: tuple[LanguageTag, ...]
    has_editions: bool
    date: str  # the latest edition's date as known, to the month at most, or ""

    @property
    def html(self) -> SafeString:
        """The card's <li>, as CARD_TEMPLATE (tests/publications) writes it: printed by
        _card_list.html with one lookup, not a dozen lookups and tags per card."""
        url = escape(self.url)
        cover = (
            f'<img src="{escape(self.cover)}" alt="" width="160" height="226" loading="lazy">'
            if self.cover
            else ""
        )
        editions = ""
        if self.has_editions:
            tags = "".join(
                f'<span class="tag" lang="{escape(tag.language)}" title="{escape(tag.name)}">'
                f"{escape(tag.label)}</span> "
                for tag in self.languages
            )
            date = f'<span class="meta">{escape(self.date)}</span>' if self.date else ""
            editions = f'<p class="pub-card__editions">{tags}{date}</p>'
        return SafeString(
            '<li class="pub-card">\n'
            f'  <a class="pub-card__cover" href="{url}" tabindex="-1" aria-hidden="true">'
            f"{cover}</a>\n"
            "  <div>\n"
            f'    <h3 class="pub-card__title"><a href="{url}">{escape(self.title)}</a></h3>\n'
            f'    <p class="meta">{escape(self.meta)}</p>\n'
            f"    {editions}\n"
            "  </div>\n"
            "</li>"
        )


def _latest_date(publication) -> str:
    """The latest dated edition's date as known, at most to the month ("Dec 2022", "Q4 2022",
    "2022"): never a month or day its edition does not give."""
    latest = publication.latest_edition
    if not latest:
        return ""
    precision = next(
        (e.date_precision for e in publication.edition_list if e.date == latest),
        Precision.DAY,
    )
    if precision == Precision.DAY:
        precision = Precision.MONTH  # a card shows the month and year of a dated edition
    return format_period(latest, None, precision)


def card(publication, summary: str = "") -> Card:
    """The card of a publication of publications.queries.with_card_joins()."""
    summary = summary or gettext("summary")
    meta = [publication.get_kind_display()]
    if publication.series:
        series = publication.series.name
        meta.append(f"{series} {publication.issue}" if publication.issue else series)
    meta.extend(network.name for network in publication.network_list)
    languages = []
    for edition in publication.edition_list:
        if edition.is_undetermined:
            continue
        name = language_name(edition.language)
        label = language_name_local(edition.language) or name
        if edition.is_summary:
            label = f"{label} ({summary})"
        languages.append(LanguageTag(edition.language, name, label))
    return Card(
        url=publication.get_absolute_url(),
        cover=publication.cover_card.url if publication.cover_card else "",
        title=publication.title,
        meta=" · ".join(meta),
        languages=tuple(languages),
        has_editions=bool(publication.edition_list),
        date=_latest_date(publication),
    )


def cards(publications) -> list[Card]:
    summary = gettext("summary")
    return [card(publication, summary) for publication in publications]

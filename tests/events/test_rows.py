"""The events pages' and feeds' fast paths, which read rows instead of model instances, give
what the model instances give."""

import datetime as dt

import pytest
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.filters import countries_in
from core.publishing import published_q, unpublished_q
from events import presenters, queries
from events.filters import place_country_choices
from events.models import Event, EventPlace
from tests.factories import EventFactory, EventPlaceFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_place_labels_equal_the_places_labels_with_drafts_hidden():
    """place_labels() gives each event's public places' labels, in order, as EventPlace.label
    does: a draft organisation's name is never shown, a place named only by it left out."""
    event = EventFactory(start=dt.date(2022, 5, 1))
    published = OrganisationFactory(name="Published City")
    draft = OrganisationFactory(name="Draft City", is_published=False)
    EventPlaceFactory(event=event, organisation=published, city="", country="", order=1)
    EventPlaceFactory(event=event, organisation=draft, city="", country="", order=2)
    EventPlaceFactory(event=event, organisation=draft, city="", country="KR", order=3)
    EventPlaceFactory(event=event, venue="Hall", city="서울", country="KR", order=4)
    other = EventFactory(start=dt.date(2022, 6, 1))
    EventPlaceFactory(event=other, organisation=published, city="Busan", country="")
    bare = EventFactory(start=dt.date(2022, 7, 1))

    labels = queries.place_labels([event.pk, other.pk, bare.pk])

    for record in (event, other):
        places = queries.published_events().get(pk=record.pk).place_list
        assert labels[record.pk] == [place.label for place in places]
    assert labels[event.pk] == ["Published City", "South Korea", "Hall, 서울, South Korea"]
    assert bare.pk not in labels
    assert "Draft City" not in str(labels)
    assert EventPlace.objects.filter(event=event).count() == 4


@pytest.mark.parametrize("language", ["en", "ko"])
def test_event_items_write_what_the_item_template_writes(language):
    """presenters.event_items() gives each event the HTML _event_item.html renders for it:
    dated or not, with a note, places, online, any status, any network, characters to escape."""
    network = NetworkFactory(name='Net <&> "one"')
    organisation = OrganisationFactory(name="Org & Co")
    events = [
        EventFactory(
            title='A <b>"forum"</b> & more',
            slug="포럼-&-co",
            start=dt.date(2022, 10, 3),
            end=dt.date(2022, 10, 7),
            date_note="Some time <then>",
            kind="forum",
            status="postponed",
            is_online=True,
            format="hybrid",
            networks=[network],
        ),
        EventFactory(title="Undated", start=None, status="held", networks=[]),
        EventFactory(
            title="Quarter", start=dt.date(2023, 10, 1), date_precision="quarter", kind="other"
        ),
    ]
    EventPlaceFactory(event=events[0], venue="Hall <1>", city="서울", country="KR")
    EventPlaceFactory(event=events[0], organisation=organisation, city="", country="")
    EventPlaceFactory(event=events[2], city="", country="JP")
    with translation.override(language):
        rows = list(queries.published_events().order_by("pk"))
        expected = [render_to_string("events/_event_item.html", {"event": e}) for e in rows]
        assert [event.item_html for event in presenters.event_items(rows)] == expected


def test_whole_table_sizes_equal_the_counted_sizes():
    """The events page's group sizes counted as every event minus the unpublished ones equal
    those counted over the published events, drafts and scheduled events left out."""
    today = dt.date.today()
    EventFactory(start=today + dt.timedelta(days=30))
    EventFactory(start=today - dt.timedelta(days=30))
    EventFactory(start=today - dt.timedelta(days=400), end=today + dt.timedelta(days=2))
    EventFactory(start=None)
    EventFactory(start=None, is_published=False)
    EventFactory(start=today + dt.timedelta(days=3), is_published=False)
    EventFactory(start=today - dt.timedelta(days=3), publish_at=timezone.now() + dt.timedelta(1))
    base = queries.published_events()
    fast = queries.upcoming_then_past(base, unfiltered=True)
    assert fast.sizes() == queries.upcoming_then_past(base).sizes() == [2, 1, 1]
    assert [event.timing for event in fast[0:10]] == [0, 0, 1, 2]
    published = Event.objects.filter(published_q()).count()
    assert published + Event.objects.filter(unpublished_q()).count() == Event.objects.count()


def test_place_country_choices_are_the_countries_of_published_events_places():
    """The country filter offers each country a published event took place in, once, in
    countries_in()'s order and names: not a country only a draft event's places are in."""
    for country in ("KR", "JP", "KR", "MN"):
        EventPlaceFactory(event=EventFactory(), country=country)
    EventPlaceFactory(event=EventFactory(is_published=False), country="CN")
    EventPlaceFactory(event=EventFactory(), country="", city="Nowhere")
    published = Event.objects.published().filter(pk=OuterRef("event_id"))
    expected = countries_in(EventPlace.objects.filter(Exists(published)))
    assert [code for code, _name in expected] == ["JP", "MN", "KR"]
    with translation.override("ko"):
        expected_ko = countries_in(EventPlace.objects.filter(Exists(published)))
        assert place_country_choices() == expected_ko
    assert place_country_choices() == expected

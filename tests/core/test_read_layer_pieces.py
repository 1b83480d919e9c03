"""The shared pieces of the lists' read layer: today(), the year rule, `q`, `?ordering=`."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from core.dates import today
from core.filters import OrderingFilter, TextSearchFilter, YearField
from core.text_search import every_word_in
from network.models import Organisation
from publications import queries as publication_queries
from tests.factories import EditionFactory, OrganisationFactory, PublicationFactory


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("UTC", dt.date(2022, 12, 31)), ("Asia/Seoul", dt.date(2023, 1, 1))],
)
def test_today_is_the_date_in_the_sites_time_zone(zone, expected):
    """20:00 UTC on 31 December is already New Year's Day in Seoul."""
    moment = dt.datetime(2022, 12, 31, 20, 0, tzinfo=dt.UTC)
    with (
        override_settings(TIME_ZONE=zone),
        mock.patch("django.utils.timezone.now", return_value=moment),
    ):
        assert today() == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("2022", 2022), (" 1900 ", 1900), ("2100", 2100), ("", None)]
)
def test_year_field_takes_whole_years_in_range(value, expected):
    assert YearField(required=False).clean(value) == expected


@pytest.mark.parametrize("value", ["abc", "1899", "2101", "2022.5", "20x2"])
def test_year_field_refuses_anything_else(value):
    with pytest.raises(ValidationError):
        YearField(required=False).clean(value)


@pytest.mark.django_db
def test_every_word_through_a_to_many_relation_lists_a_record_once():
    """Two editions match: the publication is listed once, with its card's aggregate intact."""
    publication = PublicationFactory(title="Compendium")
    EditionFactory(publication=publication, language="en", title="Low carbon forum")
    EditionFactory(publication=publication, language="ko", title="Low carbon forum (Korean)")
    PublicationFactory(title="Other")
    found = every_word_in(
        publication_queries.published_publications(), ("title", "editions__title"), "carbon low"
    )
    assert list(found) == [publication]


@pytest.mark.django_db
def test_text_search_filter_needs_every_word():
    OrganisationFactory(name="Incheon Metropolitan City", native_name="인천광역시")
    OrganisationFactory(name="Incheon Port")
    search = TextSearchFilter(fields=("name", "native_name"))

    def names(text):
        return [o.name for o in search.filter(Organisation.objects.order_by("name"), text)]

    assert names("incheon city") == ["Incheon Metropolitan City"]
    assert names("인천") == ["Incheon Metropolitan City"]
    assert names("") == ["Incheon Metropolitan City", "Incheon Port"]


@pytest.mark.django_db
def test_ordering_keeps_the_lists_own_order_unless_a_field_is_asked_for():
    for name in ("B", "A", "C"):
        OrganisationFactory(name=name, slug=name)
    sort = OrderingFilter(fields=(("name", "name"),))
    by_slug = Organisation.objects.order_by("-slug")

    def names(value):
        return [o.name for o in sort.filter(by_slug, value)]

    assert names(None) == names([""]) == ["C", "B", "A"]
    assert names(["name"]) == ["A", "B", "C"]
    assert str(sort.filter(by_slug, ["-name"]).query).endswith('"id" ASC')  # ties by primary key

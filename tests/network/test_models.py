import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from network.models import Membership
from tests.factories import (
    CityPairingFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    RegionFactory,
    SeatFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def test_membership_left_before_joined_is_refused_on_left():
    """Leaving before joining is an error on 'left' that says so."""
    membership = MembershipFactory.build(
        organisation=OrganisationFactory(),
        network=NetworkFactory(),
        joined=dt.date(2022, 1, 1),
        left=dt.date(2021, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "'left' is before 'joined'" in error.value.message_dict["left"][0]


def test_membership_same_organisation_twice_in_network_is_refused():
    """One organisation can hold one membership per network; the message says so."""
    existing = MembershipFactory()
    duplicate = Membership(
        organisation=existing.organisation, network=existing.network, type="associate"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already a member of this network" in str(error.value)


def test_membership_region_of_another_network_is_refused():
    """A region must belong to the membership's own network."""
    membership = MembershipFactory.build(
        organisation=OrganisationFactory(), network=NetworkFactory(), region=RegionFactory()
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "belongs to another network" in error.value.message_dict["region"][0]


def test_member_who_left_stays_in_history_but_not_current():
    """A member who left is kept, is no longer current, and was current before leaving."""
    membership = MembershipFactory(joined=dt.date(2015, 1, 1), left=dt.date(2021, 1, 1))
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not Membership.objects.current().filter(pk=membership.pk).exists()
    assert Membership.objects.current_on(dt.date(2020, 6, 1)).filter(pk=membership.pk).exists()


def test_term_ending_before_start_is_refused():
    """A term that ends before it starts is an error on 'end'."""
    term = TermFactory.build(
        body=TermFactory().body, start=dt.date(2024, 1, 1), end=dt.date(2021, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert error.value.message_dict["end"] == ["The end is before the start."]


def test_same_person_twice_on_one_term_is_refused():
    """A person holds at most one seat per term."""
    seat = SeatFactory()
    second = SeatFactory.build(
        term=seat.term, person=seat.person, organisation=seat.organisation, role="Chair"
    )
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "already holds a seat on this term" in str(error.value)


def test_seat_needs_person_or_organisation():
    seat = SeatFactory.build(term=TermFactory(), person=None, organisation=None)
    with pytest.raises(ValidationError, match="needs a person, an organisation, or both"):
        seat.full_clean()


def test_organisation_needs_both_coordinates_or_neither():
    organisation = OrganisationFactory.build(latitude=37.5, longitude=None)
    with pytest.raises(ValidationError, match="both latitude and longitude"):
        organisation.full_clean()


def test_pairing_of_an_organisation_with_itself_is_refused():
    city = OrganisationFactory()
    pairing = CityPairingFactory.build(
        programme=CityPairingFactory().programme, first=city, second=city
    )
    with pytest.raises(ValidationError, match="two different organisations"):
        pairing.full_clean()


def test_slug_keeps_non_latin_names():
    """A name in Hangul or Hanzi gets a readable slug in its own script, unique when repeated."""
    first = OrganisationFactory(name="서울특별시", slug="")
    second = OrganisationFactory(name="서울특별시", slug="")
    assert (first.slug, second.slug) == ("서울특별시", "서울특별시-2")

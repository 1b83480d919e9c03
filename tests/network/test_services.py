"""The membership and organisation write services: what is saved or refused, with which message."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from network import services
from network.models import Membership, Organisation
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_membership_save_adds_a_new_member_with_its_membership():
    """A member new to the portal is saved first, then its membership, dated as typed."""
    network = NetworkFactory()
    region = RegionFactory(network=network, name="East Asia")
    tainan = Organisation(name="Tainan City", kind="city", country="TW", is_published=False)
    membership = Membership(network=network, type="full", region=region)
    services.membership_set_dates(membership=membership, joined="2022-05", left="")
    services.membership_save(membership=membership, organisation=tainan)
    saved = Membership.objects.get(organisation__name="Tainan City")
    assert (saved.network, saved.region, saved.joined, saved.left, saved.date_precision) == (
        network,
        region,
        dt.date(2022, 5, 1),
        None,
        "month",
    )
    assert saved.organisation.slug == "tainan-city"


def test_membership_save_refuses_a_region_of_another_network_and_saves_nothing():
    network = NetworkFactory(name="CityNet")
    membership = Membership(network=network, type="full", region=RegionFactory())
    with pytest.raises(ValidationError) as excinfo:
        services.membership_save(membership=membership, organisation=OrganisationFactory.build())
    assert (
        "This region belongs to another network; choose one of CityNet's regions."
        in (excinfo.value.message_dict["region"])
    )
    assert not Membership.objects.exists() and not Organisation.objects.exists()


def test_membership_save_refuses_leaving_before_joining():
    membership = MembershipFactory.build(
        organisation=OrganisationFactory(), network=NetworkFactory()
    )
    services.membership_set_dates(membership=membership, joined="2020", left="2019")
    with pytest.raises(ValidationError) as excinfo:
        services.membership_save(membership=membership)
    assert excinfo.value.message_dict["left"] == [
        "A member cannot leave before joining: 'left' is before 'joined'."
    ]
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    ("joined", "left", "field", "message"),
    [
        ("2022-13", "", "joined", "'2022-13' is not a date"),
        ("2020", "2022-05", "left", "Give 'joined' and 'left' at the same precision."),
    ],
)
def test_membership_dates_typed_wrong_are_refused_and_leave_the_dates(joined, left, field, message):
    membership = Membership(joined=dt.date(2012, 1, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.membership_set_dates(membership=membership, joined=joined, left=left)
    assert message in " ".join(excinfo.value.message_dict[field])
    assert membership.joined == dt.date(2012, 1, 1)


def test_a_member_who_left_keeps_the_first_day_of_the_period_left():
    membership = Membership()
    services.membership_set_dates(membership=membership, joined="2012", left="2020")
    assert (membership.joined, membership.left, membership.date_precision) == (
        dt.date(2012, 1, 1),
        dt.date(2020, 1, 1),
        "year",
    )


def test_organisation_save_refuses_half_a_position():
    organisation = Organisation(name="Seoul", kind="city", latitude=Decimal("37.5"))
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_save(organisation=organisation)
    assert "Give both latitude and longitude, or neither." in excinfo.value.messages
    assert not Organisation.objects.exists()

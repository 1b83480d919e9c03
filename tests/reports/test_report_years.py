"""The years a report can be shown for are the same whether asked for one network or many
(portal.reports reads the events' years of many networks by another plan)."""

import datetime as dt

import pytest

from portal.reports import FEW_NETWORKS, report_years_by_network
from tests.factories import MembershipFactory, NetworkFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db


def test_report_years_of_many_networks_are_each_networks_years():
    """Events (joint, draft, undated), memberships, and a draft network's rows kept apart."""
    networks = [NetworkFactory(slug=f"net-{n}") for n in range(FEW_NETWORKS + 2)]
    draft_network = NetworkFactory(slug="draft-net", is_published=False)
    EventFactory(start=dt.date(2011, 5, 1), networks=[networks[0], networks[1]])
    EventFactory(start=dt.date(2013, 5, 1), networks=[networks[1]])
    EventFactory(start=dt.date(2014, 5, 1), networks=[networks[2]], is_published=False)
    EventFactory(start=None, networks=[networks[2]])
    EventFactory(start=dt.date(2015, 5, 1), networks=[draft_network, networks[3]])
    EventFactory(start=dt.date(2016, 5, 1), networks=[draft_network])
    MembershipFactory(network=networks[4], joined=dt.date(2009, 1, 1))
    many = report_years_by_network(networks)
    assert many == {
        network.pk: report_years_by_network([network])[network.pk] for network in networks
    }
    assert [many[network.pk] for network in networks] == [[2011], [2011, 2013], [], [2015], [2009]]

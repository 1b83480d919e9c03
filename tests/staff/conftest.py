"""Networks and staff the tests of the staff layer share."""

import pytest

from tests.factories import NetworkFactory
from tests.staff.flows import staff_client


@pytest.fixture
def iclei():
    return NetworkFactory(name="ICLEI East Asia", slug="iclei-east-asia")


@pytest.fixture
def citynet():
    return NetworkFactory(name="CityNet", slug="citynet")


@pytest.fixture
def editor(iclei):
    """A browser logged in as an editor of ICLEI East Asia; `editor.user` is the user."""
    return staff_client("Editor", iclei)


@pytest.fixture
def publisher(iclei):
    return staff_client("Publisher", iclei)

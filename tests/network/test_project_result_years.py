"""A project result's report years are the shared time-scope set (core.time_scope): the report of
a year lists the results its documents state, those without report years in every year, and
the data written before (one year as a number) keeps its meaning."""

import pytest
from django.core.exceptions import ValidationError

from network.models import ProjectResult
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(network):
    project = ProjectFactory(network=network, slug="bea")
    for label, years in (
        ("building blocks retrofitted", 2020),  # as the admin or old code wrote it: a number
        ("households interested", "2022"),
        ("tonnes of CO2 avoided", "2020, 2022"),
        ("cities trained", ""),
    ):
        ProjectResult.objects.create(project=project, label=label, value=1, reported_in=years)
    return project


def labels(year):
    return sorted(ProjectResult.objects.reported_for(year).values_list("label", flat=True))


def test_each_year_lists_what_its_report_states_and_the_undated(results):
    """2020 and 2022 list their own figures; 2021 only the span and the undated one."""
    assert labels(2020) == [
        "building blocks retrofitted",
        "cities trained",
        "tonnes of CO2 avoided",
    ]
    assert labels(2021) == ["cities trained", "tonnes of CO2 avoided"]
    assert labels(2022) == ["cities trained", "households interested", "tonnes of CO2 avoided"]
    assert labels(2017) == ["cities trained"]


def test_years_are_stored_as_typed_text_with_their_scope(results):
    """A number is stored as "2020"; the derived columns follow it."""
    stored = dict(ProjectResult.objects.values_list("label", "reported_in").order_by("label"))
    assert stored["building blocks retrofitted"] == "2020"
    assert stored["tonnes of CO2 avoided"] == "2020 2022"
    span = ProjectResult.objects.get(label="tonnes of CO2 avoided")
    assert (span.scope_from, span.scope_until) == (2020, 2022)


def test_a_bad_year_is_refused_with_the_shared_message(results):
    result = ProjectResult.objects.get(label="cities trained")
    result.reported_in = "2O22"
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    assert "“2O22” is not a year" in str(error.value)

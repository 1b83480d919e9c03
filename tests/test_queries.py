"""The query-count helpers of tests/queries.py."""

import pytest
from django.test import Client

from tests.factories import NetworkFactory
from tests.queries import SIZES, Run, assert_constant, assert_pinned, measure

pytestmark = pytest.mark.django_db


def runs_of(*counts, status=200, url="/x/"):
    return {
        size: Run(url=url, size=size, status=status, queries=tuple(f"SELECT {i}" for i in range(n)))
        for size, n in zip(SIZES, counts, strict=True)
    }


def test_measure_grows_the_rows_to_each_size_and_keeps_the_sql():
    added = []

    def add(count):
        added.append(count)
        NetworkFactory.create_batch(count)

    runs = measure(Client(), ["/networks/"], add)["/networks/"]
    assert added == [1, 29] and sorted(runs) == [1, 30]
    assert all(answer.status == 200 and len(answer) > 0 for answer in runs.values())
    assert runs[1].queries[0].startswith("SELECT")


def test_a_pin_holds_at_every_size():
    assert_pinned(2, runs_of(2, 2))
    assert_pinned((2, 5), runs_of(2, 5))


def test_a_count_off_its_pin_fails_naming_url_size_and_sql():
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_pinned(2, runs_of(2, 3, url="/members/"))
    message = str(failure.value)
    assert "pinned at 2, but /members/ with 30 row(s): 3 queries" in message
    assert "  3. SELECT 2" in message and "with 1 row(s)" not in message


def test_an_answer_other_than_200_fails():
    with pytest.raises(pytest.fail.Exception, match=r"/x/ with 1 row\(s\) answered 404"):
        assert_pinned(0, runs_of(0, 0, status=404))


def test_constant_counts_pass_and_growing_ones_fail_with_both_listings():
    assert_constant({"/x/": runs_of(4, 4)})
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_constant({"/x/": runs_of(4, 5)})
    assert "/x/ with 1 row(s): 4 queries" in str(failure.value)
    assert "/x/ with 30 row(s): 5 queries" in str(failure.value)

"""Counting the SQL queries of a request, and pinning the count at 1 row and at 30.

A page that runs one query per row shows it as a count that differs between the two sizes; a
constant extra query (a join lost, a prefetch forgotten) only shows against a pinned number. So
a pin is an exact number that must hold at both sizes, as pretalx pins its API. When a change
is meant to alter a count, update the pin: the failure message lists the SQL it ran.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

SIZES = (1, 30)


@dataclass(frozen=True)
class Run:
    """One request: the URL, how many rows each list had, the answer's status and its SQL."""

    url: str
    size: int
    status: int
    queries: tuple[str, ...]

    def __len__(self):
        return len(self.queries)

    def describe(self) -> str:
        listing = "\n".join(f"  {n}. {sql}" for n, sql in enumerate(self.queries, 1))
        return f"{self.url} with {self.size} row(s): {len(self)} queries\n{listing}"


def run(client, url: str, data: dict | None = None, *, method: str = "get", size: int = 0) -> Run:
    """Request `url` (a GET unless `method` says otherwise) and keep the SQL it ran."""
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data)
        if response.streaming:  # a CSV export reads its rows while it is sent
            response.getvalue()
    return Run(
        url=url,
        size=size,
        status=response.status_code,
        queries=tuple(query["sql"] for query in captured.captured_queries),
    )


def measure(
    client,
    urls: Iterable[str],
    add_rows: Callable[[int], object],
    *,
    data: dict[str, dict] | None = None,
    method: str = "get",
) -> dict[str, dict[int, Run]]:
    """Grow the rows to each of SIZES in turn (`add_rows(n)` adds n more to every list) and
    request every URL at each size. `data` holds a request body per URL, for POST forms."""
    urls, data = list(urls), data or {}
    runs: dict[str, dict[int, Run]] = {url: {} for url in urls}
    rows = 0
    for size in SIZES:
        add_rows(size - rows)
        rows = size
        for url in urls:
            runs[url][size] = run(client, url, data.get(url), method=method, size=size)
    return runs


Pin = int | tuple[int, int]


def pinned_at(pin: Pin, size: int) -> int:
    """A pin is one number for every size, or (at 1 row, at 30 rows) for a list known to run a
    query per row: pinned too, so that it cannot get worse unnoticed."""
    return pin if isinstance(pin, int) else dict(zip(SIZES, pin, strict=True))[size]


def assert_pinned(pin: Pin, runs: dict[int, Run]) -> None:
    """One URL answered 200 and ran exactly its pinned number of queries at every size."""
    failures = []
    for answer in runs.values():
        expected = pinned_at(pin, answer.size)
        if answer.status != 200:
            failures.append(f"{answer.url} with {answer.size} row(s) answered {answer.status}")
        elif len(answer) != expected:
            failures.append(f"pinned at {expected}, but " + answer.describe())
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def assert_constant(runs: dict[str, dict[int, Run]]) -> None:
    """Each URL answered 200 and ran as many queries at every size (for staff pages, whose exact
    count follows the staff layer's permission checks rather than the read layer)."""
    failures = []
    for by_size in runs.values():
        answers = list(by_size.values())
        failures += [
            f"{a.url} with {a.size} row(s) answered {a.status}" for a in answers if a.status != 200
        ]
        if len({len(answer) for answer in answers}) > 1:
            failures.append("\n".join(answer.describe() for answer in answers))
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)

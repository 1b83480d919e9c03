"""The targets of issue 14, and which of them a measured row misses."""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmarks.pages import REPORT, SEARCH

MAX_QUERIES = 12
MAX_BYTES = 300_000  # 300 kB
MAX_RSS_MB = 150.0  # MiB, per worker, after the run
MAX_RSS_GROWTH_MB = 5.0  # MiB, per worker, from the end of the first round to the end of the last

# Per mode: the least throughput as a share of the reference view's, the largest p99 (ms) of a
# page, and of computed reports and search.
UNCACHED = {"ratio": 0.05, "p99": 200.0, "slow_p99": 400.0}
CACHED = {"ratio": 0.5, "p99": 30.0, "slow_p99": 30.0}


@dataclass
class Row:
    """One URL in one mode: the medians over the rounds, and the in-process pass."""

    url: str
    kind: str
    rps: float
    ratio: float
    p50_ms: float | None
    p99_ms: float | None
    errors: int
    status: int
    queries: int
    bytes: int
    error: str = ""  # the exception of a 500 in the in-process pass
    too_slow: bool = False  # one request took over BENCH_SLOW_SECONDS: not run under wrk
    misses: list[str] = field(default_factory=list)


def limits(mode: str) -> dict[str, float]:
    return CACHED if mode == "cached" else UNCACHED


def check_row(row: Row, mode: str) -> list[str]:
    """The targets `row` misses, each a short phrase for the table ("p99 > 200 ms")."""
    limit = limits(mode)
    misses = []
    if row.status != 200:
        misses.append(f"status {row.status}" + (f" ({row.error})" if row.error else ""))
    if row.queries > MAX_QUERIES:
        misses.append(f"queries > {MAX_QUERIES}")
    if row.bytes > MAX_BYTES:
        misses.append(f"bytes > {MAX_BYTES // 1000} kB")
    if row.too_slow:
        return [*misses, "not measured: one request takes over BENCH_SLOW_SECONDS"]
    if row.errors:
        misses.append(f"{row.errors} errors")
    if row.ratio < limit["ratio"]:
        misses.append(f"ratio < {limit['ratio']:g}")
    p99_limit = limit["slow_p99"] if row.kind in (REPORT, SEARCH) else limit["p99"]
    if row.p99_ms is None or row.p99_ms >= p99_limit:
        misses.append(f"p99 ≥ {p99_limit:g} ms")
    return misses


def check_rss(first: dict[int, float], last: dict[int, float]) -> list[str]:
    """Misses of the workers' resident memory (MiB by pid) after the first and the last round."""
    misses = []
    for pid, mb in sorted(last.items()):
        if mb >= MAX_RSS_MB:
            misses.append(f"worker {pid}: RSS {mb:.0f} MiB ≥ {MAX_RSS_MB:g} MiB")
    if set(first) != set(last):
        misses.append(
            "workers restarted during the run (a request over gunicorn's timeout?): "
            f"{sorted(first)} then {sorted(last)}"
        )
    for pid in sorted(set(first) & set(last)):
        growth = last[pid] - first[pid]
        if growth > MAX_RSS_GROWTH_MB:
            misses.append(f"worker {pid}: RSS grew {growth:.1f} MiB in the second run")
    return misses


# Issue 14: faster than bakerydemo's listing pages, uncached, with the seed content (BENCH_DATA=seed,
# BENCH_COMPARE naming bakerydemo's /breads/, /blog/, /locations/ and home).
LISTING_PAGES = ("/", "/members/", "/events/", "/publications/", "/projects/", "/stories/")


def check_compare(rows: list[Row], compare: dict[str, float]) -> list[str]:
    """Misses of the portal's listing pages whose ratio is not above the best ratio of the
    compared external URLs (url -> ratio to the reference view, measured in the same run)."""
    if not compare:
        return []
    # A compared URL with no completed request is not measured: it must not lower the bar.
    misses = [f"{url}: not measured (no request completed)" for url, r in compare.items() if not r]
    best_url, best = max(compare.items(), key=lambda item: item[1])
    return misses + [
        f"{row.url}: ratio {row.ratio:.3f} ≤ {best:.3f} of {best_url}"
        for row in rows
        if row.url in LISTING_PAGES and row.ratio <= best
    ]

"""The logic of `make bench` (benchmarks/), without running a benchmark: reading wrk's result,
the order of a round, the targets, the table and the document's sections, the reference view."""

import datetime as dt

import pytest
from django.test import override_settings

from benchmarks import report, run, targets, wrk
from benchmarks.pages import API_LISTS, REPORT, SEARCH, page_list
from benchmarks.reference import REFERENCE_PATH, body

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8000/members/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   180.00ms   20.00ms 400.00ms   90.00%
  64 requests in 2.00s, 1.20MB read
Requests/sec:     32.00
Transfer/sec:    614.40KB
BENCH_RESULT {"requests": 64, "duration_us": 2000000, "bytes": 1258291, "connect_errors": 0, \
"read_errors": 0, "write_errors": 0, "status_errors": 2, "timeouts": 1, "p50_us": 175500, \
"p99_us": 390250, "max_us": 400000}
"""


def test_wrk_result_is_read_from_its_line():
    result = wrk.parse(WRK_OUTPUT)
    assert result.requests == 64
    assert result.rps == pytest.approx(32.0)
    assert result.p50_ms == pytest.approx(175.5)
    assert result.p99_ms == pytest.approx(390.25)
    assert result.errors == 3  # two non-2xx/3xx answers and a timeout


def test_wrk_without_a_completed_request_has_no_latency():
    line = WRK_OUTPUT.replace('"requests": 64', '"requests": 0')
    result = wrk.parse(line)
    assert result.rps == 0
    assert result.p50_ms is None and result.p99_ms is None


def test_wrk_output_without_the_result_line_is_an_error():
    with pytest.raises(ValueError, match="no result line"):
        wrk.parse("unable to connect to 127.0.0.1:8000 Connection refused")


def test_wrk_command_measures_as_the_issue_says():
    args = wrk.command("http://127.0.0.1:1/", seconds=2.5, connections=16, threads=2, timeout=10)
    assert "--connections=16" in args and "--duration=2.5s" in args
    assert "--header=X-Forwarded-Proto: https" in args  # as behind the TLS proxy: no redirect
    assert any(arg.endswith("wrk_report.lua") for arg in args)


def test_every_six_pages_the_reference_and_nginx_are_measured_again():
    pages = [f"/p{i}/" for i in range(8)]
    order = run.schedule(pages)
    assert order == [
        "reference", "static", *pages[:6], "reference", "static", *pages[6:], "reference", "static"
    ]  # fmt: skip


def test_the_measured_urls_cover_every_kind_of_public_page():
    picks = dict.fromkeys(["network", "member", "project", "event", "publication", "story"], "x")
    pages = dict(page_list(picks, dt.date(2026, 12, 2)))
    for url in [
        "/",
        "/members/seoul/",
        "/events/calendar/2026/12/",
        "/events/feed.ics",
        "/sitemap.xml",
        "/sitemap-events.xml",
    ]:
        assert pages[url] == "page"
    assert pages["/reports/iclei-east-asia/2022/"] == REPORT
    assert pages["/reports/citynet/2022/"] == REPORT
    assert pages["/search/?q=Kunming"] == SEARCH
    assert sum(url.startswith("/api/v1/") for url in pages) == len(API_LISTS) == 11
    assert all(url.endswith("?page_size=100") for url in pages if url.startswith("/api/"))


def row(**values):
    fields = {
        "url": "/members/",
        "kind": "page",
        "rps": 100.0,
        "ratio": 0.1,
        "p50_ms": 50.0,
        "p99_ms": 150.0,
        "errors": 0,
        "status": 200,
        "queries": 8,
        "bytes": 40_000,
    }
    return targets.Row(**{**fields, **values})


def test_a_page_within_the_uncached_targets_misses_none():
    assert targets.check_row(row(), "uncached") == []


@pytest.mark.parametrize(
    ("values", "mode", "miss"),
    [
        ({"ratio": 0.049}, "uncached", "ratio < 0.05"),
        ({"p99_ms": 200.0}, "uncached", "p99 ≥ 200 ms"),
        ({"p99_ms": None, "rps": 0}, "uncached", "p99 ≥ 200 ms"),
        ({"kind": REPORT, "p99_ms": 400.0}, "uncached", "p99 ≥ 400 ms"),
        ({"queries": 13}, "uncached", "queries > 12"),
        ({"bytes": 300_001}, "uncached", "bytes > 300 kB"),
        ({"errors": 3}, "uncached", "3 errors"),
        ({"status": 500, "error": "OperationalError: interrupted"}, "uncached", "status 500"),
        ({"ratio": 0.49, "p99_ms": 20.0}, "cached", "ratio < 0.5"),
        ({"ratio": 0.6, "p99_ms": 30.0}, "cached", "p99 ≥ 30 ms"),
        ({"kind": SEARCH, "ratio": 0.6, "p99_ms": 31.0}, "cached", "p99 ≥ 30 ms"),
    ],
)
def test_each_target_missed_is_named(values, mode, miss):
    misses = targets.check_row(row(**values), mode)
    assert any(found.startswith(miss) for found in misses), misses


def test_reports_and_search_may_take_400_ms_uncached_but_not_pages():
    assert targets.check_row(row(kind=REPORT, p99_ms=350.0), "uncached") == []
    assert targets.check_row(row(kind=SEARCH, p99_ms=350.0), "uncached") == []
    assert targets.check_row(row(p99_ms=350.0), "uncached") == ["p99 ≥ 200 ms"]


def test_a_page_over_the_timeout_is_reported_not_measured():
    misses = targets.check_row(row(too_slow=True, status=500, rps=0, p99_ms=None), "uncached")
    assert misses[0].startswith("status 500")
    assert misses[-1].startswith("not measured")


def test_worker_memory_targets():
    assert targets.check_rss({1: 100.0, 2: 110.0}, {1: 103.0, 2: 112.0}) == []
    assert targets.check_rss({1: 100.0}, {1: 151.0})[0].startswith("worker 1: RSS 151 MiB")
    assert "grew 6.0 MiB" in targets.check_rss({1: 100.0}, {1: 106.0})[0]
    assert "restarted" in targets.check_rss({1: 100.0, 2: 100.0}, {1: 100.0, 3: 90.0})[0]


def a_run(database="SQLite", **row_values):
    mode = report.ModeResult(
        mode="uncached",
        reference_rps=[900.0, 1100.0],
        static_rps=[30000.0],
        rows=[row(**row_values)],
        rss=[{10: 100.0, 11: 101.0}, {10: 100.5, 11: 101.0}],
    )
    mode.rows[0].misses = targets.check_row(mode.rows[0], "uncached")
    return report.Run(
        database=database,
        started="2026-12-02 17:00 UTC",
        machine="AMD EPYC, 2 cores",
        versions="Python 3.11",
        data="Data: fresh.",
        settings="16 connections",
        modes=[mode],
        note="shared CPU",
    )


def test_the_table_marks_each_missed_value():
    text = report.text_table(a_run(queries=20).modes[0])
    assert "reference view 1,000 req/s" in text  # the median of the two measurements
    line = next(line for line in text.splitlines() if line.startswith("/members/"))
    assert "20 !" in line and "queries > 12" in line
    assert "0.100 !" not in line  # the ratio met its target


def test_a_run_that_misses_nothing_says_so():
    section = report.section(a_run())
    assert "| `/members/` | 100.0 | 0.100 | 50.0 | 150.0 | 8 | 40.0 |  |" in section
    assert "**Result: every target met.**" in section
    assert "Note: shared CPU" in section


def test_a_run_replaces_only_its_own_database_section():
    document = "# Benchmarks\n\nHow to reproduce.\n"
    sqlite = report.section(a_run("SQLite", queries=20))
    document = report.replace_section(document, "sqlite", sqlite)
    document = report.replace_section(document, "postgresql", report.section(a_run("PostgreSQL")))
    assert "Result: targets missed on 1 lines" in document and "every target met" in document
    # The next SQLite run replaces the SQLite section only, in place.
    again = report.replace_section(document, "sqlite", report.section(a_run("SQLite")))
    assert again.startswith("# Benchmarks\n\nHow to reproduce.\n")
    assert "targets missed" not in again
    assert again.count("\n## SQLite\n") == 1 and again.count("\n## PostgreSQL\n") == 1
    assert again.index("## SQLite") < again.index("## PostgreSQL")


def test_the_reference_body_is_30_kb():
    assert len(body()) == 30 * 1024


@pytest.mark.django_db
def test_the_reference_view_is_only_in_the_benchmark_urls(client):
    assert client.get(REFERENCE_PATH).status_code == 404  # not part of the portal
    with override_settings(ROOT_URLCONF="benchmarks.urls"):
        response = client.get(REFERENCE_PATH)
    assert response.status_code == 200
    assert response.content == body()
    assert "no-store" in response["Cache-Control"]  # never served from a page cache


def test_a_listing_page_slower_than_bakerydemos_best_listing_page_is_a_miss():
    rows = [row(url="/", ratio=0.02), row(url="/members/", ratio=0.009), row(url="/x/", ratio=0)]
    compare = {"http://127.0.0.1:9/breads/": 0.011, "http://127.0.0.1:9/blog/": 0.012}
    misses = targets.check_compare(rows, compare)
    assert misses == ["/members/: ratio 0.009 ≤ 0.012 of http://127.0.0.1:9/blog/"]
    assert targets.check_compare(rows, {}) == []
    unmeasured = targets.check_compare(rows, {"http://127.0.0.1:9/": 0.0})
    assert unmeasured == ["http://127.0.0.1:9/: not measured (no request completed)"]


def test_compared_urls_are_measured_only_uncached_and_their_misses_counted(monkeypatch):
    monkeypatch.setenv("BENCH_COMPARE", "http://127.0.0.1:9/blog/, http://127.0.0.1:9/")
    assert run.compare_urls() == ["http://127.0.0.1:9/blog/", "http://127.0.0.1:9/"]
    page = {"url": "/", "kind": "page", "status": 200, "queries": 3, "bytes": 1000}
    page |= {"error": "", "too_slow": False}
    result = wrk.Result(requests=100, seconds=1.0, errors=0, p50_ms=10.0, p99_ms=20.0)
    slow = wrk.Result(requests=10, seconds=1.0, errors=0, p50_ms=10.0, p99_ms=20.0)
    results = {
        "/": [slow],
        run.REFERENCE: [result],
        run.STATIC: [result],
        "http://127.0.0.1:9/blog/": [result],
        "http://127.0.0.1:9/": [slow],
    }
    uncached = run.summarise("uncached", [page], results, [])
    assert [c.ratio for c in uncached.compare] == [1.0, 0.1]
    assert any("slower than bakerydemo" in line for line in report.text_table(uncached).split("\n"))
    assert uncached.compare_misses == ["/: ratio 0.100 ≤ 1.000 of http://127.0.0.1:9/blog/"]
    assert run.summarise("cached", [page], results, []).compare == []


def test_seed_data_builds_without_bench_data_and_writes_no_section(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(run, "manage", lambda env, *args: calls.append(args[0]))
    monkeypatch.setenv("BENCH_DATA", "seed")
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("BENCH_KEEP_DATABASE", raising=False)
    url, data = run.prepare_database({}, tmp_path, None)
    assert calls == ["migrate", "load_seed_content"]
    assert "seed content only" in data and url.startswith("sqlite:///")

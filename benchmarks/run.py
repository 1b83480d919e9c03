"""`make bench`: measure the portal at a real network's size against a bare Django view and nginx.

1. Data: a fresh database (SQLite: a temporary file; with DATABASE_URL naming PostgreSQL, the
   database `<name>_bench` on the same server, dropped at the end) built with migrate,
   load_seed_content and generate_bench_data; or BENCH_DATABASE_URL, a database already built
   that way (it is migrated, and the runs write cache entries into it).
2. collectstatic into a temporary folder; nginx on loopback serving the reference body as a file.
3. Per mode (uncached: DJANGO_PAGE_CACHE_SECONDS=0; cached: the settings' default): the SQL queries
   and bytes of each URL in this machine's Django test client (benchmarks.pages), then gunicorn
   with 2 sync workers and production settings on loopback, every URL requested once, then
   BENCH_ROUNDS rounds of wrk over every URL, the reference view and the nginx file interleaved;
   the workers' RSS after each round.
4. The table per mode, marked where a target is missed; the database's section of
   docs/benchmarks.md rewritten; exit status 1 when any target is missed.

Settings (environment): BENCH_DATABASE_URL, BENCH_SCALE (1), BENCH_KEEP_DATABASE (0),
BENCH_DURATION (seconds per URL and round, 2), BENCH_ROUNDS (2), BENCH_CONNECTIONS (16),
BENCH_THREADS (2), BENCH_TIMEOUT (seconds wrk waits for one answer, 10), BENCH_SLOW_SECONDS
(a URL whose one request takes longer in process is reported, not run under wrk, 10), BENCH_MODES
("uncached,cached"), BENCH_URLS (only URLs containing one of these comma-separated strings),
BENCH_DOC (docs/benchmarks.md; empty: write nothing), BENCH_NOTE (a note for the document),
BENCH_CACHE_URL (the shared cache; default: a private redis-server on loopback, as production).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks import report, servers, targets, wrk
from benchmarks.reference import REFERENCE_PATH

ROOT = Path(__file__).resolve().parent.parent
REFERENCE, STATIC = "reference", "static"
EVERY = 6  # pages between two measurements of the reference view and the nginx file


def setting(name: str, default: str) -> str:
    return os.environ.get(name, "") or default


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- Data ----------------------------------------------------------------------------------------


def manage(env: dict[str, str], *args: str) -> None:
    log(f"$ manage.py {' '.join(args)}")
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def postgres_admin(url: str):
    """A connection to the server of `url`, on its `postgres` database, in autocommit."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "localhost",
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def fresh_postgres(url: str) -> str:
    """Create `<name>_bench` beside the database `url` names (dropping one left by an earlier run)."""
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_bench"
    with postgres_admin(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path="/" + name))


def drop_postgres(url: str) -> None:
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with postgres_admin(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in ("postgres", "postgresql", "pgsql", "psql")


def prepare_database(env: dict[str, str], tmp: Path, cleanup: ExitStack) -> tuple[str, str]:
    """(DATABASE_URL for the run, how its data was made)."""
    given = setting("BENCH_DATABASE_URL", "")
    if given:
        env["DATABASE_URL"] = given
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        return given, "Data: a database built earlier (BENCH_DATABASE_URL), migrated."
    keep = setting("BENCH_KEEP_DATABASE", "0") == "1"
    scale = setting("BENCH_SCALE", "1")
    base = os.environ.get("DATABASE_URL", "")
    if base and is_postgres(base):
        url = fresh_postgres(base)
        if not keep:
            cleanup.callback(drop_postgres, url)
    else:
        path = (ROOT / "var" / "bench.sqlite3") if keep else (tmp / "bench.sqlite3")
        path.parent.mkdir(exist_ok=True)
        for old in path.parent.glob(path.name + "*"):
            old.unlink()
        url = f"sqlite:///{path}"
    env["DATABASE_URL"] = url
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "load_seed_content")
    if setting("BENCH_DATA", "bench") == "seed":
        made = "Data: a fresh database, migrate + load_seed_content (the seed content only)."
    else:
        manage(env, "generate_bench_data", "--scale", scale, "--force")
        made = (
            f"Data: a fresh database, migrate + load_seed_content + generate_bench_data "
            f"--scale {scale}."
        )
    if keep:
        log(f"Kept the database: run again on it with BENCH_DATABASE_URL={url}")
    return url, made


# --- Machine and versions --------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) / 1024 / 1024
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB RAM; "
        f"{platform.system()} {platform.release()}"
    )


def tool_version(args: list[str]) -> str:
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=30)
    except OSError:
        return "?"
    text = (done.stdout + done.stderr).strip().splitlines()
    return text[0] if text else "?"


def versions(database: str) -> str:
    import django

    gunicorn = tool_version([sys.executable, "-m", "gunicorn", "--version"])
    wrk_version = tool_version(["wrk", "-v"]).split(" [")[0]
    nginx = tool_version(["nginx", "-v"]).replace("nginx version: ", "")
    return (
        f"Python {platform.python_version()}, Django {django.__version__}, {database}, "
        f"{gunicorn.replace('(version ', '').rstrip(')')}, {wrk_version}, {nginx}"
    )


# --- Measuring -------------------------------------------------------------------------------------


def schedule(urls: list[str], every: int = EVERY) -> list[str]:
    """The order of one round: the reference view and the nginx file before every `every` pages
    and once more at the end."""
    order: list[str] = []
    for start in range(0, len(urls), every):
        order += [REFERENCE, STATIC, *urls[start : start + every]]
    return order + [REFERENCE, STATIC]


def median(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def mode_env(env: dict[str, str], mode: str) -> dict[str, str]:
    env = dict(env)
    if mode == "uncached":
        env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    else:
        env.pop("DJANGO_PAGE_CACHE_SECONDS", None)
    return env


def in_process(env: dict[str, str], mode: str, tmp: Path) -> dict:
    out = tmp / f"pages-{mode}.json"
    log(f"[{mode}] queries and bytes of each URL, in process")
    subprocess.run(
        [sys.executable, "-m", "benchmarks.pages", str(out), mode], cwd=ROOT, env=env, check=True
    )
    return json.loads(out.read_text())


def measure_mode(mode: str, env: dict[str, str], tmp: Path, nginx: servers.Nginx) -> tuple:
    env = mode_env(env, mode)
    passed = in_process(env, mode, tmp)
    pages = passed["pages"]  # only those BENCH_URLS names, if set
    # A URL whose one request took over BENCH_SLOW_SECONDS in process is not run under load: it
    # misses its targets anyway, and 16 of them queued (or workers killed by gunicorn's
    # timeout) would spoil the rest of the run.
    urls = [page["url"] for page in pages if not page["too_slow"]]
    seconds = float(setting("BENCH_DURATION", "2"))
    rounds = int(setting("BENCH_ROUNDS", "2"))
    options = {
        "seconds": seconds,
        "connections": int(setting("BENCH_CONNECTIONS", "16")),
        "threads": int(setting("BENCH_THREADS", "2")),
        "timeout": float(setting("BENCH_TIMEOUT", "10")),
    }
    # External URLs (BENCH_COMPARE, e.g. bakerydemo's pages), measured uncached in the same rounds.
    compare = compare_urls() if mode == "uncached" else []
    urls += compare
    results: dict[str, list[wrk.Result]] = {url: [] for url in [*urls, REFERENCE, STATIC]}
    rss: list[dict[int, float]] = []
    server = servers.Gunicorn(env, tmp / f"gunicorn-{mode}.log")
    try:
        log(f"[{mode}] gunicorn on port {server.port}: each URL once")
        for url in compare:  # another server: warmed up too
            try:
                servers.get(urlsplit(url).port or 80, url_path(url), timeout=120)
            except OSError as error:
                log(f"  {url}: {error}")
        for url in urls:
            if url in compare:
                continue
            try:
                servers.get(server.port, url, timeout=120)
            except OSError as error:
                log(f"  {url}: {error}")
        servers.drain(server.port)
        for number in range(1, rounds + 1):
            for item in schedule(urls):
                if item == REFERENCE:
                    target = f"http://{servers.HOST}:{server.port}{REFERENCE_PATH}"
                elif item == STATIC:
                    target = f"http://{servers.HOST}:{nginx.port}{nginx.path}"
                elif item in compare:
                    target = item
                else:
                    target = f"http://{servers.HOST}:{server.port}{item}"
                result = wrk.run(target, **options)
                results[item].append(result)
                log(
                    f"[{mode} {number}/{rounds}] {item}: {result.rps:,.1f} req/s, "
                    f"p99 {report._number(result.p99_ms)} ms, {result.errors} errors"
                )
                if item in compare:
                    # A single request of a page there takes well under half a second.
                    servers.drain(urlsplit(item).port or 80, path=url_path(item), fast=0.5)
                elif item not in (REFERENCE, STATIC):
                    servers.drain(server.port)
            rss.append(server.rss())
    finally:
        server.stop()
    return passed, pages, results, rss


def url_path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def compare_urls() -> list[str]:
    return [url.strip() for url in setting("BENCH_COMPARE", "").split(",") if url.strip()]


def summarise(mode: str, pages: list[dict], results: dict, rss: list) -> report.ModeResult:
    reference = [r.rps for r in results[REFERENCE]]
    reference_rps = statistics.median(reference) if reference else 0.0
    rows = []
    for page in pages:
        runs = results.get(page["url"], [])
        rps = statistics.median([r.rps for r in runs]) if runs else 0.0
        row = targets.Row(
            url=page["url"],
            kind=page["kind"],
            rps=rps,
            ratio=rps / reference_rps if reference_rps else 0.0,
            p50_ms=median([r.p50_ms for r in runs]),
            p99_ms=median([r.p99_ms for r in runs]),
            errors=sum(r.errors for r in runs),
            status=page["status"],
            queries=page["queries"],
            bytes=page["bytes"],
            error=page["error"],
            too_slow=page["too_slow"],
        )
        row.misses = targets.check_row(row, mode)
        rows.append(row)
    result = report.ModeResult(
        mode=mode,
        reference_rps=reference,
        static_rps=[r.rps for r in results[STATIC]],
        rows=rows,
        rss=rss,
    )
    for url in compare_urls() if mode == "uncached" else []:
        runs = results.get(url, [])
        rps = statistics.median([r.rps for r in runs]) if runs else 0.0
        result.compare.append(
            report.Compared(
                url=url,
                rps=rps,
                ratio=rps / reference_rps if reference_rps else 0.0,
                p50_ms=median([r.p50_ms for r in runs]),
                p99_ms=median([r.p99_ms for r in runs]),
                errors=sum(r.errors for r in runs),
            )
        )
    result.compare_misses = targets.check_compare(rows, {c.url: c.ratio for c in result.compare})
    if rss:
        result.rss_misses = targets.check_rss(rss[0], rss[-1])
        if len(rss) < 2:
            result.rss_misses.append("RSS growth not checked: BENCH_ROUNDS is 1")
    return result


def cache_kind(url: str) -> str:
    """What the document says of CACHE_URL: its scheme, not its address."""
    scheme = urlsplit(url).scheme
    return {"redis": "Redis (redis-server on loopback)", "dbcache": "the database table"}.get(
        scheme, scheme
    )


def main() -> int:
    servers.install_tools()
    started = dt.datetime.now(dt.UTC)
    with ExitStack() as cleanup:
        tmp = Path(tempfile.mkdtemp(prefix="portal-bench-"))
        cleanup.callback(shutil.rmtree, tmp, ignore_errors=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": servers.HOST,
            "BENCH_STATIC_ROOT": str(tmp / "static"),
            # Every request still goes through the API's throttle (one cache read and write);
            # a window of a second keeps its list of recent requests as short as production's.
            "API_ANONYMOUS_RATE": "1000000/second",
            "PYTHONPATH": str(ROOT),
        }
        # The shared cache production runs with: a private Redis, unless BENCH_CACHE_URL names
        # another (e.g. dbcache://portal_cache, the database table of the default settings).
        cache_url = setting("BENCH_CACHE_URL", "")
        if not cache_url:
            redis = servers.Redis()
            cleanup.callback(redis.stop)
            cache_url = redis.url
        env["CACHE_URL"] = cache_url
        url, data = prepare_database(env, tmp, cleanup)
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        nginx = servers.Nginx()
        cleanup.callback(nginx.stop)
        modes = []
        database = "?"
        for mode in setting("BENCH_MODES", "uncached,cached").split(","):
            passed, pages, results, rss = measure_mode(mode.strip(), env, tmp, nginx)
            database = passed["database"]
            modes.append(summarise(mode.strip(), pages, results, rss))
            print("\n" + report.text_table(modes[-1]), flush=True)
    run = report.Run(
        database=database.split()[0],
        started=started.strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        versions=versions(database),
        data=data,
        settings=(
            f"wrk {setting('BENCH_CONNECTIONS', '16')} connections, "
            f"{setting('BENCH_THREADS', '2')} threads, {setting('BENCH_DURATION', '2')} s per URL "
            f"and round, {setting('BENCH_ROUNDS', '2')} rounds (medians); gunicorn 2 sync workers; "
            f"cache {cache_kind(env['CACHE_URL'])}"
        ),
        modes=modes,
        note=setting("BENCH_NOTE", ""),
    )
    # A run on the seed content only writes no section unless BENCH_DOC names a document: the
    # sections hold the runs at bench scale.
    default_doc = (
        "" if setting("BENCH_DATA", "bench") == "seed" else str(ROOT / "docs" / "benchmarks.md")
    )
    doc = os.environ.get("BENCH_DOC", default_doc)
    if doc:
        path = Path(doc)
        text = path.read_text() if path.exists() else "# Benchmarks\n"
        path.write_text(
            report.replace_section(text, report.section_key(run.database), report.section(run))
        )
        log(f"Wrote the {run.database} section of {path}")
    misses = run.misses()
    if misses:
        print(f"\nTargets missed on {len(misses)} lines:")
        for miss in misses:
            print(f"  {miss}")
        return 1
    print("\nEvery target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

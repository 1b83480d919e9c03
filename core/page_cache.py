"""The page cache: public pages, feeds and API reads kept in the shared cache, never stale.

What is cached
    A GET or HEAD answered with a 200 to an anonymous visitor: a request with no cookie but the
    CSRF and language cookies and no Authorization header (decided from the request alone, so a
    visitor costs no session query). Never: the admin (settings.ADMIN_URL), any request carrying
    a session (staff, their draft previews: staff.preview), a response that sets a cookie, is
    marked private / no-store, streams (file downloads), is over PAGE_CACHE_MAX_BYTES, or varies
    on a request header the key does not hold. Redirects and 404s are not cached: cheap, and a
    crawler's made-up addresses would fill the cache.

The key
    scheme, host, path, the whole query string, the active language (from the address, the
    language cookie or Accept-Language, as LocaleMiddleware chose it) and, under /api/, the
    Accept header (the API's format negotiation). A response whose Vary names any other header
    (Cookie, which the key's "no session" stands for, and Accept-Language, which the language
    stands for, aside) is not stored.

Never stale: one content version for the whole site
    `VERSION_KEY` in the cache holds a random token and the time it was made. Every entry is
    stored with the token it was rendered under, and served only while the token is still the
    current one. `content_changed()` replaces the token; it runs

    - on every post_save, post_delete and m2m_changed of every model of the portal's apps (core,
      staff, network, events, publications, portal; history rows aside), connected in
      core/apps.py: admin forms and actions (publish, unpublish), the API's writes, history
      reverts and restores, spreadsheet imports and the seed loader all save through models;
    - explicitly where a write bypasses the signals (QuerySet.update in publications.covers,
      bulk_create in the bench data generator: events.services' bulk_create of an event's
      places runs in the transaction that saves the event, whose signal covers it);
    - after `migrate` (a deployment may change what pages show).

    Inside a transaction the new token is written when the transaction commits
    (transaction.on_commit), so no reader can render the old rows under the new token; a token is
    random, so one lost from the cache (evicted, restarted) is never reused. A request that read
    the token before the commit stores what it rendered under the old token, which no later
    request asks for.

    Time passing changes pages too: a record whose scheduled publish time comes (`publish_at`,
    no background job) and the day turning (upcoming and past events, members and staff in post
    "today"). So an entry is served only inside its window: from the later of the token's time,
    the latest publish time passed and today's midnight (settings.TIME_ZONE), to the earlier of
    the next scheduled publish time and the next midnight. The window is computed with one query
    (the next and the latest publish time of every publishable table, drafts included: a
    superset, never a miss) once per token per worker process, and again when it ends.

Conditional GET
    A cached-kind response carries a weak ETag made from the key, the token and the window, so a
    request with a matching If-None-Match is answered 304 before any view runs (and before the
    entry is read). Last-Modified is the window's start, sent only once that second is over at
    the time the token was read: two versions within one second could not be told apart by a
    date, and a change must never be answered with a 304. Cache-Control is `public, no-cache`:
    a browser or proxy may keep the page but asks every time, which costs a 304 when nothing
    changed and shows a change on the very next request (a max-age would show the old page for
    that long). Responses the page cache does not handle keep Django's ConditionalGetMiddleware
    (an ETag from the body).

Settings
    PAGE_CACHE_SECONDS (env DJANGO_PAGE_CACHE_SECONDS): how long an entry lives at most; 0 turns
    the page cache off (nothing read, stored or bumped per request; content_changed() still
    replaces the token, so turning it back on never serves what was stored before).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
import threading
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_etags
from django.utils.translation import get_language

VERSION_KEY = "page-cache:version"
ENTRY_PREFIX = "page-cache:page:"
CACHE_CONTROL = "public, no-cache"
# Vary values a cached entry may have: the key stands for them (Origin: CorsMiddleware, outside
# the cache, adds its headers to each answer, a cached one too).
KEYED_VARY = {"cookie", "accept-language", "accept", "origin"}
# Headers of a stored response that belong to the one answer, not to the page.
NOT_STORED_HEADERS = {"date", "set-cookie", "etag", "last-modified", "cache-control"}
PAGE_CACHE_MAX_BYTES = 1024 * 1024

_local = threading.local()


# --- The version -------------------------------------------------------------------------------
def _now() -> float:
    return timezone.now().timestamp()


def _new_version() -> dict:
    return {"token": secrets.token_hex(16), "since": _now()}


def _bump() -> None:
    cache.set(VERSION_KEY, _new_version(), None)
    _local.version_read = False


def content_changed() -> None:
    """Public content changed: every cached page is out of date from now on.

    Call it after a write that sends no model signal (QuerySet.update, bulk_create, raw SQL).
    Inside a transaction the new token is written when it commits, once however many records
    it wrote. A test's own transaction never commits: inside it (pytest-django's, Django's
    TestCase's) the token is also written at once, if this thread read it since the last
    change, so that a test's next request shows the change as a production request would.
    Production never writes it before the commit: with the cache in the database, that would
    lock the cache's row until the commit, and other writers would wait for it."""
    if not connection.in_atomic_block:
        _bump()
        return
    in_test_transaction = getattr(connection.atomic_blocks[0], "_from_testcase", False)
    if in_test_transaction and getattr(_local, "version_read", False):
        _bump()
    # One new token per commit: every callback of one transaction shares a marker, and the
    # first one to run writes the token.
    marker = getattr(connection, "_page_cache_marker", None)
    if marker is None or marker["done"]:
        marker = {"done": False}
        connection._page_cache_marker = marker
    transaction.on_commit(lambda: _bump_once(marker))


def _bump_once(marker: dict) -> None:
    if not marker["done"]:
        marker["done"] = True
        _bump()


# The apps whose records the public pages, feeds and API show (docs/architecture.md's layers).
CONTENT_APPS = ("core", "staff", "network", "events", "publications", "portal")


def on_model_change(sender, **kwargs) -> None:
    """Receiver for post_save and post_delete of the content apps' models (core/apps.py)."""
    content_changed()


def on_m2m_change(sender, action, **kwargs) -> None:
    """Receiver for m2m_changed: a relation between content records was added or removed."""
    if action.startswith("post_") and sender._meta.app_label in CONTENT_APPS:
        content_changed()


def on_migrate(**kwargs) -> None:
    """A migration (a deployment) may change what any page shows."""
    content_changed()


# --- The window: when time passing changes pages ---------------------------------------------
@dataclass(frozen=True)
class Window:
    token: str
    start: float  # a timestamp: nothing public changed since
    end: float  # a timestamp: something may change then


def _publishable_tables() -> list[str]:
    from core.publishing import Publishable

    return [
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model._meta.proxy
    ]


def _timestamp(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value.timestamp()


def publish_moments(now: dt.datetime) -> tuple[float | None, float | None]:
    """(the next publish time after `now`, the latest one at or before it) of any record, as
    timestamps: one query of two index lookups per publishable table. Drafts count too (a draft's
    publish time passing changes nothing, so it only ends a window early): with the published
    flag in the condition the planner may walk that index instead (87 ms at scale on SQLite)."""
    quote, param = connection.ops.quote_name, connection.ops.adapt_datetimefield_value(now)
    parts, params = [], []
    for table in _publishable_tables():
        t, column = quote(table), quote("publish_at")
        parts.append(
            f"SELECT (SELECT MIN({column}) FROM {t} WHERE {column} > %s) AS n, "
            f"(SELECT MAX({column}) FROM {t} WHERE {column} <= %s) AS p"
        )
        params += [param, param]
    sql = "SELECT MIN(n), MAX(p) FROM (" + " UNION ALL ".join(parts) + ") moments"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        next_moment, last_moment = cursor.fetchone()
    return _timestamp(next_moment), _timestamp(last_moment)


def _midnights(now: dt.datetime) -> tuple[float, float]:
    day = timezone.localtime(now).date()
    today = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    tomorrow = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    return today.timestamp(), tomorrow.timestamp()


def _window(version: dict, now: float) -> Window:
    """The current window of `version`: computed after the token was read (so its query sees
    every commit the token stands for), once per token and worker process."""
    memo = _window_memo.value
    if memo is not None and memo.token == version["token"] and memo.start <= now < memo.end:
        return memo
    moment = dt.datetime.fromtimestamp(now, dt.UTC)
    next_moment, last_moment = publish_moments(moment)
    today, tomorrow = _midnights(moment)
    window = Window(
        token=version["token"],
        start=max(version["since"], last_moment or 0.0, today),
        end=min(next_moment or math.inf, tomorrow),
    )
    _window_memo.value = window
    return window


class _Memo:
    """The window last computed in this process (shared by its threads)."""

    value: Window | None = None


_window_memo = _Memo()


def _read_window(version: dict | None, now: float) -> Window:
    if version is None:  # never made, or evicted: a new token, never an old one again
        version = _new_version()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    _local.version_read = True
    return _window(version, now)


def current_window() -> Window:
    """The content version and window in force now: part of the key of what is cached from
    public content outside the page cache (the report PDF, portal.pdf), never stale for the same
    reasons as a page. One query of the cache (and the window's once per token)."""
    return _read_window(cache.get(VERSION_KEY), _now())


# --- Requests and responses --------------------------------------------------------------------
def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def is_anonymous_read(request) -> bool:
    """A GET or HEAD from a visitor with no session and no credentials, outside the admin;
    decided from the request alone (no session is loaded)."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    allowed = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if any(name not in allowed for name in request.COOKIES):
        return False
    return not request.path.startswith("/" + settings.ADMIN_URL.lstrip("/"))


def request_key(request) -> str:
    parts = [
        request.scheme,
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        get_language() or "",
    ]
    if request.path.startswith("/api/"):
        parts.append(request.META.get("HTTP_ACCEPT", ""))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def etag(key: str, window: Window) -> str:
    digest = hashlib.sha256(f"{key}|{window.token}|{window.start}|{window.end}".encode())
    return f'W/"pc-{digest.hexdigest()[:32]}"'


@dataclass
class _State:
    key: str
    window: Window
    read_at: float
    hit: bool = False


def _mark(response, state: _State) -> None:
    """The headers of an answer the page cache stands for."""
    response["ETag"] = etag(state.key, state.window)
    response["Cache-Control"] = CACHE_CONTROL
    start = math.ceil(state.window.start)
    if state.read_at >= start:
        response["Last-Modified"] = http_date(start)
    else:
        del response["Last-Modified"]


def fetch(get_response):
    """Middleware, after LocaleMiddleware and ConditionalGetMiddleware: answers an anonymous read
    from the cache, or with 304 for a matching If-None-Match, before the view runs."""

    def middleware(request):
        if not enabled() or not is_anonymous_read(request):
            return get_response(request)
        now = _now()
        key = ENTRY_PREFIX + request_key(request)
        found = cache.get_many([VERSION_KEY, key])
        window = _read_window(found.get(VERSION_KEY), now)
        state = _State(key=key, window=window, read_at=now)
        request._page_cache = state
        if etag(key, window) in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            state.hit = True
            response = HttpResponseNotModified()
            _mark(response, state)
            return response
        entry = found.get(key)
        if entry is not None and entry["token"] == window.token and entry["start"] == window.start:
            state.hit = True
            response = HttpResponse(entry["content"], status=entry["status"])
            for header, value in entry["headers"]:
                response.headers[header] = value
            _mark(response, state)
            return response
        return get_response(request)

    return middleware


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Set-Cookie"):
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-store"}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if vary - KEYED_VARY or "*" in vary:
        return False
    if "accept" in vary and not request.path.startswith("/api/"):
        return False
    return len(response.content) <= getattr(settings, "PAGE_CACHE_MAX_BYTES", PAGE_CACHE_MAX_BYTES)


def store(get_response):
    """Middleware, before SessionMiddleware (so it sees every cookie set and every Vary): keeps
    the response `fetch` let through, if it may be shared."""

    def middleware(request):
        response = get_response(request)
        state = getattr(request, "_page_cache", None)
        if state is None or state.hit or not _storable(request, response):
            return response
        entry = {
            "token": state.window.token,
            "start": state.window.start,
            "status": response.status_code,
            "headers": [
                (header, value)
                for header, value in response.headers.items()
                if header.lower() not in NOT_STORED_HEADERS
                and not header.lower().startswith("access-control-")
            ],
            "content": response.content,
        }
        remaining = state.window.end - _now()
        timeout = min(settings.PAGE_CACHE_SECONDS, remaining)
        if timeout >= 1:
            cache.set(state.key, entry, int(timeout))
        # ConditionalGetMiddleware's ETag (from the body) gives way to the version's.
        _mark(response, state)
        return response

    return middleware

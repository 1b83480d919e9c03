"""An annual report as a PDF: the print view's HTML laid out by WeasyPrint, which does CSS paged
media in full (margin boxes, counter(pages), target-counter() for the contents' page numbers,
which Chromium's printing lacks).

Optional: WeasyPrint is the `pdf` extra (pyproject.toml) and needs the Pango system library. Where
either is missing, `available()` is False: the report pages show no PDF link and the PDF address
answers 404. Nothing else depends on it.

Resources come from this server only: the fetcher reads /static/ and /media/ files from their
storage (no HTTP request, not even to this site) and refuses every other address, so a link in
the content can never make the server fetch from the network.

Rendering takes seconds, so the bytes are kept in the cache under the page cache's content
version (core.page_cache.current_window()): a change to any record, a scheduled publication
coming due or the day turning gives a new key, as for every cached page. PAGE_CACHE_SECONDS=0
turns this cache off with the page cache.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.utils import timezone

from core import page_cache

logger = logging.getLogger(__name__)

CACHE_PREFIX = "report-pdf:"
CACHE_SECONDS = 24 * 60 * 60  # at most; the content version's window usually ends sooner


@functools.cache
def _weasyprint():
    """The weasyprint module, or None where it or its system libraries are missing (decided
    once per process: an ImportError without the package, an OSError without Pango)."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        logger.info("Report PDFs are off: WeasyPrint cannot be loaded (%s).", error)
        return None
    return weasyprint


def available() -> bool:
    """Whether this server can make PDFs (WeasyPrint and Pango installed)."""
    return _weasyprint() is not None


class RefusedAddress(ValueError):
    """A resource the PDF may not load: not a file of this site's static or media storage."""


def local_file(url: str, *, host: str) -> tuple[bytes, str]:
    """(bytes, MIME type) of the static or media file that `url` names on `host` (this site), read
    from storage; RefusedAddress for any other address (another host, another path, a path
    leaving the storage)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != host.lower():
        raise RefusedAddress(url)
    path = unquote(parts.path)
    normal = posixpath.normpath(path)
    if normal != path.rstrip("/") or "\\" in path:
        raise RefusedAddress(url)
    for prefix, read in ((settings.STATIC_URL, _static_bytes), (settings.MEDIA_URL, _media_bytes)):
        if prefix and path.startswith(prefix):
            name = path.removeprefix(prefix)
            try:
                content = read(name)
            except (OSError, SuspiciousFileOperation) as error:
                raise RefusedAddress(url) from error
            return content, mimetypes.guess_type(name)[0] or "application/octet-stream"
    raise RefusedAddress(url)


def _static_bytes(name: str) -> bytes:
    # The project and app folders, as the development server serves them (a collected copy may
    # be older), else the collected files (the hashed names pages link to in production).
    found = finders.find(name)
    if found:
        with open(found, "rb") as file:
            return file.read()
    with staticfiles_storage.open(name) as file:
        return file.read()


def _media_bytes(name: str) -> bytes:
    with default_storage.open(name) as file:
        return file.read()


def _fetcher(host: str):
    from weasyprint import urls as weasyprint_urls  # only where available() (render())

    class LocalFetcher(weasyprint_urls.URLFetcher):
        """WeasyPrint's fetcher, reading this site's files only (data: URLs are inline)."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            content, mime_type = local_file(url, host=host)
            return weasyprint_urls.URLFetcherResponse(url, content, {"Content-Type": mime_type})

    return LocalFetcher(allowed_protocols=("http", "https", "data"))


def render(html: str, *, base_url: str) -> bytes:
    """The PDF of the print view's `html`, its addresses resolved against `base_url` (this
    site's address, e.g. http://example.org/)."""
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise RuntimeError("WeasyPrint is not available")
    host = urlsplit(base_url).netloc
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_fetcher(host))
    return document.write_pdf()


def cache_key(
    *, network: str, year: int, live: bool, number: int | None, language: str
) -> str | None:
    """The cache key of a report's PDF as the request names it, under the content version now in
    force; None when the cache is off (PAGE_CACHE_SECONDS=0)."""
    if not page_cache.enabled():
        return None
    window = page_cache.current_window()
    parts = (network, year, live, number, language, window.token, window.start)
    return CACHE_PREFIX + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached(key: str | None) -> tuple[str, bytes] | None:
    """(file name, PDF bytes) kept under `key`, if any."""
    return cache.get(key) if key else None


def keep(key: str | None, filename: str, content: bytes) -> None:
    if not key:
        return
    window = page_cache.current_window()
    remaining = window.end - timezone.now().timestamp()
    timeout = int(min(CACHE_SECONDS, remaining))
    if timeout >= 1:
        cache.set(key, (filename, content), timeout)

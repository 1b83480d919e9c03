"""Record URLs without a reverse() per row.

A list page links to dozens of records and a sitemap or report to hundreds; Django's reverse()
costs tens of microseconds each (it matches the arguments against every candidate pattern).
Every record page's path is a fixed prefix followed by its slug, so the prefix is reversed once
per URL name, language, script prefix and URLconf, and the slug is quoted as reverse() quotes it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse
from django.urls.resolvers import RFC3986_SUBDELIMS
from django.utils.translation import get_language

PLACEHOLDER = "slug-placeholder"
# What reverse() leaves unquoted in a path argument (django.urls.resolvers._reverse_with_prefix).
SAFE = RFC3986_SUBDELIMS + "/~:@"


@functools.lru_cache(maxsize=256)
def _prefix_and_suffix(name: str, language: str | None, script_prefix: str, urlconf) -> tuple:
    path = reverse(name, kwargs={"slug": PLACEHOLDER})
    prefix, found, suffix = path.partition(PLACEHOLDER)
    assert found and PLACEHOLDER not in suffix, path
    return prefix, suffix


def slug_path_maker(name: str) -> Callable[[str], str]:
    """slug -> reverse(name, kwargs={"slug": slug}) for a URL whose only argument is a
    `<str:slug>`, in the current language and script prefix: for a page or feed that links
    hundreds of records (the language and prefix are looked up once, here)."""
    prefix, suffix = _prefix_and_suffix(name, get_language(), get_script_prefix(), get_urlconf())

    def path(slug: str) -> str:
        if not slug or "/" in slug:
            # reverse() refuses these for <str:…>; let it say so.
            return reverse(name, kwargs={"slug": slug})
        return prefix + quote(slug, safe=SAFE) + suffix

    return path


def slug_url(name: str, slug: str) -> str:
    """reverse(name, kwargs={"slug": slug}), for a URL whose only argument is a `<str:slug>`."""
    return slug_path_maker(name)(slug)

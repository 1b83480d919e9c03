import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

# The site's sections, in menu order.
SECTIONS = [
    ("network:network-list", _("Networks")),
    ("network:member-list", _("Members")),
    ("events:event-list", _("Events")),
    ("publications:publication-list", _("Publications")),
    ("network:project-list", _("Projects")),
    ("portal:report-list", _("Reports")),
    ("portal:story-list", _("Stories")),
]
# Addresses every page links to (the site title, search and the language form).
SHELL_URLS = {"home": "portal:home", "search": "portal:search", "set_language": "set_language"}


@functools.lru_cache(maxsize=64)
def _urls(language: str | None, script_prefix: str, urlconf) -> tuple[tuple, dict]:
    """The sections' and the shell's paths, reversed once per language, script prefix and
    URLconf (as core.links does for records) rather than on every page."""
    sections = tuple((reverse(name), label) for name, label in SECTIONS)
    return sections, {key: reverse(name) for key, name in SHELL_URLS.items()}


def site_navigation(request):
    """The main menu, with the section the visitor is in marked as current; the shell's
    addresses; the languages of the language form as (code, name in that language)."""
    sections, urls = _urls(get_language(), get_script_prefix(), get_urlconf())
    path = request.path
    return {
        "site_sections": [
            {"url": url, "label": label, "current": path.startswith(url)} for url, label in sections
        ],
        "site_urls": urls,
        "site_languages": [
            (code, settings.LANGUAGE_NAMES_LOCAL.get(code) or get_language_info(code)["name_local"])
            for code, _name in settings.LANGUAGES
        ],
    }

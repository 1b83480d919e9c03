"""Languages of editions: BCP 47 tags, their names in English (translated) and in their own script.

Django's table of languages (`django.conf.locale.LANG_INFO`) gives most names; a few tags the
publications need are missing there or have no local name, so they are added here.
"""

from __future__ import annotations

import re

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# BCP 47 tag for "undetermined": an edition the documents name without saying its language.
UNDETERMINED = "und"

_EXTRA = {
    # Chinese without a stated script (e.g. CityNet's leaflet "in Chinese").
    "zh": {"name": gettext_noop("Chinese"), "name_local": "中文"},
    # Django's table has no local name for Mongolian.
    "mn": {"name": gettext_noop("Mongolian"), "name_local": "Монгол"},
    UNDETERMINED: {"name": gettext_noop("Language not stated"), "name_local": ""},
}

# language (2–3 letters) [-script (4 letters)] [-region (2 letters or 3 digits)], lowercase.
_TAG = re.compile(r"^[a-z]{2,3}(-[a-z]{4})?(-([a-z]{2}|\d{3}))?$")


def normalise(tag: str) -> str:
    return str(tag or "").strip().replace("_", "-").lower()


def validate_language_tag(value: str) -> None:
    if not _TAG.match(normalise(value)):
        raise ValidationError(
            _("'%(value)s' is not a BCP 47 language code such as en, zh-hans or ko.")
            % {"value": value},
            code="language",
        )


def _info(code: str) -> dict:
    code = normalise(code)
    if code in _EXTRA:
        return _EXTRA[code]
    info = LANG_INFO.get(code)
    if info and "name" in info:
        return info
    return {}


def language_name(code: str) -> str:
    """The language's name in the reader's language ("Simplified Chinese")."""
    info = _info(code)
    return _(info["name"]) if info else code


def language_name_local(code: str) -> str:
    """The language's name in its own script ("简体中文"), or "" when there is none."""
    return _info(code).get("name_local", "")


def language_label(code: str) -> str:
    """For lists and selects: "Simplified Chinese — 简体中文"."""
    name, local = language_name(code), language_name_local(code)
    return f"{name} — {local}" if local and local != name else name


def language_choices() -> list[tuple[str, str]]:
    """Every language editors may pick, by English name (a callable: migrations keep no copy)."""
    codes = {code for code, info in LANG_INFO.items() if "name" in info} | set(_EXTRA)
    return sorted(
        ((code, f"{language_label(code)} ({code})") for code in codes),
        key=lambda choice: (choice[0] == UNDETERMINED, str(choice[1]).casefold()),
    )


def primary_subtag(code: str) -> str:
    return normalise(code).split("-")[0]

"""The interface's translation catalogues (locale/): every message the code marks is in each
language's catalogue, translated, with the placeholders of its English, and compiled.

Not a test of the translations' quality (people who read the languages wrote them; see the
glossaries in docs/), but of what breaks pages: an English word left in a Korean page, a
%(name)s lost (a 500 when the message is formatted), a .mo file older than its .po."""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils.translation import to_locale

ROOT = Path(settings.BASE_DIR)
LOCALES = [to_locale(code) for code, _name in settings.LANGUAGES if code != "en"]
# What `make messages` reads (Makefile): the portal's own code and templates.
SOURCES = ["core", "events", "network", "portal", "publications", "staff", "templates"]
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{[^{}]*\}")


def catalogue(locale: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"))


def key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def test_every_language_of_the_portal_has_a_catalogue():
    assert LOCALES == ["zh_Hans", "zh_Hant", "ko", "ja", "mn"]
    for locale in LOCALES:
        assert (ROOT / "locale" / locale / "LC_MESSAGES" / "django.po").is_file(), locale


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_with_its_placeholders(locale):
    po = catalogue(locale)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {locale}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy (unchecked) in {locale}: {fuzzy[:5]}"
    lost = []
    for entry in po.translated_entries():
        if "python-format" not in entry.flags and "python-brace-format" not in entry.flags:
            continue
        wanted = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            # A singular form may leave out the number ("one member"), never a named part.
            given = sorted(PLACEHOLDER.findall(text))
            if given != wanted and not (entry.msgid_plural and set(given) <= set(wanted)):
                lost.append((entry.msgid, text))
    assert not lost, f"placeholders differ in {locale}: {lost[:3]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_is_the_committed_translation(locale):
    """The .mo the portal reads says what the .po says (run `make compile-messages`)."""
    po = catalogue(locale)
    compiled_file = ROOT / "locale" / locale / "LC_MESSAGES" / "django.mo"
    assert compiled_file.is_file(), f"{locale} is not compiled: run `make compile-messages`"
    mo = polib.mofile(str(compiled_file))
    compiled = {key(entry): (entry.msgstr, entry.msgstr_plural) for entry in mo}
    stale = [
        entry.msgid
        for entry in po.translated_entries()
        if compiled.get(key(entry)) != (entry.msgstr, entry.msgstr_plural)
    ]
    assert not stale, f"{len(stale)} messages of {locale} not compiled: {stale[:5]}"


def test_every_marked_message_is_in_the_catalogues(tmp_path):
    """makemessages over a copy of the code: a message marked since the catalogues were made
    (and so shown in English on every translated page) fails here; run `make messages` and
    translate it."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext is missing in CI (.ci/run installs it)")
        pytest.skip("GNU gettext (xgettext) is not installed")
    for name in SOURCES:
        shutil.copytree(
            ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    (tmp_path / "locale").mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        with override_settings(LOCALE_PATHS=[str(tmp_path / "locale")]):
            call_command("makemessages", locale=["ko"], verbosity=0)
    finally:
        os.chdir(cwd)
    marked = {
        key(entry) for entry in polib.pofile(str(tmp_path / "locale/ko/LC_MESSAGES/django.po"))
    }
    for locale in LOCALES:
        listed = {key(entry) for entry in catalogue(locale)}
        missing = sorted(marked - listed, key=str)
        assert not missing, f"{len(missing)} marked messages not in {locale}: {missing[:5]}"

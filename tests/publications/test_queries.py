"""Query functions the annual-report builder will call, and the model's language rules."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from publications import queries
from publications.languages import language_label, validate_language_tag
from tests.factories import EditionFactory, NetworkFactory, OrganisationFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_publications_of_year_counts_translations_of_that_year_and_skips_drafts():
    """A 2019 original translated in 2020 is a 2020 publication; drafts never count."""
    network = NetworkFactory()
    translated = PublicationFactory(title="Translated", networks=[network])
    EditionFactory(publication=translated, date=dt.date(2019, 11, 1))
    EditionFactory(
        publication=translated,
        language="zh-hans",
        date=dt.date(2020, 5, 1),
        translated_by=OrganisationFactory(),
    )
    EditionFactory(publication=PublicationFactory(title="Other network"), date=dt.date(2020, 1, 1))
    draft = PublicationFactory(title="Draft", networks=[network], is_published=False)
    EditionFactory(publication=draft, date=dt.date(2020, 3, 1))
    assert [p.title for p in queries.publications_of_year(network, 2020)] == ["Translated"]
    assert [p.title for p in queries.publications_of_year(network, 2019)] == ["Translated"]
    assert [e.language for e in queries.translations_of_year(network, 2020)] == ["zh-hans"]


@pytest.mark.parametrize("tag", ["en", "zh-hans", "zh-Hant", "pt-BR", "es-419", "und"])
def test_bcp47_tags_are_accepted(tag):
    validate_language_tag(tag)


@pytest.mark.parametrize("tag", ["english", "zh_hans_x", "", "e"])
def test_malformed_language_tags_are_refused(tag):
    with pytest.raises(ValidationError, match="BCP 47"):
        validate_language_tag(tag)


def test_language_labels_show_the_local_script():
    assert language_label("zh-hans") == "Simplified Chinese — 简体中文"
    assert language_label("zh") == "Chinese — 中文"
    assert language_label("ko") == "Korean — 한국어"
    assert language_label("und") == "Language not stated"


def test_kind_display_is_the_kinds_translated_label():
    """Cards, feeds and citations name the kind as Django's get_kind_display() would."""
    from django.utils import translation

    from publications.models import Publication, PublicationKind

    for kind in PublicationKind:
        publication = Publication(kind=kind.value)
        with translation.override("ko"):
            assert publication.get_kind_display() == str(kind.label)
    assert Publication(kind="retired-kind").get_kind_display() == "retired-kind"

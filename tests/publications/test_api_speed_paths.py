"""The API's written-out representations give exactly what DRF's fields give."""

import datetime as dt

import pytest
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from publications.api import EditionSerializer
from publications.models import Edition
from tests.factories import OrganisationFactory
from tests.factories.publications import EditionFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_edition_representation_equals_drf_fields():
    """Every kind of edition serialises to DRF's own dict: keys, order and values."""
    publication = PublicationFactory(title="Low Carbon Cities", slug="저탄소-도시")
    office = OrganisationFactory(slug="seoul")
    draft_office = OrganisationFactory(slug="draft-office", is_published=False)
    EditionFactory(
        publication=publication,
        language="ko",
        title="저탄소 도시",
        date=dt.date(2022, 5, 1),
        date_precision="month",
        publisher=office,
        translated_by=draft_office,
        order=1,
    )
    EditionFactory(publication=publication, language="und", date=None, link="", order=2)
    edition = EditionFactory(publication=publication, language="zh-hans", is_summary=True)
    Edition.objects.filter(pk=edition.pk).update(file="publications/files/a.pdf", file_size=10)
    request = APIRequestFactory().get("/api/v1/publications/")
    editions = Edition.objects.filter(publication=publication).select_related(
        "publication", "publisher", "translated_by"
    )
    assert len(editions) == 3
    for edition in editions:
        serializer = EditionSerializer(context={"request": request})
        drf = serializers.Serializer.to_representation(serializer, edition)
        assert serializer.to_representation(edition) == drf
        assert list(serializer.to_representation(edition)) == list(drf)

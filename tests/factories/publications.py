import factory

from publications import models
from tests.factories.network import of_networks


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Series

    name = factory.Sequence(lambda n: f"Series {n}")


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Publication
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Publication {n}")
    kind = models.PublicationKind.REPORT
    is_published = True

    networks = of_networks()


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Edition

    publication = factory.SubFactory(PublicationFactory)
    language = "en"
    link = "https://example.org/publication.pdf"

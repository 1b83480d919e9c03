import factory

from publications import models
from tests.factories.network import NetworkFactory


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

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        if create:
            self.networks.add(*(extracted if extracted is not None else [NetworkFactory()]))


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Edition

    publication = factory.SubFactory(PublicationFactory)
    language = "en"
    link = "https://example.org/publication.pdf"

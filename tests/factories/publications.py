import factory

from publications import models
from publications.services import refresh_latest_edition_dates
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

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved as the write service saves an edition: the publication's stored latest
        edition date (the library's order) follows."""
        edition = super()._create(model_class, *args, **kwargs)
        refresh_latest_edition_dates(models.Publication.objects.filter(pk=edition.publication_id))
        return edition

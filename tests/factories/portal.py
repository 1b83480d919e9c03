import datetime as dt

import factory

from portal import models


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Story

    title = factory.Sequence(lambda n: f"Story {n}")
    date = dt.date(2022, 6, 1)
    summary = "What happened."
    is_published = True


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AnnualReport

    network = factory.SubFactory("tests.factories.network.NetworkFactory")
    year = 2022
    title = factory.Sequence(lambda n: f"Annual report {n}")
    is_published = True

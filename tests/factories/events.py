import datetime as dt

import factory

from events import models
from tests.factories.network import of_networks


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EventSeries

    name = factory.Sequence(lambda n: f"Series {n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Event {n}")
    kind = models.EventKind.WEBINAR
    start = dt.date(2022, 10, 3)
    date_precision = "day"
    status = models.EventStatus.HELD
    is_published = True

    networks = of_networks()


class EventPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EventPlace

    event = factory.SubFactory(EventFactory)
    city = "Seoul"
    country = "KR"


class EventSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EventSession

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    start = dt.date(2022, 10, 3)
    date_precision = "day"

import datetime as dt

import factory

from network import models


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Network

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    is_published = True


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Region

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"City {n}")
    kind = models.OrganisationKind.CITY
    country = "KR"
    is_published = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    name = factory.Sequence(lambda n: f"Person {n}")
    is_published = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    organisation = factory.SubFactory(OrganisationFactory)
    network = factory.SubFactory(NetworkFactory)
    type = models.MembershipType.FULL


class GovernanceBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.GovernanceBody

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Committee {n}")


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Term

    body = factory.SubFactory(GovernanceBodyFactory)
    name = "2021–2024"
    start = dt.date(2021, 1, 1)
    end = dt.date(2024, 12, 31)
    date_precision = "year"


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Seat

    term = factory.SubFactory(TermFactory)
    role = "Member"
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Project

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    is_published = True


class CityPairingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CityPairing

    programme = factory.SubFactory(ProjectFactory)
    first = factory.SubFactory(OrganisationFactory)
    second = factory.SubFactory(OrganisationFactory)
    theme = "Air Quality"
    is_published = True

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


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Office

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Office {n}")


class StatedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.StatedFigure

    network = factory.SubFactory(NetworkFactory)
    label = "local governments"
    value = 101
    as_of = dt.date(2022, 1, 1)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Theme

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Cluster

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Cluster {n}")


class ClusterLeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ClusterLead

    cluster = factory.SubFactory(ClusterFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = models.ClusterRole.LEAD


class NationalChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.NationalChapter

    network = factory.SubFactory(NetworkFactory)
    country = "KR"


class StaffPositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.StaffPosition

    network = factory.SubFactory(NetworkFactory)
    person = factory.SubFactory(PersonFactory)
    role = "Programme officer"


class NetworkPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.NetworkPartner

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)


def of_networks():
    """A factory's `networks`: the ones given (`networks=[…]`), else one new network."""

    @factory.post_generation
    def networks(record, create, extracted, **kwargs):
        if create:
            record.networks.add(*(extracted if extracted is not None else [NetworkFactory()]))

    return networks

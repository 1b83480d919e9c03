"""Governance bodies, terms and seats; clusters and their leads; national chapters; partners."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.models import SourcedModel
from core.partial_dates import PartialDateRange
from core.time_scope import TimeScoped
from network.models.members import Organisation
from network.models.networks import Network
from network.models.people import Person


class GovernanceBody(models.Model):
    """A governing body of a network: Council, GexCom, RexCom, Executive Committee…"""

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="governance_bodies",
        verbose_name=_("network"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["network", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"], name="unique_body_name_per_network"
            ),
        ]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")

    def __str__(self):
        return f"{self.name} ({self.network})"


class TermQuerySet(models.QuerySet):
    def in_force_during(self, year: int):
        """Terms that overlap `year`."""
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return self.filter(start__lte=last).filter(
            Q(end__gte=first) | Q(end__isnull=True, start__gte=first)
        )

    def of_report_year(self, year: int):
        """Terms in force in `year` and those starting the next year: an annual report shows the
        office bearers elected during its year (CityNet's 2022 report, its 2023–2026 term)."""
        return self.filter(
            Q(pk__in=self.in_force_during(year).values("pk")) | Q(start__year=year + 1)
        )


class Term(SourcedModel, PartialDateRange):
    """A period of office of a body, e.g. RexCom 2021–2024."""

    network_path = "body__network"
    history = HistoricalRecords()

    body = models.ForeignKey(
        GovernanceBody, on_delete=models.CASCADE, related_name="terms", verbose_name=_("body")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. '2021–2024'."))
    elected_at = models.CharField(_("elected at"), max_length=200, blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["body", "-start"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self):
        return f"{self.body.name} {self.name}"


class Seat(SourcedModel, TimeScoped):
    """A seat on a term: a role held by a person and/or an organisation."""

    network_path = "term__body__network"
    history = HistoricalRecords()

    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="seats", verbose_name=_("term")
    )
    role = models.CharField(
        _("role"), max_length=150, help_text=_("E.g. 'Vice President City', 'Chair'.")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
        help_text=_("A person may hold only one seat on a term."),
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
        help_text=_("The organisation represented."),
        verbose_name=_("organisation"),
    )
    portfolio = models.CharField(
        _("portfolio"), max_length=150, blank=True, help_text=_("E.g. 'Climate Action'.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["term", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "person"],
                condition=Q(person__isnull=False),
                name="one_seat_per_person_per_term",
                violation_error_message=_("This person already holds a seat on this term."),
            ),
        ]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self):
        return f"{self.role}: {self.person or self.organisation}"

    def clean(self):
        super().clean()
        if not self.person_id and not self.organisation_id:
            raise ValidationError(_("A seat needs a person, an organisation, or both."))


class Cluster(SourcedModel):
    """A thematic cluster or area of a network, led by member organisations."""

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="clusters", verbose_name=_("network")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["network", "order", "name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self):
        return self.name


class ClusterRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CO_LEAD = "co-lead", _("Co-lead")


class ClusterLead(SourcedModel, TimeScoped):
    """An organisation leading or co-leading a cluster for a period."""

    network_path = "cluster__network"
    history = HistoricalRecords()

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="leads", verbose_name=_("cluster")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="cluster_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=ClusterRole.choices)
    from_year = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    until_year = models.PositiveSmallIntegerField(_("until (year)"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["cluster", "role", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "organisation", "role", "from_year"],
                name="unique_cluster_role_per_period",
                violation_error_message=_(
                    "This organisation already has this role in this cluster for this period."
                ),
            ),
        ]
        verbose_name = _("cluster lead")
        verbose_name_plural = _("cluster leads")

    def __str__(self):
        return f"{self.cluster}: {self.organisation} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.from_year and self.until_year and self.until_year < self.from_year:
            raise ValidationError({"until_year": _("The period ends before it starts.")})

    def period_years(self):
        return self.from_year, self.until_year, self.from_year is not None and not self.until_year

    @property
    def period(self):
        if self.from_year and self.until_year:
            return f"{self.from_year}–{self.until_year}"
        return str(self.from_year or "")


class NationalChapter(SourcedModel, TimeScoped):
    """A network's representation in one country, hosted by a member."""

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="national_chapters",
        verbose_name=_("network"),
    )
    country = CountryField(_("country"))
    host = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_chapters",
        verbose_name=_("host"),
    )

    class Meta:
        ordering = ["network", "country"]
        constraints = [
            models.UniqueConstraint(fields=["network", "country"], name="one_chapter_per_country"),
        ]
        verbose_name = _("national chapter")
        verbose_name_plural = _("national chapters")

    def __str__(self):
        return f"{self.network} — {self.country.name}"


class PartnerRole(models.TextChoices):
    PARTNER = "partner", _("Partner")
    SUPPORTER = "supporter", _("Supporter")
    FUNDER = "funder", _("Funder")
    HOST = "host", _("Host")


class NetworkPartner(SourcedModel, TimeScoped):
    """An organisation that partners with, supports, funds or hosts a network."""

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="partners", verbose_name=_("network")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="network_partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["network", "role", "order", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation", "role"], name="unique_network_partner_role"
            ),
        ]
        verbose_name = _("network partner")
        verbose_name_plural = _("network partners")

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()} of {self.network})"

"""Who belongs to which network, how each network is governed, who works for it, what it runs."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core import dates
from core.models import SluggedModel, SourcedModel
from core.partial_dates import PartialDate, PartialDateRange, Precision, format_period
from core.publishing import Publishable, PublishableQuerySet
from core.uploads import GeneratedName, validate_image_upload
from core.validators import http_url_validator


class Network(SluggedModel, SourcedModel, Publishable):
    """A city network or programme with a secretariat (ICLEI East Asia, CityNet, NEASPEC)."""

    name = models.CharField(_("name"), max_length=200, help_text=_("Short name, e.g. 'CityNet'."))
    full_name = models.CharField(_("full name"), max_length=300, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded (year)"), null=True, blank=True)
    description = models.TextField(_("about"), blank=True)
    how_to_join = models.TextField(
        _("how to join"), blank=True, help_text=_("Shown on the network page under 'Join'.")
    )
    website = models.URLField(_("website"), blank=True, validators=[http_url_validator])
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to=GeneratedName("networks/logos"),
        validators=[validate_image_upload],
        blank=True,
        help_text=_("JPEG, PNG or WebP, up to 10 MB."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:network-detail", kwargs={"slug": self.slug})


class Office(models.Model):
    """An office of a network: its secretariat, regional or project offices."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="offices")
    name = models.CharField(_("name"), max_length=200)
    is_secretariat = models.BooleanField(_("secretariat"), default=False)
    address = models.TextField(_("address"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["network", "-is_secretariat", "order", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return f"{self.name} ({self.network})"


class Region(models.Model):
    """A region as one network divides its membership (CityNet's 'South & Southwest Asia')."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="regions")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["network", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "slug"], name="unique_region_slug_per_network"
            ),
        ]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class OrganisationKind(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    COUNTY = "county", _("County")
    REGENCY = "regency", _("Regency")
    PROVINCE = "province", _("Province")
    NGO = "ngo", _("NGO")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research-institute", _("Research institute")
    AGENCY = "agency", _("Government agency")
    INTERNATIONAL_ORGANISATION = "international-organisation", _("International organisation")
    COMPANY = "company", _("Company")
    FOUNDATION = "foundation", _("Foundation")
    NETWORK = "network", _("Network")
    OTHER = "other", _("Other")

    @classmethod
    def local_governments(cls):
        return [cls.CITY, cls.DISTRICT, cls.COUNTY, cls.REGENCY, cls.PROVINCE]


class OrganisationQuerySet(PublishableQuerySet):
    pass


class Organisation(SluggedModel, SourcedModel, Publishable):
    """A local government or other body; members, partners and funders alike."""

    name = models.CharField(_("name"), max_length=250, help_text=_("Full name in English."))
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("As member lists print it, e.g. 'ICDI' or 'Seoul'. Used where space is short."),
    )
    native_name = models.CharField(
        _("name in local language"), max_length=250, blank=True, help_text=_("E.g. 서울특별시.")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    country = CountryField(_("country"), blank=True, db_index=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text=_("Decimal degrees, −90 to 90. Give both coordinates or neither."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text=_("Decimal degrees, −180 to 180."),
    )
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True, validators=[http_url_validator])
    description = models.TextField(_("description"), blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to=GeneratedName("organisations/photos"),
        validators=[validate_image_upload],
        blank=True,
        help_text=_("JPEG, PNG or WebP, up to 10 MB."),
    )
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:member-detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return self.name

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("Latitude must be between −90 and 90.")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": _("Longitude must be between −180 and 180.")})


class MembershipType(models.TextChoices):
    FULL = "full", _("Full member")
    ASSOCIATE = "associate", _("Associate member")
    CORPORATE = "corporate", _("Corporate member")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


# Headings and counts ("102 full members") need the plural, which not every language makes by
# adding an "s".
MEMBERSHIP_TYPE_PLURALS = {
    MembershipType.FULL: _("Full members"),
    MembershipType.ASSOCIATE: _("Associate members"),
    MembershipType.CORPORATE: _("Corporate members"),
    MembershipType.MEMBER: _("Members"),
    MembershipType.OBSERVER: _("Observers"),
}


class MembershipQuerySet(models.QuerySet):
    def public(self):
        """Memberships whose organisation and network are both published."""
        return self.filter(
            organisation__in=Organisation.objects.published(),
            network__in=Network.objects.published(),
        )

    def current_on(self, day: dt.date):
        """Members on `day`: joined on or before it (or date unknown), not yet left."""
        return self.filter(Q(joined__isnull=True) | Q(joined__lte=day)).filter(
            Q(left__isnull=True) | Q(left__gt=day)
        )

    def current(self):
        return self.current_on(dates.today())


class Membership(SourcedModel):
    """An organisation's membership of a network; kept when it ends, so history stays true."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    type = models.CharField(_("type"), max_length=20, choices=MembershipType.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_(
            "The network's own region for this member. Must be one of this network's regions."
        ),
    )
    joined = models.DateField(
        _("joined"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty if not known. For a year or month only, pick its first day and set the precision."
        ),
    )
    left = models.DateField(
        _("left"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the member leaves; the membership stays in the history. Not before 'joined'."
        ),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=7,
        choices=Precision.choices,
        default=Precision.YEAR,
        help_text=_("How exactly 'joined' and 'left' are known."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("The introduction of the new member, as the annual report prints it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["network", "type", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "network"],
                name="one_membership_per_network",
                violation_error_message=_("This organisation is already a member of this network."),
            ),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.organisation} — {self.network} ({self.get_type_display()})"

    def clean(self):
        super().clean()
        errors = {}
        if self.joined and self.left and self.left < self.joined:
            errors["left"] = _("A member cannot leave before joining: 'left' is before 'joined'.")
        if self.region_id and self.network_id and self.region.network_id != self.network_id:
            errors["region"] = _(
                "This region belongs to another network; choose one of %(network)s's regions."
            ) % {"network": self.network}
        if errors:
            raise ValidationError(errors)

    @property
    def joined_display(self):
        return format_period(self.joined, None, self.date_precision) if self.joined else ""

    @property
    def left_display(self):
        return format_period(self.left, None, self.date_precision) if self.left else ""


class FigureMetric(models.TextChoices):
    MEMBERS = "members", _("Members (computed from memberships)")
    COUNTRIES = "countries", _("Countries of members (computed)")
    OTHER = "other", _("Other (no computed counterpart)")


class StatedFigure(SourcedModel):
    """A figure a source states, kept beside the computed one (never turned into records)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="stated_figures")
    label = models.CharField(
        _("label"), max_length=200, help_text=_("What is counted, e.g. 'members'.")
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    metric = models.CharField(
        _("compares with"),
        max_length=20,
        choices=FigureMetric.choices,
        default=FigureMetric.OTHER,
        help_text=_("The computed figure this is shown beside, if any."),
    )
    membership_type = models.CharField(
        _("membership type"),
        max_length=20,
        choices=MembershipType.choices,
        blank=True,
        help_text=_("For member counts of one type only."),
    )
    is_lower_bound = models.BooleanField(
        _("'over' / 'more than'"),
        default=False,
        help_text=_("The source says 'over 150', not '150'."),
    )
    as_of = models.DateField(
        _("as of"), help_text=_("The day, or the first day of the month or year, it refers to.")
    )
    as_of_precision = models.CharField(
        _("as-of precision"), max_length=7, choices=Precision.choices, default=Precision.YEAR
    )
    quote = models.TextField(_("quote"), blank=True, help_text=_("The source's own words."))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["network", "-as_of", "label"]
        verbose_name = _("stated figure")
        verbose_name_plural = _("stated figures")

    def __str__(self):
        return f"{self.label}: {self.value_display} ({self.as_of_display})"

    @property
    def value_display(self):
        value = int(self.value) if self.value == int(self.value) else self.value
        formatted = f"{value:,}"
        return _("over %(value)s") % {"value": formatted} if self.is_lower_bound else formatted

    @property
    def as_of_display(self):
        return format_period(self.as_of, None, self.as_of_precision)

    @property
    def as_of_last_day(self):
        return PartialDate.of(self.as_of, self.as_of_precision).last


class Person(SluggedModel, SourcedModel, Publishable):
    """A leader, speaker, editor or member of a secretariat's staff."""

    name = models.CharField(_("name"), max_length=200)
    native_name = models.CharField(_("name in local script"), max_length=200, blank=True)
    honorific = models.CharField(
        _("honorific"), max_length=30, blank=True, help_text=_("Mr, Ms, Dr…")
    )
    title = models.CharField(
        _("title"), max_length=250, blank=True, help_text=_("E.g. 'Mayor of Seoul'.")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    photo = models.ImageField(
        _("photo"),
        upload_to=GeneratedName("people/photos"),
        validators=[validate_image_upload],
        blank=True,
        help_text=_("JPEG, PNG or WebP, up to 10 MB."),
    )
    bio = models.TextField(_("biography"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A network's thematic pathway or area (low emission, nature-based, circular…)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="themes")
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["network", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "slug"], name="unique_theme_slug_per_network"
            ),
        ]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class SDG(models.Model):
    """One of the 17 Sustainable Development Goals (a fixed list, loaded by a migration)."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self):
        return f"SDG {self.number}: {self.name}"


class GovernanceBody(models.Model):
    """A governing body of a network: Council, GexCom, RexCom, Executive Committee…"""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="governance_bodies")
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

    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. '2021–2024'."))
    elected_at = models.CharField(_("elected at"), max_length=200, blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["body", "-start"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self):
        return f"{self.body.name} {self.name}"


class Seat(SourcedModel):
    """A seat on a term: a role held by a person and/or an organisation."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="seats")
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
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
        help_text=_("The organisation represented."),
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

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="clusters")
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


class ClusterLead(SourcedModel):
    """An organisation leading or co-leading a cluster for a period."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="leads")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="cluster_roles"
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

    @property
    def period(self):
        if self.from_year and self.until_year:
            return f"{self.from_year}–{self.until_year}"
        return str(self.from_year or "")


class NationalChapter(SourcedModel):
    """A network's representation in one country, hosted by a member."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="national_chapters")
    country = CountryField(_("country"))
    host = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_chapters",
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


class StaffPosition(SourcedModel):
    """A person's post in a network's secretariat; kept after they leave."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="staff")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="staff_positions")
    office = models.ForeignKey(
        Office, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff"
    )
    role = models.CharField(_("role"), max_length=200)
    started = models.DateField(_("from"), null=True, blank=True)
    ended = models.DateField(_("until"), null=True, blank=True, help_text=_("Not before 'from'."))
    departed = models.BooleanField(
        _("departed"),
        default=False,
        help_text=_(
            "Left the team. Departed staff stay in the history and show only for past years."
        ),
    )
    reported_year = models.PositiveSmallIntegerField(
        _("listed in report of"),
        null=True,
        blank=True,
        help_text=_("The annual report year that lists this post, when exact dates are not known."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["network", "departed", "order", "person__name"]
        verbose_name = _("staff position")
        verbose_name_plural = _("staff positions")

    def __str__(self):
        return f"{self.person} — {self.role}"

    def clean(self):
        super().clean()
        if self.started and self.ended and self.ended < self.started:
            raise ValidationError({"ended": _("'Until' is before 'from'.")})


class PartnerRole(models.TextChoices):
    PARTNER = "partner", _("Partner")
    SUPPORTER = "supporter", _("Supporter")
    FUNDER = "funder", _("Funder")
    HOST = "host", _("Host")


class NetworkPartner(SourcedModel):
    """An organisation that partners with, supports, funds or hosts a network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="network_partnerships"
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


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class ProjectQuerySet(PublishableQuerySet):
    def active_during(self, year: int):
        """Projects whose known period overlaps `year` (undated projects count as ongoing)."""
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return self.filter(Q(start__isnull=True) | Q(start__lte=last)).filter(
            Q(end__isnull=True) | Q(end__gte=first)
        )


class Project(SluggedModel, SourcedModel, Publishable):
    """A project or programme a network runs or takes part in."""

    slug_source_field = "title"

    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        related_name="projects",
        help_text=_("The network that runs or reports the project."),
    )
    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    sdgs = models.ManyToManyField(SDG, blank=True, related_name="projects", verbose_name=_("SDGs"))
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Not before the start."))
    date_precision = models.CharField(
        _("date precision"), max_length=7, choices=Precision.choices, default=Precision.YEAR
    )
    status = models.CharField(
        _("project status"),
        max_length=10,
        choices=ProjectStatus.choices,
        default=ProjectStatus.ACTIVE,
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One http(s) address per line."))

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.acronym or self.title

    def get_absolute_url(self):
        return reverse("network:project-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The project ends before it starts.")})
        for line in self.link_list:
            if not line.startswith(("http://", "https://")):
                raise ValidationError(
                    {
                        "links": _("Each link must start with http:// or https://: %(link)s")
                        % {"link": line}
                    }
                )

    @property
    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def when(self):
        if not self.start:
            return ""
        return format_period(self.start, self.end, self.date_precision)


class ProjectRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    FUNDER = "funder", _("Funder")
    PARTNER = "partner", _("Partner")
    PARTICIPANT = "participant", _("Participating organisation")


class ProjectParticipant(models.Model):
    """An organisation's part in a project: funder, partner or participant."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="project_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=ProjectRole.choices)

    class Meta:
        ordering = ["project", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="unique_project_role"
            ),
        ]
        verbose_name = _("project participant")
        verbose_name_plural = _("project participants")

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class CityPairing(SluggedModel, SourcedModel, Publishable):
    """Two organisations paired in a city-to-city cooperation programme (IURC, ICP-AGIR)."""

    slug_source_field = "pair_name"

    programme = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="pairings")
    first = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="pairings_as_first"
    )
    second = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="pairings_as_second"
    )
    theme = models.CharField(
        _("theme"), max_length=200, blank=True, help_text=_("E.g. 'Walkable & Cyclable Cities'.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["programme", "first__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "first", "second"], name="unique_pairing_per_programme"
            ),
            models.CheckConstraint(
                condition=~Q(first=models.F("second")), name="pairing_of_two_organisations"
            ),
        ]
        verbose_name = _("city pairing")
        verbose_name_plural = _("city pairings")

    def __str__(self):
        return self.pair_name

    @property
    def pair_name(self):
        return f"{self.first.short_name or self.first.name} & {self.second.short_name or self.second.name}"

    def clean(self):
        super().clean()
        if self.first_id and self.first_id == self.second_id:
            raise ValidationError(_("A pairing needs two different organisations."))


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Done")


class StudyVisit(PartialDateRange):
    """A study visit of a pairing to one of its cities, done or planned."""

    pairing = models.ForeignKey(CityPairing, on_delete=models.CASCADE, related_name="visits")
    place = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="study_visits_hosted"
    )
    status = models.CharField(_("status"), max_length=10, choices=VisitStatus.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["pairing", "start"]
        verbose_name = _("study visit")
        verbose_name_plural = _("study visits")

    def __str__(self):
        return f"{self.place} ({self.when})"


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    LETTER_OF_INTENT = "letter-of-intent", _("Letter of intent")
    OTHER = "other", _("Other agreement")


class AgreementStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SIGNED = "signed", _("Signed")


class PairingAgreement(models.Model):
    """An agreement between paired cities: an MOU or letter of intent, signed or planned."""

    pairing = models.ForeignKey(CityPairing, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=AgreementStatus.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=7, choices=Precision.choices, default=Precision.YEAR
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["pairing", "date"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def when(self):
        return format_period(self.date, None, self.date_precision) if self.date else ""

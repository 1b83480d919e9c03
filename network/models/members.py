"""Organisations (cities and other bodies), their memberships in networks, and the figures
sources state about members that the records cannot reproduce."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core import dates
from core.links import slug_url
from core.models import SluggedModel, SourcedModel
from core.partial_dates import Precision, format_period
from core.publishing import Publishable, PublishableQuerySet
from core.uploads import GeneratedName, ImageUploadField, validate_image_upload
from core.validators import http_url_validator
from network.models.networks import Network, Region


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

    network_path = None
    history = HistoricalRecords()

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
    photo = ImageUploadField(
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
        # The member directory's order (name, then id) and its kind filter.
        indexes = [
            models.Index(fields=["name", "id"], name="organisation_name"),
            models.Index(fields=["kind"], name="organisation_kind"),
            # The sitemap index's latest change of a published organisation: the newest entry of the
            # published ones read from this index alone, not every row's change time.
            models.Index(
                fields=["is_published", "updated_at", "publish_at"],
                name="organisation_published_changes",
            ),
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Every write of an organisation (admin form and actions, API, import, revert, seed)
        # saves it here: its memberships' copy of its publication follows in one UPDATE.
        refresh_organisation_publication(Membership.objects.filter(organisation=self))

    def get_absolute_url(self):
        return slug_url("network:member-detail", self.slug)

    @property
    def public_from(self):
        """When the public may see the organisation: its publish time if published, else None
        (Membership.organisation_public_from)."""
        return self.publish_at if self.is_published else None

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
        """Memberships whose organisation and network are both published.

        The organisation's published() is tested on its copy in the membership
        (`organisation_public_from`, the same condition): counting members by network and type
        then reads one index, not every membership's organisation."""
        return self.filter(
            organisation_public_from__lte=timezone.now(),
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

    network_path = "network"
    # organisation_public_from is the organisation's, not a change of the membership.
    history = HistoricalRecords(excluded_fields=["organisation_public_from"])

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
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
        verbose_name=_("region"),
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
    # Derived, never edited: the organisation's publish time while it is published, None while
    # it is a draft, so `organisation_public_from <= now` is the organisation's published().
    # Set by save() below and by Organisation.save() (refresh_organisation_publication).
    organisation_public_from = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("organisation public from")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["network", "type", "organisation__name"]
        # The member directory's filters (network and type of one membership, the year joined)
        # and "current" (joined and left dates), on the page and in the API.
        # The first also holds what counting members by network and type tests (the networks'
        # cards, the directory's counts): those read that index alone, not 15,000 rows.
        indexes = [
            models.Index(
                fields=[
                    "network",
                    "type",
                    "joined",
                    "left",
                    "organisation_public_from",
                    "organisation",
                ],
                name="membership_network_type_dates",
            ),
            models.Index(fields=["joined"], name="membership_joined"),
            models.Index(fields=["left"], name="membership_left"),
        ]
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

    def save(self, *args, **kwargs):
        self.organisation_public_from = self.organisation.public_from
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "organisation_public_from"}
        super().save(*args, **kwargs)

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

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="stated_figures", verbose_name=_("network")
    )
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


def refresh_organisation_publication(memberships) -> None:
    """Copy each membership's organisation's publication into it (organisation_public_from):
    one UPDATE, after an organisation's save or a bulk insert (portal.bench_data)."""
    organisation = Organisation.objects.filter(pk=OuterRef("organisation_id"))
    memberships.update(
        organisation_public_from=Subquery(
            organisation.filter(is_published=True).values("publish_at")[:1]
        )
    )

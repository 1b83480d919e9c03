"""Networks with their offices, regions and themes; the 17 SDGs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.links import slug_url
from core.models import SluggedModel, SourcedModel
from core.publishing import Publishable
from core.uploads import GeneratedName, ImageUploadField, validate_image_upload
from core.validators import http_url_validator


class Network(SluggedModel, SourcedModel, Publishable):
    """A city network or programme with a secretariat (ICLEI East Asia, CityNet, NEASPEC)."""

    network_path = "pk"
    history = HistoricalRecords()

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
    logo = ImageUploadField(
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
        return slug_url("network:network-detail", self.slug)


class Office(models.Model):
    """An office of a network: its secretariat, regional or project offices."""

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="offices", verbose_name=_("network")
    )
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

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="regions", verbose_name=_("network")
    )
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


class Theme(models.Model):
    """A network's thematic pathway or area (low emission, nature-based, circular…)."""

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="themes", verbose_name=_("network")
    )
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

    network_path = None

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self):
        return f"SDG {self.number}: {self.name}"

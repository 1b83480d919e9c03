"""The parts of an event edited with it: its sessions, places, organisers and partners, images."""

from __future__ import annotations

import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.partial_dates import PartialDateRange
from core.uploads import GeneratedName, ImageUploadField, validate_image_upload
from events.models.event import Event, EventFormat
from network.models import Organisation


class EventSession(PartialDateRange):
    """A part of an event on its own day or days (a course's live session, a second day)."""

    network_path = "event__networks"
    history = HistoricalRecords()

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=EventFormat.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["event", "start", "order"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return f"{self.title or self.event.title} ({self.when})"


class EventPlace(models.Model):
    """Where (part of) an event takes place: an organisation's city, or a city and country."""

    network_path = "event__networks"
    history = HistoricalRecords()

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="places", verbose_name=_("event")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_places",
        help_text=_("The city (or body) the event took place in, if it has a page."),
        verbose_name=_("organisation"),
    )
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=150, blank=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["event", "order", "id"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if not (self.organisation_id or self.city or self.country):
            raise ValidationError(_("A place needs an organisation, a city or a country."))

    @property
    def label(self):
        # The public read (events.queries.public_places) gives a draft organisation as None.
        organisation = self.organisation if self.organisation_id else None
        return place_label(
            self.venue, self.city, organisation.name if organisation else "", self.country.code
        )


def place_label(venue: str, city: str, organisation_name: str, country: str) -> str:
    """A place as one line: venue, city (else its organisation's name), country in the active
    language. EventPlace.label, and feeds that read places as rows."""
    parts = (venue, city or organisation_name, country_name(country))
    return ", ".join(str(part) for part in parts if part)


def country_name(code: str) -> str:
    """The country's name in the active language ("" for none): a place's label, read for
    hundreds of places a page or feed."""
    return _country_name(get_language(), code) if code else ""


@functools.lru_cache(maxsize=2048)
def _country_name(language: str | None, code: str) -> str:
    # The translation catalogue's answer for (language, code): it never changes while the
    # process runs, so it is kept, not looked up again for every place.
    return str(countries.name(code))


class OrganiserRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    CO_ORGANISER = "co-organiser", _("Co-organiser")
    PARTNER = "partner", _("Partner")


class EventOrganisation(models.Model):
    """An organisation's part in an event: organiser, co-organiser or partner."""

    network_path = "event__networks"
    history = HistoricalRecords()

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="organisations", verbose_name=_("event")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="event_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=OrganiserRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["event", "role", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "role"],
                name="unique_event_organisation_role",
                violation_error_message=_("This organisation already has this role."),
            ),
        ]
        verbose_name = _("organiser or partner")
        verbose_name_plural = _("organisers and partners")

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class EventImage(models.Model):
    """A photo of an event with its caption and credit."""

    network_path = "event__networks"
    history = HistoricalRecords()

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="images", verbose_name=_("event")
    )
    image = ImageUploadField(
        _("image"),
        upload_to=GeneratedName("events/images"),
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG or WebP, up to 10 MB."),
    )
    caption = models.CharField(
        _("caption"), max_length=300, help_text=_("Also read aloud to people who cannot see it.")
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["event", "order", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.caption

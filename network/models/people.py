"""People (leaders, speakers, editors) and a network's secretariat staff."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import SluggedModel, SourcedModel
from core.publishing import Publishable
from core.time_scope import TimeScoped
from core.uploads import GeneratedName, ImageUploadField, validate_image_upload
from network.models.members import Organisation
from network.models.networks import Network, Office


class Person(SluggedModel, SourcedModel, Publishable):
    """A leader, speaker, editor or member of a secretariat's staff."""

    network_path = None
    history = HistoricalRecords()

    name = models.CharField(_("name"), max_length=200)
    native_name = models.CharField(_("name in local script"), max_length=200, blank=True)
    honorific = models.CharField(
        _("honorific"), max_length=30, blank=True, help_text=_("Mr, Ms, Dr…")
    )
    title = models.CharField(
        _("title"), max_length=250, blank=True, help_text=_("E.g. 'Mayor of Seoul'.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    photo = ImageUploadField(
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


class StaffPosition(SourcedModel, TimeScoped):
    """A person's post in a network's secretariat; kept after they leave."""

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="staff", verbose_name=_("network")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="staff_positions", verbose_name=_("person")
    )
    office = models.ForeignKey(
        Office,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("office"),
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

    def period_years(self):
        started = self.started.year if self.started else None
        ended = self.ended.year if self.ended else None
        return started, ended, started is not None and ended is None

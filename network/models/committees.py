"""Seats a network holds on other bodies' committees (an advisory committee of a city)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import SourcedModel
from network.models.members import Organisation
from network.models.networks import Network


class CommitteeSeatQuerySet(models.QuerySet):
    def held_in(self, year: int):
        """Seats held in `year`: joined by then (or undated) and not left before it."""
        return self.filter(Q(joined_year__isnull=True) | Q(joined_year__lte=year)).filter(
            Q(left_year__isnull=True) | Q(left_year__gte=year)
        )


class CommitteeSeat(SourcedModel):
    """A network's seat on a committee another body convenes, e.g. ICLEI East Asia on the
    Advisory Committee for International Organizations of Busan."""

    network_path = "network"
    history = HistoricalRecords()

    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="committee_seats",
        help_text=_("The network that sits on the committee."),
        verbose_name=_("network"),
    )
    committee = models.CharField(
        _("committee"), max_length=300, help_text=_("Its name as the source prints it.")
    )
    convened_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_seats",
        verbose_name=_("convened by"),
        help_text=_("The body whose committee it is, if the source names it; its page lists it."),
    )
    role = models.CharField(
        _("role"), max_length=100, blank=True, help_text=_("E.g. 'Member'; empty if not stated.")
    )
    joined_year = models.PositiveSmallIntegerField(_("joined in"), null=True, blank=True)
    left_year = models.PositiveSmallIntegerField(
        _("left in"), null=True, blank=True, help_text=_("Empty while the seat is held.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = CommitteeSeatQuerySet.as_manager()

    class Meta:
        ordering = ["network", "committee", "pk"]
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")

    def __str__(self):
        return f"{self.network} — {self.committee}"

    def clean(self):
        super().clean()
        if self.joined_year and self.left_year and self.left_year < self.joined_year:
            raise ValidationError({"left_year": _("The seat is left before it is joined.")})

    @property
    def period(self) -> str:
        if self.joined_year and self.left_year:
            return f"{self.joined_year}–{self.left_year}"
        if self.joined_year:
            return _("since %(year)s") % {"year": self.joined_year}
        return ""

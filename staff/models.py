"""Which networks each staff user works for, and the right to publish."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffProfile(models.Model):
    """The networks a staff user works for; they see and change only those networks' records."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("user"),
    )
    networks = models.ManyToManyField(
        "network.Network", blank=True, related_name="staff_profiles", verbose_name=_("networks")
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        permissions = [("publish_content", _("Can publish, unpublish and schedule content"))]

    def __str__(self):
        return str(self.user)

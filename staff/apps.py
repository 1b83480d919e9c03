from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff workflow: history of every content record, roles scoped by network."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "staff"
    verbose_name = _("Staff workflow")

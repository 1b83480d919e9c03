from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff workflow: history of every content record, roles scoped by network."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "staff"
    verbose_name = _("Staff workflow")

    def ready(self):
        from portal import publishing
        from staff.scope import in_user_networks

        publishing.draft_scope = in_user_networks

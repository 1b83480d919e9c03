from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_save

        from portal import editions
        from portal.models import AnnualReport

        # Publishing a report freezes its edition, whichever path saved it (portal.editions).
        post_save.connect(
            editions.report_saved, sender=AnnualReport, dispatch_uid="portal-report-editions"
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground every content app stands on; it imports no domain app (docs/architecture.md)."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # Stored files follow their record: replaced and deleted ones are removed on commit.
        from core.stored_files import connect_receivers

        connect_receivers()

        # Search's matching (core.text_search): its lookup, and its SQL function on SQLite.
        from core.text_search import install

        install()

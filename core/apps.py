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

        connect_page_cache(self)


def connect_page_cache(core_config):
    """Every saved, deleted or relinked record of the content apps makes every cached page out
    of date (core/page_cache.py); so does a migration (a deployment)."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
    from simple_history.models import HistoricalChanges

    from core import page_cache

    for label in page_cache.CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, HistoricalChanges):
                continue  # its record's own save already counts
            uid = f"page-cache-{model._meta.label}"
            post_save.connect(page_cache.on_model_change, sender=model, dispatch_uid=uid)
            post_delete.connect(page_cache.on_model_change, sender=model, dispatch_uid=uid)
    m2m_changed.connect(page_cache.on_m2m_change, dispatch_uid="page-cache-m2m")
    post_migrate.connect(page_cache.on_migrate, sender=core_config, dispatch_uid="page-cache")

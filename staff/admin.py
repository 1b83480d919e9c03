"""Every content model's admin gains history, restore and stale-form protection.

The content apps register plain admin classes; this module (loaded last, see INSTALLED_APPS)
re-registers each one as a subclass with `VersionedAdminMixin` and django-simple-history's admin,
so the content apps need not know about this app.
"""

from django.apps import apps
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portal.admin_tools import VersionedAdminMixin
from staff.models import HISTORY


def _wrap(model):
    original = type(admin.site._registry[model])
    if issubclass(original, VersionedAdminMixin):
        return
    wrapped = type(original.__name__, (VersionedAdminMixin, original, SimpleHistoryAdmin), {})
    wrapped.__module__ = original.__module__
    admin.site.unregister(model)
    admin.site.register(model, wrapped)


for _label in HISTORY:
    _model = apps.get_model(_label)
    if admin.site.is_registered(_model):
        _wrap(_model)

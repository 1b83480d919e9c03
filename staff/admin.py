"""Every content model's admin gains history, restore and stale-form protection.

The content apps register plain admin classes; this module (loaded last, see INSTALLED_APPS)
re-registers each one as a subclass with `VersionedAdminMixin` and django-simple-history's admin,
so the content apps need not know about this app.
"""

from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from network.models import Network
from portal.admin_tools import VersionedAdminMixin
from staff.models import HISTORY, NETWORK_PATHS, StaffProfile
from staff.scope import historical_network_ids, may_publish, user_networks

PUBLICATION_FIELDS = ("is_published", "publish_at")


class InlineScope:
    """Inline rows owned by a network (an organisation's memberships): only the user's networks."""

    network_path = "network"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        networks = user_networks(request.user)
        if networks is None:
            return queryset
        return queryset.filter(**{f"{self.network_path}__in": networks})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        networks = user_networks(request.user)
        if networks is not None and db_field.related_model is Network:
            kwargs["queryset"] = Network.objects.filter(pk__in=networks)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class NetworkScopeMixin:
    """Staff see and change only their networks' records; only publishers publish.

    `network_path` says how a record reaches its network ("network", "networks", "pk"…);
    None marks a shared record (organisations, people) that any editor may change.
    """

    network_path: str | None = None

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        networks = user_networks(request.user)
        if networks is None or self.network_path is None:
            return queryset
        matching = queryset.filter(**{f"{self.network_path}__in": networks})
        # A subquery rather than .distinct(): filtering through many-to-many repeats rows.
        return queryset.filter(pk__in=matching.values("pk"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        networks = user_networks(request.user)
        if networks is not None and db_field.related_model is Network:
            kwargs["queryset"] = Network.objects.filter(pk__in=networks)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        networks = user_networks(request.user)
        if networks is not None and db_field.related_model is Network:
            kwargs["queryset"] = Network.objects.filter(pk__in=networks)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_add_permission(self, request, *args):
        if self.network_path and user_networks(request.user) == []:
            return False  # a staff user with no network cannot create network records
        return super().has_add_permission(request, *args)

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if not may_publish(request.user):
            fields += tuple(
                f
                for f in PUBLICATION_FIELDS
                if f in {field.name for field in self.model._meta.fields} and f not in fields
            )
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not may_publish(request.user):
            for name in ("publish_now", "unpublish"):
                actions.pop(name, None)
        return actions

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        if user_networks(request.user) is None:
            return instances
        for inline in instances:
            path = NETWORK_PATHS.get(inline.model._meta.label)
            if path and not isinstance(inline, InlineScope):
                inline.__class__ = type(
                    inline.__class__.__name__,
                    (InlineScope, inline.__class__),
                    {"network_path": path},
                )
        return instances

    def _may_restore(self, request, record):
        """May this user see and restore the deleted record whose history entry is `record`?"""
        networks = user_networks(request.user)
        if networks is None or self.network_path is None:
            return True
        return bool(historical_network_ids(record, self.network_path) & set(networks))

    def _record_in_scope(self, request, object_id) -> bool:
        """May this user see record `object_id`, whether it still exists or was deleted?"""
        if user_networks(request.user) is None or self.network_path is None:
            return True
        try:
            if self.model.objects.filter(pk=object_id).exists():
                return self.get_queryset(request).filter(pk=object_id).exists()
            latest = (
                self.model.history.filter(**{self.model._meta.pk.attname: object_id})
                .order_by("-history_id")
                .first()
            )
        except (ValueError, ValidationError):
            return False  # not a valid id: the record does not exist
        return latest is not None and self._may_restore(request, latest)

    # The history of another network's record, and its old versions, are as hidden as its change
    # page: "does not exist", not "forbidden", so not even its existence shows.
    def history_view(self, request, object_id, extra_context=None):
        if not self._record_in_scope(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self._record_in_scope(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


def _wrap(model):
    original = type(admin.site._registry[model])
    if issubclass(original, VersionedAdminMixin):
        return
    label = model._meta.label
    wrapped = type(
        original.__name__,
        (NetworkScopeMixin, VersionedAdminMixin, original, SimpleHistoryAdmin),
        {"network_path": NETWORK_PATHS.get(label)},
    )
    wrapped.__module__ = original.__module__
    admin.site.unregister(model)
    admin.site.register(model, wrapped)


for _label in HISTORY:
    _model = apps.get_model(_label)
    if admin.site.is_registered(_model):
        _wrap(_model)


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "network_names")
    autocomplete_fields = ("user",)
    filter_horizontal = ("networks",)

    @admin.display(description="networks")
    def network_names(self, obj):
        return ", ".join(n.name for n in obj.networks.all())

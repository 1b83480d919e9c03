"""Every content model's admin gains history, restore and stale-form protection.

The content apps register plain admin classes; this module (loaded last, see INSTALLED_APPS)
re-registers each one as a subclass with `VersionedAdminMixin` and django-simple-history's admin,
so the content apps need not know about this app.
"""

from django.apps import apps
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from network.models import Network
from portal.admin_tools import VersionedAdminMixin
from staff.models import HISTORY, NETWORK_PATHS, StaffProfile
from staff.scope import may_publish, user_networks
from staff.spreadsheets import RESOURCES, SpreadsheetAdminMixin

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
        networks = user_networks(request.user)
        if networks is None or self.network_path is None:
            return True
        if self.network_path == "pk":
            return record.pk in networks
        first = self.network_path.split("__")[0]
        field = self.model._meta.get_field(first)
        if field.many_to_many:
            return bool(
                {
                    getattr(r, f"{field.m2m_reverse_field_name()}_id")
                    for r in getattr(record, first).all()
                }
                & set(networks)
            )
        if "__" in self.network_path:
            return True  # nested paths: the restored record is checked by get_queryset after
        return getattr(record, f"{first}_id") in networks


def _wrap(model):
    original = type(admin.site._registry[model])
    if issubclass(original, VersionedAdminMixin):
        return
    label = model._meta.label
    attributes = {"network_path": NETWORK_PATHS.get(label)}
    spreadsheets = ()
    if label in RESOURCES:  # import and export of members, events and publications
        spreadsheets = (SpreadsheetAdminMixin,)
        attributes["resource_classes"] = [RESOURCES[label]]
    wrapped = type(
        original.__name__,
        (*spreadsheets, NetworkScopeMixin, VersionedAdminMixin, original, SimpleHistoryAdmin),
        attributes,
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

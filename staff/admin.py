"""Every content model's admin gains history, restore and stale-form protection.

The content apps register plain admin classes; this module (loaded last, see INSTALLED_APPS)
re-registers each one as a subclass with `VersionedAdminMixin` and django-simple-history's admin,
so the content apps need not know about this app.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.core.exceptions import FieldDoesNotExist, ValidationError
from simple_history.admin import SimpleHistoryAdmin

from core.admin_tools import VersionedAdminMixin
from network.models import Network
from staff.models import HISTORY, NETWORK_PATHS, StaffProfile
from staff.scope import historical_network_ids, in_user_networks, may_publish, user_networks

PUBLICATION_FIELDS = ("is_published", "publish_at")


def _limit_choices(db_field, request, network_path, kwargs):
    """A field that decides which network a record belongs to (a network, or the parent on its
    network path: a term's body, a pairing's programme) offers only the user's networks' records;
    a forged post of another one is refused as an invalid choice."""
    if user_networks(request.user) is None:
        return
    owner = network_path.split("__")[0] if network_path else None
    if db_field.related_model is Network or db_field.name == owner:
        kwargs["queryset"] = in_user_networks(
            request.user, db_field.related_model._default_manager.all()
        )


def _names_network_records(model, list_filter) -> bool:
    """Is `list_filter` a field path ending at networks or network-owned records?"""
    if not isinstance(list_filter, str):
        return False
    try:
        field = get_fields_from_path(model, list_filter)[-1]
    except (FieldDoesNotExist, NotRelationField):
        return False
    related = field.related_model
    return related is not None and (related is Network or related._meta.label in NETWORK_PATHS)


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
        _limit_choices(db_field, request, self.network_path, kwargs)
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
        _limit_choices(db_field, request, self.network_path, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        _limit_choices(db_field, request, self.network_path, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if user_networks(request.user) is None:
            return filters
        # A filter by a related record (a pairing's programme, a term's body) lists every such
        # record; limited to those of the records this user sees, it names no other network's.
        return [
            (item, admin.RelatedOnlyFieldListFilter)
            if _names_network_records(self.model, item)
            else item
            for item in filters
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        networks = user_networks(request.user)
        linked = [f.name for f in self.model._meta.many_to_many if f.related_model is Network]
        if networks is None or not linked:
            return form

        class KeepsOtherNetworks(form):
            """The network choices hide the networks the user does not work for; saving keeps
            the record's links to them (an ICLEI editor saving a joint event leaves CityNet on)."""

            def clean(self):
                cleaned = super().clean()
                for name in linked:
                    if name in cleaned:
                        # The initial links: today's, or a reverted version's.
                        before = {getattr(n, "pk", n) for n in self.initial.get(name) or ()}
                        hidden = Network.objects.filter(pk__in=before - set(networks))
                        cleaned[name] = [*cleaned[name], *hidden]
                return cleaned

        KeepsOtherNetworks.__name__ = form.__name__
        return KeepsOtherNetworks

    def has_add_permission(self, request, *args):
        networks = user_networks(request.user)
        if self.network_path == "pk" and networks is not None:
            return False  # a network is a scope: superusers create it and assign staff to it
        if self.network_path and networks == []:
            return False  # a staff user with no network cannot create network records
        return super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        if self.network_path == "pk" and user_networks(request.user) is not None:
            return False  # deleting a network deletes all its records: superusers only
        return super().has_delete_permission(request, obj)

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

    def inline_history(self, request, inline, obj):
        # The stale-form check looks only at the rows this user's form shows.
        records = super().inline_history(request, inline, obj)
        networks = user_networks(request.user)
        if networks is None or not isinstance(inline, InlineScope):
            return records
        return records.filter(**{f"{inline.network_path}__in": networks})

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
    attributes = {"network_path": NETWORK_PATHS.get(label)}
    wrapped = type(
        original.__name__,
        (NetworkScopeMixin, VersionedAdminMixin, original, SimpleHistoryAdmin),
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

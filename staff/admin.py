"""The admin base classes every content admin inherits: network scope, history, restore and the
stale-form check, declared by inheritance (`class EventAdmin(PublishableContentAdmin)`).

A record's scope comes from its model's `network_path` (staff.scope); its history from the
model's `history = HistoricalRecords(...)`.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import NotRelationField, get_fields_from_path, unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.forms.models import _get_foreign_key
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from core.admin_tools import FoldedSearchAdminMixin, PublishableAdmin
from staff.models import StaffProfile
from staff.scope import (
    historical_network_ids,
    in_user_networks,
    is_network_model,
    joint_field,
    may_publish,
    network_path,
    shared_names,
    shared_with_others,
    unlink_from_networks,
    unlinked_message,
    user_networks,
)
from staff.versioning import VersionedAdminMixin

PUBLICATION_FIELDS = ("is_published", "publish_at")


def _limit_choices(db_field, request, network_path, kwargs):
    """A field that decides which network a record belongs to (a network, or the parent on its
    network path: a term's body, a pairing's programme) offers only the user's networks' records;
    a forged post of another one is refused as an invalid choice."""
    if user_networks(request.user) is None:
        return
    owner = network_path.split("__")[0] if network_path else None
    if is_network_model(db_field.related_model) or db_field.name == owner:
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
    return related is not None and network_path(related) is not None


class ScopedInlineMixin:
    """Inline rows owned by a network other than through the record they are shown on (an
    organisation's memberships, a person's staff positions): only the user's networks' rows.

    Rows reached through their parent (an event's sessions, a term's seats) need no filter of
    their own: the parent's admin already shows only the user's records."""

    @property
    def network_path(self) -> str | None:
        path = network_path(self.model)
        parent = _get_foreign_key(self.parent_model, self.model, fk_name=self.fk_name)
        if path is None or path.split("__")[0] == parent.name:
            return None
        return path

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        networks = user_networks(request.user)
        if networks is None or self.network_path is None:
            return queryset
        return queryset.filter(**{f"{self.network_path}__in": networks})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        _limit_choices(db_field, request, self.network_path, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ContentTabularInline(ScopedInlineMixin, admin.TabularInline):
    pass


class ContentStackedInline(ScopedInlineMixin, admin.StackedInline):
    pass


class NetworkScopeMixin:
    """Staff see and change only their networks' records; only publishers publish.

    The model's `network_path` says how a record reaches its network ("network", "networks",
    "pk"…); None marks a shared record (organisations, people) that any editor may change.
    """

    @property
    def network_path(self) -> str | None:
        return network_path(self.model)

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
        linked = {
            f.name: f.related_model
            for f in self.model._meta.many_to_many
            if is_network_model(f.related_model)
        }
        if networks is None or not linked:
            return form

        class KeepsOtherNetworks(form):
            """The network choices hide the networks the user does not work for; saving keeps
            the record's links to them (an ICLEI editor saving a joint event leaves CityNet on).

            The links kept are today's, also on a revert to an older version: reverting neither
            removes a network that joined since nor brings back one that left. Only a deleted
            record, which has no links today, is restored with all those of its version."""

            def clean(self):
                cleaned = super().clean()
                record = self.instance
                exists = (
                    record.pk is not None
                    and type(record)._default_manager.filter(pk=record.pk).exists()
                )
                for name, network_model in linked.items():
                    if name in cleaned:
                        if exists:
                            before = set(getattr(record, name).values_list("pk", flat=True))
                        else:
                            before = {getattr(n, "pk", n) for n in self.initial.get(name) or ()}
                        hidden = network_model.objects.filter(pk__in=before - set(networks))
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

    def _prepare_revert(self, request, obj, current):
        super()._prepare_revert(request, obj, current)
        # Restoring a deleted record: someone who may not publish gets it back as a draft.
        if (
            current is None
            and getattr(obj, "is_published", False)
            and not may_publish(request.user)
        ):
            obj.is_published = False
            request._restored_as_draft = True

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(request, "_restored_as_draft", False):
            self.message_user(
                request,
                gettext(
                    "“%(record)s” was restored as a draft: it was published when it was "
                    "deleted, and only a publisher can publish it again."
                )
                % {"record": obj},
                messages.WARNING,
            )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not may_publish(request.user):
            for name in ("publish_now", "unpublish"):
                actions.pop(name, None)
        if "delete_selected" in actions and self._joint_field() is not None:
            _, name, description = actions["delete_selected"]
            actions["delete_selected"] = (delete_selected_shared, name, description)
        return actions

    # --- Deleting a joint record -----------------------------------------------------------------
    # A record several networks share (`network_path = "networks"`: an event two networks ran
    # together) is deleted only by someone who works for all of them; anyone else deleting it
    # takes it off their own networks only, and it stays on the others' sites. The same on the
    # delete page and in the "delete selected" action.
    delete_confirmation_template = "admin/shared_delete_confirmation.html"

    def _joint_field(self) -> str | None:
        return joint_field(self.model)

    def _shared_with_others(self, request, obj):
        return shared_with_others(request.user, obj)

    @staticmethod
    def _unlink_message(obj, mine, others) -> str:
        return unlinked_message(obj, mine, others)

    def _unlink(self, request, obj, mine, others):
        """Take `obj` off the user's networks (kept in its history, by this user)."""
        message = unlink_from_networks(request.user, obj, mine, others)
        self.message_user(request, message, messages.SUCCESS)

    def get_deleted_objects(self, objs, request):
        """The confirmation page: a joint record is listed as removed from the user's networks
        only (nothing of it is deleted); the others as Django lists them."""
        shared, deleted = [], []
        for obj in objs:
            split = self._shared_with_others(request, obj)
            (shared if split else deleted).append((obj, split))
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(
            [obj for obj, _ in deleted], request
        )
        lines = [
            format_html(
                "{}: {}",
                capfirst(self.model._meta.verbose_name),
                gettext("“%(record)s” will only be removed from %(mine)s; it stays on %(others)s.")
                % shared_names(obj, *split),
            )
            for obj, split in shared
        ]
        return [*lines, *to_delete], counts, perms_needed, protected

    def delete_view(self, request, object_id, extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, unquote(object_id))
        split = self._shared_with_others(request, obj) if obj is not None else None
        if split:
            mine, others = split
            extra_context["shared_note"] = gettext(
                "“%(record)s” is shared with %(others)s. Deleting it here removes it from "
                "%(mine)s only: it stays on %(others)s’s site, with its history. Only someone "
                "who works for every network of the record can delete it for all of them."
            ) % shared_names(obj, mine, others)
        return super().delete_view(request, object_id, extra_context)

    def log_deletions(self, request, queryset):
        deleted = []
        for obj in queryset:
            split = self._shared_with_others(request, obj)
            if split:
                self.log_change(request, obj, self._unlink_message(obj, *split))
            else:
                deleted.append(obj)
        if deleted:
            super().log_deletions(request, deleted)

    def delete_model(self, request, obj):
        split = self._shared_with_others(request, obj)
        if split:
            self._unlink(request, obj, *split)
            request._unlinked_only = True
            return
        super().delete_model(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        if not getattr(request, "_unlinked_only", False):
            return super().response_delete(request, obj_display, obj_id)
        # The record still exists, no longer in the user's networks: back to their list.
        info = self.model._meta.app_label, self.model._meta.model_name
        url = reverse("admin:{}_{}_changelist".format(*info), current_app=self.admin_site.name)
        url = add_preserved_filters(
            {"preserved_filters": self.get_preserved_filters(request), "opts": self.model._meta},
            url,
        )
        return HttpResponseRedirect(url)

    def delete_queryset(self, request, queryset):
        rest = []
        for obj in queryset:
            split = self._shared_with_others(request, obj)
            if split:
                self._unlink(request, obj, *split)
            else:
                rest.append(obj.pk)
        super().delete_queryset(request, queryset.filter(pk__in=rest))

    def inline_history(self, request, inline, obj):
        # The stale-form check looks only at the rows this user's form shows.
        records = super().inline_history(request, inline, obj)
        networks = user_networks(request.user)
        if networks is None or getattr(inline, "network_path", None) is None:
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


def delete_selected_shared(modeladmin, request, queryset):
    """Django's "delete selected" action, with the joint records of other networks too taken
    off the user's networks only (and counted apart from the records deleted)."""
    if not request.POST.get("post"):
        return delete_selected(modeladmin, request, queryset)  # the confirmation page
    shared = {
        obj.pk: split for obj in queryset if (split := modeladmin._shared_with_others(request, obj))
    }
    response = delete_selected(modeladmin, request, queryset.exclude(pk__in=shared))
    if response is None:  # the others were deleted (none refused as protected)
        for obj in queryset.model._default_manager.filter(pk__in=shared):
            modeladmin.log_change(request, obj, modeladmin._unlink_message(obj, *shared[obj.pk]))
            modeladmin._unlink(request, obj, *shared[obj.pk])
    return response


delete_selected_shared.allowed_permissions = delete_selected.allowed_permissions


class ContentAdmin(
    FoldedSearchAdminMixin, NetworkScopeMixin, VersionedAdminMixin, SimpleHistoryAdmin
):
    """The admin of a content record: the network scope of its model, its history with revert
    and restore, the stale-form check, and search as on the public pages."""


class PublishableContentAdmin(ContentAdmin, PublishableAdmin):
    """The admin of a publishable content record: also its publication state and actions."""


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "network_names")
    autocomplete_fields = ("user",)
    filter_horizontal = ("networks",)

    @admin.display(description="networks")
    def network_names(self, obj):
        return ", ".join(n.name for n in obj.networks.all())

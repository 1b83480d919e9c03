"""History, restore and stale-form protection for every content model's admin.

Each content admin inherits it through `staff.admin.ContentAdmin`; the history itself is declared
on each model (`history = HistoricalRecords(...)`)."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import Max
from django.forms.models import _get_foreign_key
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext


def _shown(value) -> str:
    if value in (None, ""):
        return gettext("(empty)")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or gettext("(empty)")
    return str(value)


def describe_change(record, *, row: bool = False) -> list[str]:
    """What one history record did, one line per changed field: who, when, what.

    `row`: the record is an inline row of the record being edited (a session of an event),
    so each line names the row."""
    model = record.instance_type
    who = str(record.history_user) if record.history_user else gettext("someone")
    when = formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    what = {"who": who, "when": when}
    if row:
        what["row"] = f"{capfirst(model._meta.verbose_name)} “{record.instance}”"
        if record.history_type == "-":
            return [gettext("%(who)s, %(when)s: %(row)s deleted.") % what]
    previous = record.prev_record
    changes = record.diff_against(previous).changes if previous is not None else []
    lines = []
    for change in changes:
        field = model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            old, new = (
                [link[field.m2m_reverse_field_name()] for link in links]
                for links in (change.old or [], change.new or [])
            )
            old = [str(o) for o in field.related_model.objects.filter(pk__in=old)]
            new = [str(o) for o in field.related_model.objects.filter(pk__in=new)]
        else:
            old, new = change.old, change.new
        values = {
            **what,
            "field": capfirst(field.verbose_name),
            "old": _shown(old),
            "new": _shown(new),
        }
        if row:
            message = gettext(
                "%(who)s, %(when)s: %(row)s: %(field)s changed from “%(old)s” to “%(new)s”."
            )
        else:
            message = gettext("%(who)s, %(when)s: %(field)s changed from “%(old)s” to “%(new)s”.")
        lines.append(message % values)
    if lines:
        return lines
    # Created, or saved without a change of value: still newer than the form's version.
    if not row:
        return [gettext("%(who)s, %(when)s: saved.") % what]
    if previous is None:
        return [gettext("%(who)s, %(when)s: %(row)s added.") % what]
    return [gettext("%(who)s, %(when)s: %(row)s saved.") % what]


class VersionedAdminMixin:
    """History, restore and stale-form protection for a content model's admin.

    - History of each record (who, when, what changed) with "revert to this version"
      (django-simple-history); reverting also brings back the many-to-many links of that version.
    - "Deleted records": records deleted from this list, each with its history, from which it
      can be restored (with the inline rows deleted along with it).
    - A change form carries the version it was opened at — of the record and of each inline's
      rows (an event's sessions); saving it after someone else saved the record or changed,
      added or deleted one of those rows is refused with a message listing what they changed
      (never a silent overwrite).
    """

    change_form_template = "admin/versioned_change_form.html"
    version_field = "_record_version"

    # --- Stale forms ---------------------------------------------------------------------------
    def inline_history(self, request, inline, obj):
        """History records of the rows `inline` shows on `obj`'s form, deleted ones included."""
        fk = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
        return inline.model.history.filter(**{fk.attname: obj.pk})

    def _histories(self, request, obj):
        """The record's history, then that of each inline's rows, in the form's order."""
        histories = [self.model.history.filter(**{self.model._meta.pk.attname: obj.pk})]
        for inline in self.get_inline_instances(request, obj):
            if hasattr(inline.model, "history"):
                histories.append(self.inline_history(request, inline, obj))
        return histories

    def _newest(self, request, obj) -> list[int]:
        """The newest history id of the record, then of each inline's rows."""
        return [
            h.aggregate(newest=Max("history_id"))["newest"] or 0
            for h in self._histories(request, obj)
        ]

    def version_token(self, request, obj) -> str:
        """ "12.40.0": the newest history id of the record, then of each inline's rows."""
        return ".".join(str(n) for n in self._newest(request, obj))

    def changes_since_token(self, request, obj, token: str) -> list[str] | None:
        """What changed since the form carrying `token` was opened: [] for nothing, one line per
        change; None if the token is not one this admin wrote: missing, not numbers, not one
        number per history, or a version newer than any saved (a forged "999…" would otherwise
        pass as the latest)."""
        try:
            versions = [int(part) for part in token.split(".")]
        except (AttributeError, ValueError):
            return None
        newest = self._newest(request, obj)
        if len(versions) != len(newest) or any(
            v < 0 or v > n for v, n in zip(versions, newest, strict=True)
        ):
            return None
        lines = []
        for index, (history, version) in enumerate(
            zip(self._histories(request, obj), versions, strict=True)
        ):
            newer = history.filter(history_id__gt=version).order_by("history_id")
            for record in newer.select_related("history_user"):
                lines.extend(describe_change(record, row=index > 0))
        return lines

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            if request.method == "POST":
                # A refused form keeps the version it was opened at ("0" if it had none), so
                # sending it again is refused again: only a reload shows what others changed.
                context["record_version"] = request.POST.get(self.version_field) or "0"
            else:
                context["record_version"] = self.version_token(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        # A save locks the record's row until it commits (the admin saves in one transaction), so
        # two forms opened at one version and saved at the same moment are checked one after the
        # other: the second sees the first's history and is refused as stale, instead of both
        # passing the check (PostgreSQL; SQLite's IMMEDIATE transactions already take turns).
        using = router.db_for_write(self.model)
        if (
            obj is not None
            and request.method == "POST"
            and transaction.get_connection(using).in_atomic_block
        ):
            list(
                type(obj)
                ._base_manager.using(using)
                .select_for_update()
                .filter(pk=obj.pk)
                .values_list("pk")
            )
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and self._reverting(request):
            self._prepare_revert(request, obj, self._current(obj))
        form = super().get_form(request, obj, change=change, **kwargs)
        # Every save of a change form is checked, also one that leaves its version out: the
        # check must not be something the client can skip. A revert saves a version from the
        # record's history on purpose and carries none.
        if request.method == "POST" and obj is not None and not self._reverting(request):
            form = self._stale_checked(form, request, obj, request.POST.get(self.version_field))
        if obj is not None and self._reverting(request):
            form = self._with_historical_links(form, request)
        return form

    def _stale_checked(self, form_class, request, obj, submitted):
        model_admin = self

        class StaleCheckedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                changes = model_admin.changes_since_token(request, obj, submitted)
                if changes is None:
                    raise ValidationError(
                        gettext(
                            "This form does not say which version of the record it was opened "
                            "at, so your changes were not saved (they could overwrite someone "
                            "else's). Reload the page, then make your changes again."
                        ),
                        code="stale",
                    )
                if changes:
                    raise ValidationError(
                        [
                            gettext(
                                "Someone else saved this record after you opened it, so your "
                                "changes were not saved (they would have overwritten theirs). "
                                "Reload the page to see the current version, then make your "
                                "changes again. What changed:"
                            ),
                            *changes,
                        ],
                        code="stale",
                    )
                return cleaned

        StaleCheckedForm.__name__ = form_class.__name__
        return StaleCheckedForm

    # --- Revert and restore --------------------------------------------------------------------
    # A revert (or a restore: a revert of a deleted record) is a save of the change form that
    # starts from a version of the record instead of today's: django-simple-history's
    # `history_form_view` builds the admin's form on the version and saves it. So it passes the
    # form's checks (validation, the network scope; not the stale check) and the save hooks
    # below, and what the user may not change in the form (read-only for them) it leaves as is.
    @staticmethod
    def _reverting(request) -> bool:
        match = getattr(request, "resolver_match", None)
        return bool(match and match.url_name and match.url_name.endswith("_simple_history"))

    def _current(self, obj):
        """Today's row of the record a revert form shows (None: the record was deleted)."""
        return self.model._default_manager.filter(pk=obj.pk).first()

    def _prepare_revert(self, request, obj, current):
        """Before the revert form is built on `obj` (the version): the fields this user may not
        change (read-only for them, so not in the form) keep today's values; a deleted record
        has no today, and keeps the version's. Subclasses add their own rules."""
        if current is None:
            return
        for name in self.get_readonly_fields(request, obj):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a computed display, not a field
            if field.concrete and not field.many_to_many:
                setattr(obj, field.attname, getattr(current, field.attname))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history lets anyone who may *view* the history post the revert form;
        saving it needs the right to change the record, and restoring a deleted one also the
        right to add. One transaction: a refused save leaves nothing behind."""
        try:
            self.model.history.model._meta.pk.to_python(version_id)
        except ValidationError:
            raise Http404 from None  # "/history/abc/": no such version, not a server error
        if request.method == "POST":
            try:
                current = self.model._default_manager.filter(pk=unquote(object_id)).first()
            except (ValueError, ValidationError):
                current = None  # not a valid id: the view answers "not found"
            allowed = self.has_change_permission(request, current)
            if current is None:
                allowed = allowed and self.has_add_permission(request)
            if not allowed:
                raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def _with_historical_links(self, form_class, request):
        """Revert form: many-to-many fields start from the version's links, not today's. The
        "Deleted" entry of a history holds no links (they are removed before the record): a
        restore from it takes those of the version saved before the deletion."""
        model = self.model
        version_id = request.resolver_match.args[-1]

        class RevertForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                record = linked_version(model, version_id)
                for field in getattr(model.history.model, "_history_m2m_fields", []):
                    if record is not None and field.name in self.fields:
                        target = field.m2m_reverse_field_name()
                        rows = getattr(record, field.name).all()
                        self.initial[field.name] = [getattr(r, f"{target}_id") for r in rows]

        RevertForm.__name__ = form_class.__name__
        return RevertForm

    def save_model(self, request, obj, form, change):
        reverting = self._reverting(request)
        restoring = reverting and not type(obj).objects.filter(pk=obj.pk).exists()
        super().save_model(request, obj, form, change)
        if restoring:
            restore_deleted_children(obj)
        if reverting:
            # simple-history's revert view saves the links with form.save_m2m(), not through
            # save_related(): route it there, so what an admin derives after the save (an
            # event's format from its places, a publication's cover) follows on a revert too.
            save_m2m = form.save_m2m

            def save_related():
                form.save_m2m = save_m2m
                self.save_related(request, form, formsets=[], change=True)

            form.save_m2m = save_related

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="{}_{}_deleted".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        info = self.model._meta.app_label, self.model._meta.model_name
        extra_context = {
            **(extra_context or {}),
            "deleted_records_url": reverse("admin:{}_{}_deleted".format(*info)),
        }
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request):
        """Records of this kind that were deleted, newest first, each linking to its history."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        model = self.model
        pk_name = model._meta.pk.attname
        existing = model.objects.values(pk_name)
        deletions = (
            model.history.filter(history_type="-")
            .exclude(**{f"{pk_name}__in": existing})
            .select_related("history_user")
            .order_by("-history_date")
        )
        rows, seen = [], set()
        for record in deletions[:500]:
            pk = getattr(record, pk_name)
            if pk in seen or not self._may_restore(request, record):
                continue
            seen.add(pk)
            info = model._meta.app_label, model._meta.model_name
            rows.append(
                {
                    "record": record,
                    "history_url": reverse("admin:{}_{}_history".format(*info), args=[pk]),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Deleted %(name)s") % {"name": model._meta.verbose_name_plural},
            "opts": model._meta,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/deleted_records.html", context)

    def _may_restore(self, request, record) -> bool:
        """Hook for scoping: may this user see and restore this deleted record?"""
        return True


def linked_version(model, version_id):
    """The history record whose many-to-many links a revert to `version_id` brings back: that
    version, or for a "Deleted" entry (which holds no links) the last version saved before it."""
    record = model.history.filter(history_id=version_id).first()
    if record is None or record.history_type != "-":
        return record
    pk_name = model._meta.pk.attname
    return (
        model.history.filter(**{pk_name: getattr(record, pk_name)})
        .filter(history_id__lt=record.history_id)
        .exclude(history_type="-")
        .order_by("-history_id")
        .first()
    )


def restore_deleted_children(obj) -> int:
    """Bring back the rows deleted together with `obj` (its inline rows), from their history."""
    restored = 0
    for relation in obj._meta.related_objects:
        child = relation.related_model
        if not relation.one_to_many or not hasattr(child, "history"):
            continue
        if relation.on_delete is not models.CASCADE:
            continue
        field = relation.field
        pk_name = child._meta.pk.attname
        existing = set(child.objects.values_list(pk_name, flat=True))
        records = child.history.filter(**{field.attname: obj.pk}).order_by("-history_id")
        done = set()
        for record in records:
            pk = getattr(record, pk_name)
            if pk in done or pk in existing:
                continue
            done.add(pk)
            if record.history_type == "-":
                record.instance.save()
                restored += 1
    return restored

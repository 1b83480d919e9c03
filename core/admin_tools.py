"""Admin building blocks shared by the content apps."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.filters import YearField


def image_preview(image, *, height=80):
    """A small preview of an uploaded image for list and change pages."""
    if not image:
        return "—"
    return format_html(
        # A height attribute, not a style one: the Content-Security-Policy refuses inline styles.
        '<img src="{}" alt="" height="{}">',
        image.url,
        height,
    )


class FoldedSearchAdminMixin:
    """The admin's search box matches as the public search does (core.text_search): "Malmo"
    finds "Malmö", "улаанбаатар" finds "УЛААНБААТАР". Each plain text field of `search_fields`
    gets the `folded_contains` lookup; a field with its own prefix (^, =, @) or lookup, or not
    a text field, is searched as Django would."""

    def get_search_fields(self, request):
        return [self._folded(path) for path in super().get_search_fields(request)]

    def _folded(self, path: str) -> str:
        if path[:1] in "^=@":
            return path
        try:
            field = get_fields_from_path(self.model, path)[-1]
        except (FieldDoesNotExist, NotRelationField):  # a lookup in the path: Django's own
            return path
        if isinstance(field, (models.CharField, models.TextField)):
            return f"{path}__folded_contains"
        return path


class PublishableAdmin(admin.ModelAdmin):
    """Publication state in lists, filters and bulk actions for every publishable model."""

    actions = ["publish_now", "unpublish"]
    publication_fieldset = (_("Publication"), {"fields": ("is_published", "publish_at")})

    @admin.display(boolean=True, description=_("public"))
    def public(self, obj):
        return obj.is_public

    @admin.action(description=_("Publish selected now"))
    def publish_now(self, request, queryset):
        # One save per record (not queryset.update) so each change is kept in its history.
        count = _save_each(queryset, is_published=True, publish_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d record published.", "%(count)d records published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected (back to draft)"))
    def unpublish(self, request, queryset):
        count = _save_each(queryset, is_published=False)
        self.message_user(
            request,
            ngettext("%(count)d record unpublished.", "%(count)d records unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class UniqueTogetherInlineFormSet(BaseInlineFormSet):
    """Refuses two rows of one inline that repeat the same values of `unique_fields`.

    Django checks unconditional unique constraints across an inline's rows, but not conditional
    ones (like "a person holds one seat per term" where the person may be empty); without this
    the second row would reach the database and fail there.
    """

    unique_fields: tuple[str, ...] = ()
    duplicate_message = _("The same entry appears twice.")

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            values = tuple(form.cleaned_data.get(field) for field in self.unique_fields)
            if any(value is None for value in values):
                continue
            if values in seen:
                raise ValidationError(self.duplicate_message)
            seen.add(values)


def _save_each(queryset, **values) -> int:
    count = 0
    with transaction.atomic():
        for obj in queryset:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            count += 1
    return count


class YearListFilter(admin.SimpleListFilter):
    """A "year" list filter by the one year rule (core.filters.YearField): the years that have
    records, and a bad `?year=` refused as an invalid lookup (the admin's error page), never
    silently ignored. Subclasses say which years exist and how a year filters."""

    title = _("year")
    parameter_name = "year"

    def years(self, request, model_admin) -> list[int]:
        raise NotImplementedError

    def in_year(self, queryset, year: int):
        raise NotImplementedError

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        # Checked here, not in queryset(): the admin drops a filter that has no years to offer,
        # and its parameter with it, before asking it to filter.
        self.year = None
        if self.value() is not None:
            try:
                self.year = YearField().clean(self.value())
            except ValidationError as error:
                messages.error(
                    request,
                    gettext("“%(value)s” is not a year, so the list is shown unfiltered.")
                    % {"value": self.value()},
                )
                raise IncorrectLookupParameters(error) from None

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in self.years(request, model_admin)]

    def queryset(self, request, queryset):
        return queryset if self.year is None else self.in_year(queryset, self.year)

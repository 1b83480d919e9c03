from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_tools import UniqueTogetherInlineFormSet, YearListFilter, image_preview
from publications import services
from publications.languages import UNDETERMINED, language_label
from publications.models import Edition, Publication, PublicationPerson, Series
from publications.spreadsheets import PublicationResource
from staff.admin import (
    ContentAdmin,
    ContentStackedInline,
    ContentTabularInline,
    PublishableContentAdmin,
)
from staff.spreadsheets import SpreadsheetAdminMixin


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = [
            "language",
            "is_summary",
            "order",
            "title",
            "date",
            "date_precision",
            "publisher",
            "translated_by",
            "file",
            "link",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        # New editions, and editions whose file or link an editor changed, must say where the
        # edition can be read. Editions loaded from the source documents (which name editions
        # of which no file exists) stay editable without one.
        if not self.instance.pk or {"file", "link"} & set(self.changed_data):
            services.edition_check_readable(file=cleaned.get("file"), link=cleaned.get("link"))
        return cleaned


class EditionFormSet(UniqueTogetherInlineFormSet):
    duplicate_message = services.SAME_LANGUAGE

    def clean(self):
        super(UniqueTogetherInlineFormSet, self).clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("language"):
                continue
            if data["language"] == UNDETERMINED:
                continue
            key = (data["language"], bool(data.get("is_summary")))
            if key in seen:
                raise ValidationError(self.duplicate_message)
            seen.add(key)


class EditionInline(ContentStackedInline):
    model = Edition
    form = EditionForm
    formset = EditionFormSet
    extra = 0
    autocomplete_fields = ("publisher", "translated_by")
    readonly_fields = ("file_facts",)
    fields = (
        ("language", "is_summary", "order"),
        "title",
        ("date", "date_precision"),
        ("publisher", "translated_by"),
        "file",
        "file_facts",
        "link",
    )

    @admin.display(description=_("read from the file"))
    def file_facts(self, obj):
        if not obj or not obj.file:
            return "—"
        return _("%(size)s, %(pages)s pages") % {
            "size": filesizeformat(obj.file_size or 0),
            "pages": obj.page_count or "?",
        }


class PublicationPersonInline(ContentTabularInline):
    model = PublicationPerson
    extra = 0
    autocomplete_fields = ("person",)


class LanguageListFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        codes = Edition.objects.order_by("language").values_list("language", flat=True).distinct()
        return [(code, language_label(code)) for code in codes]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                pk__in=Edition.objects.filter(language=self.value()).values("publication_id")
            )
        return queryset


class EditionYearFilter(YearListFilter):
    title = _("year of an edition")

    def years(self, request, model_admin):
        dates = Edition.objects.exclude(date__isnull=True).dates("date", "year", order="DESC")
        return [day.year for day in dates]

    def in_year(self, queryset, year):
        return queryset.filter(
            pk__in=Edition.objects.filter(date__year=year).values("publication_id")
        )


@admin.register(Publication)
class PublicationAdmin(SpreadsheetAdminMixin, PublishableContentAdmin):
    resource_classes = [PublicationResource]
    list_display = (
        "cover_thumbnail",
        "title",
        "kind",
        "series_issue",
        "languages",
        "latest_date",
        "public",
    )
    list_display_links = ("cover_thumbnail", "title")
    list_filter = (
        "networks",
        "kind",
        LanguageListFilter,
        EditionYearFilter,
        "series",
        "is_published",
    )
    search_fields = ("title", "slug", "summary", "editions__title", "series__name")
    autocomplete_fields = ("series", "networks", "projects", "organisations")
    filter_horizontal = ("themes", "sdgs")
    readonly_fields = ("cover_preview", "cover_origin", "created_at", "updated_at")
    inlines = [EditionInline, PublicationPersonInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", ("series", "issue"), "summary")}),
        (_("Cover"), {"fields": ("cover", "cover_preview", "cover_origin")}),
        (
            _("Related"),
            {"fields": ("networks", "projects", "organisations", "themes", "sdgs")},
        ),
        (_("Sources and notes"), {"fields": ("source", "reported_in", "internal_note")}),
        PublishableContentAdmin.publication_fieldset,
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("series")
            .annotate(latest=Max("editions__date"))
            .prefetch_related("editions")
        )

    @admin.display(description=_("cover"))
    def cover_thumbnail(self, obj):
        return image_preview(obj.cover_card, height=60)

    @admin.display(description=_("cover as shown"))
    def cover_preview(self, obj):
        if not obj.pk:
            return _("Made when the publication is saved.")
        return image_preview(obj.cover_large, height=240)

    @admin.display(description=_("series"), ordering="series__name")
    def series_issue(self, obj):
        if not obj.series:
            return "—"
        return f"{obj.series} {obj.issue}".strip()

    @admin.display(description=_("languages"))
    def languages(self, obj):
        return format_html(
            "{}",
            ", ".join(f"{e.language}{'*' if e.is_summary else ''}" for e in obj.editions.all()),
        )

    @admin.display(description=_("latest edition"), ordering="latest")
    def latest_date(self, obj):
        return obj.latest or "—"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the editions are saved: a new PDF or cover image shows on the public page at
        # once, without further work.
        services.publication_relations_saved(publication=form.instance)


@admin.register(Series)
class SeriesAdmin(ContentAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)

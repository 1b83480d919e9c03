from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_tools import image_preview
from portal.models import Annex, AnnualReport, Foreword, Story, StoryImage
from staff.admin import (
    ContentAdmin,
    ContentStackedInline,
    ContentTabularInline,
    PublishableContentAdmin,
)


class StoryImageInline(ContentTabularInline):
    model = StoryImage
    extra = 0
    fields = ("image", "preview", "caption", "credit", "alt_text", "order")
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.image)


@admin.register(Story)
class StoryAdmin(PublishableContentAdmin):
    list_display = ("title", "date", "network", "public")
    list_filter = ("network", "is_published")
    search_fields = ("title", "summary", "body")
    date_hierarchy = "date"
    autocomplete_fields = ("organisations", "projects", "events")
    inlines = [StoryImageInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "date", "network", "summary", "body")}),
        (_("Related"), {"fields": ("events", "projects", "organisations", "source")}),
        PublishableContentAdmin.publication_fieldset,
    )


class ForewordInline(ContentStackedInline):
    model = Foreword
    extra = 0
    autocomplete_fields = ("author",)
    fields = (("heading", "order"), ("author", "role"), "text")


@admin.register(AnnualReport)
class AnnualReportAdmin(PublishableContentAdmin):
    list_display = ("network", "year", "title", "public")
    list_filter = ("network", "is_published")
    search_fields = ("title",)
    autocomplete_fields = ("highlights",)
    readonly_fields = ("cover_preview",)
    inlines = [ForewordInline]
    fieldsets = (
        (None, {"fields": ("network", "year", "title")}),
        (_("Cover"), {"fields": ("cover", "cover_preview", "cover_credit", "cover_caption")}),
        (_("Chosen content"), {"fields": ("highlights", "closing_title", "closing_text")}),
        PublishableContentAdmin.publication_fieldset,
    )

    @admin.display(description=_("cover"))
    def cover_preview(self, obj):
        return image_preview(obj.cover)


@admin.register(Annex)
class AnnexAdmin(ContentAdmin):
    """Annexes of a document (Annex I, II…), each linked to the record it is or reports on."""

    list_display = ("document", "label", "title", "publication", "event", "project")
    list_select_related = ("document", "publication", "event", "project")
    search_fields = ("title", "label", "document__title")
    autocomplete_fields = ("document", "publication", "event", "project")
    fields = ("document", ("label", "order"), "title", "publication", "event", "project", "source")

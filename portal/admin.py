from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.admin_tools import image_preview
from portal import editions
from portal.models import Annex, AnnualReport, Foreword, Story, StoryImage
from staff.admin import (
    ContentAdmin,
    ContentStackedInline,
    ContentTabularInline,
    PublishableContentAdmin,
)
from staff.scope import may_publish


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
    readonly_fields = ("cover_preview", "edition_list")
    inlines = [ForewordInline]
    actions = [*PublishableContentAdmin.actions, "freeze_new_edition"]
    fieldsets = (
        (None, {"fields": ("network", "year", "title")}),
        (
            _("Editions"),
            {
                "fields": ("edition_list",),
                "description": _(
                    "Publishing the report freezes what it shows as an edition, which the public "
                    "page shows from then on. After correcting the records, freeze a new "
                    "edition with the action “Freeze a new edition” in the list of reports."
                ),
            },
        ),
        (_("Cover"), {"fields": ("cover", "cover_preview", "cover_credit", "cover_caption")}),
        (_("Chosen content"), {"fields": ("highlights", "closing_title", "closing_text")}),
        PublishableContentAdmin.publication_fieldset,
    )

    @admin.display(description=_("cover"))
    def cover_preview(self, obj):
        return image_preview(obj.cover)

    @admin.display(description=_("editions"))
    def edition_list(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        rows = obj.editions.order_by("-number").values_list("number", "frozen_at")
        if not rows:
            return gettext("None yet: the first is frozen when the report is published.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}</li>",
                (
                    (
                        gettext("Edition %(number)s, frozen on %(day)s")
                        % {"number": number, "day": date_format(localtime(frozen_at), "j F Y H:i")},
                    )
                    for number, frozen_at in rows
                ),
            ),
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not may_publish(request.user):
            actions.pop("freeze_new_edition", None)
        return actions

    @admin.action(description=_("Freeze a new edition of the selected reports"))
    def freeze_new_edition(self, request, queryset):
        frozen, refused = 0, []
        for report in queryset.select_related("network"):
            try:
                with transaction.atomic():
                    editions.freeze_edition(
                        report=report, reason=editions.REFROZEN, user=request.user
                    )
                frozen += 1
            except ValidationError as error:
                refused += error.messages
        if frozen:
            self.message_user(
                request,
                ngettext(
                    "A new edition of %(count)d report was frozen.",
                    "A new edition of %(count)d reports was frozen.",
                    frozen,
                )
                % {"count": frozen},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, message, messages.ERROR)


@admin.register(Annex)
class AnnexAdmin(ContentAdmin):
    """Annexes of a document (Annex I, II…), each linked to the record it is or reports on."""

    list_display = ("document", "label", "title", "publication", "event", "project")
    list_select_related = ("document", "publication", "event", "project")
    search_fields = ("title", "label", "document__title")
    autocomplete_fields = ("document", "publication", "event", "project")
    fields = ("document", ("label", "order"), "title", "publication", "event", "project", "source")

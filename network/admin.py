from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_tools import UniqueTogetherInlineFormSet, image_preview
from network import models
from network.spreadsheets import MembershipResource
from staff.admin import (
    ContentAdmin,
    ContentStackedInline,
    ContentTabularInline,
    PublishableContentAdmin,
)
from staff.spreadsheets import SpreadsheetAdminMixin

# --- Networks --------------------------------------------------------------------------------


class OfficeInline(ContentStackedInline):
    model = models.Office
    extra = 0
    fields = (
        ("name", "is_secretariat"),
        "address",
        ("city", "country"),
        ("phone", "email"),
        "order",
    )


class RegionInline(ContentTabularInline):
    model = models.Region
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


class ThemeInline(ContentTabularInline):
    model = models.Theme
    extra = 0
    fields = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Network)
class NetworkAdmin(PublishableContentAdmin):
    list_display = ("name", "full_name", "founded_year", "member_count", "public")
    list_filter = ("is_published",)
    search_fields = ("name", "full_name", "acronym")
    readonly_fields = ("logo_preview",)
    inlines = [OfficeInline, RegionInline, ThemeInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "full_name", "acronym", "founded_year", "order")}),
        (_("About"), {"fields": ("description", "how_to_join")}),
        (_("Contact"), {"fields": ("website", "email", "phone")}),
        (_("Logo"), {"fields": ("logo", "logo_preview")}),
        (_("Source"), {"fields": ("source",)}),
        PublishableContentAdmin.publication_fieldset,
    )

    @admin.display(description=_("logo"))
    def logo_preview(self, obj):
        return image_preview(obj.logo)

    @admin.display(description=_("current members"))
    def member_count(self, obj):
        return obj.memberships.current().count()


# --- Organisations and memberships -------------------------------------------------------------


class MembershipInline(ContentTabularInline):
    model = models.Membership
    extra = 0
    fields = ("network", "type", "region", "joined", "left", "date_precision")
    autocomplete_fields = ("region",)
    show_change_link = True


@admin.register(models.Organisation)
class OrganisationAdmin(PublishableContentAdmin):
    list_display = ("name", "short_name", "kind", "country", "network_list", "public")
    list_filter = ("kind", "country", "memberships__network", "memberships__type", "is_published")
    search_fields = ("name", "short_name", "native_name", "slug")
    readonly_fields = ("photo_preview",)
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "native_name", "slug", "kind", "country")}),
        (
            _("Details"),
            {"fields": ("description", "website", "population", ("latitude", "longitude"))},
        ),
        (_("Photo"), {"fields": ("photo", "photo_preview", "photo_credit")}),
        (_("Source"), {"fields": ("source",)}),
        PublishableContentAdmin.publication_fieldset,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships__network")

    @admin.display(description=_("networks"))
    def network_list(self, obj):
        return ", ".join(m.network.name for m in obj.memberships.all()) or "—"

    @admin.display(description=_("photo"))
    def photo_preview(self, obj):
        return image_preview(obj.photo)


@admin.register(models.Membership)
class MembershipAdmin(SpreadsheetAdminMixin, ContentAdmin):
    resource_classes = [MembershipResource]
    list_display = ("organisation", "network", "type", "region", "joined", "left")
    list_filter = ("network", "type", "region", ("left", admin.EmptyFieldListFilter))
    search_fields = ("organisation__name", "organisation__short_name", "organisation__native_name")
    autocomplete_fields = ("organisation", "region")
    list_select_related = ("organisation", "network", "region")
    date_hierarchy = "joined"


@admin.register(models.Region)
class RegionAdmin(ContentAdmin):
    list_display = ("name", "network", "order")
    list_filter = ("network",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.StatedFigure)
class StatedFigureAdmin(ContentAdmin):
    list_display = ("label", "network", "value_display", "as_of", "metric", "source")
    list_filter = ("network", "metric")
    search_fields = ("label", "quote", "source", "note")


@admin.register(models.Office)
class OfficeAdmin(ContentAdmin):
    list_display = ("name", "network", "city", "country", "is_secretariat")
    list_filter = ("network", "is_secretariat")
    search_fields = ("name", "city")


# --- People and staff --------------------------------------------------------------------------


@admin.register(models.Person)
class PersonAdmin(PublishableContentAdmin):
    list_display = ("name", "native_name", "title", "organisation", "public")
    list_filter = ("is_published",)
    search_fields = ("name", "native_name", "title")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation",)
    readonly_fields = ("photo_preview",)

    @admin.display(description=_("photo"))
    def photo_preview(self, obj):
        return image_preview(obj.photo)


@admin.register(models.StaffPosition)
class StaffPositionAdmin(ContentAdmin):
    list_display = (
        "person",
        "role",
        "network",
        "office",
        "started",
        "ended",
        "departed",
        "reported_in",
    )
    list_filter = ("network", "departed", "office")
    search_fields = ("person__name", "role")
    autocomplete_fields = ("person",)
    list_select_related = ("person", "network", "office")


# --- Governance ---------------------------------------------------------------------------------


class SeatFormSet(UniqueTogetherInlineFormSet):
    unique_fields = ("person",)
    duplicate_message = _(
        "The same person appears twice on this term: a person holds one seat per term."
    )


class SeatInline(ContentTabularInline):
    model = models.Seat
    formset = SeatFormSet
    extra = 0
    fields = ("order", "role", "person", "organisation", "portfolio", "reported_in", "source")
    autocomplete_fields = ("person", "organisation")


class TermInline(ContentTabularInline):
    model = models.Term
    extra = 0
    fields = ("name", "start", "end", "date_precision", "elected_at")
    show_change_link = True


@admin.register(models.GovernanceBody)
class GovernanceBodyAdmin(ContentAdmin):
    list_display = ("name", "network", "order")
    list_filter = ("network",)
    search_fields = ("name",)
    inlines = [TermInline]


@admin.register(models.Term)
class TermAdmin(ContentAdmin):
    list_display = ("__str__", "body", "start", "end", "seat_count")
    list_filter = ("body__network", "body")
    search_fields = ("name", "body__name")
    inlines = [SeatInline]

    @admin.display(description=_("seats"))
    def seat_count(self, obj):
        return obj.seats.count()


class ClusterLeadInline(ContentTabularInline):
    model = models.ClusterLead
    extra = 0
    fields = ("role", "organisation", "from_year", "until_year", "reported_in", "order")
    autocomplete_fields = ("organisation",)


@admin.register(models.Cluster)
class ClusterAdmin(ContentAdmin):
    list_display = ("name", "network", "order")
    list_filter = ("network",)
    search_fields = ("name",)
    inlines = [ClusterLeadInline]


@admin.register(models.NationalChapter)
class NationalChapterAdmin(ContentAdmin):
    list_display = ("country", "network", "host", "reported_in")
    list_filter = ("network",)
    autocomplete_fields = ("host",)


@admin.register(models.NetworkPartner)
class NetworkPartnerAdmin(ContentAdmin):
    list_display = ("organisation", "network", "role", "note", "reported_in")
    list_filter = ("network", "role")
    search_fields = ("organisation__name", "note")
    autocomplete_fields = ("organisation",)


@admin.register(models.CommitteeSeat)
class CommitteeSeatAdmin(ContentAdmin):
    list_display = ("committee", "network", "convened_by", "role", "joined_year", "left_year")
    list_filter = ("network",)
    search_fields = ("committee", "convened_by__name", "note")
    autocomplete_fields = ("convened_by",)
    fields = (
        "network",
        "committee",
        "convened_by",
        "role",
        ("joined_year", "left_year"),
        "note",
        "source",
    )


@admin.register(models.Theme)
class ThemeAdmin(ContentAdmin):
    list_display = ("name", "network", "order")
    list_filter = ("network",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.SDG)
class SDGAdmin(admin.ModelAdmin):
    """The 17 goals are a fixed list: viewable, not editable."""

    list_display = ("number", "name")
    search_fields = ("name",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Projects and pairings ---------------------------------------------------------------------


class ProjectParticipantInline(ContentTabularInline):
    model = models.ProjectParticipant
    extra = 0
    autocomplete_fields = ("organisation",)


class ProjectResultInline(ContentStackedInline):
    model = models.ProjectResult
    extra = 0
    fields = (
        ("order", "kind", "year", "reported_in"),
        ("qualifier", "value", "unit", "label"),
        "quote",
        "source",
    )


@admin.register(models.Project)
class ProjectAdmin(PublishableContentAdmin):
    list_display = ("title", "acronym", "network", "start", "end", "status", "public")
    list_filter = ("network", "status", "themes", "is_published")
    search_fields = ("title", "acronym", "description")
    filter_horizontal = ("themes", "sdgs")
    inlines = [ProjectParticipantInline, ProjectResultInline]
    list_select_related = ("network",)
    fieldsets = (
        (None, {"fields": ("title", "acronym", "slug", "network", "status")}),
        (_("When"), {"fields": (("start", "end", "date_precision"), "reported_in")}),
        (_("About"), {"fields": ("description", "themes", "sdgs", "links")}),
        (_("Source"), {"fields": ("source",)}),
        PublishableContentAdmin.publication_fieldset,
    )


class StudyVisitInline(ContentTabularInline):
    model = models.StudyVisit
    extra = 0
    fields = ("place", "start", "end", "date_precision", "status", "note")
    autocomplete_fields = ("place",)


class PairingAgreementInline(ContentTabularInline):
    model = models.PairingAgreement
    extra = 0


@admin.register(models.CityPairing)
class CityPairingAdmin(PublishableContentAdmin):
    list_display = ("__str__", "programme", "theme", "public")
    list_filter = ("programme", "is_published")
    search_fields = ("first__name", "second__name", "theme")
    autocomplete_fields = ("first", "second", "programme")
    inlines = [StudyVisitInline, PairingAgreementInline]
    list_select_related = ("programme", "first", "second")

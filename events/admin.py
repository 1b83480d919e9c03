from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.contrib.admin.checks import ModelAdminChecks
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_tools import YearListFilter, image_preview
from core.partial_dates import PartialDate
from events import models, services
from events.spreadsheets import EventResource
from staff.admin import (
    ContentAdmin,
    ContentTabularInline,
    PublishableContentAdmin,
    _limit_choices,
)
from staff.scope import in_user_networks
from staff.spreadsheets import SpreadsheetAdminMixin


class EventAdminForm(forms.ModelForm):
    """Dates typed as the sources give them: 2022-10-03, 2022-10, 2022-Q4 or 2022."""

    start_text = forms.CharField(
        label=_("Start"),
        required=False,
        max_length=10,
        help_text=_("2022-10-03, 2022-10, 2022-Q4 or 2022. Empty if no source gives a date."),
    )
    end_text = forms.CharField(
        label=_("End"),
        required=False,
        max_length=10,
        help_text=_("Same forms; empty for a single day, month, quarter or year."),
    )

    class Meta:
        model = models.Event
        fields = ("title",)  # the admin's fieldsets decide; start and end come from the text fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.pk and event.start:
            self.fields["start_text"].initial = PartialDate.of(
                event.start, event.date_precision
            ).isoformat()
            if event.end:
                self.fields["end_text"].initial = PartialDate.of(
                    event.end, event.date_precision
                ).isoformat()

    def _update_errors(self, errors):
        # The model and the service report date errors on start/end; this form edits them as
        # start_text/end_text.
        if hasattr(errors, "error_dict"):
            names = {"start": "start_text", "end": "end_text"}
            errors = ValidationError(
                {names.get(field, field): messages for field, messages in errors.error_dict.items()}
            )
        super()._update_errors(errors)

    def clean(self):
        cleaned = super().clean()
        try:
            services.event_set_dates(
                event=self.instance,
                start=cleaned.get("start_text", ""),
                end=cleaned.get("end_text", ""),
                precision=cleaned.get("date_precision"),
            )
        except ValidationError as error:
            self._update_errors(error)
        return cleaned


class SessionInline(ContentTabularInline):
    model = models.EventSession
    extra = 0
    fields = ("start", "end", "date_precision", "title", "format", "order")


class PlaceInline(ContentTabularInline):
    model = models.EventPlace
    extra = 0
    autocomplete_fields = ("organisation",)
    fields = ("organisation", "venue", "city", "country", "order")


class OrganisationRoleInline(ContentTabularInline):
    model = models.EventOrganisation
    extra = 0
    autocomplete_fields = ("organisation",)


class ImageInline(ContentTabularInline):
    model = models.EventImage
    extra = 0
    fields = ("image", "preview", "caption", "credit", "order")
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.image)


class NetworkLinkInline(ContentTabularInline):
    """The event's networks (chosen above) with the group each one's report lists it under."""

    model = models.EventNetwork
    extra = 0
    max_num = 0  # a network is added or removed in the event's networks field
    can_delete = False
    fields = ("report_group",)  # each row is headed by its network (the link's name)
    verbose_name = _("report group in a network's annual report")
    verbose_name_plural = _(
        "Report groups (one per network; a network added above gets its row once saved)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("network", "report_group")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "report_group":
            # The user's networks' groups only; a group of another network than the row's is
            # refused by EventNetwork.clean().
            kwargs["queryset"] = in_user_networks(
                request.user, models.ReportGroup.objects.select_related("network")
            )
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            # Each option names its network: several networks have a "Trainings".
            field.label_from_instance = lambda group: f"{group.network.name}: {group.name}"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EventAdminChecks(ModelAdminChecks):
    """The networks field stays on the event's form although its links carry a report group
    (edited in NetworkLinkInline): the admin's check against many-to-many fields with their own
    link model is waived for it alone (EventAdmin.formfield_for_manytomany draws it)."""

    def _check_field_spec_item(self, obj, field_name, label):
        if field_name == "networks":
            return []
        return super()._check_field_spec_item(obj, field_name, label)

    def _check_filter_item(self, obj, field_name, label):
        if field_name == "networks":
            return []
        return super()._check_filter_item(obj, field_name, label)


class YearFilter(YearListFilter):
    def years(self, request, model_admin):
        starts = models.Event.objects.exclude(start__isnull=True).dates("start", "year", "DESC")
        return [day.year for day in starts]

    def in_year(self, queryset, year):
        return queryset.in_year(year)


@admin.register(models.ReportGroup)
class ReportGroupAdmin(ContentAdmin):
    list_display = ("name", "network", "order")
    list_filter = ("network",)
    search_fields = ("name",)
    fields = ("network", "name", "slug", "order")
    ordering = ("network__order", "network__name", "order", "name")


@admin.register(models.EventSeries)
class EventSeriesAdmin(ContentAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)


@admin.register(models.Event)
class EventAdmin(SpreadsheetAdminMixin, PublishableContentAdmin):
    checks_class = EventAdminChecks
    resource_classes = [EventResource]
    form = EventAdminForm
    list_display = ("title", "when", "kind", "status", "format", "network_names", "public")
    list_filter = (
        "networks",
        "kind",
        YearFilter,
        "status",
        "format",
        "network_links__report_group",
        "is_published",
    )
    search_fields = ("title", "description", "series__name")
    date_hierarchy = "start"
    autocomplete_fields = ("host", "project", "speakers", "series")
    filter_horizontal = ("networks", "themes", "sdgs")
    inlines = [NetworkLinkInline, SessionInline, PlaceInline, OrganisationRoleInline, ImageInline]
    actions = ["publish_now", "unpublish", "copy_into_next_edition", "mark_held"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "networks", ("series", "edition"))}),
        (
            _("When"),
            {"fields": (("start_text", "end_text", "date_precision"), "date_note", "reported_in")},
        ),
        (_("Where and how"), {"fields": (("format", "is_online"), "host")}),
        (_("Status"), {"fields": ("status", "status_note")}),
        (
            _("About"),
            {
                "fields": (
                    "description",
                    "outcomes",
                    "speakers",
                    "project",
                    "themes",
                    "sdgs",
                    "links",
                    "note",
                )
            },
        ),
        (
            _("Attendance"),
            {
                "fields": (
                    ("attendance_in_person", "attendance_online"),
                    ("attendance_registered", "attendance_countries"),
                    "attendance_note",
                )
            },
        ),
        (_("Annual report"), {"fields": ("report_section", "source")}),
        PublishableContentAdmin.publication_fieldset,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("networks")

    def get_formsets_with_inlines(self, request, obj=None):
        # A post without the report-group rows (a script, a form drawn before they existed)
        # leaves the groups as they are, rather than failing for their missing management form.
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if (
                isinstance(inline, NetworkLinkInline)
                and request.method == "POST"
                and f"{formset.get_default_prefix()}-TOTAL_FORMS" not in request.POST
            ):
                continue
            yield formset, inline

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name != "networks":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        # Django's admin draws no field for a many-to-many with its own link model; the links'
        # other column (the report group) has a default, so the field sets them as before.
        _limit_choices(db_field, request, self.network_path, kwargs)
        kwargs.setdefault("queryset", db_field.related_model._default_manager.all())
        kwargs["widget"] = widgets.FilteredSelectMultiple(db_field.verbose_name, False)
        return db_field.formfield(**kwargs)

    @admin.display(description=_("networks"))
    def network_names(self, obj):
        return ", ".join(network.name for network in obj.networks.all())

    @admin.display(description=_("when"), ordering="start")
    def when(self, obj):
        return obj.when or "—"

    @admin.action(description=_("Copy into the next edition of its series (as a draft)"))
    def copy_into_next_edition(self, request, queryset):
        copied, skipped = 0, []
        for event in queryset.select_related("series"):
            if not event.series_id:
                skipped.append(event.title)
                continue
            services.copy_into_next_edition(event=event)
            copied += 1
        if copied:
            self.message_user(
                request,
                ngettext(
                    "%(count)d draft of a next edition created: add its dates and publish it.",
                    "%(count)d drafts of next editions created: add their dates and publish them.",
                    copied,
                )
                % {"count": copied},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                _("Not copied, because they belong to no series: %(titles)s")
                % {"titles": "; ".join(skipped)},
                messages.WARNING,
            )

    @admin.action(description=_("Mark as held (their dates have passed)"), permissions=["change"])
    def mark_held(self, request, queryset):
        marked, refused = services.events_mark_held(events=queryset)
        if marked:
            self.message_user(
                request,
                ngettext(
                    "%(count)d event marked held.", "%(count)d events marked held.", len(marked)
                )
                % {"count": len(marked)},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _("Not marked held, as they have not started or have an error: %(titles)s")
                % {"titles": "; ".join(event.title for event in refused)},
                messages.WARNING,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not models.EventNetwork:
            return super().save_formset(request, form, formset, change)
        # Through the write service, after the networks field was saved: a network removed
        # there is left out (its row would otherwise come back), a changed group is checked.
        networks = set(form.instance.networks.values_list("pk", flat=True))
        changed = [
            row
            for row in formset.forms
            if row.has_changed() and row.instance.network_id in networks
        ]
        services.event_set_report_groups(
            event=form.instance,
            report_groups={
                row.instance.network_id: row.cleaned_data.get("report_group") for row in changed
            },
        )
        # What the admin's history message lists, as formset.save() would have set it.
        formset.new_objects, formset.deleted_objects = [], []
        formset.changed_objects = [(row.instance, row.changed_data) for row in changed]
        return None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The places are saved by their inline, after the event: what follows from them now.
        services.event_places_saved(event=form.instance)

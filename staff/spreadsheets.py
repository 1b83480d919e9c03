"""Spreadsheet imports and exports of members, events and publications (django-import-export).

What staff get, on the admin lists of memberships, events and publications:
- Export to CSV or XLSX of the records they may see, in the columns the import reads, so an
  exported sheet can be edited and imported back.
- Import from CSV or XLSX in two steps: a dry run shows a preview of every row (new, update,
  unchanged); only when no row fails is "Confirm import" offered. A failing row is named by its
  row in the spreadsheet (the header is row 1) with what is wrong, column by column. The whole
  file is one transaction: when any row fails, nothing is written.
- The same rules as the admin forms: the model's own validation, only the networks the user works
  for, only publishers publish. A column the import does not know is refused, not ignored, so a
  misspelt heading never drops what was typed under it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm
from import_export.results import RowResult

from core.partial_dates import PartialDate, parse_entered
from events.models import Event, EventFormat, EventKind, EventSeries, EventStatus, ReportGroup
from network.models import Membership, MembershipType, Network, Organisation, OrganisationKind
from publications.languages import normalise, validate_language_tag
from publications.models import Edition, Publication, PublicationKind, Series
from staff.scope import may_publish, network_change_refused, record_networks, user_networks

LIST_SEPARATOR = ";"
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


def cell_text(value) -> str:
    """A cell as text: spreadsheets hand over numbers, dates and None as well as strings."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float | Decimal) and value == int(value):
        return str(int(value))  # a year typed into a spreadsheet arrives as 2022.0
    return str(value).strip()


def split_list(value) -> list[str]:
    return [item.strip() for item in cell_text(value).split(LIST_SEPARATOR) if item.strip()]


def partial_date(value) -> PartialDate | None:
    return parse_entered(cell_text(value))


# --- Widgets: one cell ↔ one value, with messages an editor understands -------------------------


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value)


class ChoiceWidget(widgets.Widget):
    """A choice by its code ("webinar") or its label ("Webinar"), in any case."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        for code, label in self.choices.choices:
            if text.casefold() in (str(code).casefold(), str(label).casefold()):
                return code
        raise ValueError(
            gettext("'%(value)s' is not one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(self.choices.values)}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).casefold()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(gettext("Write yes or no, not '%(value)s'.") % {"value": cell_text(value)})

    def render(self, value, obj=None, **kwargs):
        return gettext("yes") if value else gettext("no")


class WholeNumberWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).replace(",", "")
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(
                gettext("'%(value)s' is not a whole number.") % {"value": cell_text(value)}
            )
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DateTimeWidget(widgets.Widget):
    """An ISO date and time ("2026-11-24 09:00"), in the site's time zone unless one is given."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            moment = value
        else:
            text = cell_text(value)
            if not text:
                return None
            try:
                moment = dt.datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(
                    gettext("'%(value)s' is not a date and time: write 2026-11-24 09:00.")
                    % {"value": text}
                ) from None
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def column(attribute, widget=None):
    return fields.Field(attribute=attribute, column_name=attribute, widget=widget or TextWidget())


def derived(column_name):
    """A column this module reads and writes itself (see `import_derived`, `dehydrate_…`)."""
    return fields.Field(column_name=column_name, readonly=True)


INLINE_STYLE = re.compile(r' style="[^"]*"')


class ColumnDiff(resources.Diff):
    """The preview's before/after of each column, derived columns included (the library's own
    diff reads model attributes only and would show them empty)."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = self.columns(resource, instance)

    def compare_with(self, resource, instance):
        self.right = self.columns(resource, instance) if instance is not None else []

    def as_html(self):
        # Without the library's inline colours, which the Content-Security-Policy refuses;
        # <ins> and <del> still mark what the import adds and removes.
        return [mark_safe(INLINE_STYLE.sub("", cell)) for cell in super().as_html()]

    @staticmethod
    def columns(resource, instance):
        return [resource.export_field(field, instance) for field in resource.get_import_fields()]


# --- The shared rules --------------------------------------------------------------------------


class SpreadsheetResource(resources.ModelResource):
    """Column checks, row errors, network scope and the right to publish, for every import.

    Subclasses declare their columns, `required_columns`, and read the derived ones (several
    cells, related records) in `import_derived(instance, row, errors)`.
    """

    required_columns: tuple[str, ...] = ()
    publication_columns = ("published", "publish_at")

    class Meta:
        # Rows are found by each resource's get_instance(), not by an id column.
        import_id_fields = ()
        # One transaction per file, rolled back when any row fails (see the admin mixin).
        use_transactions = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._before = None  # the row's record as exported before the import (None: new)

    @classmethod
    def get_diff_class(cls):
        return ColumnDiff

    @classmethod
    def with_related(cls, queryset):
        """`queryset` with what the columns read joined or prefetched (a fixed number of
        queries for an export of any size)."""
        return queryset

    def get_queryset(self):
        return self.with_related(super().get_queryset())

    # The whole file --------------------------------------------------------------------------
    def before_import(self, dataset, **kwargs):
        headers = [cell_text(header) for header in dataset.headers or []]
        dataset.headers = headers
        known = [field.column_name for field in self.get_import_fields()]
        problems = []
        unknown = [header for header in headers if header not in known]
        if unknown:
            problems.append(
                gettext(
                    "These columns are not read by this import: %(unknown)s. Rename or remove "
                    "them; the columns it reads are: %(known)s."
                )
                % {
                    "unknown": ", ".join(name or gettext("(an empty heading)") for name in unknown),
                    "known": ", ".join(known),
                }
            )
        if len(dataset) > settings.IMPORT_MAX_ROWS:
            problems.append(
                gettext("The sheet has %(rows)d rows; import at most %(limit)d at a time.")
                % {"rows": len(dataset), "limit": settings.IMPORT_MAX_ROWS}
            )
        missing = [name for name in self.required_columns if name not in headers]
        if missing:
            problems.append(
                gettext("These columns are missing: %(missing)s.") % {"missing": ", ".join(missing)}
            )
        if problems:
            raise ValidationError(problems)

    def import_row(self, row, instance_loader, **kwargs):
        if not any(cell_text(value) for value in row.values()):
            result = self.get_row_result_class()()
            result.import_type = RowResult.IMPORT_TYPE_SKIP  # a blank line in the sheet
            return result
        return super().import_row(row, instance_loader, **kwargs)

    # One row ---------------------------------------------------------------------------------
    def after_init_instance(self, instance, new, row, **kwargs):
        self._before = None if new else self.exported(instance)
        if not new and self.outside_scope(instance):
            raise ValidationError(
                gettext(
                    "This record belongs to a network you do not work for, so the import may "
                    "not change it."
                )
            )

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self.import_derived(instance, row, errors)
        self.check_publication(instance, row, errors)
        if errors:
            raise ValidationError(errors)

    def import_derived(self, instance, row, errors: dict) -> None:
        """Read the columns that are not one model field each; add messages to `errors`."""

    def check_publication(self, instance, row, errors):
        if not hasattr(instance, "is_published") or self.user is None or may_publish(self.user):
            return
        if self._before is None:
            changed = ["published"] if instance.is_published else []
        else:
            changed = [
                name
                for name in self.publication_columns
                if name in row
                and self.export_field(self.fields[name], instance) != self._before[name]
            ]
        for name in changed:
            errors[name] = [gettext("Only publishers may publish, unpublish or schedule.")]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Unchanged rows are reported as such and not saved again (no empty history entries).
        if import_validation_errors or self._before is None:
            return False
        return self.exported(instance) == self._before

    def exported(self, instance) -> dict:
        return {
            field.column_name: self.export_field(field, instance)
            for field in self.get_import_fields()
        }

    # Scope -----------------------------------------------------------------------------------
    def user_network_ids(self) -> set[int] | None:
        """The networks this import may write to (None: any)."""
        ids = user_networks(self.user) if self.user is not None else None
        return None if ids is None else set(ids)

    def outside_scope(self, instance) -> bool:
        """Is this saved record in none of the user's networks? A joint record is the business
        of each of its networks, as in the admin and the API."""
        ids = self.user_network_ids()
        return ids is not None and not record_networks(instance) & ids

    def networks_by_slug(self, slugs, errors, column="networks") -> list[Network]:
        """The networks named in a cell; an error for a slug that names none."""
        found = {network.slug: network for network in Network.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            errors[column] = [
                gettext("No network with the slug %(slugs)s. Networks: %(all)s.")
                % {
                    "slugs": ", ".join(unknown),
                    "all": ", ".join(Network.objects.values_list("slug", flat=True)),
                }
            ]
            return []
        return [found[slug] for slug in slugs]

    def save_instance(self, instance, is_create, row, **kwargs):
        super().save_instance(instance, is_create, row, **kwargs)
        self.save_derived(instance, row)

    def save_derived(self, instance, row) -> None:
        """Save what `import_derived` prepared once the record has a primary key."""


def by_name_or_slug(queryset, text):
    """The record of `queryset` called `text` (its name in any case, or its slug), or None."""
    return queryset.filter(Q(name__iexact=text) | Q(slug=text)).first()


def organisation_named(text, errors, column):
    """An organisation by slug or by its exact name, English or local (None if unknown)."""
    matches = list(
        Organisation.objects.filter(
            Q(slug=text) | Q(name__iexact=text) | Q(native_name=text) | Q(short_name__iexact=text)
        )[:2]
    )
    if len(matches) > 1:
        errors[column] = [
            gettext("'%(text)s' names more than one organisation; use its slug.") % {"text": text}
        ]
        return None
    return matches[0] if matches else None


# --- Members -----------------------------------------------------------------------------------


class MembershipResource(SpreadsheetResource):
    """One row per membership: the member organisation, then its membership of one network.

    The organisation is found by slug, or by its name (English, local or short); when none
    matches, a new one is created from `name`, `native_name`, `kind` and `country` (as a draft
    unless a publisher says `published`). Empty cells never blank what an organisation has.
    """

    slug = derived("slug")
    name = derived("name")
    native_name = derived("native_name")
    kind = derived("kind")
    country = derived("country")
    network = derived("network")
    type = column("type", ChoiceWidget(MembershipType))
    region = derived("region")
    joined = derived("joined")
    left = derived("left")
    source = column("source")
    published = derived("published")

    required_columns = ("name", "network", "type")
    publication_columns = ()  # memberships are not published; their organisations are

    class Meta:
        model = Membership
        fields = (
            "slug",
            "name",
            "native_name",
            "kind",
            "country",
            "network",
            "type",
            "region",
            "joined",
            "left",
            "source",
            "published",
        )

    @classmethod
    def with_related(cls, queryset):
        return queryset.select_related("organisation", "network", "region")

    def get_instance(self, instance_loader, row):
        errors = {}
        organisation = self.find_organisation(row, errors)
        network = Network.objects.filter(slug=cell_text(row.get("network"))).first()
        if errors:
            raise ValidationError(errors)
        if organisation is None or network is None:
            return None
        return self.get_queryset().filter(organisation=organisation, network=network).first()

    def find_organisation(self, row, errors):
        slug = cell_text(row.get("slug"))
        if slug:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                errors["slug"] = [
                    gettext(
                        "No member has the slug '%(slug)s'. Leave it empty to find or add the "
                        "member by name."
                    )
                    % {"slug": slug}
                ]
            return organisation
        name = cell_text(row.get("name"))
        return organisation_named(name, errors, "name") if name else None

    def import_derived(self, membership, row, errors):
        organisation = membership.organisation if membership.organisation_id else None
        organisation = organisation or self.find_organisation(row, errors)
        if organisation is None and "slug" not in errors and "name" not in errors:
            organisation = Organisation(is_published=False)
            if not cell_text(row.get("name")):
                errors["name"] = [gettext("Give the member's name.")]
        if organisation is not None:
            self.update_organisation(organisation, row, errors)
            membership.organisation = organisation

        slug = cell_text(row.get("network"))
        networks = self.networks_by_slug([slug], errors, "network") if slug else []
        if not slug:
            errors["network"] = [gettext("Give the network's slug, e.g. citynet.")]
        ids = self.user_network_ids()
        if networks and ids is not None and networks[0].pk not in ids:
            errors["network"] = [
                gettext("You do not work for %(slug)s, so you may not import its members.")
                % {"slug": slug}
            ]
        elif networks:
            membership.network = networks[0]
            region = cell_text(row.get("region"))
            membership.region = self.find_region(membership.network, region, errors)

        try:
            joined, left = partial_date(row.get("joined")), partial_date(row.get("left"))
        except ValueError as error:
            errors["joined"] = [str(error)]
            return
        if joined and left and joined.precision != left.precision:
            errors["left"] = [gettext("Give 'joined' and 'left' at the same precision.")]
            return
        if joined or left:
            membership.date_precision = (joined or left).precision
        membership.joined = joined.first if joined else None
        membership.left = left.first if left else None

    def find_region(self, network, name, errors):
        if not name:
            return None
        region = by_name_or_slug(network.regions, name)
        if region is None:
            errors["region"] = [
                gettext("%(network)s has no region '%(name)s'. Its regions: %(regions)s.")
                % {
                    "network": network,
                    "name": name,
                    "regions": ", ".join(network.regions.values_list("name", flat=True))
                    or gettext("none"),
                }
            ]
        return region

    def update_organisation(self, organisation, row, errors):
        """Cells that are filled in set the organisation's fields; empty cells leave them."""
        values = {name: cell_text(row.get(name)) for name in ("name", "native_name")}
        values["country"] = cell_text(row.get("country")).upper()
        try:
            values["kind"] = ChoiceWidget(OrganisationKind).clean(row.get("kind"))
        except ValueError as error:
            errors["kind"] = [str(error)]
        if "published" in row:
            try:
                values["is_published"] = YesNoWidget().clean(row.get("published"))
            except ValueError as error:
                errors["published"] = [str(error)]
        changed = {
            name: value
            for name, value in values.items()
            if value not in ("", None) and value != getattr(organisation, name)
        }
        if "is_published" in changed and self.user is not None and not may_publish(self.user):
            errors["published"] = [gettext("Only publishers may publish, unpublish or schedule.")]
        for name, value in changed.items():
            setattr(organisation, name, value)
        organisation.changed_by_import = bool(changed)
        if organisation.pk is None and not organisation.kind:
            errors.setdefault("kind", [gettext("Give the kind of a new member, e.g. city.")])
        try:
            organisation.full_clean(exclude=["slug"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                key = field if field in self.fields else NON_FIELD_ERRORS
                errors.setdefault(key, []).extend(messages)

    def save_instance(self, instance, is_create, row, **kwargs):
        organisation = instance.organisation
        if organisation.pk is None or getattr(organisation, "changed_by_import", False):
            organisation.save()
        instance.organisation = organisation
        super().save_instance(instance, is_create, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The organisation may be new (no primary key yet): it is checked in import_derived.
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, "organisation"], validate_unique=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def dehydrate_slug(self, membership):
        return _organisation(membership).slug

    def dehydrate_name(self, membership):
        return _organisation(membership).name

    def dehydrate_native_name(self, membership):
        return _organisation(membership).native_name

    def dehydrate_kind(self, membership):
        return _organisation(membership).kind

    def dehydrate_country(self, membership):
        return _organisation(membership).country.code or ""

    def dehydrate_network(self, membership):
        return membership.network.slug if membership.network_id else ""

    def dehydrate_region(self, membership):
        return membership.region.name if membership.region else ""

    def dehydrate_joined(self, membership):
        return _partial_text(membership.joined, membership.date_precision)

    def dehydrate_left(self, membership):
        return _partial_text(membership.left, membership.date_precision)

    def dehydrate_published(self, membership):
        return YesNoWidget().render(_organisation(membership).is_published)


def _organisation(membership) -> Organisation:
    """The membership's organisation, or an empty one while a new row is being read."""
    try:
        return membership.organisation
    except Organisation.DoesNotExist:
        return Organisation()


def _partial_text(day, precision) -> str:
    return PartialDate.of(day, precision).isoformat() if day else ""


# --- Events and publications -------------------------------------------------------------------


class NetworkedResource(SpreadsheetResource):
    """Records that belong to networks through a many-to-many `networks` (events, publications).

    Identified by `slug`: a row whose slug is empty or new adds a record, one whose slug exists
    changes it. As in the admin and the API, the record must stay in one of the user's networks
    and the sheet may not add or remove a network the user does not work for.
    """

    slug = column("slug")
    networks = derived("networks")
    source = column("source")
    published = fields.Field(
        attribute="is_published", column_name="published", widget=YesNoWidget()
    )
    publish_at = column("publish_at", DateTimeWidget())

    def get_instance(self, instance_loader, row):
        slug = cell_text(row.get("slug"))
        return self.get_queryset().filter(slug=slug).first() if slug else None

    def import_derived(self, instance, row, errors):
        instance.pending_networks = None
        if "networks" not in row and instance.pk:
            return  # no column: the record keeps its networks
        slugs = split_list(row.get("networks"))
        if not slugs:
            errors["networks"] = [gettext("Give at least one network's slug, e.g. citynet.")]
            return
        networks = self.networks_by_slug(slugs, errors)
        before, after = record_networks(instance), {network.pk for network in networks}
        if (
            networks
            and self.user
            and network_change_refused(self.user, type(instance), before, after)
        ):
            errors["networks"] = [
                gettext(
                    "You may list only networks you work for (at least one), and may not add "
                    "or remove other networks."
                )
            ]
            return
        instance.pending_networks = networks

    def save_derived(self, instance, row):
        if instance.pending_networks is not None:
            instance.networks.set(instance.pending_networks)

    def dehydrate_networks(self, instance):
        pending = getattr(instance, "pending_networks", None)
        if pending is not None:
            return "; ".join(network.slug for network in pending)
        if instance.pk is None:
            return ""
        return "; ".join(network.slug for network in instance.networks.all())

    @classmethod
    def with_related(cls, queryset):
        return queryset.prefetch_related("networks")


class EventResource(NetworkedResource):
    """One row per event. Dates as the sources give them: 2022-10-03, 2022-10, 2022-Q4 or 2022."""

    title = column("title")
    kind = column("kind", ChoiceWidget(EventKind))
    start = derived("start")
    end = derived("end")
    date_note = column("date_note")
    format = column("format", ChoiceWidget(EventFormat))
    online = fields.Field(attribute="is_online", column_name="online", widget=YesNoWidget())
    status = column("status", ChoiceWidget(EventStatus))
    status_note = column("status_note")
    series = derived("series")
    edition = column("edition", WholeNumberWidget())
    host = derived("host")
    report_group = column("report_group", ChoiceWidget(ReportGroup))
    report_section = column("report_section")
    attendance_in_person = column("attendance_in_person", WholeNumberWidget())
    attendance_online = column("attendance_online", WholeNumberWidget())
    attendance_registered = column("attendance_registered", WholeNumberWidget())
    attendance_countries = column("attendance_countries", WholeNumberWidget())
    attendance_note = column("attendance_note")
    description = column("description")
    outcomes = column("outcomes")
    links = column("links")

    required_columns = ("title", "kind", "networks")

    class Meta:
        model = Event
        fields = (
            "slug",
            "title",
            "kind",
            "networks",
            "start",
            "end",
            "date_note",
            "format",
            "online",
            "status",
            "status_note",
            "series",
            "edition",
            "host",
            "report_group",
            "report_section",
            "attendance_in_person",
            "attendance_online",
            "attendance_registered",
            "attendance_countries",
            "attendance_note",
            "description",
            "outcomes",
            "links",
            "source",
            "published",
            "publish_at",
        )

    @classmethod
    def with_related(cls, queryset):
        return super().with_related(queryset).select_related("series", "host")

    def import_derived(self, event, row, errors):
        super().import_derived(event, row, errors)
        if "start" in row or "end" in row:
            try:
                start = partial_date(row.get("start"))
                end = partial_date(row.get("end"))
            except ValueError as error:
                errors["start"] = [str(error)]
            else:
                if end and not start:
                    errors["start"] = [gettext("An end needs a start.")]
                elif end and end.precision != start.precision:
                    errors["end"] = [gettext("Give the start and the end at the same precision.")]
                else:
                    event.start = start.first if start else None
                    event.end = end.last if end else None
                    if start:
                        event.date_precision = start.precision
        if "series" in row:
            name = cell_text(row.get("series"))
            event.series = by_name_or_slug(EventSeries.objects, name) if name else None
            if name and event.series is None:
                errors["series"] = [
                    gettext("No event series '%(name)s'. Add it in the admin first.")
                    % {"name": name}
                ]
        if "host" in row:
            name = cell_text(row.get("host"))
            event.host = organisation_named(name, errors, "host") if name else None
            if name and event.host is None and "host" not in errors:
                errors["host"] = [gettext("No member or organisation '%(name)s'.") % {"name": name}]

    def dehydrate_start(self, event):
        return _partial_text(event.start, event.date_precision)

    def dehydrate_end(self, event):
        return _partial_text(event.end, event.date_precision)

    def dehydrate_series(self, event):
        return event.series.name if event.series else ""

    def dehydrate_host(self, event):
        return event.host.slug if event.host else ""


class PublicationResource(NetworkedResource):
    """One row per publication; its editions as "language:date:link" separated by ";".

    An edition is matched by its language: listed editions are added or updated, editions not
    listed are kept (a sheet never deletes an uploaded file). Editions with an uploaded PDF are
    exported without a link, and an empty link leaves an edition's link or file as it is.
    """

    title = column("title")
    kind = column("kind", ChoiceWidget(PublicationKind))
    series = derived("series")
    issue = column("issue")
    summary = column("summary")
    editions = derived("editions")

    required_columns = ("title", "kind", "networks")

    class Meta:
        model = Publication
        fields = (
            "slug",
            "title",
            "kind",
            "networks",
            "series",
            "issue",
            "summary",
            "editions",
            "source",
            "published",
            "publish_at",
        )

    @classmethod
    def with_related(cls, queryset):
        return super().with_related(queryset).select_related("series").prefetch_related("editions")

    def import_derived(self, publication, row, errors):
        super().import_derived(publication, row, errors)
        if "series" in row:
            name = cell_text(row.get("series"))
            publication.series = by_name_or_slug(Series.objects, name) if name else None
            if name and publication.series is None:
                errors["series"] = [
                    gettext("No publication series '%(name)s'. Add it in the admin first.")
                    % {"name": name}
                ]
        publication.pending_editions = None
        if "editions" in row:
            publication.pending_editions = self.read_editions(row.get("editions"), errors)

    def read_editions(self, value, errors):
        editions, problems = [], []
        for entry in split_list(value):
            language, _, rest = entry.partition(":")
            date_text, _, link = rest.partition(":")
            language, link = normalise(language), link.strip()
            try:
                validate_language_tag(language)
                date = partial_date(date_text)
                if link:
                    Edition._meta.get_field("link").run_validators(link)
            except ValidationError as error:
                problems.extend(f"{entry}: {message}" for message in error.messages)
                continue
            except ValueError as error:
                problems.append(f"{entry}: {error}")
                continue
            editions.append((language, date, link))
        if problems:
            errors["editions"] = problems
        return editions

    def save_derived(self, publication, row):
        super().save_derived(publication, row)
        for language, date, link in publication.pending_editions or ():
            edition = publication.editions.filter(language=language, is_summary=False).first()
            edition = edition or Edition(publication=publication, language=language)
            if date:
                edition.date, edition.date_precision = date.first, date.precision
            if link:
                edition.link = link
            edition.save()

    def dehydrate_series(self, publication):
        return publication.series.name if publication.series else ""

    def dehydrate_editions(self, publication):
        pending = getattr(publication, "pending_editions", None)
        if pending is not None:
            return "; ".join(
                f"{language}:{date.isoformat() if date else ''}:{link}"
                for language, date, link in pending
            )
        if publication.pk is None:
            return ""
        return "; ".join(
            f"{edition.language}:{_partial_text(edition.date, edition.date_precision)}:"
            f"{edition.link}"
            for edition in publication.editions.all()
            if not edition.is_summary
        )


#: Which admin lists get import and export, with what.
RESOURCES = {
    "network.Membership": MembershipResource,
    "events.Event": EventResource,
    "publications.Publication": PublicationResource,
}


# --- Admin -------------------------------------------------------------------------------------


def failure_lines(result) -> list[str]:
    """Each failing row of an import result as one line: its row in the sheet and what is wrong.

    Row numbers count the header as row 1, as a spreadsheet program shows them."""
    lines = [str(error.error) for error in result.base_errors]
    for number, errors in result.row_errors():
        lines += [
            gettext("Row %(row)d: %(error)s") % {"row": number + 1, "error": e.error}
            for e in errors
        ]
    for row in result.invalid_rows:
        for field, texts in row.error_dict.items():
            label = "" if field == NON_FIELD_ERRORS else f"{field}: "
            lines += [
                gettext("Row %(row)d: %(error)s") % {"row": row.number + 1, "error": label + text}
                for text in texts
            ]
    return lines


class SpreadsheetImportForm(ImportForm):
    """The library's upload form, refusing files too large to be a sheet of records."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                gettext("This file is %(size)s; a sheet to import may be at most %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        return upload


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import and export on an admin list, with the user's scope and an all-or-nothing import."""

    import_template_name = "admin/import_export/spreadsheet_import.html"
    import_form_class = SpreadsheetImportForm

    @property
    def formats(self):
        return [CSV, XLSX]

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def get_import_data_kwargs(self, **kwargs):
        # Validation errors roll back too (the library's default keeps the valid rows).
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form, error):
        form.add_error(
            "import_file",
            gettext(
                "This file could not be read as the format chosen below. Choose the format it "
                "is in; a CSV file must be saved as “CSV UTF-8”."
            ),
        )

    def get_export_queryset(self, request):
        # The admin list's records (scope, filters, search), with what the columns read.
        resource_class = self.get_export_resource_classes(request)[0]
        return resource_class.with_related(super().get_export_queryset(request))

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def process_result(self, result, request):
        # The confirmed import runs the file again; if the records changed since the preview and
        # a row now fails, everything was rolled back: say so and name the rows.
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                format_html_join(
                    "",
                    "<p>{}</p>",
                    [(gettext("Nothing was imported."),)]
                    + [(line,) for line in failure_lines(result)],
                ),
            )
            return HttpResponseRedirect(
                reverse("admin:{}_{}_import".format(*self.get_model_info()))
            )
        return super().process_result(result, request)

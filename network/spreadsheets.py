"""Spreadsheets of members (one row per membership), and the base of the spreadsheets of records
that belong to networks (events, publications). Rows are saved through network.services.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils.translation import gettext
from import_export import fields

from core.partial_dates import entered_text
from network import services
from network.models import Membership, MembershipType, Network, Organisation, OrganisationKind
from staff.scope import may_publish, network_change_refused, record_networks
from staff.spreadsheets.cells import (
    ChoiceWidget,
    DateTimeWidget,
    KeptWhenEmpty,
    YesNoWidget,
    cell_text,
    column,
    derived,
    split_list,
)
from staff.spreadsheets.resource import SpreadsheetResource, by_name_or_slug


def networks_by_slug(slugs, errors, field="networks") -> list[Network]:
    """The networks named in a cell; an error for a slug that names none."""
    found = {network.slug: network for network in Network.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        errors[field] = [
            gettext("No network with the slug %(slugs)s. Networks: %(all)s.")
            % {
                "slugs": ", ".join(unknown),
                "all": ", ".join(Network.objects.values_list("slug", flat=True)),
            }
        ]
        return []
    return [found[slug] for slug in slugs]


def organisation_named(text, errors, field):
    """An organisation by slug or by its exact name, English or local (None if unknown)."""
    matches = list(
        Organisation.objects.filter(
            Q(slug=text) | Q(name__iexact=text) | Q(native_name=text) | Q(short_name__iexact=text)
        )[:2]
    )
    if len(matches) > 1:
        errors[field] = [
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
        networks = networks_by_slug([slug], errors, "network") if slug else []
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
            services.membership_set_dates(
                membership=membership,
                joined=cell_text(row.get("joined")),
                left=cell_text(row.get("left")),
            )
        except ValidationError as error:
            error.update_error_dict(errors)

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

    def save_record(self, membership, row, *, dry_run):
        organisation = membership.organisation
        changed = organisation.pk is None or getattr(organisation, "changed_by_import", False)
        services.membership_save(
            membership=membership, organisation=organisation if changed else None
        )

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
        return entered_text(membership.joined, membership.date_precision)

    def dehydrate_left(self, membership):
        return entered_text(membership.left, membership.date_precision)

    def dehydrate_published(self, membership):
        return YesNoWidget().render(_organisation(membership).is_published)


def _organisation(membership) -> Organisation:
    """The membership's organisation, or an empty one while a new row is being read."""
    try:
        return membership.organisation
    except Organisation.DoesNotExist:
        return Organisation()


# --- Records of networks ------------------------------------------------------------------------


class NetworkedResource(SpreadsheetResource):
    """Records that belong to networks through a many-to-many `networks` (events, publications).

    Identified by `slug`: a row whose slug is empty or new adds a record, one whose slug exists
    changes it. As in the admin and the API, the record must stay in one of the user's networks
    and the sheet may not add or remove a network the user does not work for. The networks read
    wait in `pending_networks` (None: unchanged) for the app's service to save them.
    """

    slug = column("slug")
    networks = derived("networks")
    source = column("source")
    published = fields.Field(
        attribute="is_published", column_name="published", widget=YesNoWidget()
    )
    publish_at = KeptWhenEmpty(
        attribute="publish_at", column_name="publish_at", widget=DateTimeWidget()
    )

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
        networks = networks_by_slug(slugs, errors)
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

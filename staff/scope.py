"""Who may write what: the networks a staff user works for, and who may publish.

Every content model declares how it reaches its network(s) in a `network_path` class attribute:
"network" (a foreign key), "networks" (a joint record), a chain through its parent
("event__networks", "term__body__network"), "pk" for the network itself, or None for records
that all networks share (organisations, people, series). The admin (staff.admin), API writes
(staff.api), spreadsheets (staff.spreadsheets), draft preview (staff.preview) and history
restores all read the scope from that one declaration."""

from django.utils.translation import ngettext

from staff.models import StaffProfile


def user_networks(user):
    """The networks a staff user works for (None: all of them, for superusers)."""
    if user.is_superuser:
        return None
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_staff_networks"):
        links = StaffProfile.networks.through.objects.filter(staffprofile__user=user)
        user._staff_networks = list(links.values_list("network_id", flat=True))
    return user._staff_networks


def may_publish(user) -> bool:
    return user.is_superuser or user.has_perm("staff.publish_content")


def network_path(model) -> str | None:
    """How records of `model` reach their network(s); None for shared records."""
    return getattr(model, "network_path", None)


def is_network_model(model) -> bool:
    """Is `model` the network itself (the scope, not a record in it)?"""
    return network_path(model) == "pk"


def in_user_networks(user, queryset):
    """`queryset` limited to the records of the user's networks (shared records: all)."""
    networks = user_networks(user)
    path = network_path(queryset.model)
    if networks is None or path is None:
        return queryset
    return queryset.filter(**{f"{path}__in": networks}).distinct()


def record_networks(instance) -> set[int]:
    """The networks a saved record belongs to (empty for shared records and unsaved ones)."""
    path = network_path(type(instance))
    if path is None or instance.pk is None:
        return set()
    rows = type(instance).objects.filter(pk=instance.pk).values_list(path, flat=True)
    return set(rows) - {None}


def network_change_refused(user, model, before: set[int], after: set[int]) -> bool:
    """True if a write left the record in none of the user's networks, or added or removed a
    network the user does not work for (`before` and `after`: the record's networks)."""
    networks = user_networks(user)
    if networks is None or network_path(model) is None:
        return False
    mine = set(networks)
    return not after & mine or after - mine != before - mine


def joint_field(model) -> str | None:
    """The many-to-many field linking `model`'s records to several networks (a joint event's
    `networks`), or None if its records belong to one network, or to all of them."""
    path = network_path(model)
    if not path or "__" in path or path == "pk":
        return None
    field = model._meta.get_field(path)
    return path if field.many_to_many and is_network_model(field.related_model) else None


def shared_with_others(user, record):
    """(the user's networks, the other networks) of a joint record that also belongs to networks
    the user does not work for: deleting it must then only take it off the user's networks, in
    the admin and the API alike. None if the user may delete it for everyone."""
    networks, name = user_networks(user), joint_field(type(record))
    if networks is None or name is None:
        return None
    linked = list(getattr(record, name).order_by("name"))
    others = [n for n in linked if n.pk not in networks]
    if not others:
        return None
    return [n for n in linked if n.pk in networks], others


def unlink_from_networks(user, record, mine, others) -> str:
    """Take a joint record off the user's networks `mine` (kept in its history under the user),
    leaving it on `others`; says so in one sentence."""
    record._history_user = user
    getattr(record, joint_field(type(record))).remove(*mine)
    return unlinked_message(record, mine, others)


def shared_names(record, mine, others) -> dict:
    """The record and the two lists of networks, for the messages about a joint record."""
    return {
        "record": record,
        "mine": ", ".join(str(n) for n in mine),
        "others": ", ".join(str(n) for n in others),
    }


def unlinked_message(record, mine, others) -> str:
    return ngettext(
        "“%(record)s” was removed from %(mine)s; it stays on %(others)s’s site.",
        "“%(record)s” was removed from %(mine)s; it stays on the sites of %(others)s.",
        len(others),
    ) % shared_names(record, mine, others)


def historical_network_ids(record, path: str) -> set[int]:
    """The networks a historical record (django-simple-history) reached through `path`.

    Follows the path through the record's *_id fields; a parent that no longer exists is looked
    up in its own history (a seat whose term and body were deleted along with it)."""
    model = record.instance_type
    if path == "pk":
        return {getattr(record, model._meta.pk.attname)}
    first, _, rest = path.partition("__")
    field = model._meta.get_field(first)
    if field.many_to_many:
        # A deletion's entry holds no links (they are deleted before the record): the last
        # version saved before it does.
        saved = record.prev_record if record.history_type == "-" else record
        target = f"{field.m2m_reverse_field_name()}_id"
        ids = {getattr(row, target) for row in getattr(saved, first).all()} if saved else set()
    else:
        ids = {getattr(record, field.attname)}
    ids.discard(None)
    if not rest:
        return ids
    parent = field.related_model
    networks = set()
    for pk in ids:
        current = parent.objects.filter(pk=pk)
        if current.exists():
            networks |= set(current.values_list(rest, flat=True)) - {None}
            continue
        latest = parent.history.filter(**{parent._meta.pk.attname: pk}).order_by("-history_id")
        if latest.exists():
            networks |= historical_network_ids(latest.first(), rest)
    return networks

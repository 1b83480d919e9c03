"""Who may write what: the networks a staff user works for, and who may publish.

Used by the admin (staff/admin.py) and by the API's staff writes (staff/api.py), so both
draw the same line."""

from network.models import Network
from staff.models import NETWORK_PATHS


def user_networks(user):
    """The networks a staff user works for (None: all of them, for superusers)."""
    if user.is_superuser:
        return None
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_staff_networks"):
        user._staff_networks = list(
            Network.objects.filter(staff_profiles__user=user).values_list("pk", flat=True)
        )
    return user._staff_networks


def may_publish(user) -> bool:
    return user.is_superuser or user.has_perm("staff.publish_content")


def network_path(model) -> str | None:
    """How records of `model` reach their network(s); None for shared records."""
    return NETWORK_PATHS.get(model._meta.label)


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

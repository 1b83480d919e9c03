"""What every seed loader shares: create-only writes that count what they did, partial dates
read with the record they belong to, and the base of the loaders of keyed records.

Create-only: a record that already exists (same slug or natural key) is left exactly as it is,
so running the loader again changes nothing and never overwrites what staff have edited.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from core.partial_dates import PartialDate
from portal.seed.files import SEED_DIR, SeedError, read_keyed

if TYPE_CHECKING:
    from portal.seed.network import NetworkLoader

PUBLISHED = {"is_published": True}


class Recorder:
    """Creates missing rows and counts what it created and what was already there."""

    def __init__(self):
        self.created: Counter[str] = Counter()
        self.existing: Counter[str] = Counter()
        self.kept_deleted: Counter[str] = Counter()

    def ensure(
        self, model, lookup: dict, defaults: dict | None = None, *, where: str = "", save=None
    ):
        """The row matching `lookup`, created with `defaults` if missing (`last_created` says).

        `save(instance)`: how a new row is checked and saved, when its app has a service for it
        (the same rules and messages as the admin); otherwise its own validation, then save()."""
        instance = model._default_manager.filter(**lookup).first()
        label = str(model._meta.verbose_name_plural)
        self.last_created = instance is None
        if instance is not None:
            self.existing[label] += 1
            return instance
        instance = model(**lookup, **(defaults or {}))
        try:
            if save is None:
                instance.full_clean(validate_unique=False, validate_constraints=False)
                instance.save()
            else:
                save(instance)
        except ValidationError as error:
            raise SeedError(f"{where or model.__name__} {lookup}: {error.messages}") from None
        self.created[label] += 1
        self.last_created = True
        return instance

    def count_created(self, model, number: int) -> None:
        """Rows a service created along with their record (an event's places)."""
        if number:
            self.created[str(model._meta.verbose_name_plural)] += number


def deleted_by_staff(model) -> set[str]:
    """Slugs of `model`'s records that were deleted and do not exist again. The loader leaves
    them deleted: `make run` loads the seed content every time, and must not bring back, and
    publish, what staff removed."""
    existing = model._default_manager.values("slug")
    deletions = model.history.filter(history_type="-").exclude(slug__in=existing)
    return set(deletions.values_list("slug", flat=True))


def partial(value, *, where: str) -> PartialDate | None:
    if value in (None, ""):
        return None
    try:
        return PartialDate.parse(str(value))
    except ValueError as error:
        raise SeedError(f"{where}: {error}") from None


def with_slugs(model, keys: list[str], *, where: str, what: str) -> list:
    """The records of `model` with these slugs; an error naming the keys that match none."""
    records = list(model.objects.filter(slug__in=keys))
    missing = set(keys) - {record.slug for record in records}
    if missing:
        raise SeedError(f"{where}: unknown {what} {sorted(missing)}.")
    return records


class KeyedLoader:
    """The loader of the records of the files matching `pattern`, which name the organisations
    and people of the network files by key (events, publications, stories)."""

    pattern: str

    def __init__(self, network_loader: NetworkLoader, seed_dir: Path = SEED_DIR):
        self.network_loader = network_loader
        self.recorder = network_loader.recorder
        self.seed_dir = seed_dir
        self.records = read_keyed(self.pattern, seed_dir)


def texts(data: dict, *fields: str) -> dict:
    """Fields of a record that are text, each "" where the record leaves it out or empty."""
    return {field: data.get(field) or "" for field in fields}

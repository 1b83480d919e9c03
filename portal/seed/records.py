"""What every seed loader shares: create-only writes that count what they did, partial dates
read with the record they belong to, and the base of the loaders of keyed records.

Seed content is loaded once; staff own it afterwards. One rule, in `Recorder.ensure`, which every
loader calls for every record:
- A record that exists (same slug or natural key) is left exactly as it is: the loader never
  updates a field, so running it again changes nothing and never undoes what staff edited.
- A record that does not exist is created, unless the history shows a record that once had this
  key. Then staff changed or deleted it: if that record still exists (staff changed its key, e.g.
  renamed a region), it is used as it is; if not, it stays deleted, and the loader returns a
  `Gone` in its place (`make run` loads the seed content every time, and must not bring back,
  and publish, what staff removed).
- What links to a deleted record is loaded without that link (the command lists each one), or
  not at all where it cannot exist without it (a membership of a deleted organisation).
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


class Gone:
    """Stands for a seed record staff deleted. False, so `if not record` skips what needs it."""

    def __init__(self, model, lookup: dict):
        self.model = model
        self.lookup = lookup

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"{self.model._meta.verbose_name} '{key_text(self.lookup)}'"


def key_text(lookup: dict) -> str:
    """A record's key as the seed files write it: its slug, else its natural key's values."""
    return str(
        lookup.get("slug")
        or ", ".join(str(value) for name, value in lookup.items() if "__" not in name)
    )


def label(model) -> str:
    return str(model._meta.verbose_name_plural)


class Recorder:
    """Creates missing rows, and counts what it created, found, and left as staff left it."""

    def __init__(self):
        self.created: Counter[str] = Counter()
        self.existing: Counter[str] = Counter()
        self.kept_deleted: Counter[str] = Counter()  # staff deleted them
        self.kept_changed: Counter[str] = Counter()  # staff changed their key
        self.left_out: Counter[str] = Counter()  # they need a record staff deleted
        self.links_left_out: list[str] = []  # "where → what": links to deleted records
        self.has_history: dict = {}  # model → whether it had any history when first asked
        self.counted: set = set()  # (counter, model, key): each record counted once

    def ensure(
        self, model, lookup: dict, defaults: dict | None = None, *, where: str = "", save=None
    ):
        """The row matching `lookup`, created with `defaults` if missing (`last_created` says);
        the record staff changed or a `Gone` if staff deleted it (see the module's rule).

        `save(instance)`: how a new row is checked and saved, when its app has a service for it
        (the same rules and messages as the admin); otherwise its own validation, then save()."""
        self.last_created = False
        if not self.needs(model, lookup):
            return next(value for value in lookup.values() if isinstance(value, Gone))
        instance = model._default_manager.filter(**lookup).first()
        if instance is not None:
            self.existing[label(model)] += 1
            return instance
        earlier = self.left_by_staff(model, lookup)
        if earlier is not None:
            return earlier
        fields = self.without_deleted_links(model, defaults or {}, where or model.__name__)
        if fields is None:
            self.count(self.left_out, model, lookup)
            return Gone(model, lookup)
        instance = model(**lookup, **fields)
        try:
            if save is None:
                instance.full_clean(validate_unique=False, validate_constraints=False)
                instance.save()
            else:
                save(instance)
        except ValidationError as error:
            raise SeedError(f"{where or model.__name__} {lookup}: {error.messages}") from None
        self.created[label(model)] += 1
        self.last_created = True
        return instance

    def earlier(self, model, lookup: dict):
        """None if no record ever had this key; else the record that had it, as staff left it:
        changed (the record) or deleted (a `Gone`). Only for a key no record has now."""
        if model not in self.has_history:
            # Asked on the first missing record of `model`: nothing of it was created before.
            self.has_history[model] = model.history.exists()
        if not self.has_history[model]:
            return None
        pk = model._meta.pk.attname
        ids = set(model.history.filter(**lookup).values_list(pk, flat=True))
        if not ids:
            return None
        return model._default_manager.filter(pk__in=ids).order_by("pk").first() or Gone(
            model, lookup
        )

    def left_by_staff(self, model, lookup: dict):
        """`earlier()`, counted."""
        earlier = self.earlier(model, lookup)
        if isinstance(earlier, Gone):
            self.count(self.kept_deleted, model, lookup)
        elif earlier is not None:
            self.count(self.kept_changed, model, lookup)
        return earlier

    def count(self, counter: Counter, model, lookup: dict) -> None:
        """One more `model` record in `counter`, unless this one (the same key) is counted there
        already (a series several events name)."""
        key = tuple(sorted((name, str(getattr(v, "pk", v))) for name, v in lookup.items()))
        if (id(counter), model, key) not in self.counted:
            self.counted.add((id(counter), model, key))
            counter[label(model)] += 1

    def needs(self, model, lookup: dict) -> bool:
        """False, counting a `model` record left out, if any record in `lookup` is `Gone`."""
        if any(isinstance(record, Gone) for record in lookup.values()):
            self.count(self.left_out, model, lookup)
            return False
        return True

    def without_deleted_links(self, model, fields: dict, where: str) -> dict | None:
        """`fields` with each link to a deleted record left out (noted); None if the record
        cannot exist without one of them."""
        deleted = [name for name, value in fields.items() if isinstance(value, Gone)]
        if any(not model._meta.get_field(name).null for name in deleted):
            return None
        for name in deleted:
            self.link(fields[name], where=where)
        return {**fields, **dict.fromkeys(deleted)}

    def link(self, record, *, where: str):
        """`record`, or None, noted, if staff deleted it."""
        if isinstance(record, Gone):
            self.links_left_out.append(f"{where} → {record}")
            return None
        return record

    def links(self, records, *, where: str) -> list:
        """`records` without those staff deleted (noted)."""
        return [record for record in records if self.link(record, where=where) is not None]

    def find(self, model, lookup: dict, *, where: str, what: str):
        """The existing record matching `lookup`, or a `Gone` if staff deleted it (or the one
        staff changed); an error if no record ever matched."""
        record = model._default_manager.filter(**lookup).first() or self.earlier(model, lookup)
        if record is None:
            raise SeedError(f"{where}: unknown {what} '{key_text(lookup)}'.")
        return record

    def with_slugs(self, model, keys: list[str], *, where: str, what: str) -> list:
        """The records of `model` with these slugs, without those staff deleted (noted); an
        error naming the keys that match no record, now or before."""
        records = {record.slug: record for record in model.objects.filter(slug__in=keys)}
        unknown = []
        for key in keys:
            if key not in records:
                earlier = self.earlier(model, {"slug": key})
                if earlier is None:
                    unknown.append(key)
                else:
                    records[key] = earlier
        if unknown:
            raise SeedError(f"{where}: unknown {what} {sorted(unknown)}.")
        return self.links([records[key] for key in keys], where=where)

    def count_created(self, model, number: int) -> None:
        """Rows a service created along with their record (an event's places)."""
        if number:
            self.created[label(model)] += number


def partial(value, *, where: str) -> PartialDate | None:
    if value in (None, ""):
        return None
    try:
        return PartialDate.parse(str(value))
    except ValueError as error:
        raise SeedError(f"{where}: {error}") from None


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

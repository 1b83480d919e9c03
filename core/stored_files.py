"""Stored files follow their record: a replaced file, or the files of a deleted record, are removed
from storage once the change is committed, and `manage.py prune_media` finds files no record
names (left by earlier versions, failed saves, crashes).

One rule for both: a file is deleted only when no current record of any model names it, checked
at the moment of deletion (after the commit); a rolled-back change deletes nothing.

History (django-simple-history) keeps old versions' file *names*, not the files: reverting to a
version, or restoring a deleted record, brings back the record without the file it once had if
that file was replaced or deleted since. Such a record shows its file as missing (the download
answers 404 "The file of this edition is missing", the cover falls back to a generated one) and
staff upload it again. Keeping every old file for history's sake would keep a deleted person's
photo (public media) and a withdrawn PDF on disk indefinitely.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete, pre_save

logger = logging.getLogger(__name__)


@cache
def file_fields(model) -> tuple:
    """The model's own stored-file fields (FileField and ImageField)."""
    return tuple(f for f in model._meta.concrete_fields if isinstance(f, models.FileField))


def all_file_fields() -> list:
    """(model, field) for every file field of every installed model."""
    return [(model, field) for model in apps.get_models() for field in file_fields(model)]


def storage_key(storage) -> tuple:
    """Two storages are the same place when they share a folder (or are the same object)."""
    location = getattr(storage, "location", None)
    return ("location", str(location)) if location else ("object", id(storage))


def is_referenced(storage, name: str) -> bool:
    """Does any current record of any model name this file in this storage?"""
    key = storage_key(storage)
    return any(
        model._base_manager.filter(**{field.name: name}).exists()
        for model, field in all_file_fields()
        if storage_key(field.storage) == key
    )


def delete_if_unreferenced(storage, name: str) -> bool:
    """Delete the stored file unless a current record names it; True if it was deleted."""
    if not name or is_referenced(storage, name):
        return False
    try:
        storage.delete(name)
    except OSError:
        logger.warning("Stored file %s could not be deleted.", name, exc_info=True)
        return False
    return True


def delete_when_committed(storage, name: str, using: str | None = None) -> None:
    """After the current transaction commits (at once outside one): delete the file if no record
    names it then. A rolled-back change leaves it."""
    if name:
        transaction.on_commit(lambda: delete_if_unreferenced(storage, name), using=using)


# --- Signal receivers, connected for every model with a file field (core.apps) ------------------


def forget_replaced_files(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    """Before a record is saved: the files it named and no longer will are deleted on commit."""
    if raw or instance._state.adding or instance.pk is None:
        return
    fields = [
        f
        for f in file_fields(sender)
        if update_fields is None or f.name in update_fields or f.attname in update_fields
    ]
    if not fields:
        return
    old = (
        sender._base_manager.using(using)
        .filter(pk=instance.pk)
        .values(*[f.attname for f in fields])
        .first()
    )
    if old is None:
        return
    for field in fields:
        old_name = old[field.attname]
        current = getattr(instance, field.attname)
        replaced = current and not getattr(current, "_committed", True)
        if old_name and (replaced or (current.name if current else "") != old_name):
            delete_when_committed(field.storage, old_name, using=using)


def forget_deleted_files(sender, instance, using=None, **kwargs):
    """After a record is deleted: its files are deleted on commit (if no other record names them)."""
    for field in file_fields(sender):
        current = getattr(instance, field.attname)
        if current:
            delete_when_committed(field.storage, current.name, using=using)


def connect_receivers() -> None:
    """Per model (not for all senders): models without files keep Django's fast deletes."""
    for model in {model for model, _field in all_file_fields()}:
        pre_save.connect(forget_replaced_files, sender=model, dispatch_uid=f"files-{model._meta}")
        post_delete.connect(forget_deleted_files, sender=model, dispatch_uid=f"files-{model._meta}")


# --- Files no record names (manage.py prune_media) ------------------------------------------------


@dataclass(frozen=True)
class StoredFile:
    storage: object
    name: str
    size: int
    age_seconds: float


def _folders(field) -> str:
    """The folder a field stores its files in (the part of upload_to before any date or name)."""
    upload_to = field.upload_to
    folder = getattr(upload_to, "folder", None)
    if folder is None:
        folder = upload_to if isinstance(upload_to, str) else ""
    parts = []
    for part in PurePosixPath(folder).parts:
        if "%" in part:
            break
        parts.append(part)
    return "/".join(parts)


def _walk(storage, folder: str) -> Iterator[str]:
    try:
        directories, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def unreferenced_files(min_age_seconds: float = 3600) -> list[StoredFile]:
    """Files in the folders the models store into that no current record names, older than
    `min_age_seconds` (a file just uploaded may belong to a save not yet committed)."""
    places: dict[tuple, tuple] = {}
    for _model, field in all_file_fields():
        folder = _folders(field)
        if not folder:  # never walk a storage's whole root: it may hold what is not ours
            continue
        key = storage_key(field.storage)
        storage, folders = places.get(key, (field.storage, set()))
        places[key] = (storage, folders | {folder})
    referenced = {
        (storage_key(field.storage), name)
        for model, field in all_file_fields()
        for name in model._base_manager.exclude(**{field.name: ""})
        .values_list(field.name, flat=True)
        .distinct()
        .iterator()
        if name
    }
    now = time.time()
    found = []
    for storage, folders in places.values():
        # A folder inside another is walked once, as part of the outer one.
        tops = {f for f in folders if not any(f.startswith(o + "/") for o in folders)}
        for folder in sorted(tops):
            for name in _walk(storage, folder):
                if (storage_key(storage), name) in referenced:
                    continue
                age = now - storage.get_modified_time(name).timestamp()
                if age < min_age_seconds:
                    continue
                found.append(StoredFile(storage, name, storage.size(name), age))
    return found

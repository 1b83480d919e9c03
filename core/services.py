"""What the write services of every app share."""

from django.db import models


def set_relations(instance: models.Model, **relations) -> None:
    """Replace each many-to-many relation of a saved `instance` given (name=records); one given
    as None stays as it is. The write services' rule for the relations they take."""
    for name, records in relations.items():
        if records is not None:
            getattr(instance, name).set(records)

"""Abstract model building blocks every content app shares: slugs and sources."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


def unique_slug(
    instance: models.Model, text: str, field: str = "slug", max_length: int = 80
) -> str:
    """A slug for `text` unused by other rows of the same model.

    Unicode is kept (首尔 stays 首尔): names are often not in Latin script, and a slug made only of
    the Latin letters in a name would be empty or misleading.
    """
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or "item"
    model = type(instance)
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    candidate, counter = base, 2
    while others.filter(**{field: candidate}).exists():
        suffix = f"-{counter}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        counter += 1
    return candidate


class SluggedModel(models.Model):
    """Abstract base: a unique, Unicode-friendly slug made from the name when left empty."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The last part of the page's address. Made from the name if left empty; "
            "changing it breaks links others have saved."
        ),
    )

    slug_source_field = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source_field))
        super().save(*args, **kwargs)


class SourcedModel(models.Model):
    """Abstract base: where a record's facts come from, so editors can check them."""

    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where this is stated, e.g. 'CityNet Annual Report 2022, p. 5'."),
    )

    class Meta:
        abstract = True

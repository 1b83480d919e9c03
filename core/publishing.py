"""Publication state shared by every public content record.

A record is public when it is marked published and its publish time has come. Scheduled
publishing therefore needs no background job: a record set to publish tomorrow simply starts
appearing tomorrow. Every public surface (pages, API, feeds, iCal, sitemap, search, reports)
filters through `PublishableQuerySet.published()`; the default manager stays unfiltered because
the admin needs drafts (staff preview them through `staff.preview`). A published record's links
to other publishable records go through the same rule, `published_related()`, so a draft is
private wherever it is linked from (tests/test_linked_drafts.py walks every such relation).
"""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def published_q(path: str = "") -> models.Q:
    """The condition of published(), on the record `path` leads to (e.g. "first__"): for a
    filter through a join the query already makes, where `path__in=….published()` would be a
    subquery per relation (which SQLite plans badly when a query has several)."""
    return models.Q(**{f"{path}is_published": True, f"{path}publish_at__lte": timezone.now()})


def unpublished_q(path: str = "") -> models.Q:
    """The records published_q() leaves out (drafts, and those scheduled for later), as an OR
    each side of which an index answers: for counting the published records of a whole table
    as all of them minus these few (NOT published_q() reads every row)."""
    return models.Q(**{f"{path}is_published__in": [False]}) | models.Q(
        **{f"{path}publish_at__gt": timezone.now()}
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Records the public may see: published, with a publish time that has come."""
        return self.filter(published_q())


def published_related(lookup: str, queryset, *, to_attr: str | None = None) -> Prefetch:
    """A prefetch of the records `lookup` leads to that keeps only the published ones.

    The rule for a related record shown on a public surface (a seat holder, an event place, an
    edition's publisher...): through a foreign key, a draft reads as None (the plain text beside
    it, such as a city or a country, still shows; its name, slug and link do not); in a list, a
    draft is left out. `queryset` is a Publishable model or a queryset of one (with its own
    joins); use it instead of select_related() for any relation to a Publishable model.
    """
    if isinstance(queryset, type):
        queryset = queryset.objects.all()
    return Prefetch(lookup, queryset=queryset.published(), to_attr=to_attr)


def published_joined(queryset, *fields: str):
    """`queryset` with its foreign keys `fields` (each to a Publishable model) read in the same
    query (select_related) instead of a published_related() query each: the same rule, a draft
    at the other end reads as None (its `is_public`, the condition of published())."""

    class HidingDrafts(queryset._iterable_class):
        def __iter__(self):
            for record in super().__iter__():
                for name in fields:
                    related = getattr(record, name)
                    if related is not None and not related.is_public:
                        setattr(record, name, None)
                yield record

    joined = queryset.select_related(*fields)
    joined._iterable_class = HidingDrafts
    return joined


class Publishable(models.Model):
    """Abstract base: a draft / published state with the time it becomes public."""

    # A boolean, not a "status" field: events and projects have statuses of their own
    # (planned, held…) and the two must never be confused.
    is_published = models.BooleanField(
        _("published"),
        default=False,
        db_index=True,
        help_text=_(
            "Unticked, this is a draft that only staff see. Ticked, it is public from the publish time."
        ),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        default=timezone.now,
        db_index=True,
        help_text=_("Shown publicly from this time. Set a future time to schedule publication."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Whole seconds, as the admin's form edits it: otherwise the first admin save of a
        # record made elsewhere (seed loader, API, import) drops the microseconds and its
        # history shows a "publish at" change nobody made.
        if self.publish_at:
            self.publish_at = self.publish_at.replace(microsecond=0)
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.is_published and self.publish_at <= timezone.now()

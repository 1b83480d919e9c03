"""Word-by-word text matching shared by the lists' `q` filter and the site search."""

from functools import reduce
from operator import and_, or_

from django.db.models import Model, Q, QuerySet

MAX_WORDS = 10


def every_word_in(queryset: QuerySet, fields: tuple[str, ...], text: str) -> QuerySet:
    """Rows where each word of `text` occurs (case-insensitively) in at least one of `fields`.

    Plain containment works for every script: CJK names have no spaces between words for a
    full-text index to split on, and "인천" must find "인천광역시". A field reached through a
    to-many relation ("editions__title") is matched by a subquery, so that a row matching
    through several related rows is listed once, with no DISTINCT beside the list's own
    aggregates.
    """
    words = text.split()[:MAX_WORDS]
    if not words:
        return queryset
    model = queryset.model
    per_word = [reduce(or_, (_word_in(model, field, word) for field in fields)) for word in words]
    return queryset.filter(reduce(and_, per_word))


def _word_in(model: type[Model], field: str, word: str) -> Q:
    lookup = Q(**{f"{field}__icontains": word})
    if _crosses_a_to_many_relation(model, field):
        return Q(pk__in=model._base_manager.filter(lookup).values("pk"))
    return lookup


def _crosses_a_to_many_relation(model: type[Model], path: str) -> bool:
    for name in path.split("__")[:-1]:
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False

"""Word-by-word text matching shared by the filters' `q` and the site search."""

from functools import reduce
from operator import and_, or_

from django.db.models import Q, QuerySet


def every_word_in(queryset: QuerySet, fields: tuple[str, ...], text: str) -> QuerySet:
    """Rows where each word of `text` occurs (case-insensitively) in at least one of `fields`.

    Plain containment works for every script: CJK names have no spaces between words for a
    full-text index to split on, and "인천" must find "인천광역시".
    """
    words = text.split()[:10]
    if not words:
        return queryset
    per_word = [
        reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)) for word in words
    ]
    return queryset.filter(reduce(and_, per_word))

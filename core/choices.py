"""Labels of choice values, translated once per language instead of once per row."""

from __future__ import annotations

import functools

from django.utils.translation import get_language


def choice_label(choices, value) -> str:
    """get_FOO_display(): the label of `value` among `choices` (a TextChoices class), without
    its hashing of every choice (and a translation each) per call."""
    return _choice_label(get_language(), choices, value)


@functools.lru_cache(maxsize=512)
def _choice_label(language: str | None, choices, value) -> str:
    # A label in a language never changes while the process runs: looked up once, not per row.
    return str(dict(choices.choices).get(value, value))

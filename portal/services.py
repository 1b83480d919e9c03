"""Writes of stories outside the admin's forms (the seed loader): the model's validation and the
same messages as the admin's, then the story with the records it is about."""

from __future__ import annotations

from django.db import transaction

from core.services import set_relations
from portal.models import Story


@transaction.atomic
def story_save(*, story: Story, organisations=None, projects=None, events=None) -> Story:
    """Check and save a story; a relation left as None stays as it is, one given replaces the
    story's own. Raises a ValidationError and saves nothing when anything is wrong."""
    story.full_clean(exclude=["organisations", "projects", "events"])
    story.save()
    set_relations(story, organisations=organisations, projects=projects, events=events)
    return story

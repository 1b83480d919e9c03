"""The story write service: a story saved with what it is about, or refused with the message."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from portal.models import Story
from portal.services import story_save
from tests.factories import EventFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_story_save_saves_the_story_with_its_organisations_projects_and_events():
    seoul, project, event = OrganisationFactory(), ProjectFactory(), EventFactory()
    story = story_save(
        story=Story(title="Seoul joins", date=dt.date(2022, 5, 1)),
        organisations=[seoul],
        projects=[project],
        events=[event],
    )
    story.refresh_from_db()
    assert story.slug == "seoul-joins"
    assert (
        list(story.organisations.all()),
        list(story.projects.all()),
        list(story.events.all()),
    ) == (
        [seoul],
        [project],
        [event],
    )


def test_story_save_keeps_relations_not_given():
    seoul = OrganisationFactory()
    story = story_save(story=Story(title="A", date=dt.date(2022, 5, 1)), organisations=[seoul])
    story.title = "B"
    story_save(story=story)
    assert Story.objects.get().title == "B" and list(story.organisations.all()) == [seoul]


def test_story_save_refuses_a_story_without_a_date_and_saves_nothing():
    with pytest.raises(ValidationError) as excinfo:
        story_save(story=Story(title="Undated"))
    assert "date" in excinfo.value.message_dict
    assert not Story.objects.exists()

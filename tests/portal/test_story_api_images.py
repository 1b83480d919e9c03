import datetime as dt

import pytest

from portal.models import Story, StoryImage

pytestmark = pytest.mark.django_db


def test_story_api_images_listed_in_order_with_addresses(client):
    """The stories API lists each story's images in their order, with absolute addresses."""
    story = Story.objects.create(title="Summit", date=dt.date(2022, 12, 11), is_published=True)
    StoryImage.objects.create(story=story, image="stories/b.jpg", caption="Second", order=2)
    StoryImage.objects.create(
        story=story, image="stories/a.jpg", caption="First", credit="C", alt_text="A", order=1
    )
    Story.objects.create(title="Without", date=dt.date(2022, 1, 1), is_published=True)
    response = client.get("/api/v1/stories/")
    assert response.status_code == 200
    by_title = {row["title"]: row for row in response.json()["results"]}
    first, second = by_title["Summit"]["images"]
    assert first["caption"] == "First" and second["caption"] == "Second"
    assert first["image"].startswith("http") and first["image"].endswith("a.jpg")
    assert (first["credit"], first["alt_text"]) == ("C", "A")
    assert by_title["Without"]["images"] == []

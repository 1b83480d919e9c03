"""The API lists build what every row repeats once per request (issue 14): the addresses they
give are still exactly Django's, for any slug."""

import pytest
from django.urls import reverse

from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PublicationFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

# Unicode, and characters reverse() keeps (sub-delimiters) or quotes (space, "?", "#", "%").
SLUGS = ["서울-포럼", "malmö", "a&b(c)!$'*+,;=:@~", "odd ?#% slug"]


def absolute(path: str) -> str:
    return f"http://testserver{path}"


@pytest.mark.parametrize(
    ("make", "api", "view", "page"),
    [
        (lambda slug: EventFactory(slug=slug), "event", "events", "events:event-detail"),
        (
            lambda slug: PublicationFactory(slug=slug),
            "publication",
            "publications",
            "publications:publication-detail",
        ),
        (lambda slug: StoryFactory(slug=slug), "story", "stories", "portal:story-detail"),
        (
            lambda slug: MembershipFactory(organisation=OrganisationFactory(slug=slug)),
            "member",
            "members",
            None,
        ),
        (lambda slug: NetworkFactory(slug=slug), "network", "networks", None),
    ],
)
def test_list_addresses_are_reversed_addresses(client, make, api, view, page):
    """Each row's `url` (its API record) and `page` (its public page) are the addresses
    reverse() and the model's get_absolute_url() give, quoted alike, for every slug."""
    for slug in SLUGS:
        make(slug)
    response = client.get(f"/api/v1/{view}/", {"page_size": 100})
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.json()["results"]}
    assert set(SLUGS) <= set(rows)
    for slug in SLUGS:
        row = rows[slug]
        assert row["url"] == absolute(reverse(f"api:{api}-detail", kwargs={"slug": slug}))
        if page is not None:
            assert row["page"] == absolute(reverse(page, kwargs={"slug": slug}))
        # The record's own address answers with it.
        assert client.get(row["url"]).json()["slug"] == slug


@pytest.mark.parametrize(
    ("factory", "page"),
    [
        (EventFactory, "events:event-detail"),
        (PublicationFactory, "publications:publication-detail"),
        (StoryFactory, "portal:story-detail"),
    ],
)
def test_page_field_view_is_the_models_page(factory, page):
    """PageField(view_name) stands for get_absolute_url(): the two must stay the same address."""
    record = factory(slug="malmö")
    assert record.get_absolute_url() == reverse(page, kwargs={"slug": "malmö"})


LISTS = [
    "members",
    "members/city",
    "governance",
    "people",
    "projects",
    "pairings",
    "themes",
    "networks",
    "events",
    "publications",
    "stories",
]


def test_direct_fields_give_drfs_representation(client, monkeypatch, settings):
    """DirectFieldsMixin reads a column with getattr() instead of DRF's get_attribute(): every
    list (JSON and CSV) and record gives exactly what DRF's own to_representation() gives."""
    from rest_framework import serializers

    from core.api import DirectFieldsMixin
    from tests.factories.rows import Rows

    settings.PAGE_CACHE_SECONDS = 0  # each answer computed, not the first one again
    rows = Rows()
    rows.add(3)
    urls = [f"/api/v1/{name}/?page_size=100" for name in LISTS]
    urls += ["/api/v1/members/?format=csv", "/api/v1/events/?format=csv"]
    urls += ["/api/v1/publications/?format=csv", "/api/v1/events/forum/"]
    urls += ["/api/v1/publications/book/", "/api/v1/stories/award/", "/api/v1/projects/proj/"]
    ours = {url: client.get(url) for url in urls}
    monkeypatch.setattr(
        DirectFieldsMixin, "to_representation", serializers.Serializer.to_representation
    )
    for url in urls:
        drf = client.get(url)
        assert ours[url].status_code == drf.status_code == 200, url
        body = b"".join(ours[url].streaming_content) if ours[url].streaming else ours[url].content
        expected = b"".join(drf.streaming_content) if drf.streaming else drf.content
        assert body == expected, url
        assert len(body) > 200, url  # the rows are there

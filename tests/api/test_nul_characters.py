"""A NUL character (U+0000) in any part of a write is a 400 naming the field, never a 500:
PostgreSQL refuses it in any string, also in a lookup by slug."""

import pytest

from tests.api.test_writes import send, token_header
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, field, value",
    [
        ("/api/v1/publications/", "projects", ["a\x00b"]),
        ("/api/v1/publications/", "organisations", ["a\x00b"]),
        ("/api/v1/publications/", "networks", ["iclei\x00"]),
        ("/api/v1/publications/", "title", "Report\x00"),
        ("/api/v1/events/", "networks", ["iclei\x00"]),
        ("/api/v1/events/", "themes", ["a\x00"]),
        ("/api/v1/events/", "title", "Forum\x00"),
    ],
)
def test_a_nul_character_in_a_write_is_a_400_naming_the_field(client, url, field, value):
    NetworkFactory(slug="iclei-east-asia")
    permissions = ("add_publication",) if "publications" in url else ("add_event",)
    response = send(
        client,
        "post",
        url,
        {"title": "A record", "kind": "report", "networks": ["iclei-east-asia"], field: value},
        **token_header(*permissions),
    )
    assert response.status_code == 400, response.content[:300]
    assert field in response.json()

"""A NUL character (%00) in an address: a 404 in the path, a 400 naming the problem in the
query, on every page, the API and the admin; never a 500 (PostgreSQL refuses NUL in any string,
so looking one up was a server error there)."""

import pytest

pytestmark = pytest.mark.django_db

IN_THE_PATH = ["/members/a%00b/", "/events/a%00/", "/api/v1/events/a%00/", "/publications/%00/"]
IN_THE_QUERY = [
    "/search/?q=a%00b",
    "/members/?q=%00",
    "/events/?year=2022&q=%00",
    "/admin/events/event/?q=%00",
    "/events/feed.ics?network=%00",
    "/members/?a%00=1",
]


@pytest.mark.parametrize("url", IN_THE_PATH)
def test_a_nul_character_in_the_path_is_not_found(superuser_client, url):
    assert superuser_client.get(url).status_code == 404


@pytest.mark.parametrize("url", IN_THE_QUERY)
def test_a_nul_character_in_the_query_is_a_400_saying_so(superuser_client, url):
    response = superuser_client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_the_api_says_so_in_json(client):
    response = client.get("/api/v1/members/?q=a%00")
    assert response.status_code == 400
    assert response.json() == {"detail": "An address may not hold a NUL character (%00)."}

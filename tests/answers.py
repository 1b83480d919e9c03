"""What the tests read from the portal's answers: the slugs of an API list, and the 400 a bad
parameter gets (the API names the parameter, a page or feed says what is wrong)."""


def slugs(response) -> list[str]:
    """The slugs of an API list's page, in order; the answer must be a 200."""
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def assert_api_refuses(response, parameter: str) -> None:
    """A 400 whose JSON names the parameter."""
    assert response.status_code == 400, response.content
    assert parameter in response.json()


def assert_page_refuses(response, message: str) -> None:
    """A 400 page or feed that says what is wrong."""
    assert response.status_code == 400, response.content
    assert message in response.content.decode()

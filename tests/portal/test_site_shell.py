import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_home_page_has_landmarks_skip_link_and_navigation(client):
    """The home page renders with a skip link, header, main, footer and links to every section."""
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    for landmark in ("<header", '<main id="main"', "<footer", '<nav class="site-nav"'):
        assert landmark in html
    for path in ("/networks/", "/members/", "/projects/"):
        assert f'href="{path}"' in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_unknown_address_gets_404_page_in_site_style(client):
    """An unknown address answers 404 with the site's own page, not a bare error."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'class="site-header"' in html


def test_server_error_page_renders_without_database(rf):
    """The 500 page renders from a bare request, so it works even when the database is down."""
    from portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_sets_language_for_later_pages(client):
    """Choosing Korean in the footer form is remembered and sets the page's lang attribute."""
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="ko">' in client.get("/").content.decode()

"""Hardening: login lockout, admin address, security headers, links and uploads, stored XSS."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from network.models import Organisation
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PublicationFactory,
)
from tests.portal.test_settings import run_with
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return buffer.getvalue()


# --- Login lockout ---------------------------------------------------------------------------


def test_admin_login_locks_out_after_repeated_failures(client, settings):
    """The fifth wrong password locks the account: even the right one is then answered 429."""
    get_user_model().objects.create_user("sora", password="right-horse-battery", is_staff=True)
    login = reverse("admin:login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "sora", "password": "wrong"})
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = client.post(login, {"username": "sora", "password": "wrong"})
    assert response.status_code == 429
    assert "Try again in" in response.content.decode()
    response = client.post(login, {"username": "sora", "password": "right-horse-battery"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302  # still not logged in


def test_admin_login_succeeds_before_the_limit(client):
    """A few wrong passwords and then the right one log in (the count resets)."""
    get_user_model().objects.create_user("sora", password="right-horse-battery", is_staff=True)
    login = reverse("admin:login")
    for _attempt in range(2):
        client.post(login, {"username": "sora", "password": "wrong"})
    response = client.post(login, {"username": "sora", "password": "right-horse-battery"})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_behind_a_proxy_the_lockout_counts_the_client_not_the_proxy(client, settings):
    """Behind one proxy every request comes from the proxy's address: the lockout must key on
    the client's address it forwards, and a forged X-Forwarded-For entry must not dodge it."""
    settings.TRUSTED_PROXIES = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.2"]
    get_user_model().objects.create_user("sora", password="right-horse-battery", is_staff=True)
    login = reverse("admin:login")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # The attacker varies what it sends; the proxy appends the real address.
        forwarded = f"198.51.100.{attempt}, 203.0.113.9"
        response = client.post(
            login,
            {"username": "sora", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=forwarded,
            **proxy,
        )
    assert response.status_code == 429
    # Another client behind the same proxy is not locked out with them.
    other = client.post(
        login,
        {"username": "sora", "password": "right-horse-battery"},
        HTTP_X_FORWARDED_FOR="192.0.2.7",
        **proxy,
    )
    assert other.status_code == 302


# --- Admin address ---------------------------------------------------------------------------


def test_admin_lives_at_admin_by_default():
    """Without DJANGO_ADMIN_URL the admin and the content-health page are under /admin/."""
    assert reverse("admin:index") == "/admin/"
    assert reverse("content-health") == "/admin/content-health/"


def test_admin_address_comes_from_the_environment():
    """DJANGO_ADMIN_URL moves the admin, its login and the content-health page together."""
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'), reverse('admin:login'), reverse('content-health'))"
    )
    result = run_with({"DJANGO_ADMIN_URL": "office-7f3a"}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "/office-7f3a/",
        "/office-7f3a/login/",
        "/office-7f3a/content-health/",
    ]


# --- Security headers ------------------------------------------------------------------------


def csp_of(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()
    }


@pytest.mark.parametrize("path", ["/", "/members/", "/api/v1/", "/api/v1/networks/"])
def test_pages_and_api_send_security_headers(client, path):
    """Pages and API answers carry CSP (no inline script), nosniff, referrer policy, frame denial."""
    NetworkFactory()
    response = client.get(path)
    assert response.status_code == 200
    policy = csp_of(response)
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_settings_send_hsts_and_secure_cookies():
    """With DJANGO_DEBUG=0: HSTS for a year with subdomains, HTTPS redirect, secure cookies."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = run_with(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "k" * 60,
            "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        },
        code,
    )
    assert result.returncode == 0, result.stderr
    hsts, *flags = result.stdout.split()
    assert int(hsts) >= 31_536_000
    assert flags == ["True"] * 5


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.I)


def assert_runs_under_policy(html: str):
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not STYLE_ATTRIBUTE.search(html), STYLE_ATTRIBUTE.search(html).group(0)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html).group(0)


def test_public_pages_have_nothing_the_policy_would_block(client):
    """Public pages carry no inline script, style attribute or event handler (JSON-LD aside)."""
    event = EventFactory()
    publication = PublicationFactory()
    membership = MembershipFactory()
    for url in [
        "/",
        event.get_absolute_url(),
        publication.get_absolute_url(),
        membership.organisation.get_absolute_url(),
        membership.network.get_absolute_url(),
        "/events/",
        "/publications/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_runs_under_policy(response.content.decode())


def test_admin_pages_have_nothing_the_policy_would_block(superuser_client):
    """The admin's pages (list, add, change, history) run under the policy as they are."""
    event = EventFactory()
    organisation = OrganisationFactory()
    organisation.photo = SimpleUploadedFile("p.png", png_bytes())
    organisation.save()
    for url in [
        reverse("admin:index"),
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_add"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:network_organisation_change", args=[organisation.pk]),
        reverse("content-health"),
    ]:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" in response
        assert_runs_under_policy(response.content.decode())


def test_api_docs_load_their_script_from_the_site(client):
    """The API docs page has no inline script; its start-up script is served as a file."""
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert not INLINE_SCRIPT.search(html)
    policy = csp_of(response)
    assert policy["script-src"] == "'self'"
    assert "'unsafe-inline'" in policy["style-src"]  # Swagger UI's own markup needs it
    script = client.get("/api/v1/docs/?script")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


# --- Links and uploads -----------------------------------------------------------------------


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://x.org/"])
def test_website_must_be_http_or_https(link):
    """A website that is not http(s) fails validation with a message saying so."""
    organisation = OrganisationFactory.build(website=link, slug="city")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "http:// or https://" in str(error.value.message_dict["website"])


def test_admin_refuses_a_javascript_link_and_changes_nothing(superuser_client):
    """Saving an organisation with a javascript: website shows the error; nothing is stored."""
    organisation = OrganisationFactory(website="https://city.example.org/")
    url = reverse("admin:network_organisation_change", args=[organisation.pk])
    data = admin_form_data(
        superuser_client.get(url).content.decode(), website="javascript:alert(1)"
    )
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert '<ul class="errorlist" id="id_website_error"><li>Enter a valid URL.' in (
        response.content.decode()
    )
    organisation.refresh_from_db()
    assert organisation.website == "https://city.example.org/"


def test_admin_refuses_a_javascript_event_link(superuser_client):
    """An event's links must be http(s): a javascript: line is named in the error."""
    event = EventFactory(links="https://ok.example.org/")
    url = reverse("admin:events_event_change", args=[event.pk])
    html = superuser_client.get(url).content.decode()
    response = superuser_client.post(url, admin_form_data(html, links="javascript:alert(1)"))
    assert response.status_code == 200
    assert "Each link must start with http:// or https://: javascript:alert(1)" in (
        response.content.decode()
    )
    event.refresh_from_db()
    assert event.links == "https://ok.example.org/"


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("network.Network", "logo"),
        ("network.Organisation", "photo"),
        ("network.Person", "photo"),
        ("events.EventImage", "image"),
        ("portal.StoryImage", "image"),
        ("portal.AnnualReport", "cover"),
    ],
)
def test_every_image_field_uses_the_shared_upload_checks(model, field):
    """Logos, photos, event and story images, report covers: validated and renamed like covers."""
    from django.apps import apps

    from core.uploads import GeneratedName, validate_image_upload

    model_field = apps.get_model(model)._meta.get_field(field)
    assert validate_image_upload in model_field.validators
    assert isinstance(model_field.upload_to, GeneratedName)


def gif_bytes():
    buffer = io.BytesIO()
    Image.new("P", (8, 8)).save(buffer, "GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Upload a valid image.",
        ),
        (gif_bytes(), "Upload a JPEG, PNG or WebP image"),
    ],
    ids=["svg", "gif"],
)
def test_admin_refuses_a_photo_that_is_not_jpeg_png_or_webp(superuser_client, content, message):
    """An SVG or a GIF uploaded as an organisation photo is refused, saying why; nothing stored."""
    organisation = OrganisationFactory()
    url = reverse("admin:network_organisation_change", args=[organisation.pk])
    data = admin_form_data(superuser_client.get(url).content.decode())
    data["photo"] = SimpleUploadedFile("photo.png", content, content_type="image/png")
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.photo


def test_admin_stores_a_photo_under_a_generated_name(superuser_client):
    """A real PNG is kept under a generated name with the detected extension, not the user's."""
    organisation = OrganisationFactory()
    url = reverse("admin:network_organisation_change", args=[organisation.pk])
    data = admin_form_data(superuser_client.get(url).content.decode())
    data["photo"] = SimpleUploadedFile("../my photo (1).jpeg", png_bytes())
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation.refresh_from_db()
    assert re.fullmatch(r"organisations/photos/\d{4}/[0-9a-f]{32}\.png", organisation.photo.name)


# --- Stored XSS ------------------------------------------------------------------------------


def assert_escaped(html: str):
    assert "<script>alert" not in html
    assert not re.search(r"<img[^>]*onerror", html, re.I)
    assert "&lt;script&gt;alert" in html


def test_script_in_text_fields_is_escaped_on_every_public_page(client):
    """Markup typed into names, titles and descriptions shows as text on every page and feed."""
    network = NetworkFactory(name=f"Net {PAYLOAD}", description=PAYLOAD, how_to_join=PAYLOAD)
    organisation = OrganisationFactory(
        name=f"City {PAYLOAD}", native_name=PAYLOAD, description=PAYLOAD
    )
    MembershipFactory(network=network, organisation=organisation)
    event = EventFactory(
        title=f"Forum {PAYLOAD}", description=PAYLOAD, outcomes=PAYLOAD, note=PAYLOAD
    )
    event.networks.add(network)
    publication = PublicationFactory(title=f"Report {PAYLOAD}", summary=PAYLOAD)
    publication.networks.add(network)
    pages = [
        network.get_absolute_url(),
        "/networks/",
        organisation.get_absolute_url(),
        "/members/",
        event.get_absolute_url(),
        "/events/",
        publication.get_absolute_url(),
        "/publications/",
        "/search/?q=alert",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode())


def test_script_in_a_title_cannot_close_the_json_ld_block(client):
    """A title containing </script> stays inside the JSON-LD data block."""
    event = EventFactory(title="</script><script>alert(1)</script>")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == html.count("<script")


def test_script_in_a_name_is_escaped_in_the_admin(superuser_client):
    """The admin list shows a malicious name as text too."""
    OrganisationFactory(name=f"City {PAYLOAD}")
    html = superuser_client.get(reverse("admin:network_organisation_changelist")).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_organisation_model_names_the_website_rule():
    """The website field's validator is the shared http(s)-only one."""
    from core.validators import http_url_validator

    assert http_url_validator in Organisation._meta.get_field("website").validators

"""The client's address, for the login lockout and the API's rate limit: X-Forwarded-For is
believed only from the trusted proxies' addresses, so a client reaching the app directly cannot
dodge either by sending a new header with each request."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from core.client_address import client_address
from tests.portal.test_settings import run_with

PROXY = "127.0.0.1"  # the default trusted proxy address: a proxy on the same machine
DIRECT = "203.0.113.9"  # a client on the internet, connecting straight to gunicorn


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXIES = 1


def address(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **headers))


def test_without_proxies_the_header_is_never_read():
    """DJANGO_TRUSTED_PROXIES=0 (the default): the address is the one that connected."""
    assert address(PROXY, "198.51.100.1") == PROXY


def test_through_the_proxy_the_right_most_forwarded_address_is_the_client(behind_one_proxy):
    """The proxy appends the address it received from; what the client wrote before is not used."""
    assert address(PROXY, "198.51.100.1") == "198.51.100.1"
    assert address(PROXY, "10.9.9.9, 198.51.100.1") == "198.51.100.1"
    assert address("::ffff:127.0.0.1", "198.51.100.1") == "198.51.100.1"


def test_a_direct_client_s_header_is_ignored(behind_one_proxy):
    """A client connecting from an address that is no trusted proxy's gets its own address,
    whatever it writes in X-Forwarded-For."""
    for forged in ("198.51.100.1", "127.0.0.1", "10.0.0.1, 192.0.2.1", "garbage"):
        assert address(DIRECT, forged) == DIRECT


def test_an_unusable_forwarded_entry_leaves_the_proxy_s_address(behind_one_proxy):
    """Nothing or no address forwarded: the proxy's address, never the client's text."""
    assert address(PROXY) == PROXY
    assert address(PROXY, "not-an-address") == PROXY


def test_two_proxies_each_trusted_by_its_address(settings):
    """CDN -> proxy -> app: the header is followed past the proxies named trusted, no further."""
    settings.TRUSTED_PROXIES = 2
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/8"]
    assert address("10.0.0.2", "198.51.100.1, 10.1.1.1") == "198.51.100.1"
    # The hop before the proxy is not a trusted proxy: it is the client, whatever is left of it.
    assert address("10.0.0.2", "192.0.2.1, 198.51.100.1") == "198.51.100.1"
    assert address(DIRECT, "198.51.100.1, 10.1.1.1") == DIRECT


def test_a_trusted_proxy_address_that_is_no_address_stops_start_up():
    """A typo in DJANGO_TRUSTED_PROXY_ADDRESSES is refused at start-up, naming the variable."""
    result = run_with({"DJANGO_TRUSTED_PROXY_ADDRESSES": "10.0.0.0/8,proxy.local"})
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_ADDRESSES: 'proxy.local'" in result.stderr


@pytest.mark.django_db
def test_a_direct_client_rotating_x_forwarded_for_is_still_locked_out(client, behind_one_proxy):
    """Five wrong passwords from one address lock it out, though each came with another
    X-Forwarded-For: the header of a client that is not a trusted proxy counts for nothing."""
    get_user_model().objects.create_user("sora", password="right-horse-battery", is_staff=True)
    login = reverse("admin:login")
    for attempt in range(5):
        response = client.post(
            login,
            {"username": "sora", "password": "wrong"},
            REMOTE_ADDR=DIRECT,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
        )
    assert response.status_code == 429
    response = client.post(
        login,
        {"username": "sora", "password": "right-horse-battery"},
        REMOTE_ADDR=DIRECT,
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


@pytest.mark.django_db
def test_through_the_proxy_the_lockout_counts_each_client(client, behind_one_proxy):
    """Behind the proxy one client is locked out, another client of the same proxy is not."""
    get_user_model().objects.create_user("sora", password="right-horse-battery", is_staff=True)
    login = reverse("admin:login")
    for attempt in range(5):
        response = client.post(
            login,
            {"username": "sora", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, {DIRECT}",
        )
    assert response.status_code == 429
    other = client.post(
        login,
        {"username": "sora", "password": "right-horse-battery"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.7",
    )
    assert other.status_code == 302


@pytest.mark.django_db
def test_a_direct_client_rotating_x_forwarded_for_is_still_rate_limited(
    client, settings, behind_one_proxy
):
    """The API's anonymous limit counts the address that connected, not the header it sends."""
    settings.API_ANONYMOUS_RATE = "2/minute"
    settings.PAGE_CACHE_SECONDS = 0  # an answer from the page cache is not counted
    answers = [
        client.get("/api/v1/sdgs/", REMOTE_ADDR=DIRECT, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        for n in range(3)
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 429]


@pytest.mark.django_db
def test_through_the_proxy_the_rate_limit_counts_each_client(client, settings, behind_one_proxy):
    """Behind the proxy each client has its own count: one is refused, the next still served."""
    settings.API_ANONYMOUS_RATE = "2/minute"
    settings.PAGE_CACHE_SECONDS = 0  # an answer from the page cache is not counted
    answers = [
        client.get("/api/v1/sdgs/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=DIRECT)
        for _ in range(3)
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    other = client.get("/api/v1/sdgs/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.7")
    assert other.status_code == 200

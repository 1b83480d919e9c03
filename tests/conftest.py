import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import translation


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(
        username="editor", password="not-used-in-tests", is_staff=True
    )


@pytest.fixture
def staff_client(staff_user):
    """A second browser, logged in as staff (the plain `client` stays anonymous)."""
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def superuser_client(db):
    client = Client()
    user = get_user_model().objects.create_superuser(username="admin", password="x", email="")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads and generated covers of a test go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English, whatever language an earlier request switched to."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the API rate limit counts in it)."""
    cache.clear()
    yield

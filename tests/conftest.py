import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
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
def media_in_tmp(request, settings, tmp_path):
    """Uploads and generated covers of a test go to a temporary folder, never to var/media.

    Tests on the seed content keep the folder their module's `seeded_module` loaded into."""
    if "seeded" not in request.fixturenames:
        settings.MEDIA_ROOT = tmp_path / "media"
    # Spreadsheets waiting for an import's confirmation, likewise.
    settings.STORAGES = {
        **settings.STORAGES,
        "import_export": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "imports"},
        },
    }


@pytest.fixture(scope="module")
def seeded_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed content, loaded once per test module and rolled back after it.

    Loading takes seconds; every test of a module shares one load, and each test's own changes
    are still rolled back after it (pytest-django nests a savepoint per test)."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("seed-media")),
        transaction.atomic(),
    ):
        call_command("load_seed_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_module, db):
    """Use in tests that read the seed content."""


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

import io
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import translation

from tests.factories import NetworkFactory


@pytest.fixture(autouse=True, scope="session")
def fast_password_hasher():
    """Tests hash passwords with MD5 instead of PBKDF2.

    Django's default hasher takes ~0.4 s per password on the 2-core CI machine, and nearly every
    admin test creates a user; no test is about the strength of the hash. Production settings
    (and the `check --deploy` tests, which run in subprocesses) keep the default."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def own_redis_database(request):
    """With CACHE_URL naming Redis (CI's PostgreSQL job), each pytest-xdist worker uses a
    database of its own (1-15), so that one worker's cache.clear() (a FLUSHDB) and its page
    cache's version never reach another's tests."""
    cache_settings = settings.CACHES["default"]
    if not cache_settings["BACKEND"].endswith("RedisCache"):
        yield
        return
    worker = getattr(request.config, "workerinput", {}).get("workerid", "gw0")
    number = 1 + int(worker.removeprefix("gw")) % 15
    location = urlsplit(cache_settings["LOCATION"])._replace(path=f"/{number}").geturl()
    with override_settings(CACHES={"default": {**cache_settings, "LOCATION": location}}):
        caches["default"].clear()
        yield


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


@pytest.fixture
def network(db):
    """ICLEI East Asia, by the slug the write tests' payloads name."""
    return NetworkFactory(slug="iclei-east-asia")


def uses_seed(item) -> bool:
    return "seeded" in getattr(item, "fixturenames", ())


class SeedTestsLast:
    """Tests on the seed content run last, after every other test (each group keeps its order).

    The seed content is loaded once for the whole run (see `seeded_session`) and stays until the
    run ends, so no test that expects an empty database may come after it."""

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_collection_modifyitems(self, items):
        result = yield
        items.sort(key=uses_seed)
        return result


def pytest_configure(config):
    # Registered here, after pytest's --failed-first/--new-first plugins: the wrapper registered
    # last is the outermost one, so this sort comes after theirs and pytest-django's.
    config.pluginmanager.register(SeedTestsLast(), "seed-tests-last")


@pytest.fixture(autouse=True)
def media_in_tmp(request, settings, tmp_path):
    """Uploads and generated covers of a test go to a temporary folder, never to var/media.

    Tests on the seed content keep the folder `seeded_session` loaded into."""
    # Spreadsheets waiting for an import's confirmation go to a temporary folder too.
    settings.STORAGES = {
        **settings.STORAGES,
        "import_export": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "imports"},
        },
    }
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"  # publication PDFs
    if uses_seed(request.node):
        return
    if SEED_LOADED:
        pytest.fail("The seed content is still loaded: tests on it must run last (see conftest).")
    settings.MEDIA_ROOT = tmp_path / "media"


SEED_LOADED = False


@pytest.fixture(scope="session")
def seeded_session(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed content, loaded once per test run and rolled back at its end.

    Loading takes ~9 s; every test on it shares one load, and each test's own changes are still
    rolled back after it (pytest-django nests a savepoint per test). The tests that use it run
    last (see `pytest_collection_modifyitems`)."""
    global SEED_LOADED
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("seed-media")),
        transaction.atomic(),
    ):
        call_command("load_seed_content", stdout=io.StringIO())
        if connection.vendor == "postgresql":
            analyze_own_tables()
        SEED_LOADED = True
        yield
        transaction.set_rollback(True)
    SEED_LOADED = False


def analyze_own_tables():
    """PostgreSQL: the planner's statistics of the project's tables, from the seed content.

    autovacuum never sees the uncommitted seed rows. If it vacuumed a table earlier in the run
    (dead rows of earlier tests), the planner takes the table for empty and picks nested loops
    that need minutes on the seed: build_report() took 80-120 s instead of 0.2 s. ANALYZE inside
    the seed transaction counts that transaction's own rows, and its lock keeps autovacuum off
    these tables until the run ends."""
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


@pytest.fixture
def seeded(seeded_session, db):
    """Use in tests that read the seed content."""


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English, whatever language an earlier request switched to."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the API rate limit counts in it). The database
    cache, the default, is a table: each test's rollback empties it."""
    if not isinstance(caches["default"], DatabaseCache):
        caches["default"].clear()
    yield

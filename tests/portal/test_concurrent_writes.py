"""50 staff writing at the same moment: every write is answered (never a 500 "database is
locked") and every write is kept (never a silent overwrite), on SQLite and on PostgreSQL.

The writers are threads, each with its own browser (Django's test Client) and so its own database
connection, through the real paths: API token writes, admin add forms, and admin change forms of
one record opened at the same version. On PostgreSQL they write to the test database itself (the
test is transactional, so what one commits the others see). SQLite's test database lives in
memory, shared between threads in a way no server's is: there the writers get a file copy of it,
opened with the server's settings (portal/settings.py), as every new connection is.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from events.models import Event
from network.models import Organisation
from tests.api.test_writes import new_event, send, token_header
from tests.factories import EventFactory
from tests.staff.flows import staff_client
from tests.staff.forms import admin_form_data

# Transactional, so that the writers' connections see the test's records.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

API_WRITERS = 20
ADMIN_ADDERS = 15
SAME_RECORD_EDITORS = 15
# 50 clients send their writes at once to a server answering this many requests at a time, each
# on its own database connection (`make serve` runs 3 gunicorn workers). All 50 inside one
# process at once would measure Python's lock between threads rather than the database: on a
# busy 2-core machine the 50th would wait for the CPU time of the 49 others.
SERVER_THREADS = 4


@pytest.fixture(scope="module", autouse=True)
def migration_data_put_back(django_db_setup, django_db_blocker):
    """A transactional test empties every table when it ends, and serialized_rollback refills
    them only when the next such test begins: after this module, put back what the migrations
    wrote (content types, permissions, the staff groups), with the same ids, for the tests that
    come after it (the ones on the seed content run last)."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@contextmanager
def server_database(tmp_path):
    """The database the writers' new connections open: see the module's docstring."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "server.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    # The one dict every connection of the alias is made from; this thread's own connection
    # stays open on the in-memory database.
    settings_dict = connection.settings_dict
    in_memory = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        settings_dict["NAME"] = in_memory


def in_threads(tasks):
    """Run every task in its own thread, all started at the same moment, at most SERVER_THREADS
    of them inside a request at a time; their results, in order."""
    start = threading.Barrier(len(tasks))
    server = threading.BoundedSemaphore(SERVER_THREADS)

    def run(task):
        start.wait()
        try:
            with server:
                return task()
        finally:
            connections.close_all()  # this thread's connection

    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        return list(pool.map(run, tasks))


def browsers(user, count):
    """`count` browsers logged in as `user`, each answering a 500 rather than raising it."""
    clients = [Client(raise_request_exception=False) for _ in range(count)]
    for client in clients:
        client.force_login(user)
    return clients


def in_a_thread(task):
    """`task` on a connection of the writers' database (this thread's is the test's own)."""
    return in_threads([task])[0]


def failures(responses):
    """The 5xx answers, with the error each got (which the test client keeps)."""
    return [
        (
            n,
            response.status_code,
            repr(getattr(response, "exc_info", None) and response.exc_info[1]),
        )
        for n, response in enumerate(responses)
        if response.status_code >= 500
    ]


def test_fifty_concurrent_writers_all_answered_and_all_kept(tmp_path, network):
    """20 API creates, 15 admin creates and 15 saves of one record's change form opened at the
    same version, all at once: no 5xx; every create is stored; exactly one of the same-record
    saves goes through and the other 14 are refused as stale, so no save is silently lost."""
    api = token_header("add_event", "change_event")
    admin = staff_client("Publisher", network, username="publisher")
    add_form = admin_form_data(
        admin.get(reverse("admin:network_organisation_add")).content.decode()
    )
    event = EventFactory(title="Urban Forum", networks=[network])
    change_url = reverse("admin:events_event_change", args=[event.pk])
    change_form = admin_form_data(admin.get(change_url).content.decode())
    versions = event.history.count()
    # A browser of its own per admin writer, logged in before the writers' database is made.
    adders, editors = browsers(admin.user, ADMIN_ADDERS), browsers(admin.user, SAME_RECORD_EDITORS)

    def api_create(n):
        return lambda: send(
            Client(raise_request_exception=False),
            "post",
            "/api/v1/events/",
            new_event(title=f"API event {n}"),
            **api,
        )

    def admin_create(n):
        def post():
            return adders[n].post(
                reverse("admin:network_organisation_add"),
                {**add_form, "name": f"Admin organisation {n}", "kind": "city"},
            )

        return post

    def admin_edit(n):
        def post():
            return editors[n].post(change_url, {**change_form, "title": f"Forum by editor {n}"})

        return post

    tasks = (
        [api_create(n) for n in range(API_WRITERS)]
        + [admin_create(n) for n in range(ADMIN_ADDERS)]
        + [admin_edit(n) for n in range(SAME_RECORD_EDITORS)]
    )
    with server_database(tmp_path):
        # The server's database exists before it serves: its first connection has set it up.
        in_a_thread(Event.objects.exists)
        responses = in_threads(tasks)
        stored = in_a_thread(
            lambda: (
                set(
                    Event.objects.filter(title__startswith="API event").values_list(
                        "title", flat=True
                    )
                ),
                set(
                    Organisation.objects.filter(name__startswith="Admin organisation").values_list(
                        "name", flat=True
                    )
                ),
                Event.objects.get(pk=event.pk).title,
                Event.history.filter(id=event.pk).count(),
            )
        )

    statuses = [response.status_code for response in responses]
    assert all(status < 500 for status in statuses), failures(responses)
    api_answers = statuses[:API_WRITERS]
    admin_answers = statuses[API_WRITERS : API_WRITERS + ADMIN_ADDERS]
    edit_answers = responses[API_WRITERS + ADMIN_ADDERS :]
    assert api_answers == [201] * API_WRITERS
    assert admin_answers == [302] * ADMIN_ADDERS
    api_events, organisations, title, history = stored
    assert api_events == {f"API event {n}" for n in range(API_WRITERS)}
    assert organisations == {f"Admin organisation {n}" for n in range(ADMIN_ADDERS)}

    saved = [n for n, response in enumerate(edit_answers) if response.status_code == 302]
    assert len(saved) == 1, [response.status_code for response in edit_answers]
    assert title == f"Forum by editor {saved[0]}"
    for n, response in enumerate(edit_answers):
        if n not in saved:
            assert response.status_code == 200
            assert "Someone else saved this record after you opened it" in response.content.decode()
    assert history == versions + 1  # the one save that went through


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's settings")
def test_sqlite_is_opened_for_a_server(tmp_path):
    """Each connection to an SQLite file is in WAL mode, waits up to 20 s for a lock, begins
    its write transactions IMMEDIATE and syncs NORMAL (portal/settings.py)."""

    def pragmas():
        with connection.cursor() as cursor:
            found = {}
            for name in ("journal_mode", "busy_timeout", "synchronous"):
                cursor.execute(f"PRAGMA {name}")
                found[name] = cursor.fetchone()[0]
        return found, connection.transaction_mode

    with server_database(tmp_path):
        found, transaction_mode = in_a_thread(pragmas)
    assert found == {"journal_mode": "wal", "busy_timeout": 20000, "synchronous": 1}
    assert transaction_mode == "IMMEDIATE"


def test_concurrent_api_patches_of_one_record_each_keep_their_field(tmp_path, network):
    """Four API clients each PATCH another field of the same event at the same moment, five
    times over: every answer is 200 and every field keeps its writer's value (a PATCH that read
    the record before another's save must not write the old values back over it)."""
    api = token_header("change_event")
    event = EventFactory(title="Urban Forum", networks=[network])
    url = f"/api/v1/events/{event.slug}/"

    def patch(data):
        return lambda: send(Client(raise_request_exception=False), "patch", url, data, **api)

    with server_database(tmp_path):
        in_a_thread(Event.objects.exists)
        for round in range(5):
            writes = {
                "title": f"Urban Forum {round}",
                "status_note": f"Note {round}",
                "date_note": f"Dates {round}",
                "edition": round + 1,
            }
            responses = in_threads([patch({name: value}) for name, value in writes.items()])
            assert [r.status_code for r in responses] == [200] * len(writes), failures(responses)
            stored = in_a_thread(
                lambda: Event.objects.values(*writes).get(pk=event.pk)  # noqa: B023
            )
            assert stored == writes

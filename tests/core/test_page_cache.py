"""The page cache (core/page_cache.py): anonymous reads are served from the shared cache, and the
next request after any change to public content shows the change.

Each test reads a page (storing it), checks the next read is a cache hit, changes the content
the way staff or a client would, and reads again. The suite's transactions never commit, so the
version is replaced at the change itself (content_changed() does so when the thread has read it);
test_the_version_is_replaced_when_the_transaction_commits checks the on_commit path.
"""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import page_cache
from events.models import Event
from network.models import Organisation
from tests.api.test_writes import send, token_header
from tests.factories import EventFactory, NetworkFactory, StoryFactory
from tests.staff.flows import staff_client
from tests.staff.forms import admin_form_data
from tests.staff.sheets import MEMBER_COLUMNS, confirm, preview, sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.API_ANONYMOUS_RATE = None  # the rate limit's count is not what is measured here
    page_cache._window_memo.value = None


@pytest.fixture
def iclei(db):
    return NetworkFactory(name="ICLEI East Asia", slug="iclei-east-asia")


def read(url, client=None, **headers):
    """An anonymous GET with the SQL it ran."""
    with CaptureQueriesContext(connection) as captured:
        response = (client or Client()).get(url, **headers)
    response.sql = [query["sql"] for query in captured.captured_queries]
    return response


def assert_hit(url, **headers):
    """The next read of `url` is served from the cache: no content table is read."""
    response = read(url, **headers)
    assert response.status_code == 200
    content_tables = [sql for sql in response.sql if "portal_cache" not in sql]
    assert content_tables == [], response.sql
    return response


def shows(url, text, **headers) -> bool:
    response = read(url, **headers)
    assert response.status_code == 200
    return text in response.content.decode()


# --- Hits ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/events/", "/api/v1/events/?page_size=100", "/events/feed.ics", "/sitemap.xml"]
)
def test_a_second_anonymous_read_is_a_hit_of_one_query(iclei, url):
    """Page, feed, sitemap and API: the second read costs one query of the cache table (the
    version and the page in one; none with Redis), no session query, no content table."""
    EventFactory(title="Urban Forum", networks=[iclei])
    first = read(url)
    assert first.status_code == 200
    assert not any("django_session" in sql for sql in first.sql)
    second = assert_hit(url)
    assert len(second.sql) == (
        1 if isinstance(caches["default"], DatabaseCache) else 0
    )  # Redis: none
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == "public, no-cache"


def test_with_the_page_cache_off_every_read_renders(iclei, settings):
    settings.PAGE_CACHE_SECONDS = 0
    EventFactory(title="Urban Forum", networks=[iclei])
    first, second = read("/events/"), read("/events/")
    assert len(second.sql) == len(first.sql) > 1
    assert not any("portal_cache" in sql for sql in second.sql)
    assert second.has_header("ETag")  # Django's ETag from the body, as before
    assert not second.has_header("Cache-Control")


# --- Every kind of change shows on the next request ---------------------------------------------


def test_an_admin_edit_shows_on_the_next_request(iclei, superuser_client):
    event = EventFactory(title="Urban Forum", networks=[iclei])
    page = f"/events/{event.slug}/"
    assert shows(page, "Urban Forum") and shows("/events/", "Urban Forum")
    assert_hit(page)
    url = reverse("admin:events_event_change", args=[event.pk])
    html = superuser_client.get(url).content.decode()
    response = superuser_client.post(url, admin_form_data(html, title="Urban Summit"))
    assert response.status_code == 302
    assert shows(page, "Urban Summit")
    assert shows("/events/", "Urban Summit")
    assert not shows("/events/", "Urban Forum")


def test_an_api_write_shows_on_the_next_request(iclei, client):
    event = EventFactory(title="Urban Forum", networks=[iclei])
    api = f"/api/v1/events/{event.slug}/"
    assert shows(api, "Urban Forum")
    assert_hit(api)
    response = send(client, "patch", api, {"title": "Urban Summit"}, **token_header("change_event"))
    assert response.status_code == 200, response.content
    assert shows(api, "Urban Summit")
    assert shows("/api/v1/events/", "Urban Summit")


def test_a_deletion_shows_on_the_next_request(iclei, superuser_client):
    event = EventFactory(title="Urban Forum", networks=[iclei])
    assert shows("/events/", "Urban Forum")
    assert_hit("/events/")
    url = reverse("admin:events_event_delete", args=[event.pk])
    assert superuser_client.post(url, {"post": "yes"}).status_code == 302
    assert not Event.objects.exists()
    assert not shows("/events/", "Urban Forum")


@pytest.mark.parametrize(
    ("published", "action", "shown_after"),
    [(False, "publish_now", True), (True, "unpublish", False)],
)
def test_publishing_and_unpublishing_show_on_the_next_request(
    iclei, superuser_client, published, action, shown_after
):
    event = EventFactory(title="Urban Forum", networks=[iclei], is_published=published)
    assert shows("/events/", "Urban Forum") is published
    assert_hit("/events/")
    response = superuser_client.post(
        reverse("admin:events_event_changelist"),
        {"action": action, "_selected_action": [event.pk]},
    )
    assert response.status_code == 302
    assert shows("/events/", "Urban Forum") is shown_after
    assert shows("/api/v1/events/", "Urban Forum") is shown_after


def test_a_history_revert_shows_on_the_next_request(iclei, superuser_client):
    event = EventFactory(title="Urban Forum", networks=[iclei])
    first = event.history.latest()
    event.title = "Wrong title"
    event.save()
    assert shows("/events/", "Wrong title")
    assert_hit("/events/")
    url = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    response = superuser_client.post(
        url, admin_form_data(superuser_client.get(url).content.decode())
    )
    assert response.status_code == 302
    assert shows("/events/", "Urban Forum")
    assert not shows("/events/", "Wrong title")


def test_a_spreadsheet_import_shows_on_the_next_request(iclei, django_capture_on_commit_callbacks):
    """The preview's dry run is rolled back (its on-commit callbacks with it); the confirmed
    import's commit replaces the version (the callbacks run as if the test's transaction had
    committed)."""
    publisher = staff_client("Publisher", iclei)
    assert not shows("/members/", "Tainan City")
    assert_hit("/members/")
    text = f"{MEMBER_COLUMNS},published\nTainan City,,city,TW,iclei-east-asia,full,,2022,yes"
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(
            publisher, "network_membership", preview(publisher, "network_membership", sheet(text))
        )
    assert response.status_code == 200
    assert Organisation.objects.get(name="Tainan City").is_published
    assert shows("/members/", "Tainan City")


def test_a_scheduled_publish_time_passing_shows_on_the_next_request(iclei):
    """No job runs at the publish time: the cached page's window ends there."""
    now = timezone.now()
    EventFactory(title="Urban Forum", networks=[iclei], publish_at=now + dt.timedelta(hours=1))
    assert not shows("/events/", "Urban Forum")
    assert_hit("/events/")
    with mock.patch("django.utils.timezone.now", return_value=now + dt.timedelta(minutes=59)):
        assert_hit("/events/")
    with mock.patch("django.utils.timezone.now", return_value=now + dt.timedelta(minutes=61)):
        assert shows("/events/", "Urban Forum")
        assert_hit("/events/")


def test_the_next_day_is_rendered_afresh(iclei):
    """What is upcoming or past depends on the day: a page cached yesterday is not served."""
    now = timezone.now()
    EventFactory(title="Urban Forum", networks=[iclei])
    read("/events/")
    assert_hit("/events/")
    with mock.patch("django.utils.timezone.now", return_value=now + dt.timedelta(days=1)):
        assert any("events_event" in sql for sql in read("/events/").sql)


def test_a_relation_change_shows_on_the_next_request(iclei):
    """m2m_changed: an event shared with a second network shows on that network's filter."""
    citynet = NetworkFactory(name="CityNet", slug="citynet")
    event = EventFactory(title="Urban Forum", networks=[iclei])
    assert not shows("/events/?network=citynet", "Urban Forum")
    assert_hit("/events/?network=citynet")
    event.networks.add(citynet)
    assert shows("/events/?network=citynet", "Urban Forum")


def test_a_write_that_bypasses_the_signals_calls_content_changed(iclei):
    story = StoryFactory(title="City award", network=iclei)
    assert shows("/stories/", "City award")
    assert_hit("/stories/")
    type(story).objects.filter(pk=story.pk).update(title="Mayors award")
    assert_hit("/stories/")  # an update() alone is not seen...
    page_cache.content_changed()  # ...which is why every such write calls this
    assert shows("/stories/", "Mayors award")


def test_the_version_is_replaced_when_the_transaction_commits(
    iclei, django_capture_on_commit_callbacks
):
    """In production the new version is written on commit, once the rows are visible to every
    reader, and once however many records the transaction wrote."""
    EventFactory(title="Urban Forum", networks=[iclei])
    assert shows("/events/", "Urban Forum")
    before = cache.get(page_cache.VERSION_KEY)
    page_cache._local.version_read = False  # as in production: nothing written before the commit
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for event in Event.objects.all():
            event.title = "Urban Summit"
            event.save()
            event.networks.add(NetworkFactory())
        assert cache.get(page_cache.VERSION_KEY) == before  # not before the commit
    assert len(callbacks) >= 2
    with mock.patch("core.page_cache._bump", wraps=page_cache._bump) as bump:
        for callback in callbacks:
            callback()
    assert bump.call_count == 0  # the first run already wrote it: one new token per commit
    assert cache.get(page_cache.VERSION_KEY)["token"] != before["token"]
    assert shows("/events/", "Urban Summit")


# --- Staff and drafts ---------------------------------------------------------------------------


def test_staff_never_get_a_cached_page_and_never_poison_the_cache(iclei):
    """An editor previews a draft on its public page: that answer is private and not stored,
    and an anonymous read after it still finds no draft; a page the public has cached is
    rendered afresh for staff."""
    EventFactory(title="Urban Forum", networks=[iclei])
    draft = EventFactory(title="Secret Draft", networks=[iclei], is_published=False)
    editor = staff_client("Editor", iclei)
    page = f"/events/{draft.slug}/"
    preview_page = read(page, client=editor)
    assert preview_page.status_code == 200 and "Secret Draft" in preview_page.content.decode()
    assert "no-store" in preview_page["Cache-Control"]
    assert read(page).status_code == 404
    read("/events/")
    assert_hit("/events/")
    staff_list = read("/events/", client=editor)
    assert any("events_event" in sql for sql in staff_list.sql)  # rendered, not the cache's
    assert "no-store" in staff_list["Cache-Control"]


def test_a_cached_api_answer_is_not_counted_by_the_rate_limit(iclei, settings):
    """The anonymous rate limit guards the work of building answers: a cached one costs a
    cache read, and is served past the limit; anything else is still refused."""
    settings.API_ANONYMOUS_RATE = "2/minute"
    assert [read("/api/v1/sdgs/").status_code for _ in range(4)] == [200] * 4
    assert read("/api/v1/themes/").status_code == 200
    assert read("/api/v1/networks/").status_code == 429


def test_an_api_token_is_never_answered_from_the_cache(iclei):
    EventFactory(title="Urban Forum", networks=[iclei])
    read("/api/v1/events/")
    headers = token_header("view_event")
    response = read("/api/v1/events/", **headers)
    assert any("events_event" in sql for sql in response.sql)


# --- Conditional GET ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/events/", "/stories/feed/", "/api/v1/events/"])
def test_a_matching_if_none_match_is_a_304_until_the_content_changes(iclei, url):
    EventFactory(title="Urban Forum", networks=[iclei])
    StoryFactory(title="City award", network=iclei)
    etag = read(url)["ETag"]
    not_modified = read(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert [sql for sql in not_modified.sql if "portal_cache" not in sql] == []
    assert not_modified["ETag"] == etag
    Event.objects.get().save()
    assert read(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_if_modified_since_is_a_304_only_while_nothing_changed(iclei):
    EventFactory(title="Urban Forum", networks=[iclei])
    later = timezone.now() + dt.timedelta(seconds=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        last_modified = read("/events/")["Last-Modified"]
        assert read("/events/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
        Event.objects.get().save()  # in the same second as the page's version: no 304 then
        response = read("/events/", HTTP_IF_MODIFIED_SINCE=last_modified)
        assert response.status_code == 200
        assert not response.has_header("Last-Modified")


# --- Variants do not mix ------------------------------------------------------------------------


def test_languages_are_cached_apart(iclei):
    EventFactory(title="Urban Forum", networks=[iclei])
    english = read("/events/", HTTP_ACCEPT_LANGUAGE="en")
    korean = read("/events/", HTTP_ACCEPT_LANGUAGE="ko")
    assert english["Content-Language"] == "en" and korean["Content-Language"] == "ko"
    assert english.content != korean.content
    assert assert_hit("/events/", HTTP_ACCEPT_LANGUAGE="ko").content == korean.content
    assert assert_hit("/events/", HTTP_ACCEPT_LANGUAGE="en").content == english.content


def test_api_formats_are_cached_apart(iclei):
    EventFactory(title="Urban Forum", networks=[iclei])
    as_json = read("/api/v1/events/")
    as_csv = read("/api/v1/events/?format=csv")
    by_accept = read("/api/v1/events/", HTTP_ACCEPT="text/csv")
    assert as_json["Content-Type"].startswith("application/json")
    assert as_csv["Content-Type"].startswith("text/csv")
    assert by_accept["Content-Type"].startswith("text/csv")
    assert assert_hit("/api/v1/events/")["Content-Type"].startswith("application/json")
    assert assert_hit("/api/v1/events/", HTTP_ACCEPT="text/csv")["Content-Type"].startswith(
        "text/csv"
    )


def test_hosts_are_cached_apart(iclei, settings):
    """The API's links are absolute: one host's answer is not another's."""
    settings.ALLOWED_HOSTS = ["testserver", "portal.example.org"]
    EventFactory(networks=[iclei])
    read("/api/v1/events/?page_size=1")
    EventFactory(networks=[iclei])
    other = read("/api/v1/events/?page_size=1", HTTP_HOST="portal.example.org")
    assert "portal.example.org" in other.content.decode()

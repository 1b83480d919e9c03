"""History, restore and stale forms in the admin; a backup round trip through dumpdata/loaddata."""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventPlace
from tests.factories import (
    EditionFactory,
    EventFactory,
    EventPlaceFactory,
    EventSessionFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PublicationFactory,
)
from tests.staff.flows import staff_client
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def test_an_admin_edit_is_kept_in_history_with_who_and_what(superuser_client):
    """Changing a title through the admin adds a history entry naming the user and the change."""
    event = EventFactory(title="Urban Forum")
    html = superuser_client.get(change_url(event)).content.decode()
    response = superuser_client.post(change_url(event), admin_form_data(html, title="Urban Summit"))
    assert response.status_code == 302
    latest = event.history.latest()
    assert latest.history_user.username == "admin"
    assert latest.title == "Urban Summit"
    page = superuser_client.get(reverse("admin:events_event_history", args=[event.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Urban Forum" in text and "Urban Summit" in text


def test_saving_an_untouched_form_records_no_change(superuser_client):
    """A record made outside the admin (seed loader, API, import) and saved unchanged in the
    admin shows no change in its history, not a "publish at" change nobody made."""
    event = EventFactory(title="Mayors Forum", publish_at=timezone.now())
    url = reverse("admin:events_event_change", args=[event.pk])
    superuser_client.post(url, admin_form_data(superuser_client.get(url).content.decode()))
    latest, previous = event.history.order_by("-history_id")[:2]
    assert latest.diff_against(previous).changed_fields == []


def test_reverting_to_an_earlier_version_restores_its_values(superuser_client):
    """Choosing an earlier version in the history and saving it brings its title back."""
    event = EventFactory(title="Urban Forum")
    first = event.history.latest()
    event.title = "Wrong title"
    event.save()
    url = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    form = superuser_client.get(url)
    assert form.status_code == 200
    response = superuser_client.post(url, admin_form_data(form.content.decode()))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Urban Forum"


def test_a_deleted_event_is_restored_with_its_networks_places_and_history(superuser_client):
    """An event deleted by mistake is listed under "Deleted records" and restored whole."""
    network = NetworkFactory(name="CityNet")
    event = EventFactory(title="Mayors Forum")
    event.networks.add(network)
    EventPlaceFactory(event=event, city="Ulaanbaatar")
    networks = sorted(event.networks.values_list("name", flat=True))
    assert "CityNet" in networks
    pk = event.pk
    delete = superuser_client.post(reverse("admin:events_event_delete", args=[pk]), {"post": "yes"})
    assert delete.status_code == 302
    assert not Event.objects.filter(pk=pk).exists()
    assert not EventPlace.objects.filter(event_id=pk).exists()

    changelist = superuser_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert reverse("admin:events_event_deleted") in changelist
    deleted = superuser_client.get(reverse("admin:events_event_deleted")).content.decode()
    assert "Mayors Forum" in deleted
    history_url = reverse("admin:events_event_history", args=[pk])
    assert history_url in deleted

    history = superuser_client.get(history_url)
    assert history.status_code == 200
    last_saved = Event.history.filter(id=pk).exclude(history_type="-").latest()
    url = reverse("admin:events_event_simple_history", args=[pk, last_saved.history_id])
    form = superuser_client.get(url).content.decode()
    response = superuser_client.post(url, admin_form_data(form))
    import re

    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())

    event = Event.objects.get(pk=pk)
    assert event.title == "Mayors Forum"
    assert sorted(event.networks.values_list("name", flat=True)) == networks
    assert list(event.places.values_list("city", flat=True)) == ["Ulaanbaatar"]
    assert event.history.count() >= 3  # created, deleted, restored: the history is kept
    after = superuser_client.get(reverse("admin:events_event_deleted")).content.decode()
    assert "Nothing has been deleted." in after


def test_a_stale_form_is_refused_and_shows_what_changed(superuser_client, staff_user):
    """Two editors open one event; the second save is refused, naming the first one's change."""
    event = EventFactory(title="Urban Forum", description="Old text")
    first_tab = superuser_client.get(change_url(event)).content.decode()
    second_tab = superuser_client.get(change_url(event)).content.decode()
    saved = superuser_client.post(change_url(event), admin_form_data(first_tab, title="Forum A"))
    assert saved.status_code == 302

    stale = superuser_client.post(
        change_url(event), admin_form_data(second_tab, description="My new text")
    )
    assert stale.status_code == 200
    text = stale.content.decode()
    assert "Someone else saved this record after you opened it" in text
    assert "Title changed from “Urban Forum” to “Forum A”" in text
    event.refresh_from_db()
    assert (event.title, event.description) == ("Forum A", "Old text")


def test_a_fresh_form_saves_normally(superuser_client):
    """Two saves in a row from freshly opened forms both go through."""
    event = EventFactory(title="One")
    for title in ("Two", "Three"):
        html = superuser_client.get(change_url(event)).content.decode()
        assert (
            superuser_client.post(change_url(event), admin_form_data(html, title=title)).status_code
            == 302
        )
    event.refresh_from_db()
    assert event.title == "Three"


def test_bulk_publish_is_kept_in_history(superuser_client):
    """The admin's "publish" action leaves a history entry on each record."""
    event = EventFactory(is_published=False)
    before = event.history.count()
    response = superuser_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish_now", "_selected_action": [event.pk]},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_published
    assert event.history.count() == before + 1


# --- Backup and restore ------------------------------------------------------------------------

API_SNAPSHOT = """
import json, django
django.setup()
from django.test import Client
client = Client()
root = client.get("/api/v1/").json()
out = {}
for name, url in sorted(root.items()):
    path = url.replace("http://testserver", "")
    response = client.get(path, {"page_size": 100})
    out[name] = [response.status_code, response.json()]
print(json.dumps(out, sort_keys=True))
"""


def manage(db_url, *args, code=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    media = Path(db_url.removeprefix("sqlite:///")).parent / "media"
    env.update(DATABASE_URL=db_url, DJANGO_SETTINGS_MODULE="portal.settings", MEDIA_ROOT=str(media))
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def test_dumpdata_into_a_fresh_database_restores_everything(tmp_path):
    """Seeded site → dumpdata → a new empty database → loaddata: every API list answers the same."""
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    second = f"sqlite:///{tmp_path / 'second.sqlite3'}"
    manage(first, "migrate", "--no-input", "-v", "0")
    # The new database is what `migrate` makes of an empty one (tables, the groups and SDGs of the
    # data migrations, content types): a copy of the first one at this point, made without a
    # second 12-second migrate.
    shutil.copyfile(tmp_path / "first.sqlite3", tmp_path / "second.sqlite3")
    manage(first, "load_seed_content")
    before = json.loads(manage(first, code=API_SNAPSHOT))
    # XML keeps timestamps to the microsecond; Django's JSON serializer cuts them to milliseconds.
    dump = tmp_path / "backup.xml"
    manage(
        first,
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--format",
        "xml",
        "-e",
        "contenttypes",
        "-e",
        "auth.permission",
        "-e",
        "sessions",
        "-e",
        "axes",
        "-o",
        str(dump),
    )
    manage(second, "loaddata", str(dump))
    after = json.loads(manage(second, code=API_SNAPSHOT))
    assert before.keys() == after.keys()
    assert len(before) >= 8
    for name in before:
        assert before[name][0] == 200, name
        assert before[name] == after[name], name
    sizes = [
        body.get("count", 0) if isinstance(body, dict) else len(body)
        for _status, body in before.values()
    ]
    assert sum(sizes) > 100  # the seed content really was there to compare


# --- Stale forms and inline rows ----------------------------------------------------------------


@pytest.fixture
def two_editors():
    """Two browsers of staff of one network, and that network."""
    network = NetworkFactory(name="ICLEI East Asia")
    first = staff_client("Editor", network, username="anna")
    second = staff_client("Publisher", network, username="bo")
    return first, second, network


def session_rows(event):
    return list(event.sessions.order_by("pk").values_list("title", flat=True))


@pytest.mark.parametrize(
    ("changes", "message", "sessions"),
    [
        (
            {"sessions-0-title": "Opening plenary"},
            "Session “Opening plenary (3 Oct 2022)”: Title changed from “Opening” to "
            "“Opening plenary”.",
            ["Opening plenary"],
        ),
        (
            {
                "sessions-TOTAL_FORMS": "2",
                "sessions-1-title": "Site visit",
                "sessions-1-start": "2022-10-04",
                "sessions-1-date_precision": "day",
                "sessions-1-order": "1",
            },
            "Session “Site visit (4 Oct 2022)” added.",
            ["Opening", "Site visit"],
        ),
        ({"sessions-0-DELETE": "on"}, "Session “Opening (3 Oct 2022)” deleted.", []),
    ],
    ids=["changed", "added", "deleted"],
)
def test_a_stale_form_is_refused_when_someone_changed_an_inline_row(
    two_editors, changes, message, sessions
):
    """Anna opens an event; Bo changes, adds or deletes one of its sessions; Anna's save is
    refused naming Bo's change, Bo's sessions stay as Bo left them; reopened, Anna's form saves."""
    anna, bo, network = two_editors
    event = EventFactory(networks=[network], title="Urban Forum", description="Old text")
    EventSessionFactory(event=event, title="Opening", start=dt.date(2022, 10, 3))
    url = change_url(event)
    annas_form = anna.get(url).content.decode()

    response = bo.post(url, admin_form_data(bo.get(url).content.decode(), **changes))
    assert response.status_code == 302
    assert session_rows(event) == sessions

    stale = anna.post(url, admin_form_data(annas_form, description="Anna's text"))
    assert stale.status_code == 200
    text = stale.content.decode()
    assert "Someone else saved this record after you opened it" in text
    assert "bo, " in text and message in text
    event.refresh_from_db()
    assert event.description == "Old text"
    assert session_rows(event) == sessions

    fresh = anna.post(url, admin_form_data(anna.get(url).content.decode(), description="Anna's"))
    assert fresh.status_code == 302
    event.refresh_from_db()
    assert event.description == "Anna's" and session_rows(event) == sessions


def test_a_stale_form_is_refused_when_someone_changed_an_edition(two_editors):
    """A publication's editions are versioned with it: a changed edition blocks a stale save."""
    anna, bo, network = two_editors
    publication = PublicationFactory(networks=[network], title="Annual Report")
    EditionFactory(publication=publication, language="en", title="English edition")
    url = reverse("admin:publications_publication_change", args=[publication.pk])
    annas_form = anna.get(url).content.decode()
    bos_form = bo.get(url).content.decode()
    assert (
        bo.post(url, admin_form_data(bos_form, **{"editions-0-title": "Full report"})).status_code
        == 302
    )

    stale = anna.post(url, admin_form_data(annas_form, title="Annual Report 2022"))
    assert stale.status_code == 200
    assert (
        "Edition “Annual Report (en)”: Title in this language changed from “English edition” "
        "to “Full report”."
    ) in stale.content.decode()
    publication.refresh_from_db()
    assert publication.title == "Annual Report"
    assert publication.editions.get().title == "Full report"


def test_another_networks_membership_change_does_not_block_an_organisation_form(two_editors):
    """An editor's organisation form shows only their network's memberships; a change to
    CityNet's membership (which they cannot see) neither blocks their save nor is shown."""
    anna, _bo, network = two_editors
    citynet = NetworkFactory(name="CityNet")
    organisation = OrganisationFactory(name="Seoul")
    MembershipFactory(organisation=organisation, network=network)
    theirs = MembershipFactory(organisation=organisation, network=citynet, source="")
    url = reverse("admin:network_organisation_change", args=[organisation.pk])
    annas_form = anna.get(url).content.decode()

    theirs.source = "CityNet member list 2023"
    theirs.save()
    response = anna.post(url, admin_form_data(annas_form, name="Seoul Metropolitan Government"))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Seoul Metropolitan Government"

    mine = organisation.memberships.get(network=network)
    annas_form = anna.get(url).content.decode()
    mine.source = "ICLEI list"
    mine.save()
    stale = anna.post(url, admin_form_data(annas_form, name="Seoul"))
    assert stale.status_code == 200
    text = stale.content.decode()
    assert "Source changed from “(empty)” to “ICLEI list”." in text
    assert "CityNet member list" not in text and "— CityNet" not in text


def test_a_deleted_story_is_restored_with_its_event_links(superuser_client):
    """A story's links to the events it tells of are in its history, so restoring a story deleted
    by mistake brings them back."""
    from portal.models import Story
    from tests.factories import StoryFactory
    from tests.staff.flows import restore_deleted

    network = NetworkFactory(name="CityNet")
    forum = EventFactory(title="Mayors Forum", networks=[network])
    story = StoryFactory(title="Mayors meet", network=network)
    story.events.add(forum)
    story.save()  # the version a restore goes back to holds the link
    pk = story.pk
    delete = superuser_client.post(reverse("admin:portal_story_delete", args=[pk]), {"post": "yes"})
    assert delete.status_code == 302
    assert not Story.objects.filter(pk=pk).exists()

    response = restore_deleted(superuser_client, Story, pk)

    assert response.status_code == 302
    restored = Story.objects.get(pk=pk)
    assert list(restored.events.values_list("title", flat=True)) == ["Mayors Forum"]


@pytest.mark.parametrize(
    "version", [None, "", "abc", "1.x", "99999999999999999999999999", "999999999.0.0.0.0", "-1"]
)
def test_a_form_without_a_readable_version_is_refused(superuser_client, version):
    """The stale-form check cannot be skipped by the client: a save whose version is missing,
    unreadable, forged as newer than any saved, or of the wrong shape is refused like a stale one,
    the record is unchanged, and sending the refused form again is refused again."""
    event = EventFactory(title="Urban Forum")
    data = admin_form_data(superuser_client.get(change_url(event)).content.decode(), title="Mine")
    data.pop("_record_version")
    if version is not None:
        data["_record_version"] = version

    refused = superuser_client.post(change_url(event), data)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "This form does not say which version of the record it was opened at" in page
    event.refresh_from_db()
    assert event.title == "Urban Forum"
    again = superuser_client.post(change_url(event), admin_form_data(page, title="Mine"))
    assert again.status_code == 200
    event.refresh_from_db()
    assert event.title == "Urban Forum"

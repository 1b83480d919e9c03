"""Done when: a publisher schedules a publication for tomorrow and it appears by itself."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from publications.models import Publication
from staff.models import StaffProfile
from tests.factories import NetworkFactory
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db


def public_surfaces(client, publication) -> dict[str, bool]:
    """Where the public would see the publication: page, list, feed, API, search, sitemap."""
    return {
        "page": client.get(publication.get_absolute_url()).status_code == 200,
        "list": publication.title in client.get("/publications/").content.decode(),
        "feed": publication.title in client.get("/publications/feed.atom").content.decode(),
        "api": publication.slug in client.get("/api/v1/publications/").content.decode(),
        "search": publication.get_absolute_url()
        in client.get("/search/", {"q": "Low-Carbon Guidebook"}).content.decode(),
        "sitemap": publication.get_absolute_url()
        in client.get("/sitemap-publications.xml").content.decode(),
    }


def test_publication_scheduled_for_tomorrow_appears_by_itself(client, monkeypatch):
    network = NetworkFactory(name="ICLEI East Asia")
    publisher = get_user_model().objects.create_user("publisher", is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publisher"))
    StaffProfile.objects.create(user=publisher).networks.add(network)
    staff = Client()
    staff.force_login(publisher)

    # The publisher fills in the admin's add form: published, from tomorrow 09:00.
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    add = reverse("admin:publications_publication_add")
    data = admin_form_data(
        staff.get(add).content.decode(),
        title="Low-Carbon Guidebook",
        kind="handbook",
        networks=[str(network.pk)],
        is_published="on",
        publish_at_0=tomorrow.strftime("%Y-%m-%d"),
        publish_at_1="09:00:00",
    )
    response = staff.post(add, data)
    assert response.status_code == 302, re.findall(
        r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S
    )
    publication = Publication.objects.get(title="Low-Carbon Guidebook")
    assert publication.is_published and publication.publish_at > timezone.now()

    # Today nobody sees it, anywhere.
    assert not any(public_surfaces(client, publication).values())

    # Tomorrow at 09:01 it is public everywhere, with no job having run and no one touching it.
    later = timezone.now() + dt.timedelta(days=1, hours=12)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert public_surfaces(client, publication) == dict.fromkeys(
        ["page", "list", "feed", "api", "search", "sitemap"], True
    )

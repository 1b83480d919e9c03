"""Staff users and what they do in the admin, step by step as in a browser."""

import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from staff.models import StaffProfile
from tests.staff.forms import admin_form_data

#: The apps whose records staff edit and the public reads.
CONTENT_APPS = ("network", "events", "publications", "portal")


def link_models() -> set:
    """The link tables of many-to-many relations that have a model of their own (an event's
    networks, each with its report group): their history is kept with their record's."""
    return {
        field.remote_field.through
        for model in apps.get_models()
        for field in model._meta.many_to_many
    }


def content_models():
    """Every model of the content apps, without their history tables and link tables."""
    links = link_models()
    return [
        model
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and model not in links
    ]


#: label → how records of the model reach their network(s), for the network-owned models.
NETWORK_PATHS = {
    model._meta.label: model.network_path
    for model in content_models()
    if getattr(model, "network_path", None) is not None
}


def staff_user(role, *networks, username=None):
    """A staff user in the group `role` ("Editor" or "Publisher") working for `networks`."""
    name = username or f"{role.lower()}-{'-'.join(str(n.pk) for n in networks) or 'none'}"
    user = get_user_model().objects.create_user(name, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    StaffProfile.objects.create(user=user).networks.add(*networks)
    return user


def staff_client(role, *networks, username=None):
    """A browser logged in as a new staff user in the group `role` working for `networks`;
    `client.user` is that user."""
    client = Client()
    client.user = staff_user(role, *networks, username=username)
    client.force_login(client.user)
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# A history row: the version's link, its date, then its comment ("Created", "Changed", "Deleted").
HISTORY_ROW = re.compile(
    r'<tr>\s*<td>\s*<a href="([^"]+)">.*?</td>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>', re.S
)


def restore_deleted(client, model, pk):
    """Restore a deleted record as a user would: changelist → "Deleted" → the record's history →
    the version saved before the deletion → save that form. Returns the final response."""
    changelist = client.get(admin_url(model, "changelist")).content.decode()
    deleted_url = admin_url(model, "deleted")
    assert deleted_url in changelist, "the changelist links to the deleted records"
    deleted = client.get(deleted_url).content.decode()
    history_url = admin_url(model, "history", pk)
    assert history_url in deleted, "the deleted record is listed with a link to its history"
    history = client.get(history_url)
    assert history.status_code == 200
    # Rows are newest first: "Deleted", then the last version saved before it.
    rows = HISTORY_ROW.findall(history.content.decode())
    version_url = next(url for url, comment in rows if comment.strip() != "Deleted")
    form = client.get(version_url)
    assert form.status_code == 200
    return client.post(version_url, admin_form_data(form.content.decode()))

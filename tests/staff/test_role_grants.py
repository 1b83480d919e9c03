"""A content model added after staff 0001 gets its rights by its own migration
(staff.roles.grant_to_roles): an upgraded site's editors can edit it too."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from staff.roles import grant_to_roles

pytestmark = pytest.mark.django_db

ADDED_LATER = {
    "events": ("reportgroup", "eventnetwork"),
    "network": ("committeeseat", "projectresult"),
    "portal": ("annex",),
}


@pytest.mark.parametrize("app_label", sorted(ADDED_LATER))
def test_a_model_added_later_is_granted_to_editors_and_publishers(app_label):
    models = ADDED_LATER[app_label]
    editor, publisher = Group.objects.get(name="Editor"), Group.objects.get(name="Publisher")
    theirs = Permission.objects.filter(
        content_type__app_label=app_label, content_type__model__in=models
    )
    # A site migrated before these models existed: staff 0001 gave its groups nothing of them.
    editor.permissions.remove(*theirs)
    publisher.permissions.remove(*theirs)

    grant_to_roles(app_label, models)(apps, None)

    codenames = lambda group: set(  # noqa: E731
        group.permissions.filter(pk__in=theirs).values_list("codename", flat=True)
    )
    for model in models:
        assert {f"add_{model}", f"change_{model}", f"view_{model}"} <= codenames(editor)
        assert f"delete_{model}" not in codenames(editor)
        assert f"delete_{model}" in codenames(publisher)

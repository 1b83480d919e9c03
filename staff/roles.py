"""The staff roles' rights on content models added after the roles were created.

staff 0001 gives the Editor and Publisher groups the permissions of every content model that
exists when it runs. On a database migrated before a content model was added, that migration
has long run, so the migration adding the model grants its permissions too, through
grant_to_roles(): without it, editors of an upgraded site could not open the new model's admin
(or its inline rows in a record they edit), while a fresh database (where staff 0001 runs last)
would show nothing wrong.
"""


def grant_to_roles(app_label: str, models: tuple[str, ...]):
    """A RunPython function giving the Editor group every permission of `models` (lower-case
    model names of `app_label`) but delete, and the Publisher group all of them."""

    def grant(apps, schema_editor):
        from django.contrib.auth.management import create_permissions

        # Permissions are normally created after migrations; make sure these exist now.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=models
        )
        for group in Group.objects.filter(name="Editor"):
            group.permissions.add(*permissions.exclude(codename__startswith="delete_"))
        for group in Group.objects.filter(name="Publisher"):
            group.permissions.add(*permissions)

    return grant

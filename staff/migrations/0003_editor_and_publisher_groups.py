"""Groups "Editor" (create and change drafts) and "Publisher" (also publish and delete)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ("network", "events", "publications", "portal")
CONTENT_MODELS_OF_PORTAL = ("story", "storyimage", "annualreport", "foreword")


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS).exclude(
        content_type__app_label="portal"
    ) | Permission.objects.filter(
        content_type__app_label="portal", content_type__model__in=CONTENT_MODELS_OF_PORTAL
    )
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(content.exclude(codename__startswith="delete_"))
    publisher, _ = Group.objects.get_or_create(name="Publisher")
    publisher.permissions.set(
        list(content) + list(Permission.objects.filter(codename="publish_content"))
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Publisher"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_staff_profile"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

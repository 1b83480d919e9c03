"""The 17 Sustainable Development Goals: a fixed list every installation has."""

from django.db import migrations

SDGS = [
    (1, "No Poverty"),
    (2, "Zero Hunger"),
    (3, "Good Health and Well-being"),
    (4, "Quality Education"),
    (5, "Gender Equality"),
    (6, "Clean Water and Sanitation"),
    (7, "Affordable and Clean Energy"),
    (8, "Decent Work and Economic Growth"),
    (9, "Industry, Innovation and Infrastructure"),
    (10, "Reduced Inequalities"),
    (11, "Sustainable Cities and Communities"),
    (12, "Responsible Consumption and Production"),
    (13, "Climate Action"),
    (14, "Life Below Water"),
    (15, "Life on Land"),
    (16, "Peace, Justice and Strong Institutions"),
    (17, "Partnerships for the Goals"),
]


def load(apps, schema_editor):
    SDG = apps.get_model("network", "SDG")
    for number, name in SDGS:
        SDG.objects.update_or_create(number=number, defaults={"name": name})


def unload(apps, schema_editor):
    apps.get_model("network", "SDG").objects.filter(number__in=[n for n, _ in SDGS]).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

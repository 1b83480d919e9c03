"""ProjectResult's `reported_in` becomes the shared set of report years (core.time_scope): one
year or none (a number) becomes the same year as text ("2022"), with its derived scope columns;
the history's copies keep their year the same way. Data-preserving both ways: going back keeps
the first year of each set."""

from django.db import migrations

import core.time_scope

HELP = (
    "The years of the annual reports that list this, e.g. “2020, 2022”, where its dates are "
    "not known. It then counts for those years and the years between."
)
MODELS = ("ProjectResult", "HistoricalProjectResult")


def years_from_number(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("network", name)
        rows = list(model.objects.exclude(reported_year__isnull=True))
        for row in rows:
            row.reported_in = str(row.reported_year)
            if name == "ProjectResult":
                row.scope_from = row.scope_until = row.reported_year
        fields = ["reported_in"] + (["scope_from", "scope_until"] if name == "ProjectResult" else [])
        model.objects.bulk_update(rows, fields, batch_size=500)


def number_from_years(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("network", name)
        rows = list(model.objects.exclude(reported_in=""))
        for row in rows:
            years = core.time_scope.parse_years(row.reported_in)
            row.reported_year = years[0] if years else None
        model.objects.bulk_update(rows, ["reported_year"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0007_project_results_and_committee_seats"),
    ]

    operations = [
        *(
            migrations.RenameField(
                model_name=name.lower(), old_name="reported_in", new_name="reported_year"
            )
            for name in MODELS
        ),
        *(
            migrations.AddField(
                model_name=name.lower(),
                name="reported_in",
                field=core.time_scope.YearsField(
                    blank=True,
                    default="",
                    help_text=HELP,
                    max_length=100,
                    verbose_name="reported in",
                ),
            )
            for name in MODELS
        ),
        *(
            migrations.AddField(
                model_name=name.lower(),
                name=f"scope_{end}",
                field=core.time_scope.ScopeYearField(
                    blank=True,
                    end=end,
                    null=True,
                    verbose_name=f"counts {end} (year)",
                ),
            )
            for name in MODELS
            for end in ("from", "until")
        ),
        migrations.RunPython(years_from_number, number_from_years),
        *(
            migrations.RemoveField(model_name=name.lower(), name="reported_year")
            for name in MODELS
        ),
    ]

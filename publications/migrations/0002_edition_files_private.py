"""Publication PDFs move out of MEDIA_ROOT (which the media server serves to anyone) into
PRIVATE_MEDIA_ROOT, served only by the download view that checks the publication is published."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import core.uploads


def move_files(apps, schema_editor, source_setting, target_setting):
    source = Path(getattr(settings, source_setting))
    target = Path(getattr(settings, target_setting))
    Edition = apps.get_model("publications", "Edition")
    for name in Edition.objects.exclude(file="").values_list("file", flat=True).distinct():
        old, new = source / name, target / name
        if old.is_file() and not new.exists():
            new.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(old, new)


def to_private(apps, schema_editor):
    move_files(apps, schema_editor, "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT")


def to_media(apps, schema_editor):
    move_files(apps, schema_editor, "PRIVATE_MEDIA_ROOT", "MEDIA_ROOT")


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="edition",
            name="file",
            field=models.FileField(
                blank=True,
                help_text="A PDF of up to 50 MB. Its size and page count are read from the file.",
                storage=core.uploads.PrivateFileStorage(url_name="publications:stored-file"),
                upload_to=core.uploads.GeneratedName("publications/files"),
                validators=[core.uploads.validate_pdf_upload],
                verbose_name="PDF file",
            ),
        ),
        migrations.RunPython(to_private, to_media, elidable=False),
    ]

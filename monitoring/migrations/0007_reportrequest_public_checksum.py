# The public PDF's checksum (``ReportRequest.public_checksum``): the API gave visitors the checksum of
# the internal file, which they cannot download, instead of the public PDF's they do download.

import hashlib
from importlib import import_module

from django.db import migrations, models


def _recreate_triggers(apps, schema_editor):
    """SQLite adds a NOT NULL column by copying the table, which loses the triggers that keep an
    approved report immutable (migration 0001): made again, on every database alike. The new column
    is not frozen: publishing writes it."""
    initial = import_module("monitoring.migrations.0001_initial")
    initial._drop_triggers(apps, schema_editor)
    initial._create_triggers(apps, schema_editor)


def _checksums_of_published(apps, schema_editor):
    """The reports published before the column: their public file's checksum, read from storage (a
    file missing from storage leaves it empty)."""
    ReportRequest = apps.get_model("monitoring", "ReportRequest")
    for report in ReportRequest.objects.exclude(public_file="").only("pk", "public_file"):
        try:
            with report.public_file.open("rb") as stream:
                digest = hashlib.sha256()
                for chunk in iter(lambda: stream.read(1 << 16), b""):
                    digest.update(chunk)
        except (FileNotFoundError, OSError):
            continue
        ReportRequest.objects.filter(pk=report.pk).update(public_checksum=digest.hexdigest())


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0006_snapshot_year_to_date'),
    ]

    operations = [
        # Backwards this runs last, after the column is gone.
        migrations.RunPython(migrations.RunPython.noop, _recreate_triggers),
        migrations.AddField(
            model_name='reportrequest',
            name='public_checksum',
            field=models.CharField(blank=True, max_length=64, verbose_name='controlegetal openbare versie'),
        ),
        migrations.RunPython(_recreate_triggers, migrations.RunPython.noop),
        migrations.RunPython(_checksums_of_published, migrations.RunPython.noop),
    ]

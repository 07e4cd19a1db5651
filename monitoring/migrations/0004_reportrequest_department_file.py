# The department copy of a report (``ReportRequest.department_file``): the draft with the figures
# computed from a department's rows replaced by "niet beschikbaar voor uw afdeling".

from importlib import import_module

from django.db import migrations, models

import monitoring.models


def _recreate_triggers(apps, schema_editor):
    """SQLite adds (and drops) a NOT NULL column by copying the table, which loses the triggers that
    keep an approved report immutable (migration 0001): made again, on every database alike."""
    initial = import_module("monitoring.migrations.0001_initial")
    initial._drop_triggers(apps, schema_editor)
    initial._create_triggers(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0003_seed_key'),
    ]

    operations = [
        # Backwards this runs last, after the columns are gone.
        migrations.RunPython(migrations.RunPython.noop, _recreate_triggers),
        migrations.AddField(
            model_name='reportrequest',
            name='department_checksum',
            field=models.CharField(blank=True, max_length=64, verbose_name='controlegetal versie voor andere afdelingen'),
        ),
        migrations.AddField(
            model_name='reportrequest',
            name='department_file',
            field=models.FileField(blank=True, max_length=300, upload_to=monitoring.models.report_path, verbose_name='versie voor andere afdelingen'),
        ),
        migrations.RunPython(_recreate_triggers, migrations.RunPython.noop),
    ]

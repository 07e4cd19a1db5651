"""Certificates typed in by hand as the platform's SROI badge become "Anders", with a note.

The badge comes with an admission (``services.issue_badge``, for one year); the certificate form
and the API no longer take it (``Certification.clean``). Rows entered before counted as a badge with
whatever end date was typed, and could no longer be edited. The row, its number and its dates stay;
the note says what happened."""

from django.db import migrations

NOTE = ("Met de hand ingevoerd als SROI-badge. Die badge geeft het platform bij de toelating; "
        "dit certificaat is daarom omgezet naar 'Anders'.")


def forwards(apps, schema_editor):
    Certification = apps.get_model("enterprises", "Certification")
    for cert in Certification.objects.filter(scheme="sroi_badge").exclude(source="admission"):
        cert.scheme = "other"
        cert.notes = f"{cert.notes}\n\n{NOTE}" if cert.notes else NOTE
        cert.save(update_fields=["scheme", "notes"])


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0015_search_keys_cover")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

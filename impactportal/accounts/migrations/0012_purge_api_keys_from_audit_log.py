"""The audit log kept the API key itself in every entry about ``VerifiedApiToken`` (its primary key
is the key): those entries go; the model is no longer audited (``VerifiedApiToken.audit``)."""

from django.db import migrations


def purge(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    content_type = ContentType.objects.filter(app_label="accounts", model="verifiedapitoken").first()
    if content_type is not None:
        LogEntry.objects.filter(content_type=content_type).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0011_user_language"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(purge, migrations.RunPython.noop)]

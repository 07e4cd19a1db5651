# The drafter's text per report version and section (``ReportText``). Once its report is approved
# a text is frozen in the database too, as the report is (migration 0001): no text is added to,
# changed in or removed from an approved report. PostgreSQL and SQLite each get triggers.
# SQLite loses a table's triggers when a later migration rebuilds it (adding a NOT NULL column, for
# one): such a migration makes them again, as 0004 and 0007 do for the report's.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import impactportal.text


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0007_reportrequest_public_checksum'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportText',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('section', models.CharField(choices=[('summary', 'Samenvatting'), ('indicators', 'Indicatoren'), ('charts', 'Grafieken'), ('levels', 'Per organisatie, initiatief en doel')], max_length=20, verbose_name='onderdeel')),
                ('body', impactportal.text.LimitedTextField(blank=True, max_length=5000, verbose_name='tekst')),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='laatst gewijzigd op')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='laatst gewijzigd door')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='texts', to='monitoring.reportrequest', verbose_name='rapport')),
            ],
            options={
                'verbose_name': 'rapporttekst',
                'verbose_name_plural': 'rapportteksten',
                'ordering': ['report', 'id'],
                'constraints': [models.UniqueConstraint(fields=('report', 'section'), name='monitoring_one_text_per_section'), models.CheckConstraint(condition=models.Q(('section__in', ['summary', 'indicators', 'charts', 'levels'])), name='monitoring_text_section', violation_error_message='Bij dit onderdeel hoort geen tekst.')],
            },
        ),
    ]


MESSAGE = "monitoring: the texts of an approved report are immutable"
APPROVED = "SELECT 1 FROM monitoring_reportrequest WHERE id = {row}.report_id AND review_state = 'approved'"


def _create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"""
            CREATE OR REPLACE FUNCTION monitoring_reporttext_immutable() RETURNS trigger AS $$
            BEGIN
                IF (TG_OP <> 'INSERT' AND EXISTS ({APPROVED.format(row="OLD")}))
                        OR (TG_OP <> 'DELETE' AND EXISTS ({APPROVED.format(row="NEW")})) THEN
                    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END; $$ LANGUAGE plpgsql;""")
        schema_editor.execute("""
            CREATE TRIGGER monitoring_reporttext_immutable BEFORE INSERT OR UPDATE OR DELETE ON monitoring_reporttext
            FOR EACH ROW EXECUTE FUNCTION monitoring_reporttext_immutable();""")
    elif vendor == "sqlite":
        for operation, condition in (
                ("insert", f"EXISTS ({APPROVED.format(row='NEW')})"),
                ("update", f"EXISTS ({APPROVED.format(row='OLD')}) OR EXISTS ({APPROVED.format(row='NEW')})"),
                ("delete", f"EXISTS ({APPROVED.format(row='OLD')})")):
            schema_editor.execute(f"""
                CREATE TRIGGER monitoring_reporttext_immutable_{operation} BEFORE {operation.upper()}
                ON monitoring_reporttext FOR EACH ROW WHEN {condition}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""")


def _drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS monitoring_reporttext_immutable ON monitoring_reporttext;")
        schema_editor.execute("DROP FUNCTION IF EXISTS monitoring_reporttext_immutable();")
    elif vendor == "sqlite":
        for operation in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS monitoring_reporttext_immutable_{operation};")


Migration.operations.append(migrations.RunPython(_create_triggers, _drop_triggers))

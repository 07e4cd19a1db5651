"""The walk over every municipality (``procurement.services_matching._pool_rows``) filters on the
municipality (not the contract's own, not its region): with the municipality in the index the
walk reads the index only, not each enterprise's row (at 100,000 enterprises, 10,000 rows for a
pool of 440 when few offer the category: 60 ms → 2 ms). Same order as 0008. PostgreSQL only."""

from django.db import migrations

COLUMNS = "(disadvantaged_count DESC NULLS LAST, headcount DESC NULLS LAST, id)"
WHERE = "WHERE admission_status = 'admitted'"


def _recreate(schema_editor, include):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS enterprise_match_capacity")
    schema_editor.execute(f"CREATE INDEX enterprise_match_capacity ON enterprises_enterprise {COLUMNS} "
                          f"{include} {WHERE}")


def covering(apps, schema_editor):
    _recreate(schema_editor, "INCLUDE (municipality_id)")


def plain(apps, schema_editor):
    _recreate(schema_editor, "")


class Migration(migrations.Migration):

    dependencies = [
        ("enterprises", "0013_enterprise_search_text"),
    ]

    operations = [migrations.RunPython(covering, plain)]

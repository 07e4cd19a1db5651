# A searched register's page picks its rows' keys first, in name order, from an index that holds
# what the search and the usual narrowing test (``impactportal.ordering.text_searched``): the
# folded name and place, the KvK number, the municipality and the showcase's two columns. The walk
# then reads the index alone; the table is read for the page's 25 rows only. Without it each row
# the walk passed was read from the table ("bakkerij" on the national register: 12 ms to sort the
# 4,446 rows the trigram index found, 0.05 ms to walk the keys). PostgreSQL only: SQLite has no
# INCLUDE and keeps its plain (name, id) index.

from django.db import migrations

INDEX = "enterprises_enterprise_name_search_cover"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON enterprises_enterprise (name, id) "
        "INCLUDE (search_text, kvk_number, municipality_id, is_published, admission_status)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("enterprises", "0014_matching_capacity_covers_municipality"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]

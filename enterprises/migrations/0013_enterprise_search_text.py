# Free-text search without diacritics: "cooperatie" finds "Schuldhulpcoöperatie van Ommeren", "café"
# finds "Cafe X". ``unaccent()`` is not IMMUTABLE, so it cannot be indexed; the folded name and
# place are stored instead (``Enterprise.search_text``, kept by ``save`` and the bulk paths), filled
# here for the existing rows, with a trigram index on PostgreSQL for ``search_text LIKE '%X%'``.
# SQLite has no pg_trgm and keeps scanning.

import unicodedata

from django.db import migrations, models

INDEX = "enterprises_enterprise_search_text_trgm"
BATCH = 2000

# A copy of ``enterprises.models.search_fold`` as it was when this migration was written.
_FOLD_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i",
                             "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                             "’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def fold(text):
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def fill_search_text(apps, schema_editor):
    Enterprise = apps.get_model("enterprises", "Enterprise")
    connection = schema_editor.connection
    manager = Enterprise._default_manager.db_manager(connection.alias)
    last = 0
    while chunk := list(manager.filter(pk__gt=last).order_by("pk").values_list("pk", "name", "city")[:BATCH]):
        ids, texts = [pk for pk, _n, _c in chunk], [f"{fold(name)}\n{fold(city)}" for _pk, name, city in chunk]
        if connection.vendor == "postgresql":
            # One UPDATE joined to the batch's values: ``bulk_update``'s CASE of 2,000 branches is
            # evaluated branch by branch for every row (86 s for 100,000 enterprises, this 4 s).
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE enterprises_enterprise e SET search_text = v.text "
                    "FROM (SELECT UNNEST(%s::bigint[]) AS id, UNNEST(%s::text[]) AS text) v WHERE e.id = v.id",
                    [ids, texts])
        else:
            manager.bulk_update([Enterprise(pk=pk, search_text=text) for pk, text in zip(ids, texts, strict=True)],
                                ["search_text"], batch_size=500)
        last = ids[-1]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX} ON enterprises_enterprise USING gin ("search_text" gin_trgm_ops)')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('enterprises', '0012_plausible_counts_and_founding_year'),
    ]

    operations = [
        migrations.AddField(
            model_name='enterprise',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='zoektekst'),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]

from django.db import migrations


class Migration(migrations.Migration):
    """The knowledge base's instruments get their own name, so that financing instruments
    (financing app) do not collide with them."""

    dependencies = [
        ("brokers", "0003_text_limits"),
    ]

    operations = [
        migrations.RenameModel(old_name="Instrument", new_name="KnowledgeInstrument"),
        migrations.AlterModelOptions(
            name="knowledgeinstrument",
            options={"ordering": ["kind", "name"], "verbose_name": "kennisbankinstrument",
                     "verbose_name_plural": "kennisbank"},
        ),
        migrations.RenameIndex(
            model_name='knowledgeinstrument',
            new_name='brokers_kno_kind_7d7c0d_idx',
            old_name='brokers_ins_kind_84e412_idx',
        ),
    ]

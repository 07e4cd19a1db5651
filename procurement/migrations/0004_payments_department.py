"""Supplier payments and their imports belong to a department (inkoop): a colleague sees and imports
them only in that department (``procurement.models.PaymentImport.access``). Adding the field with
its default writes ``inkoop`` into every existing row, so the payments imported so far stay with
procurement and no separate data step is needed."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('procurement', '0003_reported_includes_pending_claims'),
    ]

    operations = [
        migrations.AddField(
            model_name='paymentimport',
            name='department',
            field=models.CharField(choices=[('inkoop', 'Inkoop'), ('vastgoed', 'Vastgoed'), ('sociaal_domein', 'Sociaal domein'), ('vergunningen', 'Vergunningen'), ('subsidies', 'Subsidies'), ('economie', 'Economie'), ('ruimte', 'Ruimte')], default='inkoop', editable=False, max_length=20, verbose_name='afdeling'),
        ),
        migrations.AddField(
            model_name='supplierpayment',
            name='department',
            field=models.CharField(choices=[('inkoop', 'Inkoop'), ('vastgoed', 'Vastgoed'), ('sociaal_domein', 'Sociaal domein'), ('vergunningen', 'Vergunningen'), ('subsidies', 'Subsidies'), ('economie', 'Economie'), ('ruimte', 'Ruimte')], default='inkoop', editable=False, max_length=20, verbose_name='afdeling'),
        ),
    ]

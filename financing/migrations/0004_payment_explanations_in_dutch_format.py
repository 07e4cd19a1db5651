"""The stored record of an outcome payment's calculation wrote amounts as "€ 6500.00"; it is now
written as Dutch writes them ("€ 6.500,00", ``financing.outcomes.explain``). Rewrite the records
of payments made before, from their own figures, so the API returns one format."""

from django.db import migrations
from django.utils import translation


def rewrite(apps, schema_editor):
    from financing.outcomes import explain

    OutcomePayment = apps.get_model("financing", "OutcomePayment")
    with translation.override("nl"):
        for payment in OutcomePayment.objects.only("count", "price", "calculated", "amount", "capped_by").iterator():
            OutcomePayment.objects.filter(pk=payment.pk).update(explanation=explain(
                count=payment.count, price=payment.price, calculated=payment.calculated, amount=payment.amount,
                capped_by=payment.capped_by))


class Migration(migrations.Migration):
    dependencies = [("financing", "0003_outcome_payment_count_label")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]

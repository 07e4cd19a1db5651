"""A contract's ``reported`` sum now counts a submitted "Anders, met onderbouwing" line at its
claimed amount (``procurement.models.reported_value``): recount it for the contracts that hold
such a line, so existing contracts show the claim that awaits a decision, as new ones do."""

from decimal import Decimal

from django.db import migrations
from django.db.models import Case, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from impactportal.money import MONEY_FIELD

SUBMITTED, OTHER = "submitted", "other"


def recount(apps, schema_editor):
    Contract = apps.get_model("procurement", "Contract")
    Realisation = apps.get_model("procurement", "Realisation")
    claimed = Case(When(block__kind=OTHER, then=Coalesce("amount", Value(Decimal("0.00")))),
                   default=F("value"), output_field=MONEY_FIELD)
    contract_ids = (Realisation.objects.filter(status=SUBMITTED, block__kind=OTHER)
                    .values_list("contract_id", flat=True).distinct())
    sums = (Realisation.objects.filter(contract_id__in=contract_ids, status=SUBMITTED).order_by()
            .values("contract_id").annotate(total=Sum(claimed)).values_list("contract_id", "total"))
    for contract_id, total in sums:
        Contract.objects.filter(pk=contract_id).update(reported=total or Decimal("0.00"))


class Migration(migrations.Migration):
    dependencies = [("procurement", "0002_translated_field_names")]

    operations = [migrations.RunPython(recount, migrations.RunPython.noop)]

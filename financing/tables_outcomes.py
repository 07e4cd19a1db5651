import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import MoneyColumn

from .models import OutcomeContract


class OutcomeContractTable(tables.Table):
    title = tables.LinkColumn("financing:outcome-contract-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Opdrachtgever"),
                                 order_by=("organisation__name", "title"))
    provider = tables.Column(accessor="provider__name", verbose_name=_("Aanbieder"), order_by=("provider__name",))
    maximum = MoneyColumn()
    paid_total = MoneyColumn(verbose_name=_("Betaald"), accessor="paid_total")
    open_claims = tables.Column(verbose_name=_("Open claims"), attrs={"td": {"class": "numeric"}})

    class Meta:
        model = OutcomeContract
        fields = ["title", "organisation", "provider", "target_group", "start_date", "end_date", "maximum",
                  "paid_total", "open_claims"]

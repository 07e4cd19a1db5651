"""Tables of the figures part."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import MoneyColumn

from ..models import SupplierPayment


class SupplierPaymentTable(tables.Table):
    supplier_name = tables.Column(verbose_name=_("Leverancier"))
    amount = MoneyColumn(verbose_name=_("Bedrag (excl. btw)"))
    enterprise = tables.LinkColumn("enterprises:detail", args=[tables.A("enterprise_id")], accessor="enterprise__name",
                                   verbose_name=_("Impactonderneming in het register"),
                                   order_by=("enterprise__name",), default="—")
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))

    class Meta:
        model = SupplierPayment
        fields = ["date", "supplier_name", "supplier_kvk", "amount", "cost_category", "enterprise", "organisation"]
        empty_text = _("Geen betalingen.")

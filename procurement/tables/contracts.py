import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import MoneyColumn

from ..models import Contract


class ContractTable(tables.Table):
    title = tables.LinkColumn("procurement:contract-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Opdrachtgever"),
                                 order_by=("organisation__name", "title"))
    value = MoneyColumn()
    obligation = MoneyColumn()
    realised = MoneyColumn(verbose_name=_("Gerealiseerd (geverifieerd)"))
    remaining = MoneyColumn(accessor="remaining_amount", verbose_name=_("Resterend"))
    status = tables.Column()

    class Meta:
        model = Contract
        fields = ["title", "organisation", "supplier_name", "value", "obligation", "realised", "remaining", "status",
                  "end_date"]

    def render_status(self, value, record):
        return format_html('<span class="portal-badge portal-status--{}">{}</span>', record.status, value)

    def value_status(self, value, record):  # exports keep the plain label
        return record.get_status_display()

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from impactportal.ui.columns import MoneyColumn

from .models import FeasibilityCheck, OutcomeContract


class OutcomeContractTable(tables.Table):
    title = tables.LinkColumn("financing:outcome-contract-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=pgettext_lazy("uitkomstcontract", "Opdrachtgever"),
                                 order_by=("organisation__name", "title"))
    provider = tables.Column(accessor="provider__name", verbose_name=_("Aanbieder"), order_by=("provider__name",))
    maximum = MoneyColumn()
    paid_total = MoneyColumn(verbose_name=_("Betaald"), accessor="paid_total")
    open_claims = tables.Column(verbose_name=_("Open claims"), attrs={"td": {"class": "numeric"}})

    class Meta:
        model = OutcomeContract
        fields = ["title", "organisation", "provider", "target_group", "start_date", "end_date", "maximum",
                  "paid_total", "open_claims"]


class FeasibilityCheckTable(tables.Table):
    """The export of the SIB feasibility checks (the page lists them as cards)."""

    title = tables.LinkColumn("financing:feasibility-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))
    contract = tables.Column(accessor="contract__title", default="",
                             verbose_name=FeasibilityCheck._meta.get_field("contract").verbose_name)
    created_at = tables.DateColumn(format="SHORT_DATE_FORMAT")

    class Meta:
        model = FeasibilityCheck
        fields = ["title", "organisation", "contract", "societal_case", "causal_link", "few_beneficiaries",
                  "benefits_exceed_costs", "sufficient_scale", "committed_parties", "conclusion", "created_at"]

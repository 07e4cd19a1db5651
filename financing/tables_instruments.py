"""Tables of instruments, financing needs and impact funds (also their CSV/XLSX exports)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from impactportal.money import euro
from impactportal.ui.columns import MoneyColumn

from .models import FinancingNeed, ImpactFund, Instrument


class InstrumentTable(tables.Table):
    # Name and provider in the page's language (``Instrument.page_name``), sorted as shown: on the keys
    # the list annotates (``impactportal.text.in_page_order``).
    name = tables.LinkColumn("financing:instrument-detail", args=[tables.A("pk")], text=lambda record: record.page_name,
                             order_by=("sort_name",))
    kind = tables.Column()
    provider = tables.Column(order_by=("sort_provider",))
    # The page shows the range as one text; an export has the two amounts as numbers instead.
    amounts = tables.Column(empty_values=(), orderable=False, verbose_name=_("Gebruikelijke bedragen"),
                            exclude_from_export=True)
    amount_min = MoneyColumn(visible=False, orderable=False)
    amount_max = MoneyColumn(visible=False, orderable=False)

    class Meta:
        model = Instrument
        fields = ["name", "kind", "provider", "amounts", "amount_min", "amount_max"]

    def render_amounts(self, record):
        return amount_range(record)

    def render_provider(self, record):
        return record.page_provider

    def value_name(self, record):
        return record.page_name

    def value_provider(self, record):
        return record.page_provider

    def value_kind(self, value, record):
        return record.get_kind_display()


def amount_range(instrument) -> str:
    low, high = instrument.amount_min, instrument.amount_max
    if low is not None and high is not None:
        return f"{euro(low)} – {euro(high)}"
    if high is not None:
        return str(_("tot %(amount)s")) % {"amount": euro(high)}
    if low is not None:
        return str(_("vanaf %(amount)s")) % {"amount": euro(low)}
    return "—"


class NeedTable(tables.Table):
    purpose = tables.LinkColumn("financing:need-detail", args=[tables.A("pk")])
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Onderneming"),
                               order_by=("enterprise__name", "purpose"))
    amount = MoneyColumn()
    covered = MoneyColumn(accessor="covered_amount", verbose_name=_("Toegekend"))
    pending = MoneyColumn(accessor="pending_amount", verbose_name=_("In behandeling of idee"))
    horizon_months = tables.Column()

    class Meta:
        model = FinancingNeed
        fields = ["purpose", "enterprise", "amount", "covered", "pending", "horizon_months"]


class FundTable(tables.Table):
    name = tables.LinkColumn("financing:fund-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Beherende organisatie"))
    region = tables.Column(accessor="region__name", verbose_name=_("Regio"))
    invested = MoneyColumn(accessor="invested_amount", verbose_name=_("Geïnvesteerd"))
    repaid = MoneyColumn(accessor="repaid_amount", verbose_name=_("Afgelost"))
    investments = tables.Column(accessor="investment_count", verbose_name=_("Investeringen"),
                                attrs={"td": {"class": "numeric"}, "th": {"class": "numeric"}})

    class Meta:
        model = ImpactFund
        fields = ["name", "organisation", "region", "invested", "repaid", "investments"]

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import MoneyColumn

from .models import BrokerTeam, BudgetLine


class BrokerTeamTable(tables.Table):
    name = tables.LinkColumn("brokers:team-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))

    class Meta:
        model = BrokerTeam
        fields = ["name", "organisation", "form", "network_partner"]


class BudgetLineTable(tables.Table):
    description = tables.LinkColumn("brokers:budget-detail", args=[tables.A("pk")], empty_values=(),
                                    text=lambda r: r.description or r.get_kind_display())
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))
    programme = tables.Column(accessor="programme__name", verbose_name=_("Programma"))
    amount = MoneyColumn()

    class Meta:
        model = BudgetLine
        fields = ["description", "year", "kind", "organisation", "programme", "amount"]

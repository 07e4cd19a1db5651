from django import forms
from django.utils.translation import gettext_lazy as _

from impactportal.ui.forms import PortalModelForm

from .constants import TeamQuality
from .models import BrokerTeam, BudgetLine


class BrokerTeamForm(PortalModelForm):
    qualities = forms.MultipleChoiceField(
        label=_("Teamkwaliteiten"), choices=TeamQuality.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Welke kwaliteiten heeft het team in huis? Wat ontbreekt, is een aandachtspunt."),
    )

    class Meta:
        model = BrokerTeam
        fields = ["organisation", "name", "form", "network_partner", "mailbox", "description", "qualities",
                  "innovation_path", "path_stage"]


class BudgetLineForm(PortalModelForm):
    money_fields = ("amount",)  # the label says "(€)" already; named so it stays so

    class Meta:
        model = BudgetLine
        fields = ["organisation", "programme", "year", "kind", "description", "amount"]

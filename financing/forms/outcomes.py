"""Forms of outcome contracts, metrics, claims and their verification, bonds and the SIB
feasibility check."""


from django import forms
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise
from enterprises.search_field import EnterpriseSearchField
from impactportal import access
from impactportal.ui.forms import PortalForm, PortalModelForm, required_when

from .. import outcomes as rules
from ..models import (
    Answer,
    BondCashFlow,
    BondInvestor,
    BondPayer,
    FeasibilityCheck,
    OutcomeContract,
    OutcomeMetric,
    SocialImpactBond,
)
from ..services_outcomes import cash_flow_errors, claim_errors, contract_errors

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def provider_enterprises(user):
    """The enterprises an outcome contract's provider is picked from (``enterprises.search_field``): the
    register the user may see, for those who may keep outcome contracts."""
    return Enterprise.objects.for_user(user) if access.may(user, access.CHANGE, OutcomeContract) else None


class OutcomeContractForm(PortalModelForm):
    money_fields = ("maximum",)

    class Meta:
        model = OutcomeContract
        fields = ["organisation", "title", "reference", "provider", "target_group", "description", "start_date",
                  "end_date", "maximum", "maximum_status", "is_published"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The provider comes from the register the user may see (admitted or not), through a search
        # box: a select listed every enterprise of the country.
        EnterpriseSearchField.install(self, "provider", purpose="outcome-provider")
        if self.instance.pk and "organisation" in self.fields:
            # The commissioner stays (``contract_update``, the API alike): its payments and figures
            # are that organisation's. Shown, not offered: a broker of two organisations could move it.
            self.fields["organisation"].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("De einddatum ligt vóór de begindatum."))
        if self.instance.pk:
            self._keep_what_was_claimed_and_paid(data)
        return data

    def _keep_what_was_claimed_and_paid(self, data):
        """A contract with claims keeps its provider and the periods claimed, and its maximum is
        never below what was paid (``contract_errors``). Asked here to show with the other errors;
        ``contract_update`` asks again on the locked row, so a payment made meanwhile counts."""
        provider = data.get("provider")
        errors = contract_errors(stored=self.instance, provider_id=provider.pk if provider is not None else None,
                                 start_date=data.get("start_date"), end_date=data.get("end_date"),
                                 maximum=data.get("maximum"))
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)


class OutcomeMetricForm(PortalModelForm):
    money_fields = ("price", "cap")

    class Meta:
        model = OutcomeMetric
        fields = ["name", "definition", "unit", "price", "price_status", "target", "cap", "validation_method",
                  "data_source", "order"]
        labels = {"cap": _("Plafond")}  # "(€)" follows: the model's "(bedrag)" would say it twice

    def __init__(self, *args, contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract

    def clean_name(self):
        name = self.cleaned_data["name"]
        if self.contract and self.contract.metrics.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Dit contract heeft al een uitkomstmaat met deze naam."))
        return name


class ClaimForm(PortalForm):
    metric = forms.ModelChoiceField(queryset=OutcomeMetric.objects.none(), label=_("Uitkomstmaat"))
    period_start = forms.DateField(label=_("Periode van"), widget=DATE)
    period_end = forms.DateField(label=_("Periode tot en met"), widget=DATE)
    claimed_count = forms.IntegerField(label=_("Aantal behaalde uitkomsten"), min_value=1, max_value=1_000_000)
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea, max_length=5000,
                           help_text=_("Geen namen of persoonsgegevens: aantallen en categorieën."))
    evidence = forms.FileField(label=_("Bewijs"), required=False, help_text=_("PDF, PNG of JPG, maximaal 5 MB."))
    # The service refuses a count above the metric's target unless this is ticked (a typo such as
    # 2000 for 20 would otherwise go straight to verification).
    above_target_confirmed = forms.BooleanField(
        label=_("Ik bevestig dit aantal, ook al is het hoger dan het doel van het contract"), required=False)

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.fields["metric"].queryset = contract.metrics.all()

    def clean(self):
        """The service's checks (``claim_errors``) with the fields' own errors, in one round: a
        reversed period was only reported once the count was right. A field that has an error of
        its own keeps that one; the service checks again when the claim is saved."""
        data = super().clean()
        errors = claim_errors(contract=self.contract, metric=data.get("metric"), period_start=data.get("period_start"),
                              period_end=data.get("period_end"), claimed_count=data.get("claimed_count"),
                              above_target_confirmed=data.get("above_target_confirmed", False))
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data


class VerifyForm(PortalForm):
    accepted_count = forms.IntegerField(
        label=_("Geaccepteerd aantal"), min_value=0,
        help_text=_("Het geclaimde aantal: volledig geaccepteerd. Minder: deels geaccepteerd. 0: afgewezen."))
    # Required unless everything is accepted (the service checks it): the label says so, not
    # "(optioneel)", and the help text does not say it a second time.
    reason = required_when(
        forms.CharField(label=_("Reden"), required=False, widget=forms.Textarea, max_length=5000,
                        help_text=_("De aanbieder ziet de reden.")),
        _("verplicht als u niet alles accepteert"))


class BondForm(PortalModelForm):
    class Meta:
        model = SocialImpactBond
        fields = ["name", "description", "intermediary"]


class BondPayerForm(PortalModelForm):
    money_fields = ("committed",)

    class Meta:
        model = BondPayer
        fields = ["organisation", "committed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from impactportal.accounts.models import Organisation

        organisations = Organisation.objects.order_by("name")
        bond = self.instance.bond if self.instance.bond_id else None
        if bond is not None:
            # Not offered: the commissioner (it pays as such) and who pays already (``BondPayer.clean``).
            organisations = organisations.exclude(pk=bond.contract.organisation_id).exclude(
                pk__in=BondPayer.objects.filter(bond=bond).exclude(pk=self.instance.pk).values("organisation"))
        self.fields["organisation"].queryset = organisations


class BondInvestorForm(PortalModelForm):
    money_fields = ("committed_capital",)

    class Meta:
        model = BondInvestor
        fields = ["name", "kind", "committed_capital", "repayment_terms", "return_if_met", "terms_status"]


class BondCashFlowForm(PortalModelForm):
    money_fields = ("amount",)

    class Meta:
        model = BondCashFlow
        fields = ["period", "kind", "status", "investor", "amount", "note"]
        widgets = {"period": DATE}

    def __init__(self, *args, bond=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bond = bond
        self.fields["investor"].queryset = bond.investors.all() if bond else BondInvestor.objects.none()

    def clean(self):
        data = super().clean()
        # A realised outcome payment must be backed by what the contract actually paid for
        # verified claims; otherwise the bond page shows money the contract page says was never
        # paid (review 6).
        # paid (review 6). Asked here to show with the other errors; the save asks again under the
        # bond's and the contract's locks (``CashFlowCreate.save``).
        if self.bond is not None:
            for field, message in cash_flow_errors(
                    bond=self.bond, kind=data.get("kind"), status=data.get("status"), amount=data.get("amount"),
                    investor=data.get("investor"), exclude_pk=self.instance.pk).items():
                if field not in self.errors:
                    self.add_error(field, message)
        return data


class FeasibilityForm(PortalModelForm):
    """The guided form: each of the six questions with its explanation, answered yes, partly,
    not yet known or no."""

    class Meta:
        model = FeasibilityCheck
        fields = ["organisation", "title", "contract", *rules.QUESTION_NAMES, "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, question in enumerate(rules.QUESTIONS, start=1):
            field = self.fields[question.name]
            field.widget = forms.RadioSelect(choices=Answer.choices)
            field.label = f"{number}. {question.text}"
            field.help_text = question.help
        self.fields["contract"].queryset = OutcomeContract.objects.for_user(self.user).order_by("title")
        self.fields["contract"].required = False

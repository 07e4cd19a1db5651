"""Forms of the financing mix and of impact funds. Each form explains its errors next to the field."""

from decimal import Decimal

from django import forms
from django.db.models import Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise, ImpactTheme
from enterprises.search_field import EnterpriseSearchField
from impactportal import access
from impactportal.money import euro
from impactportal.text import in_page_order, short_date
from impactportal.ui.forms import PortalModelForm, PositiveAmountForm, required_when

from .. import services_instruments as services
from ..models import (
    MAX_IMPACT_FOCUS,
    FinancingNeed,
    ImpactFund,
    ImpactReport,
    IndicatorKind,
    Instrument,
    Investment,
    MixComponent,
    Repayment,
)
from ..models.instruments import KIND_STAYS


def need_enterprises(user):
    """Enterprises for which ``user`` may record a financing need: their own (entrepreneurs) and
    those of their municipality (brokers)."""
    own = access.owner_choices(user, FinancingNeed, path="enterprise")
    municipalities = access.owner_choices(user, FinancingNeed)
    return Enterprise.objects.filter(Q(pk__in=own.values("pk")) | Q(municipality__in=municipalities.values("pk")))


def investable_enterprises(user):
    """Enterprises a fund may invest in: the register as the user sees it."""
    return Enterprise.objects.for_user(user, "register") if access.may(user, "register", Enterprise) \
        else Enterprise.objects.none()


def need_enterprises_for(user):
    """``need_enterprises`` for the need form's search box (``enterprises.search_field``); None for roles
    that record no financing needs."""
    return need_enterprises(user) if access.has_role(user, access.BROKER, access.ENTREPRENEUR) else None


def investment_enterprises(user):
    """``investable_enterprises`` for the investment form's search box; None for who keeps no investments."""
    return investable_enterprises(user) if access.may(user, access.CHANGE, Investment) else None


class NeedForm(PositiveAmountForm):
    class Meta:
        model = FinancingNeed
        fields = ["enterprise", "purpose", "amount", "horizon_months", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A search box: a superuser's select listed every enterprise of the country.
        field = EnterpriseSearchField.install(self, "enterprise", purpose="need")
        if self.instance.pk:
            field.disabled = True  # a need stays with its enterprise
        else:
            only = list(field.candidates()[:2])
            if len(only) == 1:
                field.initial = only[0]


class ComponentForm(PositiveAmountForm):
    class Meta:
        model = MixComponent
        fields = ["instrument", "label", "amount", "status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = in_page_order(Instrument.objects.filter(is_active=True), "kind")
        self.fields["instrument"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("instrument") and not (cleaned.get("label") or "").strip() \
                and "instrument" not in self.errors:
            self.add_error("instrument", _("Kies een instrument of noem een andere bron."))
        return cleaned


def validate_focus(themes) -> None:
    if themes is not None and len(themes) > MAX_IMPACT_FOCUS:
        raise forms.ValidationError(
            _("Kies ten hoogste %(max)s impactthema's; u koos er %(count)s.")
            % {"max": MAX_IMPACT_FOCUS, "count": len(themes)})


class FundForm(PortalModelForm):
    money_fields = ("capital",)
    impact_focus = forms.ModelMultipleChoiceField(
        queryset=ImpactTheme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Impactfocus"), help_text=_("Ten hoogste drie impactthema's."))
    # As the investment form's ``confirm_over_capital``: shown only when a changed capital lies
    # below what the fund has already invested (a digit dropped: 300.000 for 3.000.000).
    confirm_below_invested = forms.BooleanField(
        label=_("Ik bevestig dat het fondsvermogen lager is dan wat er al is geïnvesteerd"), required=False)

    class Meta:
        model = ImpactFund
        fields = ["name", "organisation", "region", "impact_focus", "capital", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invested = None
        if not self.is_bound:
            del self.fields["confirm_below_invested"]  # only a capital typed can go below what is invested

    def clean_impact_focus(self):
        themes = self.cleaned_data.get("impact_focus")
        validate_focus(list(themes) if themes is not None else None)
        return themes

    def clean(self):
        cleaned = super().clean()
        capital = cleaned.get("capital")
        if self.instance.pk and capital is not None and "capital" not in self.errors:
            self.invested = self.instance.investments.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if self.invested is None or capital >= self.invested or capital == self.instance.capital:
            self.fields.pop("confirm_below_invested", None)  # nothing to confirm: the box is not shown
        elif not cleaned.get("confirm_below_invested"):
            self.add_error("confirm_below_invested", _(
                "Het fondsvermogen (%(capital)s) is lager dan wat het fonds al heeft geïnvesteerd: %(invested)s. "
                "Controleer het bedrag, en vink aan dat het klopt om door te gaan.")
                % {"capital": euro(capital), "invested": euro(self.invested)})
        return cleaned


class InvestmentForm(PositiveAmountForm):
    # Shown only when the amount goes beyond the fund's capital not yet invested: a typo of a
    # digit (3.000.000 for 300.000) was saved without a word.
    confirm_over_capital = forms.BooleanField(
        label=_("Ik bevestig dat deze investering boven het vrije fondsvermogen uitgaat"), required=False)

    class Meta:
        model = Investment
        fields = ["enterprise", "kind", "amount", "date", "terms"]
        widgets = {"date": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = EnterpriseSearchField.install(self, "enterprise", purpose="investment")  # the register: no select
        if self.instance.pk and (self.instance.repayments.exists() or self.instance.impact_reports.exists()):
            # Its repayments and the impact reported are that enterprise's figures (fund page, API,
            # the steering group's fund figures): a typo is corrected before they come in, not after.
            field.disabled = True
            field.help_text = _("Er zijn al aflossingen of impactrapportages vastgelegd: de investering blijft bij "
                                "deze onderneming.")
        if self.instance.pk and self.instance.repayments.exists():
            # A loan with repayments stays a loan (``Investment.clean``): not offered to change.
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = KIND_STAYS
        self.room = None
        if not self.is_bound:
            del self.fields["confirm_over_capital"]  # only an amount typed can go beyond the capital

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date is not None and date > timezone.localdate() and date != self.instance.date:
            # An investment has no planned status: it is recorded when the money went out.
            raise forms.ValidationError(_("De datum ligt in de toekomst; leg een investering vast als het geld "
                                          "is uitgezet."))
        return date

    def clean(self):
        cleaned = super().clean()
        amount, fund = cleaned.get("amount"), getattr(self.instance, "fund", None)
        if self.instance.pk:
            # A change may not leave repayments beyond the amount or before the date.
            repayments = self.instance.repayments.aggregate(total=Sum("amount"), first=Min("date"))
            if amount and repayments["total"] and amount < repayments["total"] and "amount" not in self.errors:
                self.add_error("amount", _("Het bedrag is lager dan wat er al is afgelost: %(repaid)s.")
                               % {"repaid": euro(repayments["total"])})
            date = cleaned.get("date")
            if date and repayments["first"] and date > repayments["first"] and "date" not in self.errors:
                self.add_error("date", _("De datum ligt na de eerste aflossing (%(date)s).")
                               % {"date": short_date(repayments["first"])})
        if amount and fund is not None and "amount" not in self.errors:
            self.room = services.fund_room(fund, exclude=self.instance)
        if self.room is None or not amount or amount <= self.room:
            self.fields.pop("confirm_over_capital", None)  # nothing to confirm: the box is not shown
        elif not cleaned.get("confirm_over_capital"):
            self.add_error("confirm_over_capital", _(
                "Dit bedrag is hoger dan het vrije fondsvermogen: %(room)s van %(capital)s. Controleer het "
                "bedrag, en vink aan dat de investering daarboven uitgaat om door te gaan.")
                % {"room": euro(max(self.room, Decimal("0"))), "capital": euro(fund.capital)})
        return cleaned


class RepaymentForm(PortalModelForm):
    """Principal, interest or both: either may be left empty (read as € 0), one of them is needed
    (``Repayment.clean``, asked here first with the other errors)."""

    money_fields = ("amount", "interest")

    class Meta:
        model = Repayment
        fields = ["date", "amount", "interest"]
        widgets = {"date": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("amount", "interest"):
            required_when(self.fields[name], _("verplicht: aflossing, rente of beide"))
            self.fields[name].required = False

    def clean_amount(self):
        return self.cleaned_data.get("amount") or Decimal("0")

    def clean_interest(self):
        return self.cleaned_data.get("interest") or Decimal("0")

    def clean(self):
        cleaned = super().clean()
        # Only when both were accepted (empty or zero): another field's error does not hide this one.
        if not cleaned.get("amount") and not cleaned.get("interest") and not {"amount", "interest"} & set(self.errors):
            self.add_error("amount", _("Vul een aflossing of een bedrag aan rente in."))
        investment = getattr(self.instance, "investment", None)
        if investment is not None:
            # The service asks again on the locked investment; here it shows with the other errors.
            problems = services.repayment_errors(investment, cleaned.get("date"), cleaned.get("amount"),
                                                 exclude=self.instance if self.instance.pk else None)
            for name, message in problems.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned


class ImpactReportForm(PortalModelForm):
    class Meta:
        model = ImpactReport
        fields = ["indicator", "unit", "indicator_kind", "value", "period_start", "period_end", "source_status"]
        widgets = {"period_start": forms.DateInput(), "period_end": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_kind"].required = False  # not sent: a flow, as before the choice existed

    def clean_indicator_kind(self):
        return self.cleaned_data.get("indicator_kind") or IndicatorKind.FLOW

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Het einde van de periode ligt voor het begin."))
        return cleaned

"""Forms of the financing mix and of impact funds. Each form explains its errors next to the field."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise, ImpactTheme
from impactportal import access
from impactportal.ui.forms import PortalModelForm

from ..models import (
    MAX_IMPACT_FOCUS,
    FinancingNeed,
    ImpactFund,
    ImpactReport,
    Instrument,
    Investment,
    MixComponent,
    Repayment,
)


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


class PositiveAmountForm(PortalModelForm):
    """A form whose ``amount`` must be more than zero."""

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Vul een bedrag groter dan nul in."))
        return amount


class NeedForm(PositiveAmountForm):
    class Meta:
        model = FinancingNeed
        fields = ["enterprise", "purpose", "amount", "horizon_months", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["enterprise"]
        field.queryset = need_enterprises(self.user).order_by("name") if self.user is not None else field.queryset
        if self.instance.pk:
            field.disabled = True  # a need stays with its enterprise
        elif field.queryset.count() == 1:
            field.initial = field.queryset.first()


class ComponentForm(PositiveAmountForm):
    class Meta:
        model = MixComponent
        fields = ["instrument", "label", "amount", "status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.filter(is_active=True).order_by("kind", "name")
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
    impact_focus = forms.ModelMultipleChoiceField(
        queryset=ImpactTheme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Impactfocus"), help_text=_("Ten hoogste drie impactthema's."))

    class Meta:
        model = ImpactFund
        fields = ["name", "organisation", "region", "impact_focus", "capital", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_impact_focus(self):
        themes = self.cleaned_data.get("impact_focus")
        validate_focus(list(themes) if themes is not None else None)
        return themes


class InvestmentForm(PositiveAmountForm):
    class Meta:
        model = Investment
        fields = ["enterprise", "kind", "amount", "date", "terms"]
        widgets = {"date": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["enterprise"].queryset = investable_enterprises(self.user).order_by("name")


class RepaymentForm(PortalModelForm):
    class Meta:
        model = Repayment
        fields = ["date", "amount", "interest"]
        widgets = {"date": forms.DateInput()}

    def clean(self):
        cleaned = super().clean()
        # Only when both were accepted (empty or zero): another field's error does not hide this one.
        if not cleaned.get("amount") and not cleaned.get("interest") and not {"amount", "interest"} & set(self.errors):
            self.add_error("amount", _("Vul een aflossing of een bedrag aan rente in."))
        return cleaned


class ImpactReportForm(PortalModelForm):
    class Meta:
        model = ImpactReport
        fields = ["indicator", "unit", "value", "period_start", "period_end", "source_status"]
        widgets = {"period_start": forms.DateInput(), "period_end": forms.DateInput()}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Het einde van de periode ligt voor het begin."))
        return cleaned

"""Forms of the MKBA calculator: the analysis, its indicators (an inline formset whose rows are
checked by the same rules as the API: ``financing.mkba.parse_indicator``), the theory of change and
the assumptions."""

from decimal import Decimal

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from enterprises.search_field import EnterpriseSearchField
from impactportal import access
from impactportal.ui.forms import LocalizedDecimalField, PortalForm, PortalModelForm
from procurement.models import Contract

from .. import mkba, services_mkba
from ..models import Assumption, ChangeStep, MkbaAnalysis, MkbaIndicator, OutcomeContract


def analysis_enterprises(user):
    """The enterprises an analysis is attached to (``enterprises.search_field``), for those who keep analyses."""
    return services_mkba.linkable_enterprises(user) if access.may(user, access.CHANGE, MkbaAnalysis) else None


class FractionField(forms.DecimalField):
    """A share between 0 and ``high`` (0,25 for 25%, as the page says). One message that says what
    to type, instead of Django's "niet meer dan 1 cijfer voor de komma" when 60 is typed for 60%;
    a typed percentage gets its fraction as the example."""

    high = Decimal(1)
    message = _("Vul een fractie tussen 0 en 1 in (bijvoorbeeld 0,25 voor 25%).")
    percentage_message = _("Vul een fractie tussen 0 en 1 in: %(fraction)s voor %(percent)s%%.")

    def to_python(self, value):
        # "25%" is how people write a share; read it as 0,25 instead of answering "Voer een getal in."
        if isinstance(value, str) and value.strip().endswith("%"):
            number = super().to_python(value.strip()[:-1].strip())
            return None if number is None else number / 100
        return super().to_python(value)

    def run_validators(self, value):
        if value is not None and value.is_finite() and not 0 <= value <= self.high:
            fraction = value / 100
            if value > 1 and fraction <= self.high and -fraction.normalize().as_tuple().exponent <= self.decimal_places:
                raise forms.ValidationError(str(self.percentage_message) % {
                    "fraction": mkba.decimal_text(fraction), "percent": mkba.decimal_text(value)}, code="fraction")
            raise forms.ValidationError(self.message, code="fraction")
        super().run_validators(value)


class DiscountRateField(FractionField):
    high = mkba.MAX_DISCOUNT_RATE
    message = _("Vul een disconteringsvoet tussen 0 en 0,5 in (bijvoorbeeld 0,0225).")
    percentage_message = _("Vul een disconteringsvoet tussen 0 en 0,5 in: %(fraction)s voor %(percent)s%%.")


class AnalysisForm(PortalModelForm):
    money_fields = ("costs",)

    class Meta:
        model = MkbaAnalysis
        fields = ["organisation", "title", "kind", "enterprise", "sroi_contract", "outcome_contract", "summary",
                  "costs", "discount_rate", "is_shared"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        localized_fields = ["costs", "discount_rate"]
        field_classes = {"costs": LocalizedDecimalField, "discount_rate": DiscountRateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            # A search box (60,000 admitted enterprises nationwide); the stored one stays choosable.
            queryset = None  # the purpose's: none for who may not keep analyses
            if analysis_enterprises(self.user) is not None:
                queryset = services_mkba.linkable_enterprises(self.user, current=self.instance.enterprise_id)
            EnterpriseSearchField.install(self, "enterprise", purpose="mkba", queryset=queryset)
            self.fields["sroi_contract"].queryset = Contract.objects.for_user(self.user).order_by("title")
            self.fields["outcome_contract"].queryset = OutcomeContract.objects.for_user(self.user).order_by("title")


class FiguresForm(PortalForm):
    """The fields of the analysis that the live calculation reads (same names as AnalysisForm)."""

    kind = forms.ChoiceField(choices=mkba.KINDS, required=False)
    costs = LocalizedDecimalField(min_value=0, max_digits=14, decimal_places=2, required=False, localize=True,
                        label=_("Kosten (investering)"))
    discount_rate = DiscountRateField(max_digits=5, decimal_places=4, required=False, localize=True,
                                      label=_("Disconteringsvoet"))


class IndicatorForm(PortalModelForm):
    class Meta:
        model = MkbaIndicator
        fields = ["name", "beneficiary", "count", "value_per_case", *mkba.FRACTIONS]
        localized_fields = ["count", "value_per_case", *mkba.FRACTIONS]
        field_classes = {"count": LocalizedDecimalField, "value_per_case": LocalizedDecimalField,
                         **dict.fromkeys(mkba.FRACTIONS, FractionField)}

    def clean(self):
        """The calculator's own checks (corrections at most 100 %, timing exactly 100 %) together
        with the fields' errors, in one round; a sum is only checked when each of its parts was
        accepted, and a field in error keeps its own message."""
        data = super().clean()
        values = {name: data.get(name) for name in self.Meta.fields}
        _indicator, errors = mkba.parse_indicator({k: (v if v is not None else "") for k, v in values.items()})
        refused = set(self.errors)
        sums = {"substitution": set(mkba.CORRECTIONS), "long_term": set(mkba.TIMING)}
        for field, messages in errors.items():
            if field in refused or refused & sums.get(field, set()):
                continue
            self.add_error(field if field in self.fields else None, messages)
        return data


class IndicatorFormSetBase(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not kept:
            raise forms.ValidationError(_("Geef ten minste één indicator."))
        if len(kept) > mkba.MAX_INDICATORS:
            raise forms.ValidationError(_("Ten hoogste %(max)s indicatoren.") % {"max": mkba.MAX_INDICATORS})


IndicatorFormSet = inlineformset_factory(MkbaAnalysis, MkbaIndicator, form=IndicatorForm,
                                         formset=IndicatorFormSetBase, extra=3, can_delete=True,
                                         max_num=mkba.MAX_INDICATORS, validate_max=True)


class ChangeStepForm(PortalModelForm):
    class Meta:
        model = ChangeStep
        fields = ["activity", "change", "indicator"]


ChangeStepFormSet = inlineformset_factory(MkbaAnalysis, ChangeStep, form=ChangeStepForm, extra=2, can_delete=True,
                                          max_num=30, validate_max=True)


class AssumptionForm(PortalModelForm):
    class Meta:
        model = Assumption
        fields = ["text", "source", "status", "visibility"]


AssumptionFormSet = inlineformset_factory(MkbaAnalysis, Assumption, form=AssumptionForm, extra=2, can_delete=True,
                                          max_num=30, validate_max=True)

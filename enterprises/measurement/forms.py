from decimal import Decimal

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from impactportal.ui.forms import PortalModelForm
from impactportal.ui.widgets import PrivateFileInput

from .models import ImpactIndicator, ImpactMeasurement

DATE = forms.DateInput
MONEY_UNITS = {"€", "eur", "euro", "euro's", "euros"}


def is_money_unit(unit):
    """Whether an indicator's unit is money ("euro", "€", "x 1.000 euro"), whose value keeps two decimals."""
    words = (unit or "").strip().lower()
    return "€" in words or any(word in MONEY_UNITS for word in words.replace(".", " ").split())


class ImpactMeasurementForm(PortalModelForm):
    class Meta:
        model = ImpactMeasurement
        fields = ["method", "method_name", "notes", "report", "report_date", "period_start", "period_end",
                  "show_in_showcase"]
        widgets = {"report_date": DATE, "period_start": DATE, "period_end": DATE,
                   "notes": forms.Textarea(attrs={"rows": 3}),
                   # the current report through the access-checked download, not /media/ (a 404)
                   "report": PrivateFileInput("enterprises:impact-report", filename="report_filename")}


class ImpactIndicatorForm(PortalModelForm):
    class Meta:
        model = ImpactIndicator
        fields = ["name", "value", "unit", "period_start", "period_end", "source"]
        widgets = {"period_start": DATE, "period_end": DATE}
        labels = {"value": _("Waarde (eigen opgave)")}
        localized_fields = ["value"]  # "1450,5" as Dutch users type it (a point works too)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The value is stored with two decimals, so a head count came back as "9,00" / "9.00":
        # shown as typed ("9", "22,4") unless it is an amount of money, which keeps its cents.
        value = self.initial.get("value")
        if isinstance(value, Decimal) and not is_money_unit(self.initial.get("unit")):
            self.initial["value"] = value.quantize(Decimal(1)) if value == value.to_integral_value() \
                else value.normalize()


ImpactIndicatorFormSet = inlineformset_factory(
    ImpactMeasurement, ImpactIndicator, form=ImpactIndicatorForm, extra=2, can_delete=True, max_num=10,
    validate_max=True)

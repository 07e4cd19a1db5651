from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from impactportal.ui.forms import PortalModelForm

from .models import ImpactIndicator, ImpactMeasurement

DATE = forms.DateInput


class ImpactMeasurementForm(PortalModelForm):
    class Meta:
        model = ImpactMeasurement
        fields = ["method", "method_name", "notes", "report", "report_date", "period_start", "period_end",
                  "show_in_showcase"]
        widgets = {"report_date": DATE, "period_start": DATE, "period_end": DATE,
                   "notes": forms.Textarea(attrs={"rows": 3})}


class ImpactIndicatorForm(PortalModelForm):
    class Meta:
        model = ImpactIndicator
        fields = ["name", "value", "unit", "period_start", "period_end", "source"]
        widgets = {"period_start": DATE, "period_end": DATE}
        labels = {"value": _("Waarde (eigen opgave)")}
        localized_fields = ["value"]  # "1450,5" as Dutch users type it (a point works too)


ImpactIndicatorFormSet = inlineformset_factory(
    ImpactMeasurement, ImpactIndicator, form=ImpactIndicatorForm, extra=2, can_delete=True, max_num=10,
    validate_max=True)

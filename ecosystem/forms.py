from django import forms

from impactportal.ui.forms import PortalModelForm

from .models import RegionalAgreement


class RegionalAgreementForm(PortalModelForm):
    class Meta:
        model = RegionalAgreement
        fields = ["region", "title", "theme", "description", "start_date"]
        widgets = {"start_date": forms.DateInput}

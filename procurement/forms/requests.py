from django import forms
from django.utils.translation import gettext_lazy as _

from impactportal.ui.forms import PortalForm, PortalModelForm

from ..models import PurchaseRequest, PurchaseResponse
from ..services_requests import represented_enterprises


class PurchaseRequestForm(PortalModelForm):
    money_fields = ("budget_indication",)

    class Meta:
        model = PurchaseRequest
        fields = ["organisation", "title", "description", "category", "budget_indication", "deadline", "procedure",
                  "is_reserved"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "deadline": forms.DateInput()}

    # A deadline in the past (new, or changed on an edit) is refused by ``PurchaseRequest.clean``,
    # which the form runs with the fields' own checks: every error shows at once.


class ResponseForm(PortalModelForm):
    """A quote for one of the user's enterprises (the choice shows only when there are several)."""

    money_fields = ("quote_amount",)

    enterprise = forms.ModelChoiceField(queryset=None, label=_("Namens onderneming"))

    class Meta:
        model = PurchaseResponse
        fields = ["quote_amount", "message", "attachment"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, enterprises=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["enterprise"]
        if self.instance.pk:
            del self.fields["enterprise"]
            return
        field.queryset = enterprises if enterprises is not None else represented_enterprises(self.user)
        if field.queryset.count() == 1:
            field.initial = field.queryset.first()
        self.order_fields(["enterprise"])


class CloseRequestForm(PortalForm):
    decision = forms.ChoiceField(label=_("Besluit"), widget=forms.RadioSelect, choices=[
        ("close", _("Sluiten: geen nieuwe reacties meer, de reacties beoordelen")),
        ("withdraw", _("Intrekken: de inkoop gaat niet door")),
    ])


class ShortlistForm(PortalForm):
    shortlisted = forms.TypedChoiceField(coerce=lambda v: v == "true", choices=[("true", ""), ("false", "")],
                                         widget=forms.HiddenInput, initial="true")

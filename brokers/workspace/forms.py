from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from impactportal import access
from impactportal.ui.forms import PortalModelForm, style_widgets

from ..constants import TeamQuality
from ..models import (
    Action,
    ActionLine,
    ActionLink,
    ActionProgramme,
    BrokerTeam,
    BudgetLine,
    Spending,
    TeamMember,
    TeamPartner,
)
from ..models.links import available_link_choices, link_from_address, linkable_model
from . import services


def _changeable(form, field, model):
    if form.user is not None and field in form.fields:
        form.fields[field].queryset = access.scope(form.user, model, access.CHANGE)


class TeamMemberForm(PortalModelForm):
    qualities = forms.MultipleChoiceField(label=_("Kwaliteiten"), choices=TeamQuality.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = TeamMember
        fields = ["team", "user", "name", "role", "department", "qualities"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _changeable(self, "team", BrokerTeam)
        if self.user is not None:
            from django.contrib.auth import get_user_model

            # Portal users of the organisations whose teams the user changes (not everyone's names).
            orgs = access.owner_choices(self.user, TeamMember).values("pk")
            self.fields["user"].queryset = get_user_model().objects.filter(
                memberships__organisation__in=orgs).distinct().order_by("first_name", "username")


class TeamPartnerForm(PortalModelForm):
    class Meta:
        model = TeamPartner
        fields = ["team", "party", "relation", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _changeable(self, "team", BrokerTeam)


class LinkFormMixin:
    """The linked object as the address of its page, which a broker copies from the browser (the
    kind and internal number it is stored as are read from the address)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = ", ".join(str(name) for _key, name in available_link_choices())
        model = linkable_model(self.instance.link_model) if self.instance.link_id else None
        self.fields["link_model"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.fields["link_id"] = forms.CharField(
            label=_("Gekoppeld object"), required=False, max_length=500,
            initial=model(pk=self.instance.link_id).get_absolute_url() if model else "",
            help_text=gettext("Open de pagina van het object (%(kinds)s), kopieer het adres uit de adresbalk van "
                              "de browser en plak het hier.") % {"kinds": self.kinds})
        style_widgets(self)

    def clean_link_id(self):
        self.cleaned_data["link_model"] = ""
        address = self.cleaned_data["link_id"].strip()
        if not address:
            return None
        found = link_from_address(address)
        if found is None:
            raise forms.ValidationError(gettext("Dit is niet het adres van de pagina van een object waaraan u kunt "
                                                "koppelen (%(kinds)s).") % {"kinds": self.kinds})
        label, pk = found
        if self.user is not None and not access.scope(self.user, linkable_model(label)).filter(pk=pk).exists():
            raise forms.ValidationError(_("Dit object bestaat niet."))
        self.cleaned_data["link_model"] = label
        return pk


class SpendingForm(LinkFormMixin, PortalModelForm):
    class Meta:
        model = Spending
        fields = ["organisation", "budget_line", "paying_programme", "kind", "date", "description", "amount",
                  "link_model", "link_id", "overspend_decision"]
        widgets = {"date": forms.DateInput(), "overspend_decision": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["budget_line"].queryset = access.scope(self.user, BudgetLine, access.CHANGE) \
                .select_related("organisation")

    def clean(self):
        """The service's checks against the budget line as well, so every error shows at once."""
        data = super().clean()
        line = data.get("budget_line")
        if line is not None and self.user is not None:
            spending = Spending(organisation=data.get("organisation"), date=data.get("date"),
                                amount=data.get("amount"), overspend_decision=data.get("overspend_decision") or "")
            for field, message in services.spending_problems(spending, line, self.user).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
        return data


class ActionProgrammeForm(PortalModelForm):
    class Meta:
        model = ActionProgramme
        fields = ["organisation", "title", "first_year", "last_year", "adopted_on", "decision_reference",
                  "yearly_budget", "vision", "stakeholders", "short_term_goals"]
        widgets = {"adopted_on": forms.DateInput()}


class ActionLineForm(PortalModelForm):
    class Meta:
        model = ActionLine
        fields = ["programme", "number", "title", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _changeable(self, "programme", ActionProgramme)


class ActionForm(PortalModelForm):
    class Meta:
        model = Action
        fields = ["line", "title", "description", "owner", "owner_name", "due_date", "status", "module_number"]
        widgets = {"due_date": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _changeable(self, "line", ActionLine)
        if self.user is not None:
            from django.contrib.auth import get_user_model

            orgs = access.owner_choices(self.user, Action).values("pk")
            self.fields["owner"].queryset = get_user_model().objects.filter(
                memberships__organisation__in=orgs).distinct().order_by("first_name", "username")


class ActionLinkForm(LinkFormMixin, PortalModelForm):
    class Meta:
        model = ActionLink
        fields = ["action", "link_model", "link_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _changeable(self, "action", Action)

from django import forms
from django.utils.translation import gettext_lazy as _

from impactportal import access
from impactportal.ui.forms import PortalModelForm

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
from ..models.links import available_link_choices


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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link_model"] = forms.ChoiceField(
            label=_("Gekoppeld object (soort)"), required=False,
            choices=[("", "—"), *available_link_choices()], initial=self.instance.link_model)


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

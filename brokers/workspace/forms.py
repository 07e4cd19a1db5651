from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from impactportal import access
from impactportal.ui.forms import PortalModelForm, PositiveAmountForm, style_widgets

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
    people,
)
from ..models.links import available_link_choices, find_linkable, link_label, linkable_model
from . import services
from .modules import module_choices


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
            # Portal users of the organisations whose teams the user changes (not everyone's names), who
            # can open the team (``TeamMember.clean``): no network partner's staff, no pending invitation.
            orgs = access.owner_choices(self.user, TeamMember).values_list("pk", flat=True)
            self.fields["user"].queryset = people.people_who_see(TeamMember, orgs)


class TeamPartnerForm(PortalModelForm):
    class Meta:
        model = TeamPartner
        fields = ["team", "party", "relation", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _changeable(self, "team", BrokerTeam)


class LinkFormMixin:
    """The linked object chosen by its kind and its name: the broker picks the kind, types part of
    the name and chooses one of the objects found (``LinkSearch`` fills the list as they type;
    without JavaScript, submitting the form shows the list). Only objects the user may see are
    found or accepted."""

    link_required = False  # an action link is nothing without its object; a spending may have none

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required with the link, so their labels do not say "(optioneel)"; ``clean`` reports the
        # first step left undone, once, not the kind, the name and the object each.
        required = self.link_required
        self.fields["link_model"] = forms.ChoiceField(
            label=_("Soort gekoppeld object"), required=required,
            # Capitalised as an option, like every other list ("onderneming" stood beside "SROI-contract").
            choices=[("", "—"), *((label, capfirst(name)) for label, name in available_link_choices())],
            error_messages={"required": _("Kies de soort object, zoek het op naam en kies het in de lijst.")})
        self.fields["link_search"] = forms.CharField(
            label=_("Zoek het object op naam"), required=required, max_length=200,
            help_text=_("Typ een deel van de naam en kies het object in de lijst eronder."),
            error_messages={"required": _("Typ een deel van de naam en kies het object in de lijst.")})
        self.fields["link_id"] = forms.IntegerField(
            label=_("Gekoppeld object"), required=self.link_required, widget=LinkResults, error_messages={
                "required": _("Kies de soort object, zoek het op naam en kies het in de lijst.")})
        self.order_fields([name for name in self.fields if name not in LINK_FIELDS] + list(LINK_FIELDS))
        search = {"hx-get": reverse("brokers:link-search"), "hx-target": f"#{LinkResults.container}",
                  "hx-include": "[name=link_model],[name=link_search],[name=link_id]"}
        if required:  # the results then offer no "Geen koppeling" (``LinkSearch``), as the form does not
            search["hx-vals"] = '{"link_required": "1"}'
        self.fields["link_model"].widget.attrs.update(search, **{"hx-trigger": "change"})
        self.fields["link_search"].widget.attrs.update(
            search, type="search", autocomplete="off", **{"hx-trigger": "input changed delay:300ms, search"})
        current = self.instance.linked_object(self.user) if self.instance.link_id else None
        self.fields["link_id"].widget.choices = link_options([current] if current else [], self.link_required)
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if self.user is None:
            return data
        label, pk, text = data.get("link_model") or "", data.get("link_id"), (data.get("link_search") or "").strip()
        model = linkable_model(label)
        if pk is not None:
            self.errors.pop("link_search", None)  # the search only finds the object: chosen, it is done
        else:  # one error, at the first step left undone (the kind, the name, the object)
            for name in [name for name in LINK_FIELDS if name in self.errors][1:]:
                self.errors.pop(name)
        if pk is None:
            if label and text:  # typed a name, did not choose (or no JavaScript): show what was found
                found = find_linkable(self.user, label, text)[:LINK_RESULTS]
                self.fields["link_id"].widget.choices = link_options(found, self.link_required)
                self.errors.pop("link_id", None)  # this says more than "required"
                self.add_error("link_id", _("Kies het object in de lijst.") if found else
                               _("Geen %(kind)s gevonden met „%(text)s” in de naam.") % {
                                   "kind": model._meta.verbose_name, "text": text})
            data["link_model"] = ""
            return data
        chosen = access.scope(self.user, model).filter(pk=pk).first() if model is not None else None
        if model is None:
            if "link_model" not in self.errors:
                self.add_error("link_model", _("Kies de soort object."))
        elif chosen is None:
            self.add_error("link_id", _("Dit object bestaat niet."))
        else:  # shown chosen again when another field is in error
            self.fields["link_id"].widget.choices = link_options([chosen], self.link_required)
        return data

    def _update_errors(self, errors):
        """The model's errors on the link, left out when the form already said what is wrong with it:
        an object out of sight ("Dit object bestaat niet.") is not given to the model, whose rule on
        the pair then added "Geef zowel de soort als het nummer …" beside it."""
        if hasattr(errors, "error_dict") and any(name in self._errors for name in LINK_FIELDS):
            errors = ValidationError({field: messages for field, messages in errors.error_dict.items()
                                      if field not in LINK_FIELDS})
        super()._update_errors(errors)


LINK_FIELDS = ("link_model", "link_search", "link_id")
LINK_RESULTS = 20  # found objects listed; more asks for more of the name


class LinkResults(forms.RadioSelect):
    """The link picker's choices inside a live region that stays on the page while the search
    replaces its content, so a screen reader announces what was found."""

    container = "link-results"

    def render(self, name, value, attrs=None, renderer=None):
        options = super().render(name, value, attrs, renderer)
        return format_html('<div id="{}" class="portal-link-results" aria-live="polite">{}</div>',
                           self.container, options)


def link_options(objects, required=False):
    """The link picker's radio buttons: one of ``objects``, or (when a link may be left out) none."""
    return [*([] if required else [("", _("Geen koppeling"))]), *((obj.pk, link_label(obj)) for obj in objects)]


class SpendingForm(LinkFormMixin, PositiveAmountForm):  # €0,00 was accepted as a spending
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
            spending = Spending(pk=self.instance.pk, organisation=data.get("organisation"), date=data.get("date"),
                                amount=data.get("amount"), overspend_decision=data.get("overspend_decision") or "")
            for field, message in services.spending_problems(spending, line, self.user).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
        return data


class ActionProgrammeForm(PortalModelForm):
    money_fields = ("yearly_budget",)  # the label says "(€)" already; named so it stays so

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


def line_label(line) -> str:
    """An action line as the action form offers it: "Vervolg Actieprogramma (2025–2028) · 1. Netwerk"
    (the years left out when the programme's title has them)."""
    return f"{line.programme.name_with_years} · {line}"


class ActionForm(PortalModelForm):
    class Meta:
        model = Action
        fields = ["line", "title", "description", "owner", "owner_name", "due_date", "status", "module_number"]
        widgets = {"due_date": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _changeable(self, "line", ActionLine)
        # Lines of every programme the user may change, each named with its programme ("1. Lijn 1"
        # stood beside the "1. Dienstverlening" of another programme).
        self.fields["line"].queryset = self.fields["line"].queryset.select_related("programme")
        self.fields["line"].label_from_instance = line_label
        if self.instance.pk is None and self.user is not None:
            # No line to choose (no programme, or one without lines): the drop-down was empty with
            # nothing saying why. Say what to make first, with a link to it.
            step = services.first_step_for_actions(self.user)
            if step is not None:
                self.fields["line"].help_text = format_html('{} <a class="utrecht-link" href="{}">{}</a>',
                                                            step["text"], step["url"], step["link"])
        # "3. Welke impactondernemers …" in the page's language, not a bare "3".
        module = self.fields["module_number"]
        module.choices = [module.choices[0], *module_choices()]
        if self.user is not None:
            # Who can open the action (``Action.clean_owner``): brokers and colleagues, not a network
            # partner's staff (the action was a 404 for them); accepted, not a pending invitation.
            orgs = access.owner_choices(self.user, Action).values_list("pk", flat=True)
            self.fields["owner"].queryset = people.people_who_see(Action, orgs)


class ActionLinkForm(LinkFormMixin, PortalModelForm):
    link_required = True
    class Meta:
        model = ActionLink
        fields = ["action", "link_model", "link_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _changeable(self, "action", Action)

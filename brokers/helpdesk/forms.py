"""Forms of the helpdesk: sign-up, linking, questions, replies and the case actions."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from brokers.constants import REFERRAL_INSTRUMENT_KIND, CaseCategory, CaseStatus, ExternalReferralKind
from brokers.models import Case, HelpdeskSettings, KnowledgeInstrument
from enterprises.forms import KvkNumberField
from enterprises.models import Enterprise
from impactportal import access
from impactportal.accounts.constants import Department, OrganisationKind, Role
from impactportal.accounts.models import users_with_role
from impactportal.text import LONG_TEXT_MAX, TEXT_MAX, in_page_order
from impactportal.ui.cache import cached
from impactportal.ui.forms import PortalForm, PortalModelForm
from impactportal.uploads import UploadValidator

from .recipients import organisations_with_desk


class SignupForm(PortalForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), help_text=_("U ontvangt een link om uw e-mailadres te bevestigen."))
    password1 = forms.CharField(label=_("Wachtwoord"), widget=forms.PasswordInput(render_value=False),
                                help_text=_("Minstens 10 tekens; geen veelgebruikt wachtwoord."))
    password2 = forms.CharField(label=_("Herhaal het wachtwoord"), widget=forms.PasswordInput(render_value=False))
    kvk_number = KvkNumberField(label=_("KvK-nummer van uw onderneming"), required=False,
                                help_text=_("Dan koppelen we uw account aan uw onderneming."))

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De wachtwoorden zijn niet gelijk."))
        elif p1:
            user = get_user_model()(username=data.get("email", ""), email=data.get("email", ""),
                                    first_name=data.get("first_name", ""), last_name=data.get("last_name", ""))
            try:
                validate_password(p1, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class SignupVerifyForm(PortalForm):
    password = forms.CharField(label=_("Wachtwoord"), widget=forms.PasswordInput(render_value=False),
                               help_text=_("Het wachtwoord dat u bij het aanmelden koos."))


class LinkEnterpriseForm(PortalForm):
    kvk_number = KvkNumberField(label=_("KvK-nummer"))


def desk_municipalities():
    """The active municipalities a question can be put to: those with a helpdesk (``recipients``)."""
    return organisations_with_desk().filter(kind=OrganisationKind.GEMEENTE, is_active=True).order_by("name")


class CaseForm(PortalForm):
    """A new question. The municipality is derived from the enterprise unless chosen."""

    category = forms.ChoiceField(label=_("Waar gaat uw vraag over?"), choices=[("", "—"), *CaseCategory.choices])
    enterprise = forms.ModelChoiceField(label=_("Onderneming"), queryset=Enterprise.objects.none(), required=False,
                                        empty_label=_("— geen / niet van toepassing —"))
    # Only municipalities whose helpdesk somebody runs: a question to any other reached nobody.
    organisation = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=desk_municipalities(),
        required=False, help_text=_("Leeg laten: de gemeente waar uw onderneming staat ingeschreven. "
                                    "U ziet alleen gemeenten met een helpdesk in het Impactportaal."))
    subject = forms.CharField(label=_("Korte omschrijving"), max_length=200)
    description = forms.CharField(label=_("Uw vraag"), widget=forms.Textarea(attrs={"rows": 6}),
                                  max_length=LONG_TEXT_MAX)
    attachment = forms.FileField(label=_("Bijlage"), required=False, validators=[UploadValidator()],
                                 help_text=_("PDF, PNG of JPG, hoogstens 5 MB."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.for_user(user, "represent")
        if self.fields["enterprise"].queryset.count() == 1:
            self.fields["enterprise"].initial = self.fields["enterprise"].queryset.first()
        # The suggestions follow every choice they depend on: the category comes first in the form,
        # so choosing the municipality or the enterprise afterwards must rank them anew.
        for name in ("category", "enterprise", "organisation"):
            self.fields[name].widget.attrs.update({
                "hx-get": reverse_lazy("helpdesk:suggestions"), "hx-target": "#suggestions",
                # By id: the suggestions hold hidden "category" and "organisation" inputs of their own
                # ("Dit helpt me"), which by name went along too, after the choice; the last one
                # counted, so the list stayed that of the first subject chosen.
                "hx-trigger": "change", "hx-include": "#id_category, #id_organisation, #id_enterprise",
            })

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("enterprise") and "organisation" not in self.errors:
            self.add_error("organisation", _("Kies de gemeente waaraan u de vraag stelt."))
        return data


class AttachmentField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Bijlage"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("validators", [UploadValidator()])
        super().__init__(**kwargs)


class RequesterReplyForm(PortalForm):
    body = forms.CharField(label=_("Uw reactie"), widget=forms.Textarea(attrs={"rows": 4}), max_length=LONG_TEXT_MAX)
    attachment = AttachmentField()


class StaffReplyForm(PortalForm):
    body = forms.CharField(label=_("Bericht"), widget=forms.Textarea(attrs={"rows": 4}), max_length=LONG_TEXT_MAX)
    is_internal = forms.BooleanField(label=_("Interne notitie (niet zichtbaar voor de ondernemer)"), required=False)
    wait_for_entrepreneur = forms.BooleanField(
        label=_("Wacht op antwoord van de ondernemer (servicenorm staat stil)"), required=False)
    attachment = AttachmentField()


def _assignees_of(organisations):
    return users_with_role((Role.BROKER, Role.PARTNER), organisation=list(organisations))


def _as_choices(people) -> list[tuple[str, str]]:
    return [(str(person.pk), str(person)) for person in people]


class AssignForm(PortalForm):
    assignee = forms.ModelChoiceField(label=_("Behandelaar"), queryset=get_user_model().objects.none(), required=False,
                                      empty_label=_("— niemand —"))

    def __init__(self, *args, organisations=None, assignees=None, **kwargs):
        """The municipality's brokers and the network partner's staff who run its desk: read now
        from ``organisations`` (a posted form), or ``assignees`` as ``organisation_assignees``
        gives them (the case page, which only shows the choice)."""
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        if organisations is not None:
            field.queryset = _assignees_of(organisations)
        else:
            field.choices = [("", field.empty_label), *assignees]


UNASSIGN = "none"


def assignee_choices(user) -> list[tuple[str, str]]:
    """``(pk, name)`` of the brokers and partners to whom ``user`` may assign cases: the inbox's
    drop-down on every visit, from the cache until a user, membership or organisation changes
    (``BrokersConfig.ready``). Assigning reads them anew (``organisations=``)."""
    def read():
        organisations = access.owner_choices(user, Case, "assign")
        return _as_choices(_assignees_of(organisations))

    return cached("assignees", str(user.pk), read)


def organisation_assignees(organisation_id) -> list[tuple[str, str]]:
    """``(pk, name)`` of the brokers and partners of one organisation, from the cache like
    ``assignee_choices``: the assignment drop-down on every case page."""
    return cached("assignees", f"organisation:{organisation_id}",
                  lambda: _as_choices(_assignees_of([organisation_id])))


class BulkAssignForm(PortalForm):
    """Assign the selected cases. Nobody is preselected: pressing the button unchanged must not
    unassign anything, so lifting an assignment is an explicit choice of its own."""

    assignee = forms.ChoiceField(label=_("Behandelaar"))
    cases = forms.ModelMultipleChoiceField(label=_("Vragen"), queryset=Case.objects.none(),
                                           widget=forms.CheckboxSelectMultiple(attrs={"class": "portal-choices"}))

    def __init__(self, *args, organisations=None, assignees=None, cases=None, **kwargs):
        """``organisations``: whose brokers and partners may be chosen (read now; a posted form);
        or ``assignees``, those people as ``assignee_choices`` gives them (the inbox's drop-down)."""
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.brokers = _assignees_of(organisations)
            assignees = _as_choices(self.brokers)
        self.fields["assignee"].choices = [
            ("", _("— kies een behandelaar —")),
            (UNASSIGN, _("Niemand (toewijzing opheffen)")),
            *assignees,
        ]
        if cases is not None:
            self.fields["cases"].queryset = cases
        else:
            del self.fields["cases"]  # the inbox renders the choice only; rows carry the checkboxes

    def clean_assignee(self):
        value = self.cleaned_data["assignee"]
        return None if value == UNASSIGN else self.brokers.get(pk=value)


class ReferForm(PortalForm):
    department = forms.ChoiceField(label=_("Afdeling"), choices=Department.choices)
    note = forms.CharField(label=_("Toelichting voor de afdeling (intern)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX)


class StatusForm(PortalForm):
    status = forms.ChoiceField(label=_("Status"), choices=CaseStatus.choices)


class RatingForm(PortalForm):
    rating = forms.TypedChoiceField(label=_("Hoe tevreden bent u over de afhandeling?"), coerce=int,
                                    choices=[(i, str(i)) for i in range(1, 6)],
                                    widget=forms.RadioSelect(attrs={"class": "portal-choices"}),
                                    help_text=_("1 = zeer ontevreden, 5 = zeer tevreden"))
    comment = forms.CharField(label=_("Toelichting"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX)


class WithdrawForm(PortalForm):
    reason = forms.CharField(label=_("Waarom trekt u de vraag in?"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), max_length=TEXT_MAX,
                             help_text=_("Bijvoorbeeld: ik ben al geholpen. De behandelaar leest dit."))


class ReopenForm(PortalForm):
    reason = forms.CharField(label=_("Waarom heropent u de vraag?"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=TEXT_MAX)


class HelpdeskSettingsForm(PortalModelForm):
    class Meta:
        model = HelpdeskSettings
        fields = ["first_response_days", "resolution_days"]


class LinkDecisionForm(PortalForm):
    decision = forms.ChoiceField(label=_("Besluit"), choices=[("approve", _("Bevestigen")), ("reject", _("Afwijzen"))])
    reason = forms.CharField(label=_("Reden (bij afwijzen)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("De ondernemer krijgt de reden te lezen."))
    # Where the decision was taken: the list of requests (default) or the enterprise's page.
    return_to = forms.ChoiceField(required=False, choices=[("", ""), ("enterprise", "")], widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Geef een reden voor de afwijzing: de ondernemer krijgt die te lezen."))
        return data


class ExternalReferralForm(PortalForm):
    """Refer a case to a party outside the town hall (no account): who, and when to check back."""

    kind = forms.ChoiceField(label=_("Doorverwijzen naar"), choices=[("", "—"), *ExternalReferralKind.choices])
    instrument = forms.ModelChoiceField(
        label=_("Partij uit de kennisbank"), required=False, queryset=KnowledgeInstrument.objects.none(),
        empty_label=_("— niet uit de kennisbank —"),
        help_text=_("Bij een netwerkpartner of kennisinstelling: kies de partij, of vul hieronder de naam in."))
    party_name = forms.CharField(label=_("Naam van de partij"), required=False, max_length=200,
                                 help_text=_("Bijvoorbeeld: WSP Zuid-Kennemerland en IJmond."))
    note = forms.CharField(label=_("Toelichting (intern)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=TEXT_MAX)
    follow_up_on = forms.DateField(label=_("Vervolgactie op"), widget=forms.DateInput,
                                   help_text=_("Wanneer u nagaat of de ondernemer verder is geholpen."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = in_page_order(KnowledgeInstrument.objects.filter(
            is_active=True, kind__in=set(REFERRAL_INSTRUMENT_KIND.values())), "kind")

    def clean(self):
        from .referrals import referral_errors

        data = super().clean()
        if "kind" in data and "follow_up_on" not in self.errors:
            errors = referral_errors(kind=data["kind"], instrument=data.get("instrument"),
                                     party_name=data.get("party_name", ""), follow_up_on=data.get("follow_up_on"))
            for name, message in errors.items():
                self.add_error(name, message)
        return data


class ReferralDoneForm(PortalForm):
    outcome = forms.CharField(label=_("Uitkomst"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=TEXT_MAX, help_text=_("Bijvoorbeeld: ondernemer is geholpen met loonkostensubsidie."))

from django import forms
from django.core.validators import MinValueValidator
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import users_with_role
from impactportal.ui.forms import PortalForm, PortalModelForm, required_when
from impactportal.uploads import SPREADSHEET_ACCEPT, SPREADSHEET_TYPES, validate_upload

from . import checks
from .constants import AdmissionStatus, CertificationStatus, Scheme
from .filters import municipalities
from .imports import MAX_IMPORT_BYTES, header_problem
from .models import (
    DEFAULT_DEFINITION,
    AdmissionRule,
    Certification,
    ContactMoment,
    ContactPerson,
    DefinitionCheck,
    Enterprise,
    Offering,
    RegisterImport,
    kvk_validator,
)
from .services import MATERIAL_FACTS

ENTERPRISE_FIELDS = [
    "name", "kvk_number", "legal_form", "address", "postcode", "city", "municipality", "website", "founding_year",
    "stage", "enterprise_type", "themes", "sdgs", "headcount", "disadvantaged_count", "description",
]


class KvkNumberField(forms.CharField):
    """A KvK number typed as on paper or in the KvK's own extract, "9000 0118", "9000.0118" or
    "9000-0118": the spaces, dots and dashes are left out and the eight digits checked
    (``kvk_validator``). Every form that asks for a KvK number uses it: the sign-up refused
    "9000 0118" as "not 8 digits" while the register's form took it."""

    default_validators = [kvk_validator]

    def __init__(self, **kwargs):
        # The typed text may be longer than the eight digits it holds; the validator checks those.
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, value):
        return checks.kvk_digits(super().to_python(value))

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "autocomplete": "off", "maxlength": "14"}


class HttpsURLField(forms.URLField):
    """A website typed without scheme gets https://, as browsers do today."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class EnterpriseForm(PortalModelForm):
    class Meta:
        model = Enterprise
        fields = [*ENTERPRISE_FIELDS, "is_published"]
        field_classes = {"website": HttpsURLField, "kvk_number": KvkNumberField}
        widgets = {"themes": forms.CheckboxSelectMultiple, "sdgs": forms.CheckboxSelectMultiple,
                   "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Brokers file enterprises under their own municipality (owner choices); an
        # entrepreneur may pick any municipality, as the enterprise moves with its address.
        if self.user is not None and not self.fields["municipality"].queryset.exists():
            self.fields["municipality"].queryset = municipalities()
        # The year's one rule is the model's (1800 up to this year, one sentence each): the
        # positive column's own "at least 0" answered −5 before it, with a technical sentence.
        year = self.fields["founding_year"]
        year.min_value = None
        year.validators = [v for v in year.validators if not isinstance(v, MinValueValidator)]
        year.widget.attrs.pop("min", None)
        self.fields["postcode"].widget.attrs.update({"autocomplete": "postal-code"})

        if self.reviews_on_change:
            # An entrepreneur changing a fact the admission was about sends the enterprise back to
            # review, out of the showcase: one slip in the municipality drop-down did so silently.
            for name in MATERIAL_FACTS:
                self.fields[name].help_text = " ".join(filter(None, [
                    str(self.fields[name].help_text), str(REVIEW_WARNING)]))
            self.fields["confirm_review"] = forms.BooleanField(
                required=False, label=_("Ik begrijp dat de gemeente de toelating dan opnieuw beoordeelt"),
                help_text=REVIEW_WARNING)

    @property
    def reviews_on_change(self) -> bool:
        """Whether changing name, KvK number or municipality sends this admitted enterprise back
        to review: the user is not one of the brokers who decide on its admission."""
        instance = self.instance
        return (self.user is not None and instance.pk is not None
                and instance.admission_status == AdmissionStatus.ADMITTED
                and not access.can(self.user, "decide", instance))

    def clean(self):
        cleaned = super().clean()
        changed = [name for name in MATERIAL_FACTS if name in self.changed_data]
        if "confirm_review" in self.fields and changed and not cleaned.get("confirm_review"):
            self.add_error("confirm_review", _(
                "U wijzigt %(facts)s. De gemeente beoordeelt de toelating dan opnieuw en tot die tijd staat uw "
                "onderneming niet in de etalage. Vink dit vakje aan als u dat wilt, of zet de oude waarde terug."
            ) % {"facts": facts_in_words(changed)})
        return cleaned


def review_refusal(changed) -> str:
    """The API's refusal of a change that would send an admitted enterprise back to review unasked."""
    return _("U wijzigt %(facts)s. De gemeente beoordeelt de toelating dan opnieuw en tot die tijd staat de "
             "onderneming niet in de etalage. Stuur confirm_review: true als u dat wilt.") % {
        "facts": facts_in_words(changed)}


def facts_in_words(changed) -> str:
    return in_words([str(CHANGED_FACTS[name]) for name in changed if name in CHANGED_FACTS])


# How the review warning names each changed fact inside its sentence ("U wijzigt het KvK-nummer."):
# the field's label lowercased into it read "You are changing chamber of commerce (kvk) number."
CHANGED_FACTS = {
    "name": _("de naam"),
    "kvk_number": _("het KvK-nummer"),
    "municipality": _("de gemeente"),
}


def in_words(parts: list[str]) -> str:
    """"de naam, het KvK-nummer en de gemeente": a list inside a sentence of the page's language."""
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s en %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


REVIEW_WARNING = _("Wijzigt u dit, dan beoordeelt de gemeente de toelating opnieuw; tot dan staat uw onderneming "
                   "niet in de etalage.")


class EnterpriseRegistrationForm(EnterpriseForm):
    """Self-registration by an entrepreneur: the enterprise enters the register, not yet the showcase."""

    class Meta(EnterpriseForm.Meta):
        fields = ENTERPRISE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities()
        self.fields["municipality"].help_text = _("De gemeente waar de onderneming gevestigd is.")


class OfferingForm(PortalModelForm):
    class Meta:
        model = Offering
        fields = ["name", "category", "description", "price_indication"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ContactPersonForm(PortalModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone"]


OfferingFormSet = inlineformset_factory(Enterprise, Offering, form=OfferingForm, extra=2, can_delete=True)
ContactPersonFormSet = inlineformset_factory(Enterprise, ContactPerson, form=ContactPersonForm, extra=1,
                                             can_delete=True)


class CertificationForm(PortalModelForm):
    class Meta:
        model = Certification
        fields = ["scheme", "number", "issuer", "issued_on", "valid_until", "evidence", "notes"]
        widgets = {"issued_on": forms.DateInput, "valid_until": forms.DateInput,
                   "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required for the schemes that always carry them (``checks.EXPIRING_SCHEMES``; the model's
        # clean() refuses them empty): the labels say so instead of "(optioneel)".
        for name in ("number", "valid_until"):
            required_when(self.fields[name], _("verplicht bij PSO"))
        # The platform's badge comes with the admission, not from this form (``Certification.clean``).
        self.fields["scheme"].choices = [choice for choice in self.fields["scheme"].choices
                                         if choice[0] != Scheme.SROI_BADGE]


class DefinitionCheckForm(PortalModelForm):
    class Meta:
        model = DefinitionCheck
        fields = [*DefinitionCheck.CHARACTERISTICS, "notes", "checked_on"]
        widgets = dict.fromkeys(DefinitionCheck.CHARACTERISTICS, forms.NullBooleanSelect) | {
            "checked_on": forms.DateInput, "notes": forms.Textarea(attrs={"rows": 4})}


class ContactMomentForm(PortalModelForm):
    class Meta:
        model = ContactMoment
        fields = ["organisation", "kind", "date", "subject", "notes", "follow_up_on", "owner", "follow_up_done"]
        widgets = {"date": forms.DateInput, "follow_up_on": forms.DateInput, "notes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The owner of a follow-up is a broker of the recording organisation(s), or a member of the
        # network partner that runs its entrepreneur desk.
        organisations = access.owner_choices(self.user, ContactMoment) if self.user else []
        self.fields["owner"].queryset = users_with_role((Role.BROKER, Role.PARTNER), organisation=list(organisations))
        if self.user is not None and not self.instance.pk:
            self.fields["owner"].initial = self.user.pk


class IntakeForm(ContactMomentForm):
    """A first meeting: the contact moment plus the intake questions, one of which it needs
    (``ContactMoment.clean``: the API asks it too)."""

    class Meta(ContactMomentForm.Meta):
        fields = [*ContactMomentForm.Meta.fields, "intake_activities", "intake_employees", "intake_needs",
                  "intake_shape_programme"]
        widgets = ContactMomentForm.Meta.widgets | {
            "intake_activities": forms.Textarea(attrs={"rows": 3}), "intake_employees": forms.Textarea(attrs={"rows": 3}),
            "intake_needs": forms.Textarea(attrs={"rows": 3}), "intake_shape_programme": forms.NullBooleanSelect}


class AdmissionDecisionForm(PortalForm):
    decision = forms.ChoiceField(label=_("Besluit"), widget=forms.RadioSelect,
                                 choices=[("admit", _("Toelaten")), ("reject", _("Afwijzen"))])
    reasons = forms.CharField(label=_("Motivering"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=Enterprise._meta.get_field("admission_reasons").max_length,
                              help_text=_("Verplicht bij afwijzen; de ondernemer ziet deze tekst."))

    def __init__(self, *args, may_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        if may_publish:
            # Off unless ticked: being in the showcase is the entrepreneur's choice ("gepubliceerd"
            # in their profile); a decider who may change the profile publishes when they asked.
            self.fields["publish"] = forms.BooleanField(
                label=_("Meteen publiceren in de etalage"), required=False,
                help_text=_("Alleen bij toelaten, en als de onderneming zichtbaar wil zijn. Anders publiceert de "
                            "ondernemer het profiel zelf."))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reasons") or "").strip():
            self.add_error("reasons", _("Geef bij een afwijzing de redenen op."))
        return data


class RegisterImportForm(PortalModelForm):
    class Meta:
        model = RegisterImport
        fields = ["organisation", "file", "default_scheme"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Bestand (CSV of Excel)")
        self.fields["file"].help_text = _(
            "CSV of Excel-werkmap (.xlsx) met een kopregel en de kolommen KvK-nummer, naam, regeling en geldig tot "
            "(JJJJ-MM-DD, of een datum in Excel); uit een werkmap het eerste werkblad met die kolommen, in een CSV "
            "scheiding met komma of puntkomma. Maximaal 5 MB.")
        self.fields["file"].widget.attrs["accept"] = SPREADSHEET_ACCEPT
        # Not offered: the import verifies what it imports, and neither the platform's own badge
        # nor "Anders" is in an external register (``imports._parse_row`` refuses such rows too).
        self.fields["default_scheme"].choices = [
            choice for choice in self.fields["default_scheme"].choices
            if choice[0] not in (Scheme.OTHER, Scheme.SROI_BADGE)]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=SPREADSHEET_TYPES, max_bytes=MAX_IMPORT_BYTES)
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and "file" not in self.errors:
            raw = upload.read()  # a workbook's header is read from the whole file (at most 5 MB)
            upload.seek(0)
            problem = header_problem(raw, cleaned.get("default_scheme") or "")
            if problem:
                self.add_error("file", problem)
        return cleaned


class CertificationActionForm(PortalForm):
    action = forms.ChoiceField(label=_("Actie"), choices=[
        ("verify", _("Verifiëren")), (CertificationStatus.DISPUTED, _("Markeren als betwist")),
        (CertificationStatus.REVOKED, _("Intrekken"))])


class AdmissionRuleForm(PortalModelForm):
    """A platform's admission rule; the owner is fixed once the rule exists."""

    accepted_schemes = forms.MultipleChoiceField(
        label=_("Erkende keurmerken"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(value, label) for value, label in Scheme.choices if value in checks.ADMISSION_LABELS],
        help_text=AdmissionRule._meta.get_field("accepted_schemes").help_text)

    class Meta:
        model = AdmissionRule
        fields = ["platform_name", "mode", "accepted_schemes", "definition"]
        widgets = {"mode": forms.RadioSelect, "definition": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The default wording is shown to be edited; saved unchanged it stays "the default".
        if not (self.instance.definition or "").strip():
            self.initial["definition"] = str(DEFAULT_DEFINITION)

    def clean_accepted_schemes(self):
        chosen = set(self.cleaned_data.get("accepted_schemes") or [])
        return [value for value in Scheme.values if value in chosen]

    def clean_definition(self):
        text = (self.cleaned_data.get("definition") or "").strip()
        return "" if text.replace("\r\n", "\n") == str(DEFAULT_DEFINITION) else text


class AdmissionRuleCreateForm(AdmissionRuleForm):
    class Meta(AdmissionRuleForm.Meta):
        fields = ["organisation", "region", *AdmissionRuleForm.Meta.fields]
        help_texts = {"organisation": _("Kies uw gemeente óf een regio waarvan uw gemeente lid is."),
                      "region": _("Een regionale regel geldt voor alle leden zonder eigen regel; makelaars van "
                                  "alle leden kunnen haar wijzigen.")}
        error_messages = {
            "organisation": {"unique": _("Deze organisatie heeft al een toelatingsregel; wijzig die.")},
            "region": {"unique": _("Deze regio heeft al een toelatingsregel; wijzig die.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = (access.owner_choices(self.user, AdmissionRule, path="region")
                                          if self.user is not None else self.fields["region"].queryset.none())
        # Not preselected when it has a rule already: the form was refused as it opened ("already
        # has a rule"). Choosing it still says so, with where to change it.
        for name in ("organisation", "region"):
            chosen = self.initial.get(name, self.fields[name].initial)
            if chosen is not None and AdmissionRule.objects.filter(**{name: getattr(chosen, "pk", chosen)}).exists():
                self.initial.pop(name, None)
                self.fields[name].initial = None

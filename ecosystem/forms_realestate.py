"""Forms of the ecosystem map, coalitions, real estate and events (issue 12)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from enterprises.search_field import EnterpriseSearchField
from impactportal import access
from impactportal.accounts.models import Organisation
from impactportal.dates import NOT_BEFORE_1990, NOT_TOO_FAR_AHEAD
from impactportal.ui.forms import PortalForm, PortalModelForm, required_when, style_field

from .constants import CoalitionFunction, Procedure, TenantKind
from .models import Party
from .models_coalitions import Coalition
from .models_events import Event
from .models_maps import EcosystemMap, MapEntry
from .models_realestate import Property, PropertyPhoto, SpaceRequest
from .services_realestate import didam_errors, rent_help

DATE = forms.DateInput


class PartyNoteForm(PortalForm):
    """A note on a party, filed under one organisation of the user (``owners``: the owner choices
    of ``PartyNote``). With one, no question; with several (a broker of a region's organisation and
    of a municipality, the superuser) the form asks which, from those only: a note filed under
    whichever came first stayed unseen by the colleagues it was meant for."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Namens welke organisatie?"),
        help_text=_("Alleen de makelaars van deze organisatie zien de notitie."),
        error_messages={"required": _("Kies namens welke organisatie u deze notitie maakt."),
                        "invalid_choice": _("Kies een organisatie waarvoor u notities mag maken.")})
    body = forms.CharField(label=_("Notitie"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Alleen uw organisatie ziet deze notitie."))

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        owners = owners if owners is not None else Organisation.objects.none()
        first_two = list(owners[:2])
        self.only_owner = first_two[0] if len(first_two) == 1 else None
        if len(first_two) > 1:
            self.fields["organisation"].queryset = owners.order_by("name")
            self.fields["body"].help_text = _("Alleen de organisatie die u kiest ziet deze notitie.")
        else:
            del self.fields["organisation"]

    @property
    def asks_owner(self) -> bool:
        return "organisation" in self.fields

    @property
    def has_owner(self) -> bool:
        """Is there an organisation to file the note under at all?"""
        return self.asks_owner or self.only_owner is not None

    def owner(self):
        """The organisation the note is filed under (after ``is_valid()``)."""
        return self.cleaned_data["organisation"] if self.asks_owner else self.only_owner


class EcosystemMapForm(PortalModelForm):
    class Meta:
        model = EcosystemMap
        fields = ["organisation", "title", "description", "shared_vision", "added_value_clear",
                  "sustainability_anchored", "preconditions_clear", "checklist_notes", "checklist_date"]
        widgets = {"checklist_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True


class MapEntryForm(PortalModelForm):
    class Meta:
        model = MapEntry
        fields = ["party", "domain", "role", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Party.objects.for_user(self.user).order_by("name") if self.user else \
            Party.objects.none()


class MapEntryChangeForm(PortalModelForm):
    class Meta:
        model = MapEntry
        fields = ["role", "is_active"]


class CoalitionForm(PortalModelForm):
    class Meta:
        model = Coalition
        fields = ["organisation", "name", "description", "focus_areas", "members", "council_members", "started_on"]
        widgets = {"started_on": DATE, "members": forms.CheckboxSelectMultiple,
                   "council_members": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parties = Party.objects.for_user(self.user).order_by("name") if self.user else Party.objects.none()
        self.fields["members"].queryset = parties
        self.fields["council_members"].queryset = parties


class CoalitionRoleForm(PortalForm):
    """Who fills a function of the coalition (empty: the function is open)."""

    function = forms.ChoiceField(label=_("Functie"), choices=CoalitionFunction.choices)
    party = forms.ModelChoiceField(label=_("Ingevuld door"), queryset=Party.objects.none(), required=False,
                                   empty_label=_("Nog open"))
    notes = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Party.objects.for_user(user).order_by("name") if user else Party.objects.none()


class PropertyForm(PortalModelForm):
    money_fields = ("market_rent", "social_tariff")

    class Meta:
        model = Property
        fields = ["organisation", "name", "address", "area", "property_type", "floor_area", "market_rent",
                  "social_tariff", "available_from", "available_until", "description", "suitability_notes",
                  "is_published"]
        widgets = {"available_from": DATE, "available_until": DATE}


class PhotoForm(PortalModelForm):
    class Meta:
        model = PropertyPhoto
        fields = ["image", "caption"]


def space_request_enterprises(user):
    """The enterprises a space request is filed for (``enterprises.search_field``): the user's own, and
    for staff those of their municipality (every one for the superuser); None for other roles."""
    from enterprises.models import Enterprise

    if not access.has_role(user, access.BROKER, access.ENTREPRENEUR):
        return None
    if user.is_superuser:
        return Enterprise.objects.all()
    municipalities = access.owner_choices(user, SpaceRequest)
    return Enterprise.objects.filter(pk__in=access.enterprise_ids(user)) | \
        Enterprise.objects.filter(municipality__in=municipalities)


class SpaceRequestForm(PortalModelForm):
    """The entrepreneur's form: the enterprise is one of theirs (or, for staff, one of their municipality)."""

    money_fields = ("budget",)

    class Meta:
        model = SpaceRequest
        fields = ["enterprise", "min_area", "max_area", "property_type", "budget", "area", "start_date", "purpose"]
        widgets = {"start_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A search box: a superuser's select listed every enterprise of the country.
        field = EnterpriseSearchField.install(self, "enterprise", purpose="space-request")
        only = list(field.candidates()[:2])
        if len(only) == 1:
            field.initial = only[0]
        # The empty type means any type ("Leeg: elke soort is goed"), not "— geen —" (no type).
        kind = self.fields["property_type"]
        kind.choices = [("", _("Elke soort")), *[choice for choice in kind.choices if choice[0] != ""]]

    # The area range (max_area not below min_area) is SpaceRequest.clean's, keyed on max_area.


class RespondForm(PortalForm):
    # Labelled: its error (a number that is not one) read "Property: ..." on a Dutch page.
    property = forms.IntegerField(label=_("Pand"), widget=forms.HiddenInput)
    message = forms.CharField(label=_("Bericht aan de gemeente"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class AllocateForm(PortalForm):
    money_fields = ("rent",)

    property = forms.IntegerField(label=_("Pand (nummer)"), widget=forms.HiddenInput)
    rent = forms.DecimalField(label=_("Afgesproken huur per maand"), min_value=0, max_digits=12, decimal_places=2)
    tenant_kind = forms.ChoiceField(label=_("Soort huurder"), choices=TenantKind.choices, initial=TenantKind.SOCIAL)
    start_date = forms.DateField(label=_("Ingangsdatum"), required=False, widget=DATE,
                                 validators=[NOT_BEFORE_1990, NOT_TOO_FAR_AHEAD])
    procedure = forms.ChoiceField(label=_("Procedure (Didam)"), choices=Procedure.choices, widget=forms.RadioSelect,
                                  help_text=_("Een openbare selectieprocedure, of een gemotiveerde uitzondering."))
    procedure_reference = forms.CharField(label=_("Kenmerk van de procedure"), max_length=100, required=False)
    publication_date = forms.DateField(label=_("Gepubliceerd op"), required=False, widget=DATE,
                                       validators=[NOT_BEFORE_1990])
    # At least one, as the Didam record asks (``didam_errors``), in its words: "minstens 0" for -3 and
    # then "ten minste één" for the 0 typed next contradicted each other.
    candidates = forms.IntegerField(label=_("Aantal gegadigden"), min_value=1, max_value=10_000, required=False,
                                    error_messages={"min_value": _("Vul het aantal gegadigden in (ten minste één).")})
    justification = forms.CharField(label=_("Motivering van de uitzondering"), max_length=5000, required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    decided_by = forms.CharField(label=_("Besloten door"), max_length=200, required=False)
    decision_date = forms.DateField(label=_("Besloten op"), required=False, widget=DATE, validators=[NOT_BEFORE_1990])

    DIDAM_FIELDS = ("procedure_reference", "publication_date", "candidates", "justification", "decided_by",
                    "decision_date")
    # Which procedure makes a Didam field required (``didam_errors`` checks it): the label says
    # so, instead of "(optioneel)" for a field the form then refuses to leave empty.
    OPEN_FIELDS = ("procedure_reference", "publication_date", "candidates")
    EXCEPTION_FIELDS = ("justification", "decided_by", "decision_date")

    def __init__(self, *args, chosen_property=None, **kwargs):
        """``chosen_property``: the property chosen in the form (when known); the rent field's help
        says what its rent may be (``services_realestate.rent_help``)."""
        super().__init__(*args, **kwargs)
        self.choose_property(chosen_property)
        for name in self.OPEN_FIELDS:
            required_when(self.fields[name], _("verplicht bij openbare selectie"))
        for name in self.EXCEPTION_FIELDS:
            required_when(self.fields[name], _("verplicht bij uitzondering"))

    def choose_property(self, prop):
        """The rent's help names the market rent and social tariff of ``prop`` (internal figures:
        only for a property whose rents the user may see)."""
        if prop is None:
            return
        self.fields["rent"].help_text = rent_help(prop)
        # Also when chosen after validation (the page again with its errors): the bound field read
        # its help when made, and the widget's aria-describedby names the help's id.
        self._bound_fields_cache.pop("rent", None)
        style_field(self, "rent")

    def clean(self):
        """The Didam record's errors together with the fields' own (a negative rent and a missing
        justification in one go), through the rule the service and the API apply. A field that
        already has an error of its own keeps that one."""
        data = super().clean()
        if "procedure" not in data:
            return data  # no (valid) procedure: its own field error says so
        errors = didam_errors(procedure=data["procedure"],
                              **{name: data.get(name) for name in self.DIDAM_FIELDS if name in data})
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data


class EndLettingForm(PortalForm):
    """"Verhuur beëindigen": when the letting ended (after the fact) and why (``services_realestate.end_letting``
    checks the date against the letting's start and today)."""

    ended_on = forms.DateField(label=_("Beëindigd op"), widget=DATE, validators=[NOT_BEFORE_1990],
                               help_text=_("De datum waarop de verhuur is geëindigd; niet na vandaag."),
                               error_messages={"required": _("Vul de datum in waarop de verhuur is geëindigd.")})
    end_reason = forms.CharField(label=_("Reden"), max_length=200, required=False,
                                 help_text=_("Bijvoorbeeld 'huurder vertrokken'."))


class EventForm(PortalModelForm):
    class Meta:
        model = Event
        fields = ["organisation", "kind", "title", "starts_at", "location", "description", "participants",
                  "is_public"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

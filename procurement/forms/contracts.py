"""Forms of contracts, realisations, their assessment and contractor invitations.

Suppliers and sellers are picked from the register through a search field (KvK number or
exact name, with suggestions from ``enterprises:suggestions`` in a ``<datalist>``; the shared field of
``enterprises.search_field``): a select of 100,000 enterprises is neither usable nor accessible."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise, OfferingCategory
from enterprises.search_field import EnterpriseSearchField as SearchField
from enterprises.search_field import label_of
from impactportal.text import as_id, short_date
from impactportal.ui.forms import PortalForm, PortalModelForm, required_when

from .. import services
from ..constants import KIND_FIELDS, NOT_A_LINE, BlockKind
from ..models import MAX_LINE_HOURS, MAX_LINE_HOURS_MESSAGE, Block, Contract, RuleSet

SUPPLIER = "supplier"
SELLER = "seller"


def supplier_enterprises(user):
    """Where a supplier is looked up: any enterprise in the register the user may see."""
    return Enterprise.objects.for_user(user)


def seller_enterprises(user):
    """Where a seller is looked up: an admitted impact enterprise (only purchases from those count)."""
    return supplier_enterprises(user).filter(admission_status=AdmissionStatus.ADMITTED)


def enterprises_for(user, purpose: str):
    return seller_enterprises(user) if purpose == SELLER else supplier_enterprises(user)


def EnterpriseSearchField(*, purpose, **kwargs):  # noqa: N802 — the shared field, with this module's messages
    error = None if purpose == SUPPLIER else gettext_lazy(
        "Kies een toegelaten impactonderneming uit de suggesties of vul haar KvK-nummer (8 cijfers) in.")
    return SearchField(purpose=purpose, error=error, **kwargs)


class ContractForm(PortalModelForm):
    """Create or change a contract. The rule set is pinned at creation: left empty, the one
    ``services.default_rule_set`` finds on the award date is used; afterwards it is fixed."""
    money_fields = ("value",)

    supplier = EnterpriseSearchField(
        purpose=SUPPLIER, required=False, label=gettext_lazy("Leverancier uit het register"),
        help_text=gettext_lazy("Typ een naam of KvK-nummer en kies uit de suggesties. Staat de leverancier niet "
                               "in het register? Laat dit leeg en vul hieronder de naam in."))

    class Meta:
        model = Contract
        fields = ["organisation", "title", "reference", "category", "value", "award_date", "end_date", "supplier",
                  "supplier_name", "rule_set"]
        help_texts = {
            "supplier_name": gettext_lazy("Alleen nodig als de leverancier niet in het register staat."),
            "value": gettext_lazy("In euro's, exclusief btw."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].user = self.user
        if self.instance.supplier_id:
            self.initial["supplier"] = label_of(self.instance.supplier)
        self.fields["supplier_name"].required = False
        self.fields["category"].queryset = OfferingCategory.objects.all()
        rule_sets = RuleSet.objects.for_user(self.user).select_related("organisation", "region")
        field = self.fields["rule_set"]
        field.queryset = rule_sets
        field.label_from_instance = lambda rs: f"{rs} — {rs.owner} ({_('geldig vanaf')} {short_date(rs.valid_from)})"
        if self.instance.pk:
            # Pinned at award: shown, never changed (the service refuses it too).
            field.disabled = True
            field.help_text = _("De regeling is vastgelegd bij de gunning en verandert niet meer.")
        else:
            # Only the rule sets that apply to an organisation the user may register contracts
            # for (its own, its regions'); ``clean`` holds the choice to the chosen organisation.
            field.queryset = rule_sets.filter(pk__in=services.applicable_rule_sets(
                self.fields["organisation"].queryset).values("pk"))
            field.error_messages["invalid_choice"] = _(
                "Deze regeling geldt niet voor deze organisatie. Kies een regeling van de organisatie of van een "
                "regio waar zij lid van is.")
            field.required = False
            field.empty_label = _("Standaard: de regeling van de organisatie (of haar regio) op de gunningsdatum")
            field.help_text = self.default_help()

    def clean(self):
        cleaned = super().clean()
        organisation, rule_set = cleaned.get("organisation"), cleaned.get("rule_set")
        if not self.instance.pk and organisation and rule_set and not rule_set.applies_to(organisation):
            self.add_error("rule_set", services.not_applicable_message(organisation))
        return cleaned

    def default_help(self) -> str:
        """Name the default the user would get, per organisation they may create contracts for."""
        today = timezone.localdate()
        parts = []
        for organisation in self.fields["organisation"].queryset[:5]:
            found = services.default_rule_set(organisation, today)
            parts.append(_("%(org)s: %(rule_set)s") % {
                "org": organisation, "rule_set": found or _("geen regeling gevonden, kies er een")})
        intro = _("Leeg laten kiest de regeling die op de gunningsdatum geldt. Vandaag is dat voor")
        return f"{intro} " + "; ".join(parts) + ". " + _(
            "U kunt ook een andere regeling van de organisatie of haar regio kiezen die op de gunningsdatum geldt.")


class RealisationForm(PortalForm):
    """One realisation line. Only the fields of the chosen block's kind are shown and accepted
    (``constants.KIND_FIELDS``); the service checks them again and values the line."""
    money_fields = ("amount",)

    block = forms.ModelChoiceField(queryset=Block.objects.none(), label=gettext_lazy("Bouwblok"),
                                   help_text=gettext_lazy("Uit de regeling die bij de gunning is vastgelegd."))
    date = forms.DateField(label=gettext_lazy("Datum"),
                           help_text=gettext_lazy("Begindatum van de plaatsing of het traject, of de factuurdatum."))
    fte = forms.DecimalField(label=gettext_lazy("Fte"), max_digits=4, decimal_places=2, min_value=0, max_value=2,
                             required=False, help_text=gettext_lazy("Bijvoorbeeld 0,8 voor vier dagen per week."))
    months = forms.DecimalField(label=gettext_lazy("Maanden"), max_digits=5, decimal_places=2, min_value=0,
                                max_value=600, required=False)
    amount = forms.DecimalField(label=gettext_lazy("Bedrag (excl. btw)"), max_digits=14, decimal_places=2,
                                min_value=0, required=False)
    hours = forms.DecimalField(label=gettext_lazy("Uren"), max_digits=8, decimal_places=2, min_value=0,
                               max_value=MAX_LINE_HOURS, required=False,
                               error_messages={"max_value": MAX_LINE_HOURS_MESSAGE})
    bonuses = forms.ModelMultipleChoiceField(queryset=Block.objects.none(), required=False,
                                             widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Bonussen"))
    candidate_ref = forms.CharField(
        label=gettext_lazy("Kandidaatcode"), required=False, max_length=40,
        help_text=gettext_lazy("Een eigen code per kandidaat, bijvoorbeeld KAND-014. Nooit een naam, BSN of "
                               "geboortedatum: de code zorgt dat dezelfde persoon niet dubbel telt."))
    seller = EnterpriseSearchField(
        purpose=SELLER, required=False, label=gettext_lazy("Verkoper (impactonderneming)"),
        help_text=gettext_lazy("Typ een naam of KvK-nummer en kies een toegelaten impactonderneming."))
    justification = forms.CharField(label=gettext_lazy("Onderbouwing"), required=False, widget=forms.Textarea,
                                    max_length=5000)
    description = forms.CharField(label=gettext_lazy("Omschrijving"), required=False, max_length=200)
    evidence = forms.FileField(label=gettext_lazy("Bewijs"), required=False,
                               help_text=gettext_lazy("PDF, PNG of JPG, maximaal 5 MB."))
    # Shown (with the lines it resembles) only when the line reports the same as one already on the
    # contract (``services.possible_duplicates``): a realisation reported twice counted twice.
    confirm_duplicate = forms.BooleanField(label=gettext_lazy("Ik bevestig dat dit een andere realisatie is"),
                                           required=False)

    LINE_FIELDS = ("fte", "months", "amount", "hours", "bonuses", "candidate_ref", "seller", "justification")

    def __init__(self, *args, contract: Contract, user, line=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract, self.user, self.line = contract, user, line
        self.duplicates = []
        blocks = contract.rule_set.blocks.all()
        self.fields["block"].queryset = blocks.exclude(kind__in=NOT_A_LINE)
        self.fields["bonuses"].queryset = blocks.filter(kind=BlockKind.BONUS)
        self.fields["seller"].user = user
        self.kind = self.chosen_kind()
        accepted = KIND_FIELDS.get(self.kind, {})
        for name in self.LINE_FIELDS:
            if name not in accepted:
                del self.fields[name]  # progressive disclosure: only what this kind accepts
            elif accepted[name]:
                self.fields[name].required = True
        if self.kind is None:
            for name in ("date", "description", "evidence"):
                del self.fields[name]
        if self.kind is None or not self.is_bound:
            del self.fields["confirm_duplicate"]  # only a submitted line can resemble another

    def chosen_kind(self):
        key = self.add_prefix("block")
        value = (self.data.get(key) if self.is_bound else None) or self.initial.get("block")
        pk = as_id(str(value or ""))  # "²" is a digit to isdigit(), not to the database
        block = self.fields["block"].queryset.filter(pk=pk).first() if pk is not None else None
        return block.kind if block else None

    def clean(self):
        cleaned = super().clean()
        if self.kind is not None and not self.errors:
            self.duplicates = list(services.possible_duplicates(
                contract=self.contract, kind=self.kind, values=self.line_values(), user=self.user, exclude=self.line))
            if self.duplicates and not cleaned.get("confirm_duplicate"):
                self.add_error("confirm_duplicate", _(
                    "Er staat al een realisatie met dezelfde datum en dezelfde gegevens op dit contract. Controleer "
                    "of u haar niet dubbel meldt, en vink aan dat dit een andere realisatie is om door te gaan."))
        return cleaned

    def line_values(self) -> dict:
        """The line fields of this kind, as the service takes them."""
        data = self.cleaned_data
        values = {"date": data["date"], "description": data.get("description", "")}
        for name in KIND_FIELDS[self.kind]:
            value = data.get(name)
            if name == "bonuses":
                value = list(value or [])
            elif name in ("candidate_ref", "justification"):
                value = (value or "").strip()
            values[name] = value
        return values


class AssessForm(PortalForm):
    VERIFY, REJECT = "verify", "reject"
    decision = forms.ChoiceField(choices=[(VERIFY, gettext_lazy("Verifiëren")), (REJECT, gettext_lazy("Afwijzen"))],
                                 label=gettext_lazy("Besluit"), widget=forms.RadioSelect)
    # Required for rejecting only (the service checks it): the label says so, not "(optioneel)",
    # and the help text does not say it a second time.
    reason = required_when(
        forms.CharField(label=gettext_lazy("Reden van afwijzing"), required=False, widget=forms.Textarea,
                        max_length=5000, help_text=gettext_lazy("De leverancier ziet de reden.")),
        gettext_lazy("verplicht bij afwijzen"))


class InviteForm(PortalForm):
    name = forms.CharField(label=gettext_lazy("Naam"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mailadres"))

"""Forms of SROI rule sets: the rule set, its building blocks (a formset) and a new version."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from enterprises.constants import Scheme
from impactportal import access
from impactportal.text import TEXT_MAX
from impactportal.ui.forms import PortalForm, PortalModelForm

from ..models import Block, RuleSet
from ..services_rule_sets import block_errors


class RuleSetForm(PortalModelForm):
    """Owner: an organisation or a region under which the user may change rule sets."""

    money_fields = ("threshold", "cap")

    class Meta:
        model = RuleSet
        fields = ["name", "organisation", "region", "valid_from", "valid_until", "obligation_percentage",
                  "threshold", "cap", "is_example", "source", "notes"]
        widgets = {"valid_from": forms.DateInput, "valid_until": forms.DateInput,
                   "notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"organisation": _("Kies een organisatie óf een regio als eigenaar."),
                      "region": _("Een regionale regeling kunnen makelaars van alle leden van de regio wijzigen.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["region"].queryset = access.owner_choices(self.user, RuleSet, path="region")


class SchemesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=Scheme.choices, required=False, **kwargs)


class BlockForm(PortalModelForm):
    money_fields = ("value",)
    required_schemes = SchemesField(label=_("Vereiste certificaten"), help_text=Block._meta.get_field(
        "required_schemes").help_text)

    class Meta:
        model = Block
        fields = ["code", "kind", "name", "name_en", "value", "share", "max_years", "required_schemes",
                  "reduction_percentage", "level", "notes", "notes_en", "order"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind"):
            for field, message in block_errors(cleaned).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
        return cleaned


class BlockFormSetBase(BaseInlineFormSet):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, form_kwargs={"user": user}, **kwargs)


BlockFormSet = inlineformset_factory(RuleSet, Block, form=BlockForm, formset=BlockFormSetBase, extra=1,
                                     can_delete=True)


class NewVersionForm(PortalForm):
    valid_from = forms.DateField(label=_("Geldig vanaf"), widget=forms.DateInput,
                                 help_text=_("De vorige versie eindigt de dag ervoor als ze geen einddatum had."))
    valid_until = forms.DateField(label=_("Geldig tot en met"), widget=forms.DateInput, required=False,
                                  help_text=_("Leeg: geldig tot een volgende versie."))
    notes = forms.CharField(label=_("Wat verandert er?"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                            max_length=TEXT_MAX)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("De einddatum ligt vóór de ingangsdatum."))
        return cleaned

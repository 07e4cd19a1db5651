from django import forms

from impactportal.ui.forms import PortalModelForm

from .forms_realestate import CoalitionForm
from .models import Party, RegionalAgreement


class RegionalAgreementForm(PortalModelForm):
    class Meta:
        model = RegionalAgreement
        fields = ["region", "title", "theme", "description", "start_date"]
        widgets = {"start_date": forms.DateInput}


# --- coalitions: members and advisory council chosen from some eighty parties -----------------



class CheckboxSelectMultipleWidget(forms.CheckboxSelectMultiple):
    """Checkboxes grouped under a fieldset and legend per group, in a box that scrolls on its own:
    two flat lists of ~80 parties made the coalition form some 5,000 px tall. Plain HTML and CSS,
    so it works without JavaScript.

    The name is on purpose: a bound field's ``widget_type`` is the class name without "Widget",
    and the field template wraps a "checkboxselectmultiple" in a fieldset with the label as
    legend; so this one keeps that outer fieldset like every other group of checkboxes."""

    template_name = "ecosystem/widgets/grouped_checkboxes.html"


def parties_by_category(parties) -> list[tuple[str, list[tuple[int, str]]]]:
    """``parties`` as grouped choices, one group per category in the categories' own order."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for party in parties:
        groups.setdefault(party.category, []).append((party.pk, party.name))
    labels = dict(Party._meta.get_field("category").choices)
    order = list(labels)
    return [(labels.get(category, category), choices)
            for category, choices in sorted(groups.items(), key=lambda item: (
                order.index(item[0]) if item[0] in order else len(order), item[0]))]


class CoalitionPartiesForm(CoalitionForm):
    """The coalition form with the party lists grouped by category (the choices stay the form's
    own queryset, so what may be chosen and validated is unchanged)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("members", "council_members"):
            field = self.fields[name]
            attrs = field.widget.attrs
            field.widget = CheckboxSelectMultipleWidget(attrs=attrs)
            field.widget.choices = parties_by_category(field.queryset.only("pk", "name", "category"))

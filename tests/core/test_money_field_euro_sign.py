"""The shared amount field takes an amount as the portal shows it, with its euro sign (the walk
through financing: "€ 20.000,00" got only "Voer een getal in"); money labels end in "(€)"; a
message a form and its model both give shows once."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from impactportal.ui.forms import PortalForm


class AmountForm(PortalForm):
    money_fields = ("amount", "signed")
    amount = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0, label="Bedrag")
    signed = forms.DecimalField(max_digits=12, decimal_places=2, required=False, label="Bedrag (€)")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("amount") == 13:
            self.add_error("amount", "Geen dertien.")
            self.add_error("amount", "Geen dertien.")
        return cleaned


def _amount(language, typed):
    with translation.override(language):
        form = AmountForm({"amount": typed})
        return form.cleaned_data["amount"] if form.is_valid() else form.errors["amount"][0]


@pytest.mark.parametrize(("language", "typed", "amount"), [
    ("nl", "€ 20.000,00", Decimal("20000")),
    ("nl", "€\u00a020.000,00", Decimal("20000")),  # as the pages show it, with a no-break space
    ("nl", "€20.000", Decimal("20000")),
    ("nl", " 20.000,50 € ", Decimal("20000.50")),
    ("en", "€ 20,000.00", Decimal("20000")),
    ("nl", "7000", Decimal("7000")),
])
def test_an_amount_with_its_euro_sign_is_read(language, typed, amount):
    assert _amount(language, typed) == amount


@pytest.mark.parametrize("typed", ["€", "20 € 000", "€€ 5", "EUR 5"])
def test_a_euro_sign_inside_or_alone_is_still_refused(typed):
    with translation.override("nl"):
        assert not AmountForm({"amount": typed}).is_valid()


def test_money_labels_end_in_the_euro_sign_once():
    form = AmountForm()
    assert str(form.fields["amount"].label) == "Bedrag (€)"
    assert str(form.fields["signed"].label) == "Bedrag (€)"  # not "Bedrag (€) (€)"


def test_the_same_message_twice_on_a_field_shows_once():
    form = AmountForm({"amount": "13"})
    assert form.errors["amount"] == ["Geen dertien."]

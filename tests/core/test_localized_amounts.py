"""Amounts are typed as people write them in the page's language (user review 5: "11950,50"
became € 1.195.050,00 in a number box that dropped the comma, and "12.000" was refused as
twelve with three decimals). Every DecimalField of a portal form is a localized text box."""

from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from brokers.models import BudgetLine
from impactportal.ui.forms import PortalForm, ungrouped


class AmountForm(PortalForm):
    amount = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    share = forms.DecimalField(max_digits=5, decimal_places=4, required=False)


def _amount(language, typed):
    with translation.override(language):
        form = AmountForm({"amount": typed})
        return form.cleaned_data["amount"] if form.is_valid() else form.errors["amount"][0]


@pytest.mark.parametrize(("language", "typed", "amount"), [
    ("nl", "11950,50", Decimal("11950.50")),
    ("nl", "11.950,50", Decimal("11950.50")),
    ("nl", "12.000", Decimal("12000")),
    ("nl", "1.234.567", Decimal("1234567")),
    ("nl", "11950.50", Decimal("11950.50")),  # a point as the decimal mark still works
    ("nl", "12.00", Decimal("12.00")),  # not a group of three: a decimal point
    ("nl", "0,5", Decimal("0.5")),
    ("nl", " 7000 ", Decimal("7000")),
    ("en", "11,950.50", Decimal("11950.50")),
    ("en", "12,000", Decimal("12000")),
    ("en", "11950.50", Decimal("11950.50")),
])
def test_amounts_typed_the_way_the_language_writes_them(language, typed, amount):
    assert _amount(language, typed) == amount


@pytest.mark.parametrize(("language", "typed", "message"), [
    ("nl", "1,2,3", "Voer een getal in."),
    ("nl", "12.0000", "Zorg dat er niet meer dan 2 cijfers achter de komma staan."),
    ("nl", "-5", "Zorg ervoor dat deze waarde minstens 0 is."),
    ("en", "12,50", "Enter a number."),
])
def test_what_is_no_amount_gets_a_field_error(language, typed, message):
    assert _amount(language, typed) == message


@pytest.mark.parametrize(("language", "typed", "expected"), [
    ("nl", "50.000,50", "50000,50"), ("nl", "050.000", "050.000"), ("nl", "1.5", "1.5"),
    ("nl", "0.300", "0.300"), ("nl", "-1.000", "-1000"), ("en", "50,000.50", "50000.50"),
    ("en", "5,00", "5,00"), ("nl", "1.000.00", "1.000.00"),
])
def test_ungrouped_takes_out_only_whole_groups_of_three(language, typed, expected):
    with translation.override(language):
        assert ungrouped(typed) == expected


def test_the_amount_box_is_a_localized_text_box_with_the_decimal_keyboard():
    with translation.override("nl"):
        html = str(AmountForm(initial={"amount": Decimal("7000.50")})["amount"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html and 'value="7000,50"' in html
    assert "step=" not in html and 'type="number"' not in html


@pytest.mark.django_db
def test_a_budget_line_saves_the_amount_typed_with_a_comma(login, haarlem, broker_haarlem):
    client = login(broker_haarlem)
    response = client.post(reverse("brokers:budget-create"), {
        "organisation": haarlem.pk, "year": 2026, "kind": "economy", "description": "Mandaatbudget",
        "amount": "7.000,50"})
    assert response.status_code == 302, response.context["form"].errors
    line = BudgetLine.objects.get()
    assert line.amount == Decimal("7000.50")
    edit = client.get(reverse("brokers:budget-update", args=[line.pk])).content.decode()
    assert 'value="7000,50"' in edit and 'inputmode="decimal"' in edit

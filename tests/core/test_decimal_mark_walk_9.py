"""User walk 9: an amount typed with the other language's thousands separator ("1.500" on an
English page) was answered "Ensure that there are no more than 2 decimal places.". Grouping in
the page language's style is taken; the other style, which reads as decimals, gets a sentence
that says which mark is for decimals."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext

from impactportal.ui.forms import PortalForm, grouped_the_other_way

POINT = "Gebruik een punt alleen voor decimalen, bijvoorbeeld 1500 of 1500.50."
COMMA = "Gebruik een komma alleen voor decimalen, bijvoorbeeld 1500 of 1500,50."


class MoneyForm(PortalForm):
    amount = forms.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    share = forms.DecimalField(max_digits=7, decimal_places=4, required=False)


def _clean(language, field, typed):
    with translation.override(language):
        form = MoneyForm({"amount": typed if field == "amount" else "1", "share": typed if field == "share" else ""})
        return form.cleaned_data[field] if form.is_valid() else form.errors[field][0]


@pytest.mark.parametrize(("language", "typed", "amount"), [
    ("en", "1,500", Decimal("1500")),
    ("en", "1,500.50", Decimal("1500.50")),
    ("en", "€ 1,500.50", Decimal("1500.50")),
    ("en", "1500.5", Decimal("1500.5")),
    ("nl", "1.500", Decimal("1500")),
    ("nl", "1.500,50", Decimal("1500.50")),
    ("nl", "€ 1.500,50", Decimal("1500.50")),
    ("nl", "1500,5", Decimal("1500.5")),
])
def test_grouping_in_the_page_language_is_taken(language, typed, amount):
    assert _clean(language, "amount", typed) == amount


@pytest.mark.parametrize(("language", "typed", "message"), [
    ("en", "1.500", POINT),
    ("en", "1.500,50", POINT),
    ("en", "1.500.000", POINT),
    ("en", "€ 1.500", POINT),
    ("nl", "1,500", COMMA),
    ("nl", "1,500.50", COMMA),
    ("nl", "1,500,000", COMMA),
])
def test_grouping_the_other_way_says_which_mark_is_for_decimals(language, typed, message):
    with translation.override(language):
        expected = gettext(message)  # the page's language (English once the catalogue has it)
    assert _clean(language, "amount", typed) == expected


@pytest.mark.parametrize(("language", "typed", "message"), [
    ("en", "1.2345", "Ensure that there are no more than 2 decimal places."),  # no group of three
    ("en", "0.500", "Ensure that there are no more than 2 decimal places."),
    ("nl", "0,500", "Zorg dat er niet meer dan 2 cijfers achter de komma staan."),
    ("en", "12,50", "Enter a number."),
])
def test_other_mistakes_keep_their_message(language, typed, message):
    assert _clean(language, "amount", typed) == message


def test_a_field_with_more_decimals_still_reads_them_as_decimals():
    assert _clean("en", "share", "1.500") == Decimal("1.5")
    assert _clean("nl", "share", "1,500") == Decimal("1.5")


def test_the_pattern():
    with translation.override("en"):
        assert grouped_the_other_way("1.500") and grouped_the_other_way("12.500,5")
        assert not grouped_the_other_way("1,500") and not grouped_the_other_way("1.5")
        assert not grouped_the_other_way("0.500") and not grouped_the_other_way("1500.500")
    with translation.override("nl"):
        assert grouped_the_other_way("1,500") and not grouped_the_other_way("1.500")

"""Every amount a portal form asks for says it is in euros: a model form's field backed by a money
field of its model has "€" in its label, by ``money_fields`` (the label gets " (€)") or because
the label names the sign already. A new form that forgets it fails here.

The forms are found by importing every forms module of the apps and walking the subclasses of
the portal's form mixin; the check reads the class (``money_fields`` and the fields' labels), so
forms that need a user, a contract or a bond to be built are checked too."""

import importlib
import pkgutil

from django import forms
from django.db import models

from impactportal.ui.forms import PortalFormMixin, PortalModelForm

APPS = ("brokers", "ecosystem", "enterprises", "financing", "monitoring", "procurement", "impactportal")

# Decimals stored with cents that are no amount of money: a measured value in any unit, a count.
NOT_MONEY = {
    "enterprises.impactindicator.value",
    "financing.impactreport.value",
    "financing.mkbaindicator.count",
}


def is_money(field) -> bool:
    """An amount in euros with cents, as the apps store them (``MONEY``: 14 digits, 2 decimals; the
    brokers' budgets 12). Percentages, fte, months and hours have fewer digits."""
    return (isinstance(field, models.DecimalField) and field.decimal_places == 2 and field.max_digits >= 12
            and f"{field.model._meta.label_lower}.{field.name}" not in NOT_MONEY)


def forms_modules():
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            parts = info.name.split(".")
            if "migrations" not in parts and any(part.startswith("forms") for part in parts[1:]):
                yield importlib.import_module(info.name)
        yield package


def portal_model_forms():
    list(forms_modules())
    seen, todo = set(), [PortalFormMixin]
    while todo:
        klass = todo.pop()
        for sub in klass.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [klass for klass in seen
            if issubclass(klass, forms.ModelForm) and getattr(klass._meta, "model", None) is not None
            and klass.__module__.split(".")[0] in APPS]


def test_the_forms_are_found():
    found = {klass.__name__ for klass in portal_model_forms()}
    assert {"ContractForm", "PropertyForm", "BudgetLineForm", "SpendingForm", "InvestmentForm"} <= found


def test_the_money_fields_are_found():
    from procurement.models import Contract, Realisation

    assert is_money(Contract._meta.get_field("value"))
    assert not is_money(Realisation._meta.get_field("fte"))
    assert not is_money(Realisation._meta.get_field("hours"))


def test_every_money_field_of_a_model_form_says_euro():
    missing = []
    for klass in portal_model_forms():
        model_fields = {field.name: field for field in klass._meta.model._meta.get_fields()}
        for name, form_field in klass.base_fields.items():
            if not is_money(model_fields.get(name)):
                continue
            if name not in klass.money_fields and "€" not in str(form_field.label):
                missing.append(f"{klass.__module__}.{klass.__qualname__}.{name}")
    assert not missing, f"money fields without (€) in their label: {sorted(missing)}"


def test_money_fields_name_fields_of_the_form():
    """A name in ``money_fields`` that is no field of the form labels nothing (a typo)."""
    wrong = [f"{klass.__qualname__}.{name}" for klass in portal_model_forms() for name in klass.money_fields
             if name not in klass.base_fields]
    assert not wrong


def test_a_portal_model_form_without_money_fields_is_caught():
    """The check above can fail: a form of contracts that leaves the value's label alone."""
    from procurement.models import Contract

    class Forgetful(PortalModelForm):
        class Meta:
            model = Contract
            fields = ["value"]

    assert "€" not in str(Forgetful.base_fields["value"].label)
    assert "value" not in Forgetful.money_fields

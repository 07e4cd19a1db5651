"""The change log people read: translated field names, yes/no, no empty-to-empty rows, and
fields a reader may not see left out."""

from decimal import Decimal

import pytest

from impactportal import audit
from impactportal.audit import acting_as
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_history_is_readable_and_hides_what_it_is_told(haarlem, broker_haarlem):
    with acting_as(broker_haarlem):
        enterprise = f.EnterpriseFactory(name="Leesbaar BV", municipality=haarlem, is_published=False)
        enterprise.is_published = True
        enterprise.description = "Nieuw"
        enterprise.save()
    created, changed = audit.history_for(enterprise)[::-1][:2]
    assert created["action"] == 0 and changed["action"] == 1
    labels = {label: (old, new) for label, old, new in changed["changes"]}
    assert ("nee", "ja") in labels.values()  # is_published as a yes/no, not True/False
    assert all(old != new for _label, old, new in changed["changes"])
    assert not any(label in ("id", "created_at", "updated_at") for label, _o, _n in created["changes"])
    hidden = audit.history_for(enterprise, hide=("description",))
    assert all("Nieuw" not in new for entry in hidden for _l, _o, new in entry["changes"])
    assert any(new == "Nieuw" for entry in audit.history_for(enterprise) for _l, _o, new in entry["changes"])


def test_creation_lists_what_was_set_without_unset_flags(haarlem, broker_haarlem):
    """A new row's entry lists its values, not "escalated: no" for every flag left unset; a flag
    that was set at creation, and a flag switched off later, are still shown."""
    with acting_as(broker_haarlem):
        unpublished = f.EnterpriseFactory(name="Nog niet zichtbaar", municipality=haarlem, is_published=False)
        published = f.EnterpriseFactory(name="Al zichtbaar", municipality=haarlem, is_published=True)
        published.is_published = False
        published.save()
    created = audit.history_for(unpublished)[-1]
    assert created["action"] == 0
    assert "nee" not in {new for _label, _old, new in created["changes"]}
    assert "Nog niet zichtbaar" in {new for _label, _old, new in created["changes"]}
    switched_off, created = audit.history_for(published)[:2]
    assert ("ja" in {new for _label, _old, new in created["changes"]})
    assert ("ja", "nee") in {(old, new) for _label, old, new in switched_off["changes"]}


def test_history_names_related_rows_and_choices_and_leaves_out_json(haarlem, amersfoort, broker_haarlem):
    from enterprises.constants import AdmissionStatus

    with acting_as(broker_haarlem):
        enterprise = f.EnterpriseFactory(name="Verhuisd BV", municipality=haarlem)
        enterprise.municipality = amersfoort
        enterprise.admission_status = AdmissionStatus.ADMITTED
        enterprise.save()
    changed = audit.history_for(enterprise)[0]
    values = {new for _label, _old, new in changed["changes"]}
    olds = {old for _label, old, _new in changed["changes"]}
    assert "Gemeente Amersfoort" in values and "Gemeente Haarlem" in olds  # names, not keys
    assert str(AdmissionStatus.ADMITTED.label) in values  # the label, not "admitted"
    assert str(amersfoort.pk) not in values


def test_history_leaves_out_json_fields(haarlem, broker_haarlem, region):
    from tests.procurement import factories as pf

    with acting_as(broker_haarlem):
        pf.rule_set(region=region, name="Regeling ZKIJ")
        contract = pf.contract(organisation=haarlem, by=broker_haarlem)
    labels = {label for entry in audit.history_for(contract) for label, _o, _n in entry["changes"]}
    assert labels and "berekening verplichting" not in labels
    assert all(isinstance(new, str) and not new.startswith(("{", "[{")) for entry in audit.history_for(contract)
               for _l, _o, new in entry["changes"])


def test_history_writes_numbers_and_dates_as_the_page_language_does(haarlem, broker_haarlem):
    from decimal import Decimal

    from django.utils import translation

    from financing.models.mkba import MkbaAnalysis

    with acting_as(broker_haarlem):
        analysis = MkbaAnalysis.objects.create(organisation=haarlem, title="Leerwerkbedrijf", costs=Decimal("185000"),
                                               discount_rate=Decimal("0.0225"), created_by=broker_haarlem)
    with translation.override("nl"):
        labels = {label: new for label, _old, new in audit.history_for(analysis)[0]["changes"]}
        assert labels["kosten (investering)"] == "€\xa0185.000,00" and labels["disconteringsvoet"] == "0,0225"
        assert labels["aangemaakt door"] == str(broker_haarlem)  # a translated field name, not "Created by"
    with translation.override("en"):
        labels = {label: new for label, _old, new in audit.history_for(analysis)[0]["changes"]}
        assert labels["costs (investment)"] == "€185,000.00" and labels["discount rate"] == "0.0225"
    assert audit._formatted("DateField", "2026-03-04") == "04-03-2026"
    assert audit._formatted("DateTimeField", "2026-12-31 23:30:00+00:00") == "01-01-2027 00:30"
    assert audit._formatted("DecimalField", "not a number") == "not a number"
    assert audit._formatted("DateField", "2026-13-01") == "2026-13-01"


@pytest.mark.parametrize(("language", "logged", "shown"), [
    # auditlog logs a moment as naive UTC; the log shows it in Amsterdam time (CET, then CEST).
    ("nl", "2026-12-02 14:17:51.297621", "02-12-2026 15:17"),
    ("en", "2026-12-02 14:17:51.297621", "02/12/2026 15:17"),
    ("nl", "2026-07-01 22:30:00", "02-07-2026 00:30"),
    ("nl", "2026-12-02 14:17:51+00:00", "02-12-2026 15:17"),
    ("nl", "not a moment", "not a moment"),
])
def test_history_writes_moments_in_the_portals_time_zone(language, logged, shown):
    from django.utils import translation

    with translation.override(language):
        assert audit._formatted("DateTimeField", logged) == shown



@pytest.mark.parametrize(("logged", "places", "dutch", "english"), [
    ("7000.5", 2, "7.000,50", "7,000.50"),  # as typed: the field's two decimals
    ("185000", 2, "185.000,00", "185,000.00"),  # as the same field stored: "1200.00" beside "650" read badly
    ("1200.00", 2, "1.200,00", "1,200.00"),
    ("0.0225", 4, "0,0225", "0.0225"),
    ("86.0000", 4, "86", "86"),  # a target, not an amount: "86,0000" read oddly
    ("0.3000", 4, "0,3", "0.3"),
    ("12.5", None, "12,5", "12.5"),
])
def test_an_amount_in_the_log_gets_its_fields_decimals(logged, places, dutch, english):
    """The change log showed "Amount (€): 7,000.5" where the page showed € 7,000.50."""
    from django.utils import translation

    with translation.override("nl"):
        assert audit._formatted("DecimalField", logged, places) == dutch
    with translation.override("en"):
        assert audit._formatted("DecimalField", logged, places) == english


def test_history_writes_amounts_in_euros_and_other_decimals_as_numbers(haarlem, broker_haarlem):
    """An amount reads as the pages write it (€ 2.000.000,00, €2,000,000.00 in English): the log
    wrote "2.000.000,00". Hours with cents stay a number."""
    from django.utils import translation

    from tests.procurement import factories as pf

    pf.rule_set(organisation=haarlem, name="Haarlem eigen")
    with acting_as(broker_haarlem):
        contract = pf.contract(organisation=haarlem, by=broker_haarlem)
        contract.value = Decimal("2000000.00")
        contract.save()
    with translation.override("nl"):
        changed = audit.history_for(contract)[0]
        assert ("€\xa01.000.000,00", "€\xa02.000.000,00") in {(old, new) for _l, old, new in changed["changes"]}
    with translation.override("en"):
        changed = audit.history_for(contract)[0]
        assert ("€1,000,000.00", "€2,000,000.00") in {(old, new) for _l, old, new in changed["changes"]}


def test_a_decimal_is_money_by_its_label_or_its_size_unless_its_model_says_otherwise():
    from django.db import models

    from procurement.models import Contract, Realisation

    assert audit.is_money(Contract._meta.get_field("value"))  # 14 digits, cents
    assert not audit.is_money(Realisation._meta.get_field("hours"))  # 8 digits: hours
    assert not audit.is_money(Contract._meta.get_field("title"))
    # Values in their own unit, cents and fourteen digits like an amount: people, hours, cases.
    from enterprises.measurement.models import ImpactIndicator
    from financing.models import ImpactReport, MkbaIndicator

    for model, name in ((ImpactIndicator, "value"), (ImpactReport, "value"), (MkbaIndicator, "count")):
        assert not audit.is_money(model._meta.get_field(name)), (model, name)
    assert audit.is_money(MkbaIndicator._meta.get_field("value_per_case"))

    class Counted:  # a model that names a count with cents (no model registered for a test)
        audit_not_money = ("cases",)

    def field(name, *args, **kwargs):
        made = models.DecimalField(*args, **kwargs)
        made.name, made.model = name, Counted
        return made

    assert not audit.is_money(field("cases", max_digits=14, decimal_places=2))
    assert audit.is_money(field("fee", "vergoeding (€)", max_digits=6, decimal_places=2))
    assert audit.is_money(field("prize", max_digits=12, decimal_places=2))

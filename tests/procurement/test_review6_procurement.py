"""Review 6 (API and imports): realisations within the contract period, unambiguous payment
amounts and dates in the past, the close action's documentation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from impactportal.ui.import_messages import text as message_text
from procurement import payment_imports, services
from procurement.models import Realisation
from tests.procurement import factories as pf

D = Decimal
pytestmark = pytest.mark.django_db
CONTRACTS = "/api/v1/procurement/contracts/"
HEADER = "kvk-nummer;naam;datum;bedrag excl. btw;kostensoort\n"


@pytest.fixture
def contract(haarlem, broker_haarlem, region, enterprise_haarlem):
    pf.rule_set(region=region, name="Regeling ZKIJ")
    return pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem,
                       award_date=dt.date(2025, 1, 1), end_date=dt.date(2027, 12, 31))


def line(day):
    return {"block": "kennisuren", "date": day, "hours": "10"}


@pytest.mark.parametrize("day, words", [
    ("2020-11-15", "vóór de gunningsdatum"), ("2030-11-15", "na de einddatum"), (None, "in de toekomst")])
def test_a_realisation_outside_the_contract_period_is_refused(api, broker_haarlem, contract, day, words):
    day = day or (timezone.localdate() + dt.timedelta(days=1)).isoformat()  # within the period, ahead
    response = api(broker_haarlem).post(f"{CONTRACTS}{contract.pk}/realisations/", line(day), format="json")
    assert response.status_code == 400 and words in response.json()["date"][0], response.json()
    contract.refresh_from_db()
    assert not Realisation.objects.exists() and contract.reported == 0


def test_a_realisation_within_the_period_is_accepted(api, broker_haarlem, contract):
    response = api(broker_haarlem).post(f"{CONTRACTS}{contract.pk}/realisations/", line("2025-03-01"),
                                        format="json")
    assert response.status_code == 201, response.json()


def test_an_older_line_outside_the_period_stays_correctable_until_its_date_changes(broker_haarlem, contract):
    lined = pf.realisation(contract, "kennisuren", by=broker_haarlem, hours=D("10"))
    Realisation.objects.filter(pk=lined.pk).update(date=dt.date(2020, 1, 1))  # stored before the rule
    lined.refresh_from_db()
    services.realisation_update(realisation=lined, by=broker_haarlem, values={"hours": D("12")})
    with pytest.raises(ValidationError) as caught:
        services.realisation_update(realisation=lined, by=broker_haarlem, values={"date": dt.date(2020, 2, 1)})
    assert "date" in caught.value.message_dict


def test_a_future_payment_is_refused_with_its_line():
    rows, bad = payment_imports.parse(HEADER + "90000001;Goed;2026-01-05;10,00;x\n90000001;Later;2099-01-05;10,00;x\n",
                                      today=dt.date(2026, 12, 5))
    assert [b["line"] for b in bad] == [3] and "toekomst" in message_text(bad[0]["message"])


@pytest.mark.parametrize("text, words", [("1,234", "niet eenduidig"), ("999999999999999999,99", "te groot")])
def test_ambiguous_and_huge_amounts_are_named(text, words):
    assert payment_imports.parse_amount(text) is None
    rows, bad = payment_imports.parse(HEADER + f"90000001;Leverancier;2026-01-05;{text};x\n",
                                      today=dt.date(2026, 12, 5))
    assert rows == [] and bad[0]["line"] == 2 and words in message_text(bad[0]["message"])


def test_a_payment_row_with_an_extra_column_is_reported_not_the_header():
    text = HEADER + "90000001;Goed;2026-01-05;10,00;x\n90000002;Te veel;2026-01-05;10,00;x;extra\n"
    rows, bad = payment_imports.parse(text, today=dt.date(2026, 12, 5))
    assert [b["line"] for b in bad] == [3] and "Meer kolommen" in message_text(bad[0]["message"])


def test_the_close_action_documents_that_it_is_final():
    from procurement.api.contracts import ContractViewSet

    doc = ContractViewSet.close.__doc__
    assert "for good" in doc and "cannot be undone" in doc


def test_a_closed_contract_is_not_changed_any_more(haarlem, broker_haarlem, region):
    """Closing is final, but the contract form could still change the value, and with it the
    obligation the contract was closed with."""
    from procurement.models import Contract

    contract = pf.contract(organisation=haarlem, by=broker_haarlem,
                           rule_set=pf.rule_set(region=region, name="Regeling ZKIJ"))
    services.contract_close(contract=contract, by=broker_haarlem)
    obligation = Contract.objects.get(pk=contract.pk).obligation
    changed = Contract.objects.get(pk=contract.pk)
    changed.value *= 2
    with pytest.raises(ValidationError, match="afgesloten"):
        services.contract_save(contract=changed, by=broker_haarlem)
    assert Contract.objects.get(pk=contract.pk).obligation == obligation

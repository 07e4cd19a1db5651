"""User review 5, procurement: a pending "Anders, met onderbouwing" claim is visible among the
reported (self-declared) figures at its claimed amount, on the contract page, the figures page,
its CSV and the monitoring indicator; the regional CSV has no empty cost-category section; the
rejection reason does not say "verplicht bij afwijzen" twice."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from impactportal.indicators import Period
from procurement import figures, indicators, services
from procurement.models import Contract
from tests import factories as f
from tests.csv_export import csv_rows
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def claim(haarlem, broker_haarlem, region, enterprise_haarlem):
    """A contract with one hours line (€ 400 reported) and an "other" claim of € 2.500 awaiting approval."""
    pf.rule_set(region=region, name="Regeling ZKIJ")
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)
    pf.realisation(contract, "kennisuren", by=broker_haarlem, hours=D("4"), date=dt.date(2025, 3, 1), today=TODAY)
    hours = contract.realisations.get()
    other = pf.realisation(contract, "anders", by=broker_haarlem, amount=D("2500"), justification="Stageplekken",
                           date=dt.date(2025, 3, 10), today=TODAY)
    return {"contract": contract, "other": other, "hours": hours.value}


def test_a_pending_other_claim_counts_as_reported_at_its_claimed_amount(claim, broker_haarlem, haarlem):
    contract = Contract.objects.get(pk=claim["contract"].pk)
    assert claim["other"].value == D("0")  # still worth nothing as a realisation
    assert contract.reported == claim["hours"] + D("2500") and contract.realised == D("0")
    tiles = {t.key: t for t in figures.obligation_figures(broker_haarlem, haarlem, 2025)["tiles"]}
    assert tiles["reported"].value == claim["hours"] + D("2500")
    assert tiles["reported"].basis == "self_declared" and tiles["realised"].value == D("0.00")
    assert "Anders, met onderbouwing" in str(tiles["reported"].source)
    month = figures.obligation_figures(broker_haarlem, haarlem, 2025)["periods"][2]
    assert month["reported"] == claim["hours"] + D("2500") and month["realised"] == D("0.00")


def test_approving_the_claim_moves_it_from_reported_to_realised(claim, broker_haarlem, haarlem):
    services.realisation_assess(realisation=claim["other"], by=broker_haarlem, verify=True, today=TODAY)
    contract = Contract.objects.get(pk=claim["contract"].pk)
    assert contract.reported == claim["hours"] and contract.realised == D("2500.00")
    tiles = {t.key: t.value for t in figures.obligation_figures(broker_haarlem, haarlem, 2025)["tiles"]}
    assert tiles["reported"] == claim["hours"] and tiles["realised"] == D("2500.00")


def test_rejecting_the_claim_takes_it_out_of_reported(claim, broker_haarlem):
    services.realisation_assess(realisation=claim["other"], by=broker_haarlem, verify=False, reason="Geen bewijs",
                                today=TODAY)
    assert Contract.objects.get(pk=claim["contract"].pk).reported == claim["hours"]


def test_contract_page_figures_page_and_csv_show_the_claim(claim, broker_haarlem, login):
    client = login(broker_haarlem)
    page = client.get(claim["contract"].get_absolute_url()).content.decode()
    reported = page[page.index('id="figure-reported"'):page.index('id="figure-remaining"')]
    assert "2.900,00" in reported  # € 400 hours + € 2.500 claim
    assert "Waarvan €\u00a02.500,00 gevraagd in regels" in reported and "wachten op goedkeuring" in reported
    figures_page = client.get(reverse("procurement:figures"), {"year": 2025}).content.decode()
    assert "2.900,00" in figures_page
    rows = csv_rows(client.get(reverse("procurement:figures-export"), {"year": 2025}).content)
    assert ["Gemeld, nog niet geverifieerd", "2900,00", "euro", "zelf opgegeven"] in [row[5:9] for row in rows]
    assert [row[6] for row in rows if row[3] == "2025-03"] == ["0,00", "0,00", "2900,00", "0,00"]


def test_the_monitoring_indicator_counts_the_claim(claim, haarlem):
    start, end = (timezone.make_aware(dt.datetime(2025, month, 1)) for month in (3, 4))
    assert indicators.reported(Period(start, end, "2025-03"))[haarlem.pk] == claim["hours"] + D("2500")


def test_no_claim_waiting_no_note(haarlem, broker_haarlem, region, enterprise_haarlem, login):
    pf.rule_set(region=region, name="Regeling ZKIJ")
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)
    page = login(broker_haarlem).get(contract.get_absolute_url()).content.decode()
    assert 'id="awaiting-approval"' not in page


# --- 2. the regional CSV has no empty cost-category section ---------------------------------------


def test_regional_csv_has_no_cost_category_section(claim, region, login):
    client = login(f.sroi_coordinator(region, "sroi-zkij"))
    response = client.get(reverse("procurement:figures-export"), {"year": 2025})
    rows = csv_rows(response.content)
    assert response.status_code == 200
    assert not any(row and row[0] == "Kostensoorten" for row in rows)
    assert ["Gemeld, nog niet geverifieerd", "2900,00", "euro", "zelf opgegeven"] in [row[5:9] for row in rows]
    assert rows[-1][3] == "2025-12"  # the periods are the last part


def test_municipal_csv_without_payments_says_why_the_section_is_empty(claim, broker_haarlem, login):
    rows = csv_rows(login(broker_haarlem).get(reverse("procurement:figures-export"), {"year": 2025}).content)
    assert rows[-1][0] == "Kostensoorten" and rows[-1][5] == "Er zijn nog geen betalingen over 2025 geïmporteerd."


# --- 3. the rejection reason says "verplicht bij afwijzen" once ----------------------------------


def test_rejection_reason_says_required_once(claim, broker_haarlem, login):
    html = login(broker_haarlem).get(claim["other"].get_absolute_url()).content.decode()
    assert html.lower().count("verplicht bij afwijzen") == 1

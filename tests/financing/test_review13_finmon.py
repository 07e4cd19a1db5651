"""Review 13 (financing and monitoring): the open data does not give a private price away through
a payment's amount and number of outcomes."""

import pytest

from financing import open_data
from financing import services_outcomes as services

from . import outcome_factories as of
from .test_outcomes import verified

pytestmark = pytest.mark.django_db


def test_open_data_leaves_out_the_outcomes_paid_at_a_private_price(haarlem, enterprise_haarlem, ondernemer_1,
                                                                    broker_haarlem):
    """€ 18.517,44 for 3 outcomes read as a price of € 6.172,48 that the contract kept private."""
    contract = of.contract(haarlem, enterprise_haarlem, maximum="100000.00", is_published=True)
    secret = of.metric(contract, name="Geheime prijs", price="6172.48", target=10, price_status="PRIVATE")
    public = of.metric(contract, name="Openbare prijs", price="5000.00", target=10)
    for metric in (secret, public):
        services.claim_pay(claim=verified(metric, ondernemer_1, broker_haarlem, 3), by=broker_haarlem)
    payments = {p["outcome_metric_id"].rsplit("-", 1)[-1]: p for p in open_data.export()["payments"]}
    assert payments[str(secret.pk)]["amount"]["value"] == "18517.44"  # public money stays public
    assert "outcomes_paid" not in payments[str(secret.pk)]
    assert payments[str(public.pk)]["outcomes_paid"]["value"] == 3


def test_a_funds_reported_figures_are_called_gross_not_impact(login, broker_haarlem, haarlem, region,
                                                                enterprise_haarlem):
    """The fund page summed the figures the enterprises report under "Gerapporteerde impact": gross,
    uncorrected results, which the MKBA only calls impact after deadweight, attribution and
    substitution."""
    import datetime as dt
    from decimal import Decimal as D

    from django.urls import reverse

    from financing.models import ImpactFund, ImpactReport, Investment

    fund = ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region)
    loan = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("80000"), kind="loan",
                                     date=dt.date(2025, 3, 1))
    ImpactReport.objects.create(investment=loan, indicator="Banen", unit="personen", value=D("4"),
                                period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31))
    client = login(broker_haarlem)
    for url in (reverse("financing:fund-detail", args=[fund.pk]), reverse("financing:investment-detail",
                                                                             args=[loan.pk])):
        page = client.get(url).content.decode()
        assert "Gerapporteerde impact" not in page
        assert "Gerapporteerde resultaten (bruto)" in page and "dus geen netto-impact" in page


def test_a_contract_with_claims_keeps_provider_periods_and_a_maximum_above_what_was_paid(
        login, broker_haarlem, haarlem, enterprise_haarlem, ondernemer_1):
    """The contract form took a maximum below what was paid, another provider (whose contract the
    payments then seemed to be) and a term that no longer held the claimed periods."""
    from django.urls import reverse

    from financing.models import OutcomeContract
    from tests import factories as f

    contract = of.contract(haarlem, enterprise_haarlem, maximum="30000.00")
    metric = of.metric(contract, price="5000.00", target=10)
    services.claim_pay(claim=verified(metric, ondernemer_1, broker_haarlem, 3), by=broker_haarlem)  # € 15.000
    other = f.EnterpriseFactory(municipality=haarlem)
    url = reverse("financing:outcome-contract-update", args=[contract.pk])
    data = {"organisation": haarlem.pk, "title": contract.title, "provider": other.kvk_number,
            "target_group": contract.target_group, "start_date": "2025-02-01", "end_date": "2025-01-15",
            "maximum": "10000", "maximum_status": "PUBLIC"}
    client = login(broker_haarlem)
    response = client.post(url, {**data, "end_date": "2027-12-31"})
    errors = response.context["form"].errors
    assert response.status_code in (200, 400) and {"maximum", "provider", "start_date"} <= set(errors)
    assert "15.000,00" in str(errors["maximum"])
    response = client.post(url, {**data, "start_date": "2025-01-01", "provider": enterprise_haarlem.kvk_number,
                                 "maximum": "30000"})
    assert set(response.context["form"].errors) == {"end_date"}
    stored = OutcomeContract.objects.get(pk=contract.pk)
    assert (stored.maximum, stored.provider_id, stored.end_date.isoformat()) == (
        contract.maximum, enterprise_haarlem.pk, "2027-12-31")
    response = client.post(url, {**data, "start_date": "2025-01-01", "end_date": "2027-12-31", "maximum": "15000",
                                 "provider": enterprise_haarlem.kvk_number, "title": "Nieuwe titel"})
    assert response.status_code == 302
    assert OutcomeContract.objects.get(pk=contract.pk).maximum == 15000


def test_an_indicator_is_reported_once_per_period(login, broker_haarlem, haarlem, region, enterprise_haarlem):
    """Reported twice over the same half year, "Banen" counted 8 in the fund's totals instead of 4."""
    import datetime as dt
    from decimal import Decimal as D

    from django.urls import reverse

    from financing.models import ImpactFund, ImpactReport, Investment

    fund = ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region)
    loan = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("80000"), kind="loan",
                                     date=dt.date(2025, 1, 1))  # reports start on it at the earliest
    url = reverse("financing:impact-create", args=[loan.pk])
    data = {"indicator": "Banen", "unit": "personen", "value": "4", "period_start": "2025-01-01",
            "period_end": "2025-06-30", "source_status": "measured"}
    client = login(broker_haarlem)
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, "indicator": " banen ", "period_start": "2025-04-01", "period_end": "2025-09-30"})
    assert again.status_code == 400 and "al gerapporteerd" in str(again.context["form"].errors["period_start"])
    assert ImpactReport.objects.count() == 1
    assert client.post(url, {**data, "period_start": "2025-07-01", "period_end": "2025-12-31"}).status_code == 302
    assert client.post(url, {**data, "indicator": "Huishoudens"}).status_code == 302


def test_open_data_does_not_say_a_payment_met_a_private_maximum(haarlem, enterprise_haarlem, ondernemer_1,
                                                                 broker_haarlem):
    """"capped": true beside the payments' total gave the private contract maximum away."""
    contract = of.contract(haarlem, enterprise_haarlem, maximum="12000.00", maximum_status="PRIVATE",
                           is_published=True)
    metric = of.metric(contract, price="5000.00", target=10)
    services.claim_pay(claim=verified(metric, ondernemer_1, broker_haarlem, 3), by=broker_haarlem)
    data = open_data.export()
    assert "max_outcome_payment" not in data["projects"][0]
    [payment] = data["payments"]
    assert payment["amount"]["value"] == "12000.00" and "capped" not in payment

"""An investment stays with its enterprise once repayments or impact are recorded, and a bond's
realised outcome payment is checked again under the bond's and the contract's locks."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from financing import services_outcomes as services
from financing.forms.outcomes import BondCashFlowForm
from financing.models import BondCashFlow, CashFlowKind, CashFlowStatus, ImpactFund, Investment, Repayment
from tests import factories as f

from . import outcome_factories as of
from .test_outcomes import verified

pytestmark = pytest.mark.django_db


def test_an_investment_with_repayments_stays_with_its_enterprise(login, haarlem, enterprise_haarlem,
                                                                 broker_haarlem):
    fund = ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, capital=D("1000000"))
    loan = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("100000"),
                                     date=dt.date(2025, 1, 15))
    other = f.EnterpriseFactory(name="Andere onderneming", municipality=haarlem)
    url = reverse("financing:investment-update", args=[loan.pk])
    body = {"enterprise": other.kvk_number, "kind": "loan", "amount": "100000", "date": "2025-01-15"}
    client = login(broker_haarlem)
    assert not client.get(url).context["form"].fields["enterprise"].disabled  # a typo is corrected before
    Repayment.objects.create(investment=loan, date=dt.date(2025, 6, 1), amount=D("20000"))
    assert client.get(url).context["form"].fields["enterprise"].disabled
    assert client.post(url, body).status_code == 302  # the other fields are saved
    loan.refresh_from_db()
    assert loan.enterprise_id == enterprise_haarlem.pk


def test_a_realised_outcome_payment_is_checked_again_when_it_is_stored(haarlem, enterprise_haarlem, ondernemer_1,
                                                                       broker_haarlem, login):
    contract = of.contract(haarlem, enterprise_haarlem, maximum="30000.00")
    metric = of.metric(contract, price="5000.00", target=10)
    services.claim_pay(claim=verified(metric, ondernemer_1, broker_haarlem, 3), by=broker_haarlem)  # € 15.000
    bond = of.bond(contract)
    data = {"period": "2025-04-01", "kind": CashFlowKind.OUTCOME_PAYMENT, "status": CashFlowStatus.REALISED,
            "amount": "15000"}
    form = BondCashFlowForm(data, bond=bond, user=broker_haarlem, instance=BondCashFlow(bond=bond))
    assert form.is_valid(), form.errors
    # Another broker records the same payment meanwhile (it passed the same check).
    BondCashFlow.objects.create(bond=bond, period=dt.date(2025, 4, 1), kind=CashFlowKind.OUTCOME_PAYMENT,
                                status=CashFlowStatus.REALISED, amount=D("15000"))
    with pytest.raises(ValidationError) as refused:
        services.cash_flow_add(cash_flow=form.instance, by=broker_haarlem)
    assert "status" in refused.value.message_dict
    assert bond.cash_flows.filter(status=CashFlowStatus.REALISED).count() == 1
    # The page's path stores through the service: a planned payment still goes in.
    response = login(broker_haarlem).post(reverse("financing:bond-cash-flow-create", args=[bond.pk]),
                                          {**data, "status": CashFlowStatus.PLANNED})
    assert response.status_code == 302
    assert bond.cash_flows.filter(status=CashFlowStatus.PLANNED, amount=D("15000")).exists()


def test_the_fund_list_counts_repaid_capital_as_the_fund_page_does(login, api, haarlem, enterprise_haarlem,
                                                                   broker_haarlem):
    """Capital back beyond an investment's amount is no repayment of it (the page and the API call
    it overpaid); the list summed every repayment. Older data can hold such repayments."""
    fund = ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, capital=D("1000000"))
    over = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("100000"),
                                     date=dt.date(2025, 1, 15))
    Repayment.objects.create(investment=over, date=dt.date(2025, 6, 1), amount=D("120000"))
    part = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("50000"),
                                     date=dt.date(2025, 2, 1))
    Repayment.objects.create(investment=part, date=dt.date(2025, 6, 1), amount=D("10000"))
    Repayment.objects.create(investment=part, date=dt.date(2025, 9, 1), amount=D("5000"))
    Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("25000"), date=dt.date(2025, 3, 1))
    client = login(broker_haarlem)
    listed = client.get(reverse("financing:fund-list")).context["table"].data.data.get(pk=fund.pk)
    shown = client.get(reverse("financing:fund-detail", args=[fund.pk])).context["figures"].repaid
    assert listed.repaid_amount == shown == D("115000.00")
    assert D(api(broker_haarlem).get(reverse("financing-funds-detail", args=[fund.pk])).data["figures"]["repaid"]) \
        == D("115000.00")


def test_open_data_dates_a_payment_by_the_dutch_day(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem):
    """A payment at 00:30 on 1 January (Amsterdam) was published as paid on 31 December (the UTC
    day): readers of the export counted it in the year before the portal's figures did."""
    from django.utils import timezone

    from financing import open_data
    from financing.models import OutcomePayment

    contract = of.contract(haarlem, enterprise_haarlem, maximum="30000.00", is_published=True)
    metric = of.metric(contract, price="5000.00", target=10)
    payment, _created = services.claim_pay(claim=verified(metric, ondernemer_1, broker_haarlem, 3), by=broker_haarlem)
    OutcomePayment.objects.filter(pk=payment.pk).update(paid_at=timezone.make_aware(dt.datetime(2026, 1, 1, 0, 30)))
    published = open_data.export()["payments"]
    assert [row["date"]["value"] for row in published] == ["2026-01-01"]


@pytest.mark.parametrize(("share", "shown"), [
    ("0.1250", "13%"), ("0.1450", "15%"), ("0.2850", "29%"), ("0.0050", "1%"), ("0.0049", "0%"), ("1", "100%"),
    ("0", "0%"), (None, ""), ("", ""), ("abc", ""),
])
def test_a_share_is_written_as_the_portfolio_rounds_it(share, shown):
    from financing.templatetags.financing_instruments import percent

    assert percent(None if share is None else (D(share) if share not in ("", "abc") else share)) == shown


def test_the_need_page_and_the_dashboard_say_the_same_percentage():
    from financing import portfolio
    from financing.templatetags.financing_instruments import percent

    coverage = portfolio.coverage(D("8000"), [(D("1000"), "granted")])
    assert percent(coverage.covered_share) == f"{coverage.covered_percent}%" == "13%"

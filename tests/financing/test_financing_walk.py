"""The walk through financing: repayments beyond the loan or outside its dates, investments beyond
the fund's capital or in the future, a need amount typed with "€", a mix component's missing
source said once."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from financing import services_instruments as services
from financing.models import FinancingNeed, ImpactFund, Investment, MixComponent, Repayment

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(haarlem, region):
    return ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region,
                                     capital=D("2000000"))


@pytest.fixture
def loan(fund, enterprise_haarlem):
    """The walk's loan: € 150.000 from 15-01-2026, € 52.000 repaid, € 98.000 outstanding."""
    loan = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("150000"), kind="loan",
                                     date=dt.date(2026, 1, 15))
    Repayment.objects.create(investment=loan, date=dt.date(2026, 3, 1), amount=D("52000"), interest=D("0"))
    return loan


def repay(client, loan, **data):
    return client.post(reverse("financing:repayment-create", args=[loan.pk]),
                       {"date": "2026-06-01", "amount": "0", "interest": "0", **data})


# --- 1. repayments ----------------------------------------------------------------------------


def test_a_repayment_beyond_what_is_outstanding_is_refused_naming_the_outstanding(login, broker_haarlem, loan):
    response = repay(login(broker_haarlem), loan, amount="500000")
    assert response.status_code == 400
    message = " ".join(response.context["form"].errors["amount"])
    assert "€\u00a098.000,00" in message
    assert loan.repayments.count() == 1


def test_the_exact_outstanding_amount_and_any_interest_are_accepted(login, broker_haarlem, loan):
    response = repay(login(broker_haarlem), loan, amount="98.000,00", interest="402000")
    assert response.status_code == 302
    assert loan.repayments.count() == 2
    response = repay(login(broker_haarlem), loan, amount="0,01")
    assert response.status_code == 400 and "€\u00a00,00" in " ".join(response.context["form"].errors["amount"])
    response = repay(login(broker_haarlem), loan, interest="500")  # interest only, on a repaid loan
    assert response.status_code == 302


@pytest.mark.parametrize("date", ["2020-01-01", "2030-01-01"])
def test_a_repayment_before_the_investment_or_in_the_future_is_refused(login, broker_haarlem, loan, date):
    response = repay(login(broker_haarlem), loan, date=date, amount="1000")
    assert response.status_code == 400
    assert "date" in response.context["form"].errors
    assert loan.repayments.count() == 1


def test_the_service_checks_the_outstanding_amount_on_the_locked_investment(broker_haarlem, loan):
    with pytest.raises(services.ValidationError) as raised:
        services.repayment_add(investment=loan, by=broker_haarlem,
                               repayment=Repayment(date=dt.date(2026, 6, 1), amount=D("98000.01")))
    assert "amount" in raised.value.message_dict
    services.repayment_add(investment=loan, by=broker_haarlem,
                           repayment=Repayment(date=dt.date(2026, 6, 1), amount=D("98000")))
    assert sum(r.amount for r in loan.repayments.all()) == D("150000")


def test_older_overpaid_data_is_shown_as_such_not_as_interest(login, broker_haarlem, fund, loan):
    Repayment.objects.create(investment=loan, date=dt.date(2026, 6, 1), amount=D("500000"), interest=D("5150"))
    page = login(broker_haarlem).get(reverse("financing:fund-figures")).content.decode()
    assert "daarnaast €\u00a05.150,00 rente of rendement" in page  # the interest, not 407.150
    assert "€\u00a0402.000,00 is als aflossing vastgelegd boven het bedrag" in page
    page = login(broker_haarlem).get(reverse("financing:investment-detail", args=[loan.pk])).content.decode()
    assert 'id="investment-overpaid">€\u00a0402.000,00' in page


# --- 2. investments ---------------------------------------------------------------------------


def invest(client, fund, enterprise, **data):
    return client.post(reverse("financing:investment-create", args=[fund.pk]), {
        "enterprise": enterprise.pk, "kind": "loan", "amount": "100000", "date": "2026-01-15", **data})


def test_an_investment_beyond_the_funds_capital_asks_for_a_confirmation(login, broker_haarlem, fund, loan,
                                                                        enterprise_haarlem):
    client = login(broker_haarlem)
    response = invest(client, fund, enterprise_haarlem, amount="3.000.000")
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"confirm_over_capital"}
    assert "€\u00a01.850.000,00" in " ".join(form.errors["confirm_over_capital"])  # 2.000.000 − 150.000
    assert 'name="confirm_over_capital"' in response.content.decode()
    assert fund.investments.count() == 1
    response = invest(client, fund, enterprise_haarlem, amount="3.000.000", confirm_over_capital="on")
    assert response.status_code == 302
    assert fund.investments.count() == 2


def test_an_investment_within_the_capital_shows_no_confirmation(login, broker_haarlem, fund, loan,
                                                                 enterprise_haarlem):
    response = invest(login(broker_haarlem), fund, enterprise_haarlem, amount="1850000", date="geen datum")
    assert set(response.context["form"].errors) == {"date"}
    assert 'name="confirm_over_capital"' not in response.content.decode()
    assert invest(login(broker_haarlem), fund, enterprise_haarlem, amount="1850000").status_code == 302


def test_changing_an_investment_counts_the_others_only(login, broker_haarlem, fund, loan):
    url = reverse("financing:investment-update", args=[loan.pk])
    data = {"enterprise": loan.enterprise_id, "kind": "loan", "date": "2026-01-15"}
    assert login(broker_haarlem).post(url, {**data, "amount": "2000000"}).status_code == 302
    response = login(broker_haarlem).post(url, {**data, "amount": "2000000,01"})
    assert set(response.context["form"].errors) == {"confirm_over_capital"}


def test_an_investment_in_the_future_is_refused(login, broker_haarlem, fund, enterprise_haarlem):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = invest(login(broker_haarlem), fund, enterprise_haarlem, date=tomorrow.isoformat())
    assert response.status_code == 400
    assert "date" in response.context["form"].errors
    assert not fund.investments.exists()


# --- 3. a need amount typed with "€" ------------------------------------------------------------


def test_a_need_amount_typed_with_the_euro_sign_is_accepted(login, broker_haarlem, enterprise_haarlem):
    response = login(broker_haarlem).post(reverse("financing:need-create"), {
        "enterprise": enterprise_haarlem.pk, "purpose": "Tweede werkplaats", "amount": "€ 20.000,00",
        "horizon_months": "12"})
    assert response.status_code == 302
    assert FinancingNeed.objects.get(purpose="Tweede werkplaats").amount == D("20000")


def test_the_money_fields_of_financing_say_euro_in_their_label(login, broker_haarlem, enterprise_haarlem):
    page = login(broker_haarlem).get(reverse("financing:need-create")).content.decode()
    assert "Benodigd bedrag (€)" in page


# --- 4. a mix component without a source ------------------------------------------------------


def test_a_component_without_a_source_says_so_once(login, broker_haarlem, enterprise_haarlem):
    need = FinancingNeed.objects.create(enterprise=enterprise_haarlem, purpose="Bakfiets", amount=D("8000"))
    response = login(broker_haarlem).post(reverse("financing:component-create", args=[need.pk]),
                                          {"amount": "1000", "status": "idea"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"instrument": ["Kies een instrument of noem een andere bron."]}
    assert response.content.decode().count("Kies een instrument of noem een andere bron.") == 2  # summary + field
    assert not MixComponent.objects.exists()


def test_a_changed_investment_keeps_its_repayments_within_amount_and_dates(login, broker_haarlem, loan):
    url = reverse("financing:investment-update", args=[loan.pk])
    data = {"enterprise": loan.enterprise_id, "kind": "loan"}
    response = login(broker_haarlem).post(url, {**data, "amount": "51999", "date": "2026-03-02"})
    errors = response.context["form"].errors
    assert "€\u00a052.000,00" in " ".join(errors["amount"]) and "01-03-2026" in " ".join(errors["date"])
    loan.refresh_from_db()
    assert loan.amount == D("150000") and loan.date == dt.date(2026, 1, 15)
    assert login(broker_haarlem).post(url, {**data, "amount": "52000", "date": "2026-03-01"}).status_code == 302

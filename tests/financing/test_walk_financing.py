"""A walkthrough of financing (impact funds, outcome contracts, social impact bonds): dates without
limits, rules the page kept but the model and the API did not, names unique across organisations,
figures that split one indicator in two, a chart that split one month in two. Each rule lives in
the model or the service, so the form, the admin and the API agree; bad input gets a Dutch field
error and changes nothing."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from financing import portfolio
from financing import services_instruments as fund_services
from financing import services_outcomes as services
from financing.models import (
    BondCashFlow,
    BondInvestor,
    BondPayer,
    CashFlowKind,
    CashFlowStatus,
    ClaimStatus,
    ImpactFund,
    ImpactReport,
    Investment,
    OutcomeContract,
    OutcomeMetric,
    Repayment,
    SocialImpactBond,
)
from tests import factories as f

from . import outcome_factories as of
from .test_outcomes import verified

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


@pytest.fixture
def fund(haarlem, region):
    return ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region,
                                     capital=D("500000"))


@pytest.fixture
def loan(fund, enterprise_haarlem):
    return Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("80000"), kind="loan",
                                     date=dt.date(2025, 3, 1))


@pytest.fixture
def contract(haarlem, enterprise_haarlem):
    return of.contract(haarlem, enterprise_haarlem, maximum="30000.00")


@pytest.fixture
def bond(contract):
    return of.bond(contract)  # the bank (€ 400.000 committed) and the Oranje Fonds (€ 250.000)


def _errors(response):
    return {name: " ".join(str(m) for m in messages) for name, messages in response.context["form"].errors.items()}


# --- 1. impact reports: the period lies between the investment and today --------------------------


@pytest.mark.parametrize("start, end, field", [
    ("2025-01-01", "2025-06-30", "period_start"),  # before the investment (01-03-2025)
    ("2025-03-01", "2099-12-31", "period_end"),  # results are reported afterwards
    ("1985-01-01", "1985-06-30", "period_start"),  # a typo of the year
])
def test_an_impact_reports_period_lies_between_the_investment_and_today(login, broker_haarlem, loan, start, end,
                                                                        field):
    response = login(broker_haarlem).post(reverse("financing:impact-create", args=[loan.pk]), {
        "indicator": "Banen", "unit": "personen", "value": "4", "period_start": start, "period_end": end,
        "source_status": "measured"})
    assert response.status_code == 400
    assert _errors(response)[field]
    assert not ImpactReport.objects.exists()


def test_the_impact_service_refuses_a_period_before_the_investment_too(broker_haarlem, loan):
    """The rule is the model's: the service (and so any other caller) refuses it as the page does."""
    report = ImpactReport(indicator="Banen", value=D("4"), period_start=dt.date(2025, 1, 1),
                          period_end=dt.date(2025, 6, 30))
    with pytest.raises(ValidationError) as refused:
        fund_services.impact_report_add(investment=loan, report=report, by=broker_haarlem)
    assert "01-03-2025" in " ".join(refused.value.message_dict["period_start"])
    report = ImpactReport(indicator="Banen", value=D("4"), period_start=dt.date(2025, 3, 1),
                          period_end=_today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        fund_services.impact_report_add(investment=loan, report=report, by=broker_haarlem)
    assert "period_end" in refused.value.message_dict
    assert not ImpactReport.objects.exists()


# --- 2. one indicator, however it is spelled --------------------------------------------------


def test_fund_totals_take_an_indicator_in_any_capitals_and_spaces_as_one():
    """The service refuses a second report of "banen in dienst" over the same period (it compares
    case-insensitively), but the totals showed "Banen in dienst" and "banen in dienst" as two lines."""
    line = portfolio.ImpactLine
    totals = portfolio.portfolio([], [
        line("Banen in dienst", "personen", D("3"), "measured", investment=1),
        line("banen  in Dienst ", "Personen", D("2"), "self_declared", investment=2),
        line("Banen in dienst", "personen", D("1"), "estimated", investment=3),
    ]).impact
    assert len(totals) == 1
    [total] = totals
    assert (total.indicator, total.unit) == ("Banen in dienst", "personen")  # the most common spelling
    assert (total.total, total.measured, total.self_declared, total.estimated, total.reports) == (
        D("6"), D("3"), D("2"), D("1"), 3)


# --- 3. dates within the portal's bounds --------------------------------------------------------


def test_an_investment_is_not_dated_before_1990(login, broker_haarlem, fund, enterprise_haarlem):
    response = login(broker_haarlem).post(reverse("financing:investment-create", args=[fund.pk]), {
        "enterprise": enterprise_haarlem.pk, "kind": "loan", "amount": "1000", "date": "1899-01-01"})
    assert response.status_code == 400
    assert "1990" in _errors(response)["date"]
    assert not Investment.objects.exists()


@pytest.mark.parametrize("change, field", [
    ({"start_date": "1985-01-01"}, "start_date"),
    ({"end_date": "2199-12-31"}, "end_date"),
])
def test_an_outcome_contracts_term_is_bounded_in_the_api_too(api, contract, broker_haarlem, change, field):
    response = api(broker_haarlem).patch(reverse("financing-outcome-contracts-detail", args=[contract.pk]), change,
                                         format="json")
    assert response.status_code == 400, response.content
    assert response.json()[field]
    stored = OutcomeContract.objects.get(pk=contract.pk)
    assert (stored.start_date, stored.end_date) == (dt.date(2025, 1, 1), dt.date(2027, 12, 31))


def test_an_outcome_contract_starts_at_most_five_years_ahead(contract):
    contract.start_date = _today().replace(year=_today().year + 6, day=1)
    contract.end_date = contract.start_date.replace(year=contract.start_date.year + 2)
    with pytest.raises(ValidationError) as refused:
        contract.full_clean()
    assert set(refused.value.message_dict) == {"start_date"}


def test_a_claims_period_is_not_before_1990(haarlem, enterprise_haarlem, ondernemer_1):
    """A contract of older data (or typed before the bound) ran from 1980: its claims still start in 1990."""
    old = OutcomeContract.objects.create(organisation=haarlem, provider=enterprise_haarlem, title="Oud",
                                         target_group="Jongeren", start_date=dt.date(1980, 1, 1),
                                         end_date=dt.date(2030, 12, 31), maximum=D("10000"))
    metric = of.metric(old)
    errors = services.claim_errors(contract=old, metric=metric, period_start=dt.date(1985, 1, 1),
                                   period_end=dt.date(1985, 3, 31), claimed_count=1)
    assert "1990" in errors["period_start"]
    with pytest.raises(ValidationError):
        services.claim_submit(contract=old, metric=metric, period_start=dt.date(1985, 1, 1),
                              period_end=dt.date(1985, 3, 31), claimed_count=1, by=ondernemer_1)
    assert not metric.claims.exists()


@pytest.mark.parametrize("period, status", [
    (dt.date(1985, 1, 1), CashFlowStatus.PLANNED),  # a typo of the year
    ("next month", CashFlowStatus.REALISED),  # realised money has moved: not in the future
    ("in 20 years", CashFlowStatus.PLANNED),  # a forecast beyond any bond's life
])
def test_a_bonds_cash_flow_is_dated_within_bounds(login, broker_haarlem, bond, period, status):
    today = _today()
    period = {"next month": (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1),
              "in 20 years": today.replace(year=today.year + 20, day=1)}.get(period, period)
    before = bond.cash_flows.count()
    response = login(broker_haarlem).post(reverse("financing:bond-cash-flow-create", args=[bond.pk]), {
        "period": period.isoformat(), "kind": CashFlowKind.RETURN, "status": status, "amount": "100"})
    assert response.status_code == 400
    assert _errors(response)["period"]
    assert bond.cash_flows.count() == before
    with pytest.raises(ValidationError):  # the model's rule: the admin and any service alike
        BondCashFlow(bond=bond, period=period, kind=CashFlowKind.RETURN, status=status, amount=D("100")).full_clean()


# --- 4. a fund's capital below what it invested -------------------------------------------------


def test_a_capital_below_what_is_invested_needs_confirmation(login, broker_haarlem, fund, loan, haarlem):
    """As the investment form asks to confirm an amount beyond the free capital, the fund form asks
    to confirm a capital below what the fund already invested (€ 80.000): 50.000 for 500.000."""
    url = reverse("financing:fund-update", args=[fund.pk])
    data = {"name": fund.name, "organisation": haarlem.pk, "capital": "50000", "description": ""}
    client = login(broker_haarlem)
    assert 'name="confirm_below_invested"' not in client.get(url).content.decode()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "80.000,00" in _errors(response)["confirm_below_invested"]
    assert ImpactFund.objects.get(pk=fund.pk).capital == D("500000")
    assert client.post(url, {**data, "confirm_below_invested": "on"}).status_code == 302
    assert ImpactFund.objects.get(pk=fund.pk).capital == D("50000")
    assert client.post(url, {**data, "capital": "90000"}).status_code == 302  # above: nothing to confirm


# --- 5. a price and a maximum of € 0 --------------------------------------------------------


def test_a_price_or_maximum_of_zero_is_refused_like_a_cap_below_one_price(api, contract, broker_haarlem):
    """A cap below one price was refused because it could never pay an outcome; a price of € 0 or a
    contract maximum of € 0 pays nothing either, and each € 0 payment then read "niet betaald:
    plafond bereikt" without any ceiling. So both are refused the same way: more than € 0."""
    metric = OutcomeMetric(contract=contract, name="Gratis", definition="x", unit="persoon", price=D("0"), target=5,
                           validation_method="x", data_source="x")
    with pytest.raises(ValidationError) as refused:
        metric.full_clean()
    assert "groter dan nul" in " ".join(refused.value.message_dict["price"])
    response = api(broker_haarlem).patch(reverse("financing-outcome-contracts-detail", args=[contract.pk]),
                                         {"maximum": "0.00"}, format="json")
    assert response.status_code == 400 and "groter dan nul" in response.json()["maximum"][0]
    assert OutcomeContract.objects.get(pk=contract.pk).maximum == D("30000.00")


def test_a_zero_price_of_older_data_is_paid_not_called_capped(contract, ondernemer_1, broker_haarlem):
    """"Niet betaald: plafond bereikt" only where a ceiling held the money back."""
    free = of.metric(contract, name="Oude maat", price="0.00", target=10)  # stored before the rule
    payment, _created = services.claim_pay(claim=verified(free, ondernemer_1, broker_haarlem, 2), by=broker_haarlem)
    assert (payment.amount, payment.capped_by) == (D("0.00"), "")
    assert payment.claim.status == ClaimStatus.PAID
    capped = of.metric(contract, name="Begrensd", price="5000.00", target=10, cap="5000.00")
    services.claim_pay(claim=verified(capped, ondernemer_1, broker_haarlem, 1, month=2), by=broker_haarlem)
    payment, _created = services.claim_pay(claim=verified(capped, ondernemer_1, broker_haarlem, 1, month=3),
                                           by=broker_haarlem)
    assert (payment.amount, payment.capped_by, payment.claim.status) == (
        D("0.00"), "metric_cap", ClaimStatus.NOT_PAID_CAPPED)


# --- 6. a bond's payers -----------------------------------------------------------------------


def test_the_payer_form_offers_neither_the_commissioner_nor_a_payer_twice(login, broker_haarlem, bond, haarlem):
    heemstede = f.OrganisationFactory(name="Gemeente Heemstede", slug="heemstede")
    zandvoort = f.OrganisationFactory(name="Gemeente Zandvoort", slug="zandvoort")
    BondPayer.objects.create(bond=bond, organisation=heemstede, committed=D("1000"))
    url = reverse("financing:bond-payer-create", args=[bond.pk])
    client = login(broker_haarlem)
    offered = set(client.get(url).context["form"].fields["organisation"].queryset)
    assert zandvoort in offered and heemstede not in offered and haarlem not in offered
    for organisation in (heemstede, haarlem):
        response = client.post(url, {"organisation": organisation.pk, "committed": "500"})
        assert response.status_code == 400 and "organisation" in response.context["form"].errors
        assert "Deze gegevens staan er al" not in response.content.decode()
    assert bond.payers.count() == 1


@pytest.mark.parametrize("who, message", [("commissioner", "opdrachtgever"), ("payer", "al betaler")])
def test_the_payer_service_refuses_them_on_the_organisation_field(broker_haarlem, bond, haarlem, who, message):
    heemstede = f.OrganisationFactory(name="Gemeente Heemstede", slug="heemstede")
    BondPayer.objects.create(bond=bond, organisation=heemstede, committed=D("1000"))
    organisation = haarlem if who == "commissioner" else heemstede
    with pytest.raises(ValidationError) as refused:
        services.payer_add(payer=BondPayer(bond=bond, organisation=organisation, committed=D("500")),
                           by=broker_haarlem)
    assert message in " ".join(refused.value.message_dict["organisation"])
    assert bond.payers.count() == 1


# --- 7. a bond's investors and their money ---------------------------------------------------------


def test_a_realised_inflow_stays_within_the_investors_commitment(login, broker_haarlem, bond):
    bank = bond.investors.get(kind="bank")  # € 400.000 committed
    url = reverse("financing:bond-cash-flow-create", args=[bond.pk])
    data = {"period": "2025-02-01", "kind": CashFlowKind.INVESTMENT, "status": CashFlowStatus.REALISED,
            "investor": bank.pk, "amount": "300000"}
    client = login(broker_haarlem)
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "amount": "100000.01"})  # € 400.000,01 realised
    assert response.status_code == 400
    assert "400.000,00" in _errors(response)["amount"]
    # The service asks it again (two brokers at once, or another caller).
    flow = BondCashFlow(bond=bond, period=dt.date(2025, 2, 1), kind=CashFlowKind.INVESTMENT,
                        status=CashFlowStatus.REALISED, investor=bank, amount=D("100000.01"))
    with pytest.raises(ValidationError) as refused:
        services.cash_flow_add(cash_flow=flow, by=broker_haarlem)
    assert "amount" in refused.value.message_dict
    assert client.post(url, {**data, "amount": "100000"}).status_code == 302  # exactly what was committed
    # Without an investor named: within what the investors committed together (€ 650.000).
    response = client.post(url, {**data, "investor": "", "amount": "250000.01"})
    assert response.status_code == 400 and "650.000,00" in _errors(response)["amount"]


def test_delivery_costs_name_no_investor(login, broker_haarlem, bond):
    bank = bond.investors.get(kind="bank")
    response = login(broker_haarlem).post(reverse("financing:bond-cash-flow-create", args=[bond.pk]), {
        "period": "2025-02-01", "kind": CashFlowKind.DELIVERY, "status": CashFlowStatus.REALISED,
        "investor": bank.pk, "amount": "1000"})
    assert response.status_code == 400 and "aanbieder" in _errors(response)["investor"]
    assert not bond.cash_flows.filter(kind=CashFlowKind.DELIVERY).exists()


def test_two_investors_of_one_bond_have_different_names(login, broker_haarlem, bond, contract):
    response = login(broker_haarlem).post(reverse("financing:bond-investor-create", args=[bond.pk]), {
        "name": "  oranje   FONDS ", "kind": "fund", "committed_capital": "1000", "return_if_met": "2",
        "terms_status": "PRIVATE"})
    assert response.status_code == 400
    assert _errors(response)["name"] == "Deze social impact bond heeft al een investeerder met deze naam."
    assert bond.investors.count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():  # the database too
        BondInvestor.objects.create(bond=bond, name="ORANJE FONDS", kind="fund", committed_capital=D("1"),
                                    return_if_met=D("0"))
    # Another bond may have an investor by that name.
    other = SocialImpactBond.objects.create(contract=of.contract(contract.organisation, contract.provider,
                                                                 title="Ander"), name="Andere SIB")
    BondInvestor.objects.create(bond=other, name="Oranje Fonds", kind="fund", committed_capital=D("1"),
                                return_if_met=D("0"))


# --- 8. the bond's chart -------------------------------------------------------------------------


def test_the_bond_chart_has_one_bar_per_month_and_keeps_forecasts_apart(login, broker_haarlem, bond):
    bank = bond.investors.get(kind="bank")
    for day, amount, status in ((1, "100", CashFlowStatus.REALISED), (15, "50", CashFlowStatus.REALISED),
                                (20, "25", CashFlowStatus.PLANNED)):
        BondCashFlow.objects.create(bond=bond, period=dt.date(2025, 3, day), kind=CashFlowKind.INVESTMENT,
                                    investor=bank, status=status, amount=D(amount))
    chart = login(broker_haarlem).get(bond.get_absolute_url()).context["chart"]
    assert chart["labels"] == ["01-2025", "03-2025"]  # the table's months; 01-03 and 15-03 are one bar
    series = {dataset["label"]: dataset["data"] for dataset in chart["datasets"]}
    assert series == {"inleg investeerders (gerealiseerd)": [0.0, 150.0],
                      "inleg investeerders (gepland)": [650000.0, 25.0]}


# --- 9. the steering group and a fund's page -------------------------------------------------------


def test_the_steering_group_is_refused_a_funds_page_it_knows_from_the_figures(login, stuurgroep, fund, amersfoort):
    """It reads the fund's name and totals on the figures page: the fund's own page, with the
    investments one by one, is not for its role (403, saying where the totals are), not "no such
    page" (404). A fund outside its programme stays a 404."""
    other = ImpactFund.objects.create(name="Fonds Amersfoort", organisation=amersfoort)
    client = login(stuurgroep)
    assert fund.name in client.get(reverse("financing:fund-figures")).content.decode()
    response = client.get(reverse("financing:fund-detail", args=[fund.pk]))
    assert response.status_code == 403 and "Fondscijfers" in response.content.decode()
    assert client.get(reverse("financing:fund-detail", args=[other.pk])).status_code == 404


# --- 10. a fund's name, unique per organisation ------------------------------------------------------


def test_a_funds_name_is_unique_per_organisation_only(login, broker_haarlem, haarlem, amersfoort):
    ImpactFund.objects.create(name="Stadsfonds", organisation=amersfoort)
    url = reverse("financing:fund-create")
    client = login(broker_haarlem)
    assert client.post(url, {"name": "Stadsfonds", "organisation": haarlem.pk}).status_code == 302
    response = client.post(url, {"name": "stadsfonds ", "organisation": haarlem.pk})
    assert response.status_code == 200
    assert _errors(response) == {"name": "U hebt al een fonds met deze naam."}
    assert "Amersfoort" not in response.content.decode()
    assert ImpactFund.objects.filter(organisation=haarlem).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactFund.objects.create(name="STADSFONDS", organisation=haarlem)


# --- 11. the reason of a verification -----------------------------------------------------------


def test_the_verify_form_says_when_a_reason_is_needed():
    from financing.forms.outcomes import VerifyForm

    html = str(VerifyForm()["reason"].label_tag()) + VerifyForm().render()
    assert "verplicht als u niet alles accepteert" in html
    assert "optioneel" not in html


# --- 12. a repayment: principal, interest or both ---------------------------------------------------


def test_a_repayment_needs_principal_or_interest_not_both(login, broker_haarlem, loan):
    url = reverse("financing:repayment-create", args=[loan.pk])
    client = login(broker_haarlem)
    assert client.post(url, {"date": "2025-06-01", "interest": "1400"}).status_code == 302
    assert client.post(url, {"date": "2025-07-01", "amount": "8000"}).status_code == 302
    assert sorted(loan.repayments.values_list("amount", "interest")) == [
        (D("0.00"), D("1400.00")), (D("8000.00"), D("0.00"))]
    response = client.post(url, {"date": "2025-08-01"})
    assert response.status_code == 400 and "rente" in _errors(response)["amount"]
    with pytest.raises(ValidationError):  # the model's rule
        Repayment(investment=loan, date=dt.date(2025, 8, 1), amount=D("0"), interest=D("0")).full_clean()
    assert loan.repayments.count() == 2


# --- 13. a second bond for one contract -------------------------------------------------------------


def test_the_new_bond_page_of_a_contract_with_a_bond_leads_to_that_bond(login, broker_haarlem, bond, contract):
    response = login(broker_haarlem).get(reverse("financing:bond-create", args=[contract.pk]), follow=True)
    assert response.redirect_chain[-1][0] == bond.get_absolute_url()
    assert "al een social impact bond" in response.content.decode()


# --- 14. "1e6" as an amount ----------------------------------------------------------------------------


def test_an_amount_in_exponent_notation_is_refused(login, broker_haarlem, haarlem):
    response = login(broker_haarlem).post(reverse("financing:fund-create"), {
        "name": "Exponentfonds", "organisation": haarlem.pk, "capital": "1e6"})
    assert "capital" in response.context["form"].errors
    assert not ImpactFund.objects.filter(name="Exponentfonds").exists()


@pytest.mark.parametrize("amount", ["1e6", "2E3", "1,5e2"])
def test_the_api_refuses_an_amount_in_exponent_notation_too(api, broker_haarlem, amount):
    from rest_framework import serializers

    field = serializers.DecimalField(max_digits=14, decimal_places=2)
    with pytest.raises(serializers.ValidationError):
        field.run_validation(amount)
    assert field.run_validation("1000000.00") == D("1000000.00")
    assert field.run_validation(1e6) == D("1000000.00")  # a JSON number is a number, whatever its notation


# --- 15. a loan with repayments stays a loan -------------------------------------------------------


def test_a_loan_with_repayments_stays_a_loan(login, broker_haarlem, loan, enterprise_haarlem):
    Repayment.objects.create(investment=loan, date=dt.date(2025, 9, 1), amount=D("0"), interest=D("1400"))
    url = reverse("financing:investment-update", args=[loan.pk])
    client = login(broker_haarlem)
    assert client.get(url).context["form"].fields["kind"].disabled  # not offered
    client.post(url, {"enterprise": enterprise_haarlem.pk, "kind": "equity", "amount": "80000",
                      "date": "2025-03-01"})
    assert Investment.objects.get(pk=loan.pk).kind == "loan"
    loan.kind = "equity"
    with pytest.raises(ValidationError) as refused:  # the model's rule: the admin and any service alike
        loan.full_clean()
    assert "aflossingen" in " ".join(refused.value.message_dict["kind"])


# --- 16. gross figures in the API ----------------------------------------------------------------------


def test_the_api_schema_calls_the_fund_figures_gross(client, api, broker_haarlem, fund, loan):
    import yaml

    ImpactReport.objects.create(investment=loan, indicator="Banen", value=D("4"), period_start=dt.date(2025, 3, 1),
                                period_end=dt.date(2025, 6, 30))
    schemas = yaml.safe_load(client.get("/api/v1/schema/").content)["components"]["schemas"]
    impact = schemas["FundPortfolio"]["properties"]["impact"]
    assert "Gross" in impact["description"] and "not net impact" in impact["description"]
    assert "Gross" in schemas["FundImpactTotal"]["properties"]["total"]["description"]
    row = api(broker_haarlem).get(f"/api/v1/financing/funds/{fund.pk}/").json()
    assert row["figures"]["impact"][0]["total"] == "4.00"  # the key stays, for the clients that read it

"""User review 6, financing: SIB cash flows agree with the contract and say what is planned and
what happened; MKBA timing shares add up to exactly 1 and amounts have plausible ceilings; a claim
the ceiling leaves nothing for is not called paid and stays out of the open data; claims only for
periods that are over, a count above target needs confirmation, four eyes on verification; the
MKBA enterprise choices; truthful empty states; a metric cap below one price is refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from financing import mkba, open_data
from financing import services_outcomes as services
from financing.demo import outcomes as demo
from financing.forms.mkba import FractionField
from financing.forms.outcomes import BondCashFlowForm
from financing.models import (
    BondCashFlow,
    ClaimStatus,
    OutcomeContract,
    OutcomeMetric,
    OutcomePayment,
    SocialImpactBond,
)
from tests import factories as f

from . import outcome_factories as of
from .test_mkba_api import CALC, body
from .test_mkba_views import form_data

pytestmark = pytest.mark.django_db
D = Decimal


# --- 1. SIB cash flows and the contract agree ------------------------------------------------


@pytest.fixture
def ref(haarlem, amersfoort):
    return {"organisations": {"haarlem": haarlem, "amersfoort": amersfoort}}


def test_demo_bond_outcome_payments_are_the_contracts_payments(ref, enterprise_haarlem, ondernemer_1, broker_haarlem):
    demo.seed(size="small", ref=ref, stdout=None)
    bond = SocialImpactBond.objects.get()
    paid = sum(p.amount for p in OutcomePayment.objects.filter(contract=bond.contract))
    realised = sum(f.amount for f in bond.cash_flows.filter(kind="outcome_payment", status="realised"))
    assert paid == realised == D("200000.00")
    # Every payment is backed by a verified claim.
    assert all(p.claim.accepted_count for p in OutcomePayment.objects.filter(contract=bond.contract))


def test_bond_page_labels_flows_and_shows_totals_and_the_contract_paid(ref, enterprise_haarlem, ondernemer_1,
                                                                       broker_haarlem, login):
    demo.seed(size="small", ref=ref, stdout=None)
    bond = SocialImpactBond.objects.get()
    page = login(ondernemer_1).get(bond.get_absolute_url()).content.decode()
    assert 'id="cash-flow-source"' in page and "prognose" in page and "eigen opgave" in page
    assert 'id="cash-flow-totals"' in page and "gerealiseerd" in page
    assert "200.000,00" in page[page.index('id="contract-paid"'):]
    assert 'id="cash-flow-mismatch"' not in page


def test_bond_page_warns_when_recorded_outcome_payments_disagree(haarlem, enterprise_haarlem, broker_haarlem, login):
    bond = of.bond(of.contract(haarlem, enterprise_haarlem))
    BondCashFlow.objects.create(bond=bond, period=dt.date(2025, 10, 1), kind="outcome_payment",
                                amount=D("87500"), status="realised")
    page = login(broker_haarlem).get(bond.get_absolute_url()).content.decode()
    assert 'id="cash-flow-mismatch"' in page


def test_a_realised_outcome_payment_must_be_backed_by_the_contract(haarlem, enterprise_haarlem, broker_haarlem):
    bond = of.bond(of.contract(haarlem, enterprise_haarlem))
    data = {"period": "2025-10-01", "kind": "outcome_payment", "status": "realised", "amount": "87500", "note": ""}
    form = BondCashFlowForm(data, user=broker_haarlem, bond=bond)
    assert not form.is_valid() and "status" in form.errors
    form = BondCashFlowForm({**data, "status": "planned"}, user=broker_haarlem, bond=bond)
    assert form.is_valid(), form.errors


# --- 2 and 3. MKBA timing shares and ceilings -------------------------------------------------


def indicator(**kw):
    data = {"name": "Uit de bijstand", "count": "1", "value_per_case": "10000", "short_term": "0.2",
            "medium_term": "0.2", "long_term": "0.2"}
    data.update(kw)
    return data


def test_timing_shares_below_one_are_refused_with_the_sum():
    result, errors = mkba.parse_indicator(indicator())
    assert result is None and "0,6" in errors["long_term"][0] and "precies 1" in errors["long_term"][0]


def test_timing_shares_of_exactly_one_pass():
    result, errors = mkba.parse_indicator(indicator(short_term="0.2", medium_term="0.3", long_term="0.5"))
    assert errors == {} and result is not None


def test_api_refuses_timing_below_one(api, broker_haarlem):
    payload = body(indicators=[indicator()])
    response = api(broker_haarlem).post(CALC, payload, format="json")
    assert response.status_code == 400 and "long_term" in response.json()["indicators"][0]


def test_form_refuses_timing_below_one(login, haarlem, broker_haarlem):
    response = login(broker_haarlem).post(reverse("financing:mkba-create"), form_data(
        organisation=haarlem.pk, **{"indicators-0-short_term": "0,2", "indicators-0-medium_term": "0,2",
                                    "indicators-0-long_term": "0,2"}))
    assert response.status_code != 302 and "precies 1" in response.content.decode()


@pytest.mark.parametrize(("field", "value"), [("count", "99999999999"), ("value_per_case", "99999999999")])
def test_absurd_counts_and_values_are_refused(field, value):
    result, errors = mkba.parse_indicator(indicator(short_term="1", medium_term="0", long_term="0", **{field: value}))
    assert result is None and "10.000.000" in errors[field][0]


def test_absurd_costs_are_refused():
    with pytest.raises(mkba.Invalid) as invalid:
        mkba.parse(body(costs="99999999999"))
    assert "costs" in invalid.value.errors


# --- 9. a share typed as a percentage ------------------------------------------------------


def test_a_share_typed_with_a_percent_sign_is_read_as_a_fraction():
    field = FractionField(max_digits=5, decimal_places=4, required=False, localize=True)
    assert field.clean("25%") == D("0.25")
    assert field.clean("12,5 %") == D("0.125")


def test_indicator_labels_are_plain_words():
    assert str(mkba_field("count").verbose_name) == "aantal gevallen"
    assert "IND" not in str(mkba_field("value_per_case").verbose_name)


def mkba_field(name):
    from financing.models import MkbaIndicator

    return MkbaIndicator._meta.get_field(name)


# --- 4. a claim the ceiling leaves nothing for ----------------------------------------------


@pytest.fixture
def used_up(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem):
    """A metric whose cap (€ 10.000) the first claim uses up; the second is accepted."""
    metric = of.metric(of.contract(haarlem, enterprise_haarlem), price="5000.00", cap="10000.00")
    first = services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(2025, 1, 1),
                                  period_end=dt.date(2025, 3, 31), claimed_count=2, by=ondernemer_1)
    services.claim_pay(claim=services.claim_verify(claim=first, by=broker_haarlem, accepted_count=2), by=broker_haarlem)
    second = services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(2025, 4, 1),
                                   period_end=dt.date(2025, 6, 30), claimed_count=1, by=ondernemer_1)
    return services.claim_verify(claim=second, by=broker_haarlem, accepted_count=1)


def test_claim_page_warns_before_paying_nothing(used_up, broker_haarlem, login):
    page = login(broker_haarlem).get(used_up.get_absolute_url()).content.decode()
    preview = page[page.index('id="payment-preview"'):]
    assert "plafond is bereikt" in preview[:600]
    assert "Afhandelen zonder betaling" in page


def test_a_zero_payment_is_not_called_paid_and_stays_out_of_open_data(used_up, broker_haarlem):
    payment, created = services.claim_pay(claim=used_up, by=broker_haarlem)
    used_up.refresh_from_db()
    assert created and payment.amount == 0
    assert used_up.status == ClaimStatus.NOT_PAID_CAPPED
    assert used_up.get_status_display() == "niet betaald: plafond bereikt"
    OutcomeContract.objects.update(is_published=True)
    payments = open_data.export()["payments"]
    assert len(payments) == 1 and all(p["amount"]["value"] != "0.00" for p in payments)
    # The statement still counts it as verified and shows what the cap held back.
    row = services.statement(used_up.contract)["rows"][0]
    assert row["verified"] == 3 and row["capped"] == D("5000.00")


def test_paying_with_room_left_shows_the_amount(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem, login):
    metric = of.metric(of.contract(haarlem, enterprise_haarlem), price="5000.00")
    claim = services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(2025, 1, 1),
                                  period_end=dt.date(2025, 3, 31), claimed_count=2, by=ondernemer_1)
    claim = services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=2)
    page = login(broker_haarlem).get(claim.get_absolute_url()).content.decode()
    assert "10.000,00" in page[page.index('id="payment-preview"'):][:400]


# --- 5. claims: period over, count above target, four eyes, formatted count --------------------


@pytest.fixture
def metric(haarlem, enterprise_haarlem):
    return of.metric(of.contract(haarlem, enterprise_haarlem, start_date=dt.date(2025, 1, 1),
                                 end_date=dt.date(2030, 12, 31)), price="2500.00", target=15)


def test_a_period_not_yet_over_cannot_be_claimed(metric, ondernemer_1):
    today = dt.date.today()
    with pytest.raises(ValidationError) as error:
        services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(today.year, 1, 1),
                              period_end=dt.date(today.year, 12, 31), claimed_count=2, by=ondernemer_1)
    assert "period_end" in error.value.message_dict


def test_a_count_above_target_needs_confirmation(metric, ondernemer_1):
    with pytest.raises(ValidationError) as error:
        services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(2025, 1, 1),
                              period_end=dt.date(2025, 3, 31), claimed_count=2000, by=ondernemer_1)
    assert "2.000" in error.value.message_dict["claimed_count"][0]
    claim = services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(2025, 1, 1),
                                  period_end=dt.date(2025, 3, 31), claimed_count=2000, by=ondernemer_1,
                                  above_target_confirmed=True)
    assert claim.claimed_count == 2000


def test_claim_form_asks_for_confirmation_above_target(metric, ondernemer_1, login):
    url = reverse("financing:claim-create", args=[metric.contract.pk])
    data = {"metric": metric.pk, "period_start": "2025-01-01", "period_end": "2025-03-31", "claimed_count": "2000"}
    response = login(ondernemer_1).post(url, data)
    assert response.status_code == 400 and "bevestiging" in response.content.decode()
    assert login(ondernemer_1).post(url, {**data, "above_target_confirmed": "on"}).status_code == 302


def test_the_submitter_may_not_verify_or_pay_their_own_claim(metric, haarlem, broker_haarlem, login):
    claim = services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(2025, 1, 1),
                                  period_end=dt.date(2025, 3, 31), claimed_count=2, by=broker_haarlem)
    with pytest.raises(ValidationError) as error:
        services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=2)
    assert "vier-ogenprincipe" in str(error.value)
    page = login(broker_haarlem).get(claim.get_absolute_url()).content.decode()
    assert 'id="verify"' not in page and 'id="four-eyes"' in page
    assert login(broker_haarlem).post(reverse("financing:claim-verify", args=[claim.pk]),
                                      {"accepted_count": "2"}).status_code in (302, 400)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    colleague = f.broker(haarlem, "makelaar-haarlem-2")
    claim = services.claim_verify(claim=claim, by=colleague, accepted_count=2)
    with pytest.raises(ValidationError, match="vier-ogenprincipe"):
        services.claim_pay(claim=claim, by=broker_haarlem)
    assert services.claim_pay(claim=claim, by=colleague)[0].amount == D("5000.00")


def test_claimed_count_is_formatted(metric, ondernemer_1, broker_haarlem, login):
    claim = services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(2025, 1, 1),
                                  period_end=dt.date(2025, 3, 31), claimed_count=2000, by=ondernemer_1,
                                  above_target_confirmed=True)
    page = login(broker_haarlem).get(claim.get_absolute_url()).content.decode()
    assert "2.000 × €" in page[page.index('id="claim-claimed"'):][:80]


# --- 6. MKBA enterprise choices -------------------------------------------------------------


def test_mkba_enterprise_choices_leave_out_other_municipalities_non_admitted(
        login, api, haarlem, amersfoort, broker_amersfoort, enterprise_amersfoort):
    rejected = f.EnterpriseFactory(name="Afgewezen Haarlem", municipality=haarlem,
                                   admission_status=AdmissionStatus.REJECTED)
    admitted = f.EnterpriseFactory(name="Toegelaten Haarlem", municipality=haarlem,
                                   admission_status=AdmissionStatus.ADMITTED)
    # The enterprise is a search box (60,000 admitted nationwide): its suggestions are the choices.
    suggestions = login(broker_amersfoort).get(reverse("enterprises:suggestions"), {
        "purpose": "mkba", "q": "Haarlem"}).content.decode()
    assert "Afgewezen Haarlem" not in suggestions and "Toegelaten Haarlem" in suggestions
    assert enterprise_amersfoort.name in login(broker_amersfoort).get(reverse("enterprises:suggestions"), {
        "purpose": "mkba", "q": enterprise_amersfoort.name[:6]}).content.decode()
    response = login(broker_amersfoort).post(reverse("financing:mkba-create"),
                                             form_data(organisation=amersfoort.pk, enterprise=rejected.pk))
    assert response.status_code != 302
    data = {"organisation": "amersfoort", "title": "X", "kind": "full", "enterprise": rejected.pk,
            "indicators": [{"name": "A", "count": "1", "value_per_case": "100"}]}
    response = api(broker_amersfoort).post("/api/v1/financing/analyses/", data, format="json")
    assert response.status_code == 400 and "enterprise" in response.json()
    assert api(broker_amersfoort).post("/api/v1/financing/analyses/", {**data, "enterprise": admitted.pk},
                                       format="json").status_code == 201


# --- 7. empty states ------------------------------------------------------------------------


def test_colleague_gets_a_truthful_empty_state(haarlem, enterprise_haarlem, inkoper_haarlem, login):
    of.contract(haarlem, enterprise_haarlem, is_published=True)
    page = login(inkoper_haarlem).get(reverse("financing:outcome-contract-list")).content.decode()
    assert "Er zijn nog geen uitkomstcontracten" not in page
    assert 'id="outcome-contracts-empty"' in page and "open data" in page


def test_broker_without_contracts_is_told_about_their_own_organisation(broker_amersfoort, login):
    page = login(broker_amersfoort).get(reverse("financing:outcome-contract-list")).content.decode()
    assert "Uw organisatie heeft nog geen uitkomstcontracten" in page


# --- 8. a cap below one price ---------------------------------------------------------------


def test_a_cap_below_one_price_is_refused(haarlem, enterprise_haarlem, broker_haarlem, login):
    contract = of.contract(haarlem, enterprise_haarlem)
    data = {"name": "Uitstroom", "definition": "Zes maanden werk", "unit": "persoon", "price": "100",
            "price_status": "PUBLIC", "target": "10", "cap": "50", "validation_method": "Steekproef",
            "data_source": "Administratie", "order": "0"}
    url = reverse("financing:outcome-metric-create", args=[contract.pk])
    response = login(broker_haarlem).post(url, data)
    assert response.status_code == 400 and "nooit iets betaald" in response.content.decode()
    assert not OutcomeMetric.objects.exists()
    assert login(broker_haarlem).post(url, {**data, "cap": "100"}).status_code == 302


# --- 10. the investor's "vertrouwelijk" says what it means ----------------------------------


def test_investor_confidentiality_is_about_open_data(haarlem, enterprise_haarlem, ondernemer_1, login):
    bond = of.bond(of.contract(haarlem, enterprise_haarlem))
    page = login(ondernemer_1).get(bond.get_absolute_url()).content.decode()
    assert "niet gepubliceerd (vertrouwelijk buiten de partijen)" in page
    assert 'id="investor-visibility"' in page


# --- 11. statement layout -------------------------------------------------------------------


def test_statement_room_is_outside_the_table_and_chart_has_a_box(haarlem, enterprise_haarlem, broker_haarlem, login):
    contract = of.contract(haarlem, enterprise_haarlem)
    of.metric(contract)
    page = login(broker_haarlem).get(reverse("financing:outcome-contract-statement", args=[contract.pk])
                                     ).content.decode()
    assert 'id="statement-room"' in page and page.index("</table>") < page.index('id="statement-room"')
    assert 'class="outcome-chart"' in page

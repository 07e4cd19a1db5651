"""Outside-client review, financing: a payment's ``explanation`` in the API follows
Accept-Language (it returned the stored Dutch record to an English client), and the MKBA
calculation says a list is expected when ``indicators`` is not one."""

import datetime as dt

import pytest

from financing import services_outcomes as services

from . import outcome_factories as of

pytestmark = pytest.mark.django_db

PAYMENTS = "/api/v1/financing/payments/"
CALC = "/api/v1/financing/mkba/"


def paid(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem, *, count, cap=None):
    metric = of.metric(of.contract(haarlem, enterprise_haarlem, maximum="200000.00"), price="12500.00", cap=cap)
    claim = services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(2025, 1, 1),
                                  period_end=dt.date(2025, 3, 31), claimed_count=count, by=ondernemer_1,
                                  above_target_confirmed=True)
    claim = services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=count, reason="")
    payment, _created = services.claim_pay(claim=claim, by=broker_haarlem)
    return payment


def explanation(api, user, language):
    response = api(user).get(PAYMENTS, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    return [row["explanation"] for row in response.json()["results"]]


def test_the_payment_explanation_follows_accept_language(api, haarlem, enterprise_haarlem, ondernemer_1,
                                                         broker_haarlem):
    payment = paid(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem, count=9)
    assert explanation(api, broker_haarlem, "en") == ["9 × €12,500.00 = €112,500.00"]
    assert explanation(api, broker_haarlem, "nl") == ["9 × €\u00a012.500,00 = €\u00a0112.500,00"]
    # The stored record stays Dutch.
    payment.refresh_from_db()
    assert payment.explanation == "9 × €\u00a012.500,00 = €\u00a0112.500,00"


def test_a_capped_payment_explains_its_cap_in_english(api, haarlem, enterprise_haarlem, ondernemer_1,
                                                      broker_haarlem):
    paid(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem, count=3, cap="25000.00")
    assert explanation(api, broker_haarlem, "en") == [
        "3 × €12,500.00 = €37,500.00; capped by the cap of the outcome metric (€25,000.00 left): €25,000.00"]
    # The provider reads the same line in the same language.
    assert explanation(api, ondernemer_1, "en") == explanation(api, broker_haarlem, "en")


def test_the_pay_action_answers_in_the_readers_language(api, haarlem, enterprise_haarlem, ondernemer_1,
                                                        broker_haarlem):
    metric = of.metric(of.contract(haarlem, enterprise_haarlem), price="5000.00")
    claim = services.claim_submit(contract=metric.contract, metric=metric, period_start=dt.date(2025, 1, 1),
                                  period_end=dt.date(2025, 3, 31), claimed_count=2, by=ondernemer_1)
    services.claim_verify(claim=claim, by=broker_haarlem, accepted_count=2, reason="")
    response = api(broker_haarlem).post(f"/api/v1/financing/claims/{claim.pk}/pay/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 201, response.content
    assert response.json()["explanation"] == "2 × €5,000.00 = €10,000.00"


@pytest.mark.parametrize("indicators", ["x", {"name": "Uit de bijstand"}, 3])
def test_indicators_that_are_not_a_list_say_a_list_is_expected(api, broker_haarlem, indicators):
    response = api(broker_haarlem).post(CALC, {"indicators": indicators}, format="json",
                                        HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json()["indicators"] == [
        "Stuur de indicatoren als een lijst: een JSON-array met per indicator een object."]


def test_indicators_not_a_list_in_english(api, broker_haarlem):
    response = api(broker_haarlem).post(CALC, {"indicators": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["indicators"] == ["Send the indicators as a list: a JSON array with one object per "
                                             "indicator."]


@pytest.mark.parametrize("body", [{}, {"indicators": []}, {"indicators": None}])
def test_no_indicators_still_asks_for_at_least_one(api, broker_haarlem, body):
    response = api(broker_haarlem).post(CALC, body, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json()["indicators"] == ["Geef ten minste één indicator."]

"""All of a form's independent errors in one response (the walk about forms): a reversed claim
period was only reported after the count had been corrected; the same for a repayment without
an amount and the calculator's sums. A value its own field refused is compared with nothing."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from financing.models import ImpactFund, Investment, MkbaAnalysis, OutcomeClaim

from . import outcome_factories as of
from .test_mkba_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def metric(haarlem, enterprise_haarlem):
    end = dt.date.today() + dt.timedelta(days=400)  # a period that is still running lies within it
    return of.metric(of.contract(haarlem, enterprise_haarlem, end_date=end), target=10)


def claim(client, chosen, **data):
    return client.post(reverse("financing:claim-create", args=[chosen.contract.pk]),
                       {"metric": chosen.pk, "period_start": "2025-01-01", "period_end": "2025-03-31",
                        "claimed_count": "4", **data})


def test_a_reversed_period_and_a_wrong_count_show_together(login, metric, ondernemer_1):
    response = claim(login(ondernemer_1), metric, period_start="2025-06-30", period_end="2025-04-01",
                     claimed_count="-3")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Het einde van de periode ligt vóór het begin." in errors["period_end"]
    assert "claimed_count" in errors
    page = response.content.decode()
    assert "Het einde van de periode ligt vóór het begin." in page
    assert not OutcomeClaim.objects.exists()


def test_a_period_still_running_shows_with_a_missing_metric(login, metric, ondernemer_1):
    today = dt.date.today()
    response = claim(login(ondernemer_1), metric, metric="", period_start="2025-01-01",
                     period_end=(today + dt.timedelta(days=30)).isoformat())
    errors = response.context["form"].errors
    assert response.status_code == 400 and "metric" in errors
    assert any("De periode loopt nog" in message for message in errors["period_end"])


def test_a_refused_date_is_compared_with_nothing(login, metric, ondernemer_1):
    response = claim(login(ondernemer_1), metric, period_start="geen datum", period_end="2025-03-31",
                     claimed_count="-3")
    errors = response.context["form"].errors
    assert response.status_code == 400 and set(errors) == {"period_start", "claimed_count"}
    assert "vóór het begin" not in str(errors["period_start"])
    assert len(errors["claimed_count"]) == 1  # the field's own message, not a second one


def test_a_valid_claim_still_goes_through(login, metric, ondernemer_1):
    assert claim(login(ondernemer_1), metric).status_code == 302
    assert OutcomeClaim.objects.count() == 1


def test_a_repayment_without_amount_shows_with_a_wrong_date(login, broker_haarlem, haarlem, region,
                                                              enterprise_haarlem):
    fund = ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region)
    investment = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("80000"), kind="loan",
                                           date=dt.date(2025, 3, 1))
    response = login(broker_haarlem).post(reverse("financing:repayment-create", args=[investment.pk]),
                                          {"date": "geen datum", "amount": "0", "interest": "0"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"date", "amount"}


def test_the_calculator_sums_show_with_another_fields_error(login, haarlem, broker_haarlem):
    response = login(broker_haarlem).post(reverse("financing:mkba-create"), form_data(
        organisation=haarlem.pk, **{"indicators-0-count": "", "indicators-0-deadweight": "0,8",
                                    "indicators-0-attribution": "0,5"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_indicators-0-count_error"' in page
    assert 'id="id_indicators-0-substitution_error"' in page and "samen mogen niet meer dan 1" in page
    assert not MkbaAnalysis.objects.exists()


def test_a_refused_share_is_left_out_of_the_sum(login, haarlem, broker_haarlem):
    response = login(broker_haarlem).post(reverse("financing:mkba-create"), form_data(
        organisation=haarlem.pk, **{"indicators-0-deadweight": "veel", "indicators-0-attribution": "0,9",
                                    "indicators-0-short_term": "0,5"}))
    page = response.content.decode()
    assert response.status_code == 400 and 'id="id_indicators-0-deadweight_error"' in page
    assert "samen mogen niet meer dan 1" not in page  # "veel" is no share: there is no sum to check
    assert "samen precies 1" in page  # the timing's parts were all accepted: its sum is checked

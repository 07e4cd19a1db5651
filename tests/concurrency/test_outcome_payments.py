"""Simultaneous pay requests for one verified outcome claim produce exactly one payment (issue 11
part 2): the service locks the claim and re-checks for a payment inside the transaction; the
unique constraint on the claim backs it up."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from financing import services_outcomes as services
from financing.models import ClaimStatus, OutcomeClaim, OutcomePayment
from tests.financing import outcome_factories as of

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_simultaneous_payments_of_one_claim(race, haarlem, enterprise_haarlem, broker_haarlem):
    contract = of.contract(haarlem, enterprise_haarlem, maximum="100000.00")
    metric = of.metric(contract, price="5000.00", cap="50000.00")
    claim = of.claim(metric, count=4, status=ClaimStatus.ACCEPTED, accepted=4)

    def pay(i):
        with transaction.atomic():
            payment, created = services.claim_pay(claim=OutcomeClaim.objects.get(pk=claim.pk), by=broker_haarlem)
        return payment.pk, created

    results = race(8, pay)
    assert all(ok for ok, _ in results), results
    assert sum(created for ok, (pk, created) in results) == 1
    assert len({pk for ok, (pk, created) in results}) == 1
    assert OutcomePayment.objects.filter(claim=claim).count() == 1
    assert OutcomePayment.objects.get().amount == Decimal("20000.00")


def test_simultaneous_payments_of_two_claims_respect_the_contract_maximum(race, haarlem, enterprise_haarlem,
                                                                           broker_haarlem):
    contract = of.contract(haarlem, enterprise_haarlem, maximum="25000.00")
    metric = of.metric(contract, price="5000.00")
    claims = [of.claim(metric, count=4, status=ClaimStatus.ACCEPTED, accepted=4,
                       start=dt.date(2025, m, 1), end=dt.date(2025, m, 28)) for m in (1, 2)]

    def pay(i):
        with transaction.atomic():
            return services.claim_pay(claim=claims[i % 2], by=broker_haarlem)[0].amount

    results = race(6, pay)
    assert all(ok for ok, _ in results), results
    assert OutcomePayment.objects.count() == 2
    assert sum(OutcomePayment.objects.values_list("amount", flat=True)) == Decimal("25000.00")

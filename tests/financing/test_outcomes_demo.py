"""Outcome contracts' demo data: claims in every state, a capped payment, a bond with investors
and cash flows, a feasibility check; running it twice changes nothing. The national size in
miniature (the real run makes 2,000 contracts and 20,000 claims)."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from enterprises.checks import add_years
from financing.demo import outcomes as demo
from financing.models import (
    BondCashFlow,
    BondInvestor,
    ClaimStatus,
    FeasibilityCheck,
    OutcomeClaim,
    OutcomeContract,
    OutcomePayment,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def ref(haarlem, amersfoort, enterprise_haarlem):
    f.broker(haarlem, "makelaar-haarlem")
    f.entrepreneur(enterprise_haarlem, "ondernemer-1")
    return {"organisations": {"haarlem": haarlem, "amersfoort": amersfoort}}


def test_every_claim_state_a_bond_and_idempotent(ref, enterprise_haarlem):
    demo.seed(size="small", ref=ref, stdout=None)
    assert set(OutcomeClaim.objects.values_list("status", flat=True)) == set(ClaimStatus.values)
    assert OutcomePayment.objects.filter(capped_by="metric_cap").exists()
    assert all(c.reason for c in OutcomeClaim.objects.filter(status__in=["rejected", "partly"]))
    assert OutcomeContract.objects.filter(provider=enterprise_haarlem, is_published=True).count() == 2
    assert set(BondInvestor.objects.values_list("kind", flat=True)) == {"bank", "fund"}
    assert BondCashFlow.objects.values("kind").distinct().count() >= 4
    check = FeasibilityCheck.objects.get()
    assert check.conclusion == "explore" and check.reasons
    counts = [m.objects.count() for m in (OutcomeContract, OutcomeClaim, OutcomePayment, BondCashFlow)]
    demo.seed(size="small", ref=ref, stdout=None)
    assert [m.objects.count() for m in (OutcomeContract, OutcomeClaim, OutcomePayment, BondCashFlow)] == counts


def test_national_in_miniature(monkeypatch, haarlem, amersfoort, enterprise_haarlem, enterprise_amersfoort):
    from django.db.models import F, Sum

    monkeypatch.setattr(demo, "CONTRACTS", 12)
    monkeypatch.setattr(demo, "BATCH", 5)
    demo.national(None)
    assert OutcomeContract.objects.count() == 12
    assert OutcomeClaim.objects.count() == 12 * demo.CLAIMS_PER_CONTRACT
    assert OutcomePayment.objects.count() == OutcomeClaim.objects.filter(status="paid").count() > 0
    # Never above the maximum, as the service would have paid.
    over = (OutcomeContract.objects.annotate(paid=Sum("payments__amount")).filter(paid__gt=F("maximum")))
    assert not over.exists()
    demo.national(None)
    assert OutcomeContract.objects.count() == 12


@pytest.mark.parametrize("today", [dt.date(2028, 2, 10), dt.date(2033, 9, 30)], ids=["2028", "2033"])
def test_national_contracts_are_dated_relative_to_the_day_of_seeding(today, monkeypatch, haarlem, amersfoort,
                                                                     enterprise_haarlem, enterprise_amersfoort):
    """The national contracts started in 2023-2025 whatever the year: seeded later, all would have ended."""
    monkeypatch.setattr(demo, "CONTRACTS", 36)
    monkeypatch.setattr(demo, "BATCH", 36)
    with mock.patch.object(timezone, "localdate", return_value=today):
        demo.national(None)
    contracts = list(OutcomeContract.objects.filter(reference__startswith="NAT-UC-"))
    assert len(contracts) == 36 and all(c.start_date.day == 1 for c in contracts)
    first_of_month = today.replace(day=1)
    assert all(add_years(first_of_month, -4) < c.start_date <= add_years(first_of_month, -1) for c in contracts)
    running = [c for c in contracts if c.end_date >= today]
    assert 0 < len(running) < len(contracts)  # some ended, most still run
    assert len(running) > len(contracts) / 2

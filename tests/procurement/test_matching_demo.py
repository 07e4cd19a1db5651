"""Demo data of this part: meetings on the demo contracts, and the national bulk seed (run here
with a few contracts): valued lines, consistent totals and statuses, idempotent."""

import io
from decimal import Decimal

import pytest
from django.db.models import Sum

from enterprises.constants import AdmissionStatus
from procurement import valuation
from procurement.constants import ContractStatus, RealisationStatus
from procurement.demo import matching as matching_demo
from procurement.demo import national
from procurement.models import Contract, MatchMeeting, Realisation, RuleSet
from tests import factories as f
from tests.procurement import factories as pf


def test_meetings_demo_is_idempotent(haarlem, amersfoort, broker_haarlem, broker_amersfoort):
    for n in range(3):
        f.EnterpriseFactory(name=f"Haarlem {n}", municipality=haarlem, admission_status=AdmissionStatus.ADMITTED)
    pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem))
    ref = {"organisations": {"haarlem": haarlem, "amersfoort": amersfoort}}
    matching_demo.seed(size="small", ref=ref, stdout=io.StringIO())
    assert MatchMeeting.objects.count() == 3
    assert set(MatchMeeting.objects.values_list("recorded_by", flat=True)) == {broker_haarlem.pk}
    matching_demo.seed(size="small", ref=ref, stdout=io.StringIO())
    assert MatchMeeting.objects.count() == 3


@pytest.fixture
def small_nation(monkeypatch, haarlem, amersfoort, region):
    monkeypatch.setattr(national, "CONTRACTS", 40)
    monkeypatch.setattr(national, "BATCH", 15)
    pf.category()
    for n in range(20):
        f.EnterpriseFactory(name=f"Onderneming {n}", municipality=haarlem if n % 2 else amersfoort,
                            admission_status=AdmissionStatus.ADMITTED)
    # Haarlem's region has a table; Amersfoort has none and gets the national example.
    return pf.rule_set(region=region, name="Regeling ZKIJ")


def test_national_seed_values_lines_and_keeps_totals(small_nation, haarlem, amersfoort):
    out = io.StringIO()
    national.seed(size="national", ref={}, stdout=out)
    assert Contract.objects.count() == 40
    assert 40 * 5 <= Realisation.objects.count() <= 40 * 15
    assert Contract.objects.filter(organisation=haarlem, rule_set=small_nation).count() == 20
    example = RuleSet.objects.get(organisation=amersfoort, name=national.EXAMPLE_NAME)
    assert example.is_example and Contract.objects.filter(organisation=amersfoort, rule_set=example).count() == 20
    for contract in Contract.objects.all():
        verified = contract.realisations.filter(status=RealisationStatus.VERIFIED).aggregate(s=Sum("value"))["s"]
        assert contract.realised == (verified or Decimal("0"))
        assert contract.award_date <= contract.end_date
        assert contract.obligation_explanations["nl"] and contract.obligation_explanations["en"]
        if contract.closed_at is None:
            assert contract.status != ContractStatus.CLOSED
    for line in Realisation.objects.select_related("block")[:50]:
        assert line.explanations["nl"] and line.explanations["en"]
        assert line.contract.award_date <= line.date
    # A line's stored value is what the pure valuation says.
    line = Realisation.objects.filter(block__kind="placement").select_related("block").first()
    expected = valuation.value_realisation(valuation.BlockRule.of(line.block), valuation.LineFacts(
        date=line.date, fte=line.fte, months=line.months))
    assert line.value == expected.amount


def test_national_seed_is_idempotent(small_nation):
    national.seed(size="national", ref={}, stdout=io.StringIO())
    counts = Contract.objects.count(), Realisation.objects.count(), RuleSet.objects.count()
    national.seed(size="national", ref={}, stdout=io.StringIO())
    assert (Contract.objects.count(), Realisation.objects.count(), RuleSet.objects.count()) == counts


def test_national_seed_does_nothing_at_small_size(small_nation):
    national.seed(size="small", ref={}, stdout=io.StringIO())
    assert not Contract.objects.exists()

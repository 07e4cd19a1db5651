"""Demo data of instruments, the financing mix and impact funds: the catalogue covers every kind,
ondernemer-1's enterprise has a mix, one regional fund has investments, repayments and impact;
running it twice changes nothing."""

import pytest

from enterprises.constants import AdmissionStatus
from financing import seeding
from financing.demo import instruments as demo
from financing.models import (
    FinancingNeed,
    ImpactFund,
    ImpactReport,
    Instrument,
    InstrumentKind,
    Investment,
    MixComponent,
    Repayment,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Instrument, FinancingNeed, MixComponent, ImpactFund, Investment, Repayment,
                                        ImpactReport)]


def test_demo_is_complete_and_idempotent(haarlem, amersfoort, region, enterprise_haarlem, enterprise_amersfoort):
    for enterprise in (enterprise_haarlem, enterprise_amersfoort):
        enterprise.admission_status = AdmissionStatus.ADMITTED
        enterprise.save()
    for index in range(4):
        f.EnterpriseFactory(municipality=haarlem, admission_status=AdmissionStatus.ADMITTED, name=f"Haarlem {index}")
    f.entrepreneur(enterprise_haarlem, "ondernemer-1")
    ref = {"organisations": {"haarlem": haarlem, "amersfoort": amersfoort}, "region": region}
    seeding.seed_reference(ref=ref)
    seeding.seed(size="small", ref=ref, stdout=None)
    assert set(Instrument.objects.values_list("kind", flat=True)) == set(InstrumentKind.values)
    own = FinancingNeed.objects.get(enterprise=enterprise_haarlem)
    assert set(own.components.values_list("status", flat=True)) == {"idea", "applied", "granted", "rejected"}
    assert FinancingNeed.objects.filter(enterprise__municipality=amersfoort).exists()
    fund = ImpactFund.objects.get(name=demo.FUND_NAME)
    assert fund.region == region and fund.organisation == haarlem
    assert 1 <= fund.impact_focus.count() <= 3
    assert 4 <= fund.investments.count() <= 5
    assert Repayment.objects.filter(investment__fund=fund).exists()
    assert set(ImpactReport.objects.values_list("source_status", flat=True)) == {"measured", "self_declared"}
    before = _counts()
    seeding.seed_reference(ref=ref)
    seeding.seed(size="small", ref=ref, stdout=None)
    assert _counts() == before


def test_catalogue_rows_are_complete():
    demo.seed_reference(ref={})
    for instrument in Instrument.objects.all():
        assert instrument.provider and instrument.description and instrument.conditions, instrument.slug
        if instrument.amount_min is not None and instrument.amount_max is not None:
            assert instrument.amount_min <= instrument.amount_max

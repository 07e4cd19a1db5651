"""Demo data of instruments, the financing mix and impact funds: the catalogue covers every kind,
ondernemer-1's enterprise has a mix, one regional fund has investments, repayments and impact;
running it twice changes nothing."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

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


def _ref(haarlem, amersfoort, region, enterprise_haarlem, enterprise_amersfoort):
    for enterprise in (enterprise_haarlem, enterprise_amersfoort):
        enterprise.admission_status = AdmissionStatus.ADMITTED
        enterprise.save()
    for index in range(4):
        f.EnterpriseFactory(municipality=haarlem, admission_status=AdmissionStatus.ADMITTED, name=f"Haarlem {index}")
    f.entrepreneur(enterprise_haarlem, "ondernemer-1")
    return {"organisations": {"haarlem": haarlem, "amersfoort": amersfoort}, "region": region}


def test_demo_is_complete_and_idempotent(haarlem, amersfoort, region, enterprise_haarlem, enterprise_amersfoort):
    ref = _ref(haarlem, amersfoort, region, enterprise_haarlem, enterprise_amersfoort)
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


def _seed_on(moment, ref):
    with mock.patch.object(timezone, "now", return_value=moment):
        seeding.seed_reference(ref=ref)
        seeding.seed(size="small", ref=ref, stdout=None)
        return timezone.localdate()


def _history(today):
    """The fund's dates as (months before the month of seeding, day of the month)."""
    def back(day):
        return (today.year * 12 + today.month) - (day.year * 12 + day.month), day.day

    return sorted([back(d) for d in Investment.objects.values_list("date", flat=True)]
                  + [back(d) for d in Repayment.objects.values_list("date", flat=True)]
                  + [back(d) for row in ImpactReport.objects.values_list("period_start", "period_end") for d in row])


@pytest.mark.parametrize("moment", [dt.datetime(2028, 3, 20, 9, tzinfo=dt.UTC),
                                    dt.datetime(2031, 10, 2, 9, tzinfo=dt.UTC)], ids=["2028", "2031"])
def test_the_funds_history_reads_the_same_in_any_year(moment, haarlem, amersfoort, region, enterprise_haarlem,
                                                       enterprise_amersfoort):
    """The demo's fixed 2024-2026 dates would lie in the future or years back depending on the year."""
    today = _seed_on(moment, _ref(haarlem, amersfoort, region, enterprise_haarlem, enterprise_amersfoort))
    investments = list(Investment.objects.all())
    assert investments and all(i.date < today for i in investments)
    latest = max(i.date for i in investments)
    assert today - dt.timedelta(days=366) < latest  # the newest loan went out within the last year
    for repayment in Repayment.objects.select_related("investment"):
        assert repayment.investment.date < repayment.date < today
    for report in ImpactReport.objects.select_related("investment"):
        assert report.investment.date.replace(day=1) <= report.period_start < report.period_end < today
        assert report.period_end.day in (28, 29, 30, 31) and (report.period_end + dt.timedelta(days=1)).day == 1
    assert _history(today)[:3] == [(6, 30), (7, 1), (9, 1)]


def test_seeding_a_year_later_moves_the_fund_without_doubling_it(haarlem, amersfoort, region, enterprise_haarlem,
                                                                 enterprise_amersfoort):
    ref = _ref(haarlem, amersfoort, region, enterprise_haarlem, enterprise_amersfoort)
    first = _seed_on(dt.datetime(2028, 3, 20, 9, tzinfo=dt.UTC), ref)
    before, history = _counts(), _history(first)
    later = _seed_on(dt.datetime(2029, 5, 7, 9, tzinfo=dt.UTC), ref)
    assert _counts() == before
    assert _history(later) == history

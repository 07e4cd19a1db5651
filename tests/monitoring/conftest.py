import datetime as dt
from decimal import Decimal

import pytest

from monitoring import registry, services
from monitoring.models import SteeringGroup, Target
from tests import factories as f


@pytest.fixture
def register(haarlem, amersfoort):
    """Three enterprises in Haarlem (one admitted, 4 + 2 self-declared jobs), one in Amersfoort."""
    from enterprises.constants import AdmissionStatus

    f.EnterpriseFactory(municipality=haarlem, headcount=10, disadvantaged_count=4,
                        admission_status=AdmissionStatus.ADMITTED)
    f.EnterpriseFactory(municipality=haarlem, headcount=3, disadvantaged_count=2)
    f.EnterpriseFactory(municipality=haarlem)
    f.EnterpriseFactory(municipality=amersfoort)
    in_the_register_since()


# Before any date the tests measure (a programme's start, hence its baseline, is any date from 1970).
REGISTERED_SINCE = dt.datetime(1969, 1, 1, tzinfo=dt.UTC)


def in_the_register_since(when=REGISTERED_SINCE, **lookup):
    """Date the enterprises (``lookup``: all) as added to the register at ``when``: the register's
    stock figures count what it held at the end of a period (``enterprises.indicators._registered``),
    and a test's rows are made today, after the periods it measures."""
    from enterprises.models import Enterprise

    Enterprise.objects.filter(**lookup).update(created_at=when)


@pytest.fixture
def snapshots(register, programme, haarlem):
    """A baseline of the programme and the monthly snapshots of 2025-11 and 2025-12, a target."""
    services.baseline_take(programme=programme)
    services.snapshot_take(period=registry.month_period(2025, 11))
    december, _created = services.snapshot_take(period=registry.month_period(2025, 12))
    Target.objects.create(code="enterprises.admitted", year=2025, organisation=haarlem, value=Decimal(5))
    return december


@pytest.fixture
def chair(programme, stuurgroep):
    SteeringGroup.objects.create(programme=programme, chair=stuurgroep)
    return stuurgroep


@pytest.fixture
def run_report(django_capture_on_commit_callbacks):
    """Request a report and let the (eager) task build it."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            report, created = services.report_request(**kwargs)
        report.refresh_from_db()
        return report, created

    return run


@pytest.fixture
def annual(snapshots, broker_haarlem, haarlem, run_report):
    """Haarlem's annual report over 2025, made (the task ran)."""
    report, created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    assert created and report.status == "done"
    return report


DAY = dt.timedelta(days=1)


@pytest.fixture
def make_budget(programme):
    """``make_budget(years, spending)``: Gemeente Haarlem contributes € 10,000 in each of ``years``
    to the programme, which spends ``[(date, amount), …]`` on its team."""
    from decimal import Decimal

    from ecosystem.models import Party
    from monitoring.models import Contribution, Spending

    def make(years, spending):
        city = Party.objects.create(name="Gemeente Haarlem", category="gemeente")
        for year in years:
            Contribution.objects.create(programme=programme, party=city, year=year, money=Decimal("10000"))
        for date, amount in spending:
            Spending.objects.create(programme=programme, date=date, description="Team", amount=Decimal(amount))
        return programme

    return make


@pytest.fixture
def versions(snapshots, broker_haarlem, haarlem, run_report, django_capture_on_commit_callbacks):
    """Haarlem's 2025 annual report: v1 sent back for changes, v2 made from it."""
    first, _ = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    services.review_decide(report=first, by=broker_haarlem, outcome="changes_requested", note="Meer toelichting")
    with django_capture_on_commit_callbacks(execute=True):
        second = services.report_new_version(report=first, by=broker_haarlem)
    second.refresh_from_db()
    assert (second.version, second.status) == (2, "done")
    return first, second
